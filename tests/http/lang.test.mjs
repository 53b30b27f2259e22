// The language switch: remembered per user, no open redirect, and the English login page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, loginForm, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let city;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  city = await login(srv.url, 'city');
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

async function home(s) {
  const res = await as(s, `${srv.url}/`);
  assert.equal(res.status, 200);
  return res.text();
}

test('POST /lang lang=en back=/ answers 303 to / and the dashboard is then English', async () => {
  assert.match(await home(city), /<html lang="ja">[\s\S]*<h1>ダッシュボード<\/h1>/);
  const res = await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  const html = await home(city);
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<h1>Dashboard<\/h1>/);
  assert.doesNotMatch(html, /ダッシュボード/);
  assert.equal(sql(db, "select lang from app_user where login = 'city'"), 'en');
});

test('the choice is remembered for the user across a new login, and only for that user', async () => {
  const again = await login(srv.url, 'city');
  assert.notEqual(again.cookie, city.cookie);
  assert.match(await home(again), /<html lang="en">[\s\S]*<h1>Dashboard<\/h1>/);
  const other = await login(srv.url, 'admin');
  assert.match(await home(other), /<html lang="ja">[\s\S]*<h1>ダッシュボード<\/h1>/);
});

test('back= is only ever a path on this site (no open redirect)', async () => {
  const cases = [
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['http://evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['evil.example', '/'],
    ['', '/'],
    ['/admin/organisations', '/admin/organisations'],
  ];
  for (const [back, where] of cases) {
    const res = await post(city, `${srv.url}/lang`, { lang: 'en', back });
    assert.equal(res.status, 303, JSON.stringify(back));
    assert.equal(res.headers.get('location'), where, JSON.stringify(back));
  }
});

test('switching back to Japanese works', async () => {
  const res = await post(city, `${srv.url}/lang`, { lang: 'ja', back: '/' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  const html = await home(city);
  assert.match(html, /<html lang="ja">/);
  assert.match(html, /<h1>ダッシュボード<\/h1>/);
  assert.equal(sql(db, "select lang from app_user where login = 'city'"), 'ja');
});

test('/login?lang=en renders the login page in English; /login stays Japanese', async () => {
  const en = await loginForm(srv.url, '?lang=en');
  assert.equal(en.res.status, 200);
  assert.match(en.html, /<html lang="en">/);
  assert.match(en.html, /<h1>Log in<\/h1>/);
  assert.ok(en.csrf && en.csrf === en.pre, 'the English form works the same way');
  const ja = await loginForm(srv.url);
  assert.match(ja.html, /<html lang="ja">[\s\S]*<h1>ログイン<\/h1>/);
  const odd = await loginForm(srv.url, '?lang=xx');
  assert.equal(odd.res.status, 200);
  assert.match(odd.html, /<html lang="ja">/, 'an unknown language falls back to Japanese');
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
