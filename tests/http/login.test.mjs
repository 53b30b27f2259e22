// Login over real HTTP: the form and its pre-login cookie, success and failure, the double-submit
// CSRF check, token rotation, and a user disabled while the server runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  demoDb, startServer, login, as, cookieFrom, tsunagu, loginForm, submitLogin, sanitizerReports, PASSWORD, removeDemoDb,
} from '../lib/server.mjs';

let db;
let srv;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

// The attributes of the Set-Cookie header for `name`: { value, attrs: Set of lower-cased attributes }.
function setCookie(res, name) {
  for (const c of res.headers.getSetCookie()) {
    const [pair, ...rest] = c.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq) === name) return { value: pair.slice(eq + 1), attrs: new Set(rest.map((a) => a.toLowerCase())) };
  }
  return undefined;
}

function assertHostCookie(c) {
  assert.ok(c, 'the cookie is set');
  for (const a of ['secure', 'httponly', 'samesite=strict', 'path=/'])
    assert.ok(c.attrs.has(a), `cookie has ${a}: ${[...c.attrs]}`);
  assert.ok(![...c.attrs].some((a) => a.startsWith('domain')), '__Host- cookies carry no Domain');
}

// A login page with the per-response parts (tokens, the typed login) blanked out.
function shape(html) {
  return html.replace(/[0-9a-f]{64}/g, 'TOKEN').replace(/(id="login" name="login"[^>]*value=")[^"]*"/, '$1"');
}

async function attempt(user, password) {
  const f = await loginForm(srv.url);
  return submitLogin(srv.url, { csrf: f.csrf, login: user, password }, `__Host-tsunagu-pre=${f.pre}`);
}

test('GET /login is Japanese by default and sets the pre-login cookie', async () => {
  const { res, html, csrf } = await loginForm(srv.url);
  assert.equal(res.status, 200);
  assert.match(html, /<html lang="ja">/);
  assert.match(html, /<h1>ログイン<\/h1>/);
  const pre = setCookie(res, '__Host-tsunagu-pre');
  assertHostCookie(pre);
  assert.match(pre.value, /^[0-9a-f]{64}$/);
  assert.equal(csrf, pre.value, 'the form carries the same token as the cookie (double submit)');
  assert.equal(res.headers.get('cache-control'), 'no-store');
});

test('the right password answers 303 to / with a fresh __Host- session cookie', async () => {
  const res = await attempt('city', PASSWORD);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  const s = setCookie(res, '__Host-tsunagu');
  assertHostCookie(s);
  assert.match(s.value, /^[0-9a-f]{64}$/);
  const pre = setCookie(res, '__Host-tsunagu-pre');
  assert.ok(pre && pre.attrs.has('max-age=0'), 'the pre-login cookie is cleared');
  const home = await as({ cookie: s.value }, `${srv.url}/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /静岡 市子/);
});

test('a wrong password answers 401 and sets no session cookie', async () => {
  const res = await attempt('counselor-aoi', 'not-the-password-2026');
  assert.equal(res.status, 401);
  assert.equal(cookieFrom(res, '__Host-tsunagu'), undefined);
  const html = await res.text();
  assert.match(html, /ログインIDまたはパスワードが違います。/);
  assert.match(html, /value="counselor-aoi"/, 'the typed login is kept in the form');
});

test('an unknown login answers 401 with the same page as a wrong password', async () => {
  const known = await attempt('hospital', 'not-the-password-2026');
  const unknown = await attempt('no-such-user', 'not-the-password-2026');
  assert.equal(known.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(cookieFrom(unknown, '__Host-tsunagu'), undefined);
  assert.equal(shape(await unknown.text()), shape(await known.text()));
});

test('the typed login is escaped when the form comes back, and empty fields are 400', async () => {
  const typed = '"><img src=x onerror=alert(1)>';
  const res = await attempt(typed, 'whatever-password');
  assert.equal(res.status, 401);
  const html = await res.text();
  assert.ok(!html.includes('<img src=x'), 'no markup from the login field');
  assert.ok(html.includes('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"'), 'kept, escaped');
  for (const [login, password] of [['city', ''], ['', PASSWORD], ['', '']]) {
    const r = await attempt(login, password);
    assert.equal(r.status, 400, `login=${login} password=${password ? 'set' : ''}`);
    assert.equal(cookieFrom(r, '__Host-tsunagu'), undefined);
    assert.match(await r.text(), /<form method="post" action="\/login"/, 'the form again');
  }
});

test('a login without the csrf field, or with one that does not match the pre-login cookie, is 403', async () => {
  const f = await loginForm(srv.url);
  const other = await loginForm(srv.url);
  const cases = [
    ['no csrf field', { login: 'city', password: PASSWORD }, `__Host-tsunagu-pre=${f.pre}`],
    ['csrf of another form', { csrf: other.csrf, login: 'city', password: PASSWORD }, `__Host-tsunagu-pre=${f.pre}`],
    ['no pre-login cookie', { csrf: f.csrf, login: 'city', password: PASSWORD }, ''],
    ['empty csrf and cookie', { csrf: '', login: 'city', password: PASSWORD }, '__Host-tsunagu-pre='],
  ];
  for (const [what, fields, cookie] of cases) {
    const res = await submitLogin(srv.url, fields, cookie);
    assert.equal(res.status, 403, what);
    assert.equal(cookieFrom(res, '__Host-tsunagu'), undefined, what);
    assert.match(await res.text(), /<h1>/, `${what}: a page, not a bare status`);
  }
});

test('a second login issues a new token and ends the one sent with it', async () => {
  const first = await login(srv.url, 'provider');
  assert.ok(first.cookie);
  const f = await loginForm(srv.url);
  const res = await submitLogin(srv.url, { csrf: f.csrf, login: 'provider', password: PASSWORD },
    `__Host-tsunagu-pre=${f.pre}; __Host-tsunagu=${first.cookie}`);
  assert.equal(res.status, 303);
  const second = cookieFrom(res, '__Host-tsunagu');
  assert.match(second, /^[0-9a-f]{64}$/);
  assert.notEqual(second, first.cookie);
  const old = await as(first, `${srv.url}/`);
  assert.equal(old.status, 303);
  assert.equal(old.headers.get('location'), '/login');
  assert.equal((await as({ cookie: second }, `${srv.url}/`)).status, 200);
});

test('a user disabled with the CLI while the server runs loses their session and cannot log in', async () => {
  const s = await login(srv.url, 'elderly');
  assert.equal((await as(s, `${srv.url}/`)).status, 200);
  const r = tsunagu(['user', 'disable', 'elderly', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const after = await as(s, `${srv.url}/`);
  assert.equal(after.status, 303);
  assert.equal(after.headers.get('location'), '/login');
  const again = await attempt('elderly', PASSWORD);
  assert.equal(again.status, 401);
  assert.equal(cookieFrom(again, '__Host-tsunagu'), undefined);
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
