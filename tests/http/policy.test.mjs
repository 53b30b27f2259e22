// The route × role matrix over real HTTP, exactly as src/auth/policy.c allows it, and refusals
// that are pages, audited, and change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
const sessions = {};

// Every GET route of the table without :id or :name.
const PATHS = ['/', '/admin/municipality', '/admin/organisations', '/admin/users', '/audit', '/audit/verify', '/stays', '/persons', '/cases',
  '/housing', '/housing/agents', '/feedback', '/referrals', '/listings', '/listings/new', '/feedback/new',
  '/meetings', '/meetings/new', '/events', '/events/new', '/calendar', '/peers', '/programmes', '/plan',
  '/indicators', '/indicators/new', '/sheet'];

// What each role may open (all else is 403).
const ALLOWED = {
  admin: ['/', '/admin/municipality', '/admin/organisations', '/admin/users'],
  city: ['/', '/admin/municipality', '/admin/organisations', '/stays', '/persons', '/cases', '/housing', '/housing/agents', '/feedback',
    '/meetings', '/events', '/calendar', '/programmes', '/plan', '/peers', '/meetings/new', '/events/new',
    '/indicators', '/indicators/new', '/sheet'],
  auditor: ['/', '/audit', '/audit/verify'],
  counselor: ['/', '/stays', '/persons', '/cases', '/housing', '/meetings', '/events', '/calendar', '/programmes', '/plan', '/peers',
    '/meetings/new', '/events/new'],
  hospital: ['/', '/persons', '/cases', '/meetings', '/events', '/calendar', '/programmes', '/plan'],
  provider: ['/', '/stays', '/persons', '/cases', '/meetings', '/events', '/calendar', '/programmes', '/plan'],
  elderly: ['/', '/persons', '/cases', '/meetings', '/events', '/calendar', '/programmes', '/plan'],
  peer: ['/', '/cases', '/meetings', '/events', '/calendar', '/programmes', '/plan'],
  agent: ['/', '/referrals', '/listings', '/listings/new', '/feedback/new'],
};
const LOGINS = {
  admin: 'admin', city: 'city', auditor: 'auditor', counselor: 'counselor-aoi', hospital: 'hospital',
  provider: 'provider', elderly: 'elderly', peer: 'peer', agent: 'agent',
};

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  for (const [role, l] of Object.entries(LOGINS)) {
    sessions[role] = await login(srv.url, l);
    assert.ok(sessions[role].cookie, `${l} logs in`);
  }
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

const refusals = () => Number(sql(db, "select count(*) from audit_log where outcome = 'refused'"));

test('every role gets 200 or 403 on every GET route exactly as the policy says', async () => {
  const expected = {};
  const actual = {};
  let forbidden = 0;
  const before = refusals();
  for (const role of Object.keys(LOGINS)) {
    expected[role] = {};
    actual[role] = {};
    for (const path of PATHS) {
      const allowed = ALLOWED[role].includes(path);
      expected[role][path] = allowed ? 200 : 403;
      const res = await as(sessions[role], `${srv.url}${path}`);
      actual[role][path] = res.status;
      const html = await res.text();
      if (res.status === 403) {
        forbidden++;
        assert.match(html, /<h1>権限がありません<\/h1>/, `${role} ${path}: a refusal page`);
        assert.match(html, /このページを表示する権限がありません。/, `${role} ${path}`);
      }
    }
  }
  assert.deepEqual(actual, expected);
  assert.equal(refusals() - before, forbidden, 'every refusal is audited');
});

test('a refusal answers 403 with a page and is in the audit log with the route pattern and user', async () => {
  const uid = sql(db, "select id from app_user where login = 'hospital'");
  const res = await as(sessions.hospital, `${srv.url}/admin/users`);
  assert.equal(res.status, 403);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  const html = await res.text();
  assert.doesNotMatch(html, /<table>/, 'no user list in the refusal');
  assert.doesNotMatch(html, /システム管理者/, 'no user names in the refusal');
  const row = sql(db, "select user_id, role, action, object_type, object_id from audit_log"
    + " where outcome = 'refused' order by id desc limit 1");
  assert.equal(row, `${uid}|hospital|users.manage|route|/admin/users`);
});

test('each role sees in its menu only the pages it may open', async () => {
  for (const role of Object.keys(LOGINS)) {
    const html = await (await as(sessions[role], `${srv.url}/`)).text();
    const nav = html.match(/<nav[^>]*>([\s\S]*?)<\/nav>/);
    assert.ok(nav, `${role}: a menu`);
    const links = [...nav[1].matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    for (const l of links) assert.ok(ALLOWED[role].includes(l), `${role} is shown ${l}`);
  }
});

test('the city POSTing a new organisation with a valid csrf is 403 and nothing is stored', async () => {
  const before = sql(db, 'select count(*) from organisation');
  const res = await post(sessions.city, `${srv.url}/admin/organisations`,
    { name: '市が勝手に作る機関', kind: 'clinic', sector: '', ward_code: '221015', active: '1' },
    { origin: srv.url });
  assert.equal(res.status, 403);
  assert.match(await res.text(), /<h1>権限がありません<\/h1>/);
  assert.equal(sql(db, 'select count(*) from organisation'), before);
  assert.equal(sql(db, "select count(*) from organisation where name = '市が勝手に作る機関'"), '0');
});

test('other roles cannot add users, disable users or add wards', async () => {
  const adminId = sql(db, "select id from app_user where login = 'admin'");
  const users = sql(db, 'select count(*) from app_user');
  for (const role of ['city', 'auditor', 'counselor', 'agent']) {
    const s = sessions[role];
    const add = await post(s, `${srv.url}/admin/users`, {
      login: `made-by-${role}`, display_name: 'x', organisation_id: '1', role: 'admin', password: 'a-long-password-123',
    });
    assert.equal(add.status, 403, `${role} adds a user`);
    assert.equal((await post(s, `${srv.url}/admin/users/${adminId}/disable`)).status, 403, `${role} disables admin`);
    assert.equal((await post(s, `${srv.url}/admin/users/${adminId}/password`, { password: 'a-long-password-123' })).status, 403);
    assert.equal((await post(s, `${srv.url}/admin/wards`, { code: '221040', name: '新区' })).status, 403);
    assert.equal((await as(s, `${srv.url}/admin/organisations/1`)).status, 403, `${role} opens an edit form`);
  }
  assert.equal(sql(db, 'select count(*) from app_user'), users);
  assert.equal(sql(db, "select disabled from app_user where login = 'admin'"), '0');
  assert.equal(sql(db, "select count(*) from ward where code = '221040'"), '0');
  assert.equal((await as(sessions.admin, `${srv.url}/`)).status, 200, 'the admin still works');
});

test('anonymous requests to private GET routes are sent to /login', async () => {
  for (const path of PATHS) {
    const res = await fetch(`${srv.url}${path}`, { redirect: 'manual' });
    assert.equal(res.status, 303, path);
    assert.equal(res.headers.get('location'), '/login', path);
  }
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
