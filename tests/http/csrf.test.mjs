// CSRF and origin checks on a state change (POST /lang), and no state change on GET.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

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

const lang = () => sql(db, "select lang from app_user where login = 'city'");

function postLang(body, headers = {}) {
  return as(city, `${srv.url}/lang`, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

test('POST /lang without a csrf field is 403 and changes nothing', async () => {
  const res = await postLang({ lang: 'en', back: '/' });
  assert.equal(res.status, 403);
  assert.match(await res.text(), /<h1>権限がありません<\/h1>[\s\S]*フォームの有効期限が切れたか、別のサイトから送信されました。/);
  assert.equal(lang(), 'ja');
});

test('POST /lang with a wrong csrf is 403', async () => {
  for (const csrf of ['', '0'.repeat(64), city.csrf.slice(0, 63), `${city.csrf}0`, city.csrf.toUpperCase()]) {
    const res = await postLang({ csrf, lang: 'en', back: '/' });
    assert.equal(res.status, 403, `csrf=${csrf}`);
  }
  assert.equal(lang(), 'ja');
});

test("another session's csrf token does not work with this session's cookie", async () => {
  const other = await login(srv.url, 'admin');
  assert.notEqual(other.csrf, city.csrf);
  const res = await postLang({ csrf: other.csrf, lang: 'en', back: '/' });
  assert.equal(res.status, 403);
  assert.equal(lang(), 'ja');
});

test('the right csrf from another origin is 403', async () => {
  const res = await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' }, { origin: 'http://evil.example' });
  assert.equal(res.status, 403);
  const port = new URL(srv.url).port;
  const look = await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' }, { origin: `http://127.0.0.1:${port}.evil.example` });
  assert.equal(look.status, 403, 'an origin that only starts like ours');
  assert.equal((await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' }, { origin: 'null' })).status, 403);
  assert.equal(lang(), 'ja');
});

test('the right csrf with Sec-Fetch-Site cross-site (or same-site) is 403', async () => {
  for (const site of ['cross-site', 'same-site']) {
    const res = await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' }, { 'sec-fetch-site': site });
    assert.equal(res.status, 403, site);
  }
  assert.equal(lang(), 'ja');
});

test('every refusal is in the audit log as a csrf refusal', async () => {
  const uid = sql(db, "select id from app_user where login = 'city'");
  const n = Number(sql(db, `select count(*) from audit_log where action = 'csrf' and outcome = 'refused' and user_id = ${uid}`));
  assert.equal(n, 1 + 5 + 1 + 3 + 2);
});

test('the right csrf with the matching Origin is 303 and the change is made', async () => {
  const res = await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' },
    { origin: srv.url, 'sec-fetch-site': 'same-origin' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  assert.equal(lang(), 'en');
  // The token may also come in the X-CSRF-Token header (script-enhanced forms).
  const back = await postLang({ lang: 'ja', back: '/' }, { 'x-csrf-token': city.csrf, origin: srv.url });
  assert.equal(back.status, 303);
  assert.equal(lang(), 'ja');
});

test('GET never changes state: GET /lang and GET /logout are 405 and the session still works', async () => {
  const g = await as(city, `${srv.url}/lang?lang=en&back=/&csrf=${city.csrf}`);
  assert.equal(g.status, 405);
  assert.match(g.headers.get('allow') || '', /POST/);
  assert.equal(lang(), 'ja');
  const out = await as(city, `${srv.url}/logout?csrf=${city.csrf}`);
  assert.equal(out.status, 405);
  assert.match(out.headers.get('allow') || '', /POST/);
  const home = await as(city, `${srv.url}/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /<html lang="ja">/);
});

// Browsers under Referrer-Policy: no-referrer send "Origin: null" on our own form posts, with
// Sec-Fetch-Site saying where the post really came from: that header decides.
test('Origin: null with Sec-Fetch-Site: same-origin is our own form', async () => {
  const ok = await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' },
    { origin: 'null', 'sec-fetch-site': 'same-origin' });
  assert.equal(ok.status, 303);
  assert.equal(lang(), 'en');
  const cross = await post(city, `${srv.url}/lang`, { lang: 'ja', back: '/' },
    { origin: 'null', 'sec-fetch-site': 'cross-site' });
  assert.equal(cross.status, 403);
  const sameSite = await post(city, `${srv.url}/lang`, { lang: 'ja', back: '/' },
    { origin: `${srv.url}`, 'sec-fetch-site': 'same-site' });
  assert.equal(sameSite.status, 403, 'a sibling subdomain is not this origin');
  assert.equal(lang(), 'en');
  assert.equal((await post(city, `${srv.url}/lang`, { lang: 'ja', back: '/' })).status, 303);
  assert.equal(lang(), 'ja');
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});

