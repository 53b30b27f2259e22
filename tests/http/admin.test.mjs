// The administrator's screens over real HTTP: organisations and users, their validation, disabling
// a user, and the audit rows each change leaves (ids only, never names).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let admin;
let adminId;

const ORG = '葵テスト就労センター';
const USER = { login: 'test-worker', display_name: '試験 太郎丸', role: 'provider', password: 'a-good-long-password-42' };
let orgId;
let userId;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  admin = await login(srv.url, 'admin');
  adminId = sql(db, "select id from app_user where login = 'admin'");
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

const addOrg = (fields) => post(admin, `${srv.url}/admin/organisations`,
  { name: ORG, kind: 'day_service', sector: '', ward_code: '221015', active: '1', ...fields });

test('admin adds an organisation: 303 and it appears in the list', async () => {
  const res = await addOrg({});
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/organisations?done=created');
  const list = await as(admin, `${srv.url}/admin/organisations?done=created`);
  assert.equal(list.status, 200);
  const html = await list.text();
  assert.match(html, /保存しました。/);
  orgId = sql(db, `select id from organisation where name = '${ORG}'`);
  assert.match(orgId, /^\d+$/);
  assert.ok(html.includes(`<a href="/admin/organisations/${orgId}">${ORG}</a>`), 'the new organisation is listed');
  // The sector follows from the kind when left empty; the ward is kept.
  assert.equal(sql(db, `select kind, sector, ward_code, active from organisation where id = ${orgId}`),
    'day_service|welfare|221015|1');
});

test('a duplicate name is 409 with the form re-shown keeping the typed name', async () => {
  const res = await addOrg({ kind: 'clinic' });
  assert.equal(res.status, 409);
  const html = await res.text();
  assert.match(html, /同じ名称の機関が既に登録されています。/);
  assert.ok(html.includes(`name="name" required maxlength="200" value="${ORG}"`), 'the typed name is kept');
  assert.match(html, /<option value="clinic" selected>/, 'the chosen kind is kept');
  // Half-width katakana is normalised (NFKC) before the comparison: still the same name.
  const halfWidth = await addOrg({ name: '葵ﾃｽﾄ就労センター' });
  assert.equal(halfWidth.status, 409);
  assert.equal(sql(db, `select count(*) from organisation where name = '${ORG}'`), '1');
});

test('an empty name is 400', async () => {
  const before = sql(db, 'select count(*) from organisation');
  const res = await addOrg({ name: '' });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /機関名を入力してください/);
  assert.equal(sql(db, 'select count(*) from organisation'), before);
});

test('a bad ward code is 400', async () => {
  const before = sql(db, 'select count(*) from organisation');
  for (const ward of ['229999', '221016', 'abc', '221007']) {
    const res = await addOrg({ name: `区が違う機関 ${ward}`, ward_code: ward });
    assert.equal(res.status, 400, `ward ${ward}`);
    assert.match(await res.text(), /区を一覧から選んでください。/, `ward ${ward}`);
  }
  const kind = await addOrg({ name: '種別が違う機関', kind: 'castle' });
  assert.equal(kind.status, 400, 'an unknown kind');
  assert.equal(sql(db, 'select count(*) from organisation'), before);
});

test('admin adds a user: 303', async () => {
  const res = await post(admin, `${srv.url}/admin/users`, { ...USER, organisation_id: orgId });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/users?done=created');
  userId = sql(db, `select id from app_user where login = '${USER.login}'`);
  assert.equal(sql(db, `select display_name, organisation_id, role, disabled from app_user where id = ${userId}`),
    `${USER.display_name}|${orgId}|provider|0`);
  const list = await (await as(admin, `${srv.url}/admin/users`)).text();
  assert.ok(list.includes(`<code>${USER.login}</code>`));
});

test('a 12-character password is 400 and no user is made', async () => {
  const res = await post(admin, `${srv.url}/admin/users`,
    { ...USER, login: 'test-short-pw', organisation_id: orgId, password: 'abcdefghijkl' });
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.ok(html.includes('value="test-short-pw"'), 'the typed login is kept');
  assert.doesNotMatch(html, /abcdefghijkl/, 'the password is never echoed');
  assert.equal(sql(db, "select count(*) from app_user where login = 'test-short-pw'"), '0');
  const taken = await post(admin, `${srv.url}/admin/users`, { ...USER, organisation_id: orgId });
  assert.equal(taken.status, 409, 'a login already taken');
});

test('the new user can log in, and admin disabling them ends their session', async () => {
  const s = await login(srv.url, USER.login, USER.password);
  assert.ok(s.cookie, 'the new user logs in');
  const home = await as(s, `${srv.url}/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), new RegExp(USER.display_name));
  const res = await post(admin, `${srv.url}/admin/users/${userId}/disable`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/users?done=disabled');
  const after = await as(s, `${srv.url}/`);
  assert.equal(after.status, 303);
  assert.equal(after.headers.get('location'), '/login');
  assert.equal((await login(srv.url, USER.login, USER.password)).cookie, undefined, 'nor log in again');
  assert.equal(sql(db, `select disabled from app_user where id = ${userId}`), '1');
  // Enabled again, they log in anew; the session ended by the disable stays ended.
  const enable = await post(admin, `${srv.url}/admin/users/${userId}/enable`);
  assert.equal(enable.status, 303);
  assert.equal(enable.headers.get('location'), '/admin/users?done=enabled');
  assert.equal((await as(s, `${srv.url}/`)).status, 303);
  assert.ok((await login(srv.url, USER.login, USER.password)).cookie);
  assert.equal((await post(admin, `${srv.url}/admin/users/${userId}/disable`)).status, 303);
});

test('a new password set by the admin works, the old one does not, and the old sessions end', async () => {
  const s = await login(srv.url, 'provider');
  assert.equal((await as(s, `${srv.url}/`)).status, 200);
  const id = sql(db, "select id from app_user where login = 'provider'");
  const short = await post(admin, `${srv.url}/admin/users/${id}/password`, { password: 'short-pw' });
  assert.equal(short.status, 400);
  assert.equal((await as(s, `${srv.url}/`)).status, 200, 'a refused password changes nothing');
  const res = await post(admin, `${srv.url}/admin/users/${id}/password`, { password: 'provider-new-password-1' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/users?done=password');
  // Whoever held the account before the reset (perhaps with a stolen cookie) is out.
  const old = await as(s, `${srv.url}/`);
  assert.equal(old.status, 303);
  assert.equal(old.headers.get('location'), '/login');
  assert.equal((await login(srv.url, 'provider')).cookie, undefined, 'the old password no longer works');
  assert.ok((await login(srv.url, 'provider', 'provider-new-password-1')).cookie, 'the new one does');
  assert.equal(sql(db, `select count(*) from audit_log where action = 'user.password' and object_id = '${id}'`
    + ` and user_id = ${adminId}`), '1');
});

test('admin cannot disable themself', async () => {
  const res = await post(admin, `${srv.url}/admin/users/${adminId}/disable`);
  assert.equal(res.status, 403);
  assert.equal(sql(db, `select disabled from app_user where id = ${adminId}`), '0');
  assert.equal((await as(admin, `${srv.url}/`)).status, 200);
  const list = await (await as(admin, `${srv.url}/admin/users`)).text();
  assert.ok(!list.includes(`/admin/users/${adminId}/disable`), 'no disable button on their own row');
});

test("the admin's dashboard has no case data section", async () => {
  const html = await (await as(admin, `${srv.url}/`)).text();
  assert.match(html, /<h1>ダッシュボード<\/h1>/);
  assert.doesNotMatch(html, /対応が必要なこと/);
});

test('names are escaped on every page that shows them', async () => {
  const org = '<b>"機関\'</b>&amp;';
  const name = '<img src=x onerror=alert(1)>"\'';
  assert.equal((await addOrg({ name: org })).status, 303);
  const id = sql(db, "select id from organisation where name like '<b>%'");
  const res = await post(admin, `${srv.url}/admin/users`,
    { login: 'test-escape', display_name: name, organisation_id: id, role: 'city', password: 'a-good-long-password-43' });
  assert.equal(res.status, 303);
  const s = await login(srv.url, 'test-escape', 'a-good-long-password-43');
  const pages = [
    await (await as(admin, `${srv.url}/admin/organisations`)).text(),
    await (await as(admin, `${srv.url}/admin/organisations/${id}`)).text(),
    await (await as(admin, `${srv.url}/admin/users`)).text(),
    await (await as(s, `${srv.url}/`)).text(),
  ];
  for (const html of pages) {
    assert.ok(!html.includes('<img src=x') && !html.includes('<b>"'), 'no markup from input');
    assert.ok(html.includes('&lt;b&gt;&quot;機関&#39;&lt;/b&gt;&amp;amp;'), 'the organisation name, escaped');
  }
  assert.ok(pages[2].includes('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;'), 'the user name, escaped');
  assert.ok(pages[3].includes('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;'), 'in the page header too');
});

test('an unknown organisation or user id is 404 and changes nothing', async () => {
  const users = sql(db, 'select count(*) from app_user where disabled = 0');
  assert.equal((await as(admin, `${srv.url}/admin/organisations/99999`)).status, 404);
  assert.equal((await post(admin, `${srv.url}/admin/organisations/99999`,
    { name: 'どこにもない', kind: 'clinic', sector: '', ward_code: '', active: '1' })).status, 404);
  assert.equal((await post(admin, `${srv.url}/admin/users/99999/disable`)).status, 404);
  assert.equal((await post(admin, `${srv.url}/admin/users/99999/password`, { password: 'a-good-long-password-44' })).status, 404);
  assert.equal((await as(admin, `${srv.url}/admin/organisations/0`)).status, 404);
  assert.equal(sql(db, "select count(*) from organisation where name = 'どこにもない'"), '0');
  assert.equal(sql(db, 'select count(*) from app_user where disabled = 0'), users);
  assert.equal(sql(db, "select count(*) from audit_log where object_id = '99999'"), '0');
});

test('each change has an audit row with the acting user and no names in any column', () => {
  for (const [action, object] of [['organisation.create', orgId], ['user.create', userId], ['user.enable', userId]]) {
    const row = sql(db, `select user_id, role, object_type, object_id, outcome from audit_log where action = '${action}'`
      + ` and object_id = '${object}'`);
    assert.equal(row, `${adminId}|admin|${action.split('.')[0]}|${object}|ok`, action);
  }
  assert.equal(sql(db, `select group_concat(user_id || '|' || role || '|' || object_id || '|' || outcome, ',')`
    + ` from audit_log where action = 'user.disable'`), `${adminId}|admin|${userId}|ok,${adminId}|admin|${userId}|ok`);
  const columns = "coalesce(user_id, '') || '|' || coalesce(role, '') || '|' || action || '|' || coalesce(object_type, '')"
    + " || '|' || coalesce(object_id, '') || '|' || coalesce(addr, '') || '|' || outcome";
  for (const name of [USER.display_name, USER.login, ORG, 'test-short-pw', USER.password, 'システム管理者']) {
    assert.equal(sql(db, `select count(*) from audit_log where instr(${columns}, '${name}') > 0`), '0', name);
  }
  assert.equal(sql(db, "select count(*) from audit_log where action = 'user.create' and object_id is null"), '0');
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
