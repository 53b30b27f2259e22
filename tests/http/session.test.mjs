// Sessions over real HTTP: anonymous access, logout, the token at rest, and the idle timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

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

function anon(path, opts = {}) {
  return fetch(`${srv.url}${path}`, { redirect: 'manual', ...opts });
}

test('an anonymous GET of a private page is sent to /login', async () => {
  for (const path of ['/', '/admin/users', '/audit']) {
    const res = await anon(path);
    assert.equal(res.status, 303, path);
    assert.equal(res.headers.get('location'), '/login', path);
  }
});

test('an anonymous POST to a private route is refused with 403 and a page', async () => {
  const before = Number(sql(db, "select count(*) from audit_log where outcome = 'refused' and user_id is null"));
  const routes = ['/logout', '/lang', '/admin/organisations', '/admin/users/1/disable'];
  for (const path of routes) {
    const res = await anon(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lang: 'en', name: 'x' }),
    });
    assert.equal(res.status, 403, path);
    assert.match(await res.text(), /<h1>/, path);
  }
  const after = Number(sql(db, "select count(*) from audit_log where outcome = 'refused' and user_id is null"));
  assert.equal(after - before, routes.length, 'each refusal is audited');
  assert.equal(sql(db, "select disabled from app_user where id = 1"), '0');
});

test('logout ends the session, clears the cookie and the old cookie no longer works', async () => {
  const s = await login(srv.url, 'counselor-aoi');
  assert.equal((await as(s, `${srv.url}/`)).status, 200);
  const res = await post(s, `${srv.url}/logout`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login');
  const cleared = res.headers.getSetCookie().find((c) => c.startsWith('__Host-tsunagu='));
  assert.ok(cleared, 'the session cookie is overwritten');
  assert.match(cleared, /^__Host-tsunagu=;/);
  assert.match(cleared, /Max-Age=0/);
  const again = await as(s, `${srv.url}/`);
  assert.equal(again.status, 303);
  assert.equal(again.headers.get('location'), '/login');
  // Replaying the logout with the old cookie and token is refused: there is no session left.
  assert.equal((await post(s, `${srv.url}/logout`)).status, 403);
});

test('the session token is not stored in clear in the database', async () => {
  const s = await login(srv.url, 'city');
  assert.match(s.cookie, /^[0-9a-f]{64}$/);
  const uid = sql(db, "select id from app_user where login = 'city'");
  assert.ok(Number(sql(db, `select count(*) from session where user_id = ${uid}`)) >= 1, 'a session row exists');
  assert.equal(sql(db, `select count(*) from session where token_hash = '${s.cookie}'`), '0');
  assert.equal(sql(db, `select count(*) from session where instr(cast(token_hash as text), '${s.cookie}')`
    + ` or instr(csrf, '${s.cookie}')`), '0');
  assert.equal((await as(s, `${srv.url}/`)).status, 200);
});

test('a session idle for longer than session_idle_seconds is gone', async () => {
  const s = await login(srv.url, 'peer');
  assert.equal((await as(s, `${srv.url}/`)).status, 200);
  const uid = sql(db, "select id from app_user where login = 'peer'");
  assert.equal(sql(db, `select count(*) from session where user_id = ${uid}`), '1');
  sql(db, "update setting set value = '1' where key = 'session_idle_seconds'");
  try {
    // seen_at is the login second (it is refreshed once a minute only); expiry is now - seen > 1.
    await sleep(2500);
    const res = await as(s, `${srv.url}/`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login');
    assert.equal(sql(db, `select count(*) from session where user_id = ${uid}`), '0', 'the row is deleted');
  } finally {
    sql(db, "update setting set value = '900' where key = 'session_idle_seconds'");
  }
  // A new login works again once the setting is back.
  const fresh = await login(srv.url, 'peer');
  assert.equal((await as(fresh, `${srv.url}/`)).status, 200);
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
