// The server log (stderr of `tsunagu serve --verbose`) after a run of logins, failures and admin
// actions: no names, no typed logins, no passwords, no tokens (DESIGN §7) — route patterns only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, loginForm, submitLogin, sanitizerReports, PASSWORD, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
const secrets = new Set([PASSWORD]); // strings that must never reach the log
const typedLogins = new Set();

const DEMO_NAMES = ['システム管理者', '静岡 市子', '監査 一郎', '相談 葵', '相談 駿河', '相談 清水', '病院 花子',
  '支援 太郎', '包括 和子', 'ピア 翔', '不動産 誠'];
const NEW = { login: 'secret-login-xyz', display_name: '秘匿 太郎', password: 'another-secret-pw-2026' };

before(async () => {
  db = demoDb();
  srv = await startServer(db, ['--verbose']);
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

async function session(user, password = PASSWORD) {
  typedLogins.add(user);
  const s = await login(srv.url, user, password);
  assert.ok(s.cookie, `${user} logs in`);
  secrets.add(s.cookie);
  secrets.add(s.csrf);
  return s;
}

async function fail(user, password) {
  typedLogins.add(user);
  secrets.add(password);
  const f = await loginForm(srv.url);
  secrets.add(f.pre);
  const res = await submitLogin(srv.url, { csrf: f.csrf, login: user, password }, `__Host-tsunagu-pre=${f.pre}`);
  await res.text();
  return res.status;
}

test('a run of logins, failures, refusals and admin actions', async () => {
  const city = await session('city');
  const auditor = await session('auditor');
  const admin = await session('admin');
  assert.equal(await fail('hospital', 'hospital-wrong-password'), 401);
  assert.equal(await fail('nobody-sato-hanako', 'guessed-password-1'), 401);
  for (let i = 1; i <= 5; i++) await fail('counselor-shimizu', `shimizu-wrong-${i}`);
  assert.equal(await fail('counselor-shimizu', PASSWORD), 429);
  // A password typed into the login field by mistake.
  assert.equal(await fail('mistyped-password-in-login-field', 'x'), 401);

  assert.equal((await as(city, `${srv.url}/admin/users`)).status, 403);
  assert.equal((await post(city, `${srv.url}/lang`, { lang: 'en', back: '/' })).status, 303);
  assert.equal((await as(city, `${srv.url}/?q=${encodeURIComponent('山田 太郎')}`)).status, 200);
  assert.equal((await as(city, `${srv.url}/${encodeURIComponent('山田太郎の記録')}`)).status, 404);

  const org = await post(admin, `${srv.url}/admin/organisations`,
    { name: '秘密テスト作業所', kind: 'day_service', sector: '', ward_code: '221015', active: '1' });
  assert.equal(org.status, 303);
  secrets.add('秘密テスト作業所');
  const orgId = sql(db, "select id from organisation where name = '秘密テスト作業所'");
  assert.equal((await as(admin, `${srv.url}/admin/organisations/${orgId}`)).status, 200);
  const add = await post(admin, `${srv.url}/admin/users`, { ...NEW, organisation_id: orgId, role: 'provider' });
  assert.equal(add.status, 303);
  secrets.add(NEW.display_name);
  secrets.add(NEW.password);
  const short = await post(admin, `${srv.url}/admin/users`,
    { ...NEW, login: 'short-pw-person', organisation_id: orgId, role: 'provider', password: 'shortpass123' });
  assert.equal(short.status, 400);
  secrets.add('shortpass123');
  typedLogins.add('short-pw-person');
  const uid = sql(db, `select id from app_user where login = '${NEW.login}'`);
  await session(NEW.login, NEW.password);
  assert.equal((await post(admin, `${srv.url}/admin/users/${uid}/password`, { password: 'yet-another-secret-99' })).status, 303);
  secrets.add('yet-another-secret-99');
  assert.equal((await post(admin, `${srv.url}/admin/users/${uid}/disable`)).status, 303);
  assert.equal((await as(auditor, `${srv.url}/audit`)).status, 200);
  assert.equal((await post(city, `${srv.url}/logout`)).status, 303);
});

test('the log holds route patterns, never names, typed logins, passwords or tokens', async () => {
  const code = await srv.stop();
  const log = srv.log();
  // The log is on (--verbose): one line per request, by route pattern.
  assert.match(log, /POST \/login 303 /);
  assert.match(log, /POST \/login 429 /);
  assert.match(log, /GET \/admin\/organisations\/:id 200 /);
  assert.match(log, /GET - 404 /, 'an unknown path is logged as "-"');
  for (const name of DEMO_NAMES) assert.ok(!log.includes(name), `display name ${name} in the log`);
  for (const s of secrets) assert.ok(!log.includes(s), `${s.slice(0, 12)}… in the log`);
  for (const l of typedLogins) {
    // "admin" is also the first segment of the admin routes' patterns.
    const re = l === 'admin' ? /(?<!\/)\badmin\b/ : new RegExp(l.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
    assert.doesNotMatch(log, re, `login ${l} in the log`);
  }
  for (const s of ['山田', '秘密', 'ふじみ', '静岡市', 'q=']) assert.ok(!log.includes(s), `${s} in the log`);
  // Failed logins, refusals and 4xx are not the operator's problem: nothing at warn or error.
  assert.deepEqual(log.split('\n').filter((l) => / (warn|error) /.test(l)), []);
  assert.deepEqual(sanitizerReports(log), []);
  assert.equal(code, 0);
});
