// CSV import (web upload and command line) and the case-list export: all rows or none, every bad
// row reported by line, re-imports change nothing, Shift_JIS accepted, Excel-ready output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDb, startServer, login, as, sql, tsunagu, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let city;
const dir = mkdtempSync(join(tmpdir(), 'tsunagu-data-'));

const PERSONS = 'external_id,family_name,given_name,family_kana,given_kana,birth_date,sex,ward_code,public_assistance\r\n'
  + 'D-001,山田,太郎,やまだ,たろう,1958-04-02,male,221015,1\r\n'
  + 'D-002,佐藤,花子,ｻﾄｳ,ﾊﾅｺ,1970-12-31,female,,0\r\n';

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  city = await login(srv.url, 'city');
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

function upload(session, kind, bytes, name = 'data.csv') {
  const form = new FormData();
  form.append('csrf', session.csrf);
  form.append('kind', kind);
  form.append('file', new Blob([bytes], { type: 'text/csv' }), name);
  return as(session, `${srv.url}/data/import`, { method: 'POST', body: form });
}

const count = (table, where = '1=1') => Number(sql(db, `select count(*) from ${table} where ${where}`));
// The demo has its own persons and admissions: these tests count only the ones their files add.
const OURS = "person_id in (select id from person where external_id like 'D-%')";

test('the import page is for the city only', async () => {
  const page = await as(city, `${srv.url}/data/import`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /enctype="multipart\/form-data"/);
  const counselor = await login(srv.url, 'counselor-aoi');
  assert.equal((await as(counselor, `${srv.url}/data/import`)).status, 403);
  assert.equal((await upload(counselor, 'persons', PERSONS)).status, 403);
  assert.equal(count('person', "external_id like 'D-%'"), 0);
});

test('a good persons file is imported, and importing it again changes nothing', async () => {
  const first = await upload(city, 'persons', '\ufeff' + PERSONS);
  const html = await first.text();
  assert.equal(first.status, 200, html);
  assert.match(html, /ファイルを取り込みました。/);
  assert.match(html, /UTF-8 \(BOM\)/);
  assert.equal(count('person', "external_id like 'D-%'"), 2);
  assert.equal(sql(db, "select family_kana || given_kana from person where external_id = 'D-002'"), 'サトウハナコ');
  const before = sql(db, "select group_concat(updated_at) from person where external_id like 'D-%'");
  const again = await upload(city, 'persons', PERSONS);
  const text = await again.text();
  assert.equal(again.status, 200);
  assert.match(text, /<dt>変更なし<\/dt><dd>2<\/dd>/);
  assert.equal(count('person', "external_id like 'D-%'"), 2);
  assert.equal(sql(db, "select group_concat(updated_at) from person where external_id like 'D-%'"), before);
  // One audit row per stored person, with its id and no name.
  assert.equal(count('audit_log', "action = 'person.import'"), 2);
  assert.equal(count('audit_log', "object_id like '%山田%' or action like '%山田%'"), 0);
});

test('a file with bad rows stores nothing and lists every bad row by line', async () => {
  const bad = 'external_id,family_name,given_name,family_kana,given_kana,birth_date,sex,ward_code\n'
    + 'D-010,鈴木,一,すずき,はじめ,1980-01-01,male,221015\n'
    + 'D-011,高橋,二郎,たかはし,じろう,2023-02-30,male,221015\n'
    + 'D-012,,三郎,たなか,さぶろう,1980-01-01,male,221015\n'
    + 'D-013,伊藤,四郎,いとう,しろう,1980-01-01,male,999999\n';
  const res = await upload(city, 'persons', bad);
  const html = await res.text();
  assert.equal(res.status, 400);
  assert.match(html, /何も取り込まれていません。/);
  for (const line of [3, 4, 5]) assert.match(html, new RegExp(`<td class="num">${line}</td>`));
  assert.doesNotMatch(html, /<td class="num">2<\/td>/);
  assert.equal(count('person', "external_id like 'D-01%'"), 0, 'the good row of a bad file is not stored either');
});

test('missing columns are named', async () => {
  const res = await upload(city, 'persons', 'external_id,family_name\nX,Y\n');
  const html = await res.text();
  assert.equal(res.status, 400);
  assert.match(html, /given_name/);
  assert.match(html, /birth_date/);
});

test('a Shift_JIS file from Excel is read', async () => {
  const utf8 = PERSONS.replaceAll('D-00', 'S-00');
  const sjis = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: utf8 });
  const res = await upload(city, 'persons', sjis);
  const html = await res.text();
  assert.equal(res.status, 200, html);
  assert.match(html, /Shift_JIS/);
  assert.equal(sql(db, "select family_name || given_name from person where external_id = 'S-001'"), '山田太郎');
});

test('organisations and admissions import, keyed so that re-imports change nothing', async () => {
  const orgs = 'name,kind,ward_code\n清水こころクリニック,clinic,221031\n葵こころの森病院,psychiatric_hospital,221015\n';
  let res = await upload(city, 'organisations', orgs);
  assert.equal(res.status, 200, await res.text());
  assert.equal(count('organisation', "name = '清水こころクリニック'"), 1);
  const adm = 'person_external_id,hospital,admitted_on,admission_type,discharged_on,discharge_destination\n'
    + 'D-001,葵こころの森病院,2015-06-01,medical_protection,,\n'
    + 'D-002,葵こころの森病院,2020-01-10,voluntary,2020-05-01,home\n';
  res = await upload(city, 'admissions', adm);
  assert.equal(res.status, 200, await res.text());
  assert.equal(count('admission', OURS), 2);
  res = await upload(city, 'admissions', adm);
  assert.match(await res.text(), /<dt>変更なし<\/dt><dd>2<\/dd>/);
  assert.equal(count('admission', OURS), 2);
  const before = await upload(city, 'admissions',
    'person_external_id,hospital,admitted_on,admission_type,discharged_on,discharge_destination\n'
    + 'D-001,葵こころの森病院,2016-06-01,voluntary,2016-05-01,home\n');
  assert.equal(before.status, 400, 'a discharge before the admission');
  assert.equal(count('admission', OURS), 2);
});

test('an upload over 16 MiB is 413 and stores nothing', async () => {
  const big = 'external_id,family_name\n' + 'x'.repeat(17 * 1024 * 1024);
  const res = await upload(city, 'persons', big);
  assert.equal(res.status, 413);
});

test('the case list exports as CSV that Excel opens: BOM, CRLF, audited', async () => {
  const res = await as(city, `${srv.url}/cases/export.csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  assert.match(text, /^ケース,対象者,よみ,区,段階,終結理由,主担当機関,開始日,終結日\r\n/);
  assert.equal(count('audit_log', "action = 'case.export'"), 1);
  const agent = await login(srv.url, 'agent');
  assert.equal((await as(agent, `${srv.url}/cases/export.csv`)).status, 403);
});

test('the command line imports with the same rules and says which line is wrong', () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'external_id,family_name,given_name,family_kana,given_kana,birth_date,sex,ward_code\nC-1,鈴木,一,すずき,はじめ,1980-13-01,male,221015\n');
  const r = tsunagu(['import', 'persons', bad, '--db', db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`${bad}:2: birth_date: `));
  assert.match(r.stderr, /nothing was imported/);
  const good = join(dir, 'good.csv');
  writeFileSync(good, PERSONS.replaceAll('D-00', 'C-00'));
  const ok = tsunagu(['import', 'persons', good, '--db', db]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /2 rows, 2 added, 0 updated, 0 unchanged/);
  assert.match(tsunagu(['import', 'persons', good, '--db', db]).stdout, /0 added, 0 updated, 2 unchanged/);
  assert.equal(tsunagu(['import', 'nonsense', good, '--db', db]).status, 2);
  const out = join(dir, 'cases.csv');
  assert.equal(tsunagu(['export', 'cases', '--out', out, '--db', db]).status, 0);
  assert.equal(tsunagu(['verify', 'audit', '--db', db]).status, 0);
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.equal(code, 0);
  assert.deepEqual(sanitizerReports(srv.log()), []);
});
