// Login throttling per account (5 failures) and per address (20 failures), with the default
// settings, and the same answer for unknown and known logins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, cookieFrom, loginForm, submitLogin, sql, sanitizerReports, PASSWORD, removeDemoDb } from '../lib/server.mjs';

let srv;
let db;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

async function attempt(login, password) {
  const f = await loginForm(srv.url);
  const res = await submitLogin(srv.url, { csrf: f.csrf, login, password }, `__Host-tsunagu-pre=${f.pre}`);
  return { res, html: await res.text() };
}

function assertThrottled({ res, html }, what) {
  assert.equal(res.status, 429, what);
  const retry = res.headers.get('retry-after');
  assert.match(retry || '', /^\d+$/, `${what}: Retry-After in seconds`);
  assert.ok(Number(retry) > 0 && Number(retry) <= 901, `${what}: Retry-After ${retry} within the window`);
  assert.equal(cookieFrom(res, '__Host-tsunagu'), undefined, `${what}: no session`);
  assert.match(html, /試行回数が多すぎます。/, what);
}

// The page of a failed login with the per-response parts (tokens, the typed login) blanked out.
const shape = (html) => html.replace(/[0-9a-f]{64}/g, 'TOKEN').replace(/(name="login"[^>]*value=")[^"]*"/, '$1"');

test('unknown and known logins both answer 401 with the same page', async () => {
  const known = await attempt('counselor-suruga', 'wrong-password-1');
  const unknown = await attempt('nobody-at-all', 'wrong-password-1');
  assert.equal(known.res.status, 401);
  assert.equal(unknown.res.status, 401);
  assert.equal(shape(unknown.html), shape(known.html));
});

test('after 5 wrong passwords even the right one is 429 with Retry-After', async () => {
  for (let i = 1; i <= 5; i++) {
    const r = await attempt('provider', `wrong-password-${i}`);
    assert.equal(r.res.status, 401, `failure ${i}`);
  }
  assertThrottled(await attempt('provider', PASSWORD), 'the 6th attempt, right password');
  assertThrottled(await attempt('provider', 'wrong-again'), 'the 7th attempt');
});

test('another login from the same address still works', async () => {
  const r = await attempt('hospital', PASSWORD);
  assert.equal(r.res.status, 303);
  assert.match(cookieFrom(r.res, '__Host-tsunagu') || '', /^[0-9a-f]{64}$/);
});

test('the failure records do not hold the typed login in clear', () => {
  assert.ok(Number(sql(db, 'select count(*) from login_failure')) > 0);
  assert.equal(sql(db, "select count(*) from login_failure where key like '%provider%' or key like '%nobody%'"
    + " or key like '%127.0.0.1%'"), '0');
});

test('20 failures from one address over different unknown logins block every login from it', async () => {
  // So far this address has 2 + 5 failures (the throttled attempts are not counted as failures).
  const addr = () => Number(sql(db, "select count(*) from login_failure where key_kind = 'addr'"));
  assert.equal(addr(), 7);
  for (let i = addr() + 1; i <= 19; i++) {
    const r = await attempt(`unknown-user-${i}`, 'some-password');
    assert.equal(r.res.status, 401, `failure ${i}`);
  }
  assert.equal(addr(), 19);
  // One below the limit a good login still passes (and a success does not add to the count).
  assert.equal((await attempt('peer', PASSWORD)).res.status, 303);
  assert.equal((await attempt('unknown-user-20', 'some-password')).res.status, 401);
  assert.equal(addr(), 20);
  assertThrottled(await attempt('agent', PASSWORD), 'a known login with the right password');
  assertThrottled(await attempt('unknown-user-21', 'x'), 'an unknown login');
  const audit = sql(db, "select count(*) from audit_log where action = 'login' and outcome = 'refused'");
  assert.equal(audit, '4', 'each throttled attempt is audited');
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
