// The hash-chained audit log: `tsunagu verify audit` and /audit/verify on an intact log, and on
// copies tampered with in each way the chain must catch; the auditor's own reads are audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDb, startServer, login, as, post, sql, tsunagu, loginForm, submitLogin, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let auditor;
let auditorId;
let last; // the id of the last row once the activity is done
const copies = mkdtempSync(join(tmpdir(), 'tsunagu-audit-'));

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  // Some activity of several kinds: logins, a failed login, a refusal, a change, a read.
  auditor = await login(srv.url, 'auditor');
  auditorId = sql(db, "select id from app_user where login = 'auditor'");
  const admin = await login(srv.url, 'admin');
  const city = await login(srv.url, 'city');
  const f = await loginForm(srv.url);
  await (await submitLogin(srv.url, { csrf: f.csrf, login: 'city', password: 'wrong-password' }, `__Host-tsunagu-pre=${f.pre}`)).text();
  await (await as(city, `${srv.url}/admin/users`)).text();
  const add = await post(admin, `${srv.url}/admin/organisations`,
    { name: '監査テスト機関', kind: 'clinic', sector: '', ward_code: '221023', active: '1' });
  assert.equal(add.status, 303);
  await (await as(admin, `${srv.url}/admin/users`)).text();
});

after(async () => {
  await srv?.stop();
  rmSync(copies, { recursive: true, force: true });
  if (db) removeDemoDb(db);
});

const verify = (path) => tsunagu(['verify', 'audit', '--db', path]);

// A consistent copy of the live database (the server keeps running), then `change` applied to it.
let copyCount = 0;
function tampered(change) {
  const path = join(copies, `copy-${++copyCount}.db`);
  sql(db, `vacuum into '${path}'`);
  assert.equal(verify(path).status, 0, 'the copy verifies before it is tampered with');
  sql(path, change);
  return path;
}

test('verify audit prints "audit log OK" and exits 0 after activity', () => {
  last = Number(sql(db, 'select max(id) from audit_log'));
  assert.ok(last >= 15, `rows: ${last}`);
  const r = verify(db);
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/^audit log OK: (\d+) rows verified$/m);
  assert.ok(m, r.stdout);
  assert.ok(Number(m[1]) >= last);
});

test("the auditor's /audit/verify says the log is intact", async () => {
  const res = await as(auditor, `${srv.url}/audit/verify`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /監査ログは改ざんされていません。/);
  assert.doesNotMatch(html, /監査ログが改ざんされています。/);
});

test("an auditor's read of /audit is itself audited", async () => {
  const reads = () => Number(sql(db, `select count(*) from audit_log where action = 'audit.read' and user_id = ${auditorId}`
    + " and role = 'auditor' and outcome = 'ok'"));
  const before = reads();
  const res = await as(auditor, `${srv.url}/audit`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<code>organisation.create<\/code>/, 'the log lists the changes');
  assert.match(html, /<code>users.manage<\/code>/, 'and the refusals');
  assert.equal(reads(), before + 1);
  const verifies = sql(db, `select count(*) from audit_log where action = 'audit.verify' and user_id = ${auditorId}`);
  assert.equal(verifies, '1', 'the verification page read is audited too');
});

test('a changed action is caught at its row', () => {
  const r = verify(tampered("update audit_log set action = 'user.list' where id = 7"));
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^audit log BROKEN at row 7: this row was changed after it was written$/m);
});

test('a deleted middle row is caught at the row after it', () => {
  const mid = Math.floor(last / 2);
  const r = verify(tampered(`delete from audit_log where id = ${mid}`));
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`^audit log BROKEN at row ${mid + 1}: a row is missing before this one$`, 'm'));
});

test('a forged row appended with the right link and a matching head is caught', () => {
  const n = Number(sql(db, 'select max(id) from audit_log'));
  const forged = 'f'.repeat(64);
  const r = verify(tampered(
    "insert into audit_log (id, at, user_id, role, action, object_type, object_id, addr, outcome, prev_hash, hash)"
    + ` select id + 1, at, 1, 'admin', 'user.disable', 'user', '3', '127.0.0.1', 'ok', hash, '${forged}'`
    + ` from audit_log where id = ${n};`
    + ` update audit_head set last_id = last_id + 1, row_count = row_count + 1, last_hash = '${forged}';`));
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`^audit log BROKEN at row ${n + 1}: this row was changed after it was written$`, 'm'));
});

test('two rows swapped through a temporary id are caught', () => {
  const r = verify(tampered('update audit_log set id = -1 where id = 4;'
    + ' update audit_log set id = 4 where id = 3; update audit_log set id = 3 where id = -1;'));
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^audit log BROKEN at row 3: this row does not link to the row before it$/m);
});

test('the last row deleted (audit_head left as it was) is caught', () => {
  const n = Number(sql(db, 'select max(id) from audit_log'));
  const r = verify(tampered(`delete from audit_log where id = ${n}`));
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`^audit log BROKEN after row ${n - 1}: .*removed from the end$`, 'm'));
});

test('tampering with the live database shows on /audit/verify and in verify audit', async () => {
  sql(db, "update audit_log set outcome = 'failed' where id = 2");
  const r = verify(db);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^audit log BROKEN at row 2: /m);
  const res = await as(auditor, `${srv.url}/audit/verify`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /監査ログが改ざんされています。/);
  assert.doesNotMatch(html, /監査ログは改ざんされていません。/);
  assert.match(html, /最初に不整合が見つかった行: 2 /);
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
