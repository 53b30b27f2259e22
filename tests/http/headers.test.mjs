// Security headers on every kind of response, caching, error statuses, the body limit, static
// assets with ETag, and markup that a CSP without 'unsafe-inline' does not break.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, loginForm, submitLogin, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let admin;
let city;
let auditor;
const pages = []; // [what, html] of every HTML page fetched, for the inline-markup check

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  admin = await login(srv.url, 'admin');
  city = await login(srv.url, 'city');
  auditor = await login(srv.url, 'auditor');
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

function assertSecurityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: no unsafe-inline`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: frame-ancestors 'none'`);
  assert.match(csp, /(^|;)\s*script-src 'self'(;|$)/, `${what}: scripts from this site only`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
}

// Fetches, checks the security headers and keeps any HTML page; resolves to { res, body }.
async function get(what, path, opts = {}, session = null) {
  const res = session ? await as(session, `${srv.url}${path}`, opts)
    : await fetch(`${srv.url}${path}`, { redirect: 'manual', ...opts });
  const body = await res.text();
  assertSecurityHeaders(res, what);
  if ((res.headers.get('content-type') || '').startsWith('text/html') && body) pages.push([what, body]);
  return { res, body };
}

test('pages, redirects and errors all carry the security headers; private pages are no-store', async () => {
  const authenticated = [
    ['home as admin', '/', admin], ['users', '/admin/users', admin], ['organisations', '/admin/organisations', admin],
    ['organisation edit', '/admin/organisations/1', admin], ['municipality', '/admin/municipality', admin],
    ['home as city', '/', city], ['organisations as city', '/admin/organisations', city],
    ['home as auditor', '/', auditor], ['audit log', '/audit', auditor], ['audit verify', '/audit/verify', auditor],
  ];
  for (const [what, path, s] of authenticated) {
    const { res } = await get(what, path, {}, s);
    assert.equal(res.status, 200, what);
    assert.equal(res.headers.get('cache-control'), 'no-store', what);
  }
  const login = await get('login page', '/login');
  assert.equal(login.res.status, 200);
  assert.equal(login.res.headers.get('cache-control'), 'no-store');
  await get('login page in English', '/login?lang=en');

  const redirect = await get('anonymous home', '/');
  assert.equal(redirect.res.status, 303);
  const refused = await get('city on users', '/admin/users', {}, city);
  assert.equal(refused.res.status, 403);
  assert.equal(refused.res.headers.get('cache-control'), 'no-store');
  const notFound = await get('unknown path', '/no/such/page');
  assert.equal(notFound.res.status, 404);
  const notFoundIn = await get('unknown path, logged in', '/admin/nothing', {}, admin);
  assert.equal(notFoundIn.res.status, 404);
  const wrong = await get('GET on a POST route', '/logout');
  assert.equal(wrong.res.status, 405);

  const f = await loginForm(srv.url);
  const failed = await submitLogin(srv.url, { csrf: f.csrf, login: 'city', password: 'wrong-password-here' },
    `__Host-tsunagu-pre=${f.pre}`);
  assert.equal(failed.status, 401);
  assertSecurityHeaders(failed, 'failed login');
  pages.push(['failed login', await failed.text()]);
  const bad = await post(admin, `${srv.url}/admin/organisations`, { name: '', kind: 'clinic', ward_code: '', active: '1' });
  assert.equal(bad.status, 400);
  assertSecurityHeaders(bad, 'invalid form');
  pages.push(['invalid form', await bad.text()]);
  const health = await get('healthz', '/healthz');
  assert.equal(health.res.status, 200);
});

test('/healthz answers 200 "ok"', async () => {
  const res = await fetch(`${srv.url}/healthz`);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'ok');
  assert.match(res.headers.get('content-type'), /^text\/plain/);
});

test('an unknown path is 404 with a Japanese page', async () => {
  const { res, body } = await get('404 page', '/nothing-here');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(body, /<html lang="ja">/);
  assert.match(body, /<h1>見つかりません<\/h1>/);
  assert.match(body, /ページが見つかりません。/);
});

test('a wrong method on a known path is 405 with an Allow header naming what the path accepts', async () => {
  const cases = [
    ['GET', '/lang', 'POST'], ['GET', '/logout', 'POST'], ['POST', '/', 'GET, HEAD'], ['POST', '/healthz', 'GET, HEAD'],
    ['PUT', '/login', 'GET, HEAD, POST'], ['DELETE', '/admin/users', 'GET, HEAD, POST'],
    ['GET', '/admin/users/3/disable', 'POST'], ['POST', '/static/style.css', 'GET, HEAD'],
  ];
  for (const [method, path, allow] of cases) {
    const { res, body } = await get(`${method} ${path}`, path, { method, body: method === 'GET' ? undefined : '' }, admin);
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.equal(res.headers.get('allow'), allow, `${method} ${path}: Allow`);
    assert.match(body, /<h1>利用できない操作です<\/h1>/);
  }
});

test('a POST body over 1 MiB is refused with 413', async () => {
  const body = `csrf=${admin.csrf}&name=${'a'.repeat((1 << 20) + 16)}`;
  const res = await as(admin, `${srv.url}/admin/organisations`, {
    method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 413);
  assertSecurityHeaders(res, '413');
  const html = await res.text();
  assert.match(html, /<h1>サイズ超過<\/h1>/);
  pages.push(['413', html]);
  // Just under the limit is read (and refused for its content, not its size).
  const under = `csrf=${admin.csrf}&kind=nonsense&name=${'a'.repeat((1 << 20) - 100)}`;
  const ok = await as(admin, `${srv.url}/admin/organisations`, {
    method: 'POST', body: under, headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.notEqual(ok.status, 413);
  await ok.arrayBuffer();
  // The server is still answering.
  assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
});

test('a static asset has an ETag, and If-None-Match answers 304 with an empty body', async () => {
  const { res, body } = await get('style.css', '/static/style.css');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/css/);
  assert.ok(body.length > 0);
  assert.doesNotMatch(res.headers.get('cache-control') || '', /no-store/, 'a static asset may be cached');
  const etag = res.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+"$/);
  const again = await get('style.css 304', '/static/style.css', { headers: { 'if-none-match': etag } });
  assert.equal(again.res.status, 304);
  assert.equal(again.body, '');
  const changed = await get('style.css other etag', '/static/style.css', { headers: { 'if-none-match': '"0"' } });
  assert.equal(changed.res.status, 200);
  const js = await get('app.js', '/static/app.js');
  assert.equal(js.res.status, 200);
  assert.match(js.res.headers.get('content-type'), /^text\/javascript/);
  // The versioned URL the pages use works too.
  const link = pages[0][1].match(/href="(\/static\/style\.css\?v=[0-9a-f]+)"/);
  assert.ok(link, 'pages link the stylesheet with a version');
  assert.equal((await get('versioned style.css', link[1])).res.status, 200);
});

test('an unknown static asset is 404', async () => {
  for (const path of ['/static/nope.css', '/static/..%2fschema.sql', '/static/']) {
    const { res } = await get(path, path);
    assert.equal(res.status, 404, path);
  }
});

test('no page has inline script, inline event handlers or style attributes', () => {
  assert.ok(pages.length >= 20, `pages checked: ${pages.length}`);
  for (const [what, html] of pages) {
    assert.match(html, /^<!doctype html>/, what);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.match(m[1], /\ssrc="\/static\//, `${what}: a script comes from /static`);
      assert.equal(m[2].trim(), '', `${what}: a script element has no content`);
    }
    assert.doesNotMatch(html, /<style\b/i, `${what}: no <style> element`);
    for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
      assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, `${what}: inline handler in ${tag}`);
      assert.doesNotMatch(tag, /\sstyle\s*=/i, `${what}: style attribute in ${tag}`);
      assert.doesNotMatch(tag, /javascript:/i, `${what}: javascript: URL in ${tag}`);
    }
  }
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
