// Indicator values as data (issue 6): GET /api/indicators for the city and
// `tsunagu report indicators` print the same JSON; the CLI also writes CSV for Excel. Bad
// fiscal years, wards and formats are refused (400 / exit 2); every other role gets 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDb, startServer, login, as, sql, tsunagu, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Every code of indicator_codes[], in order, read from the source the binary was built from.
const CODES = [...readFileSync(join(root, 'src', 'domain', 'indicator.c'), 'utf8')
  .matchAll(/^\t\{ "([a-z0-9_]+)", "[^"]+", INDICATOR_(?:COUNT|RATE|MEAN) \},$/gm)].map((m) => m[1]);

// The fiscal year of today in Japan (April to March).
const now = new Date(Date.now() + 9 * 3600 * 1000);
const FY = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;

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

const api = (s, query) => as(s, `${srv.url}/api/indicators${query}`);

test('the city gets every indicator of the fiscal year as JSON', async () => {
  assert.ok(CODES.length > 30, `codes parsed from indicator.c: ${CODES.length}`);
  const res = await api(city, `?fy=${FY}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const j = await res.json();
  assert.equal(j.municipality, '221007');
  assert.equal(j.fy, FY);
  assert.equal(j.ward, null);
  assert.match(j.as_of, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(j.indicators.map((i) => i.code), CODES);
  for (const i of j.indicators) {
    assert.deepEqual(Object.keys(i), ['code', 'value', 'provisional', 'numerator', 'denominator'], i.code);
    assert.equal(typeof i.provisional, 'boolean');
    if (i.denominator === null && i.value !== null) assert.equal(i.value, i.numerator, `${i.code}: a count`);
    if (typeof i.value === 'number' && i.denominator !== null)
      assert.equal(Math.round(i.value * 10) / 10, i.value, `${i.code}: one decimal`);
  }
  const moved = Number(sql(db, `select count(*) from housing_request where status = 'moved_in'
    and moved_in_on <= '${FY + 1}-03-31'`));
  const cases = j.indicators.find((i) => i.code === 'housing_scheme_cases');
  assert.equal(cases.value, moved);
  assert.ok(moved > 0, 'the demo moves people in through the scheme this year');
});

test('one ward: the city-wide housing figures have no value', async () => {
  const ward = sql(db, 'select code from ward order by code limit 1');
  const j = await (await api(city, `?fy=${FY}&ward=${ward}`)).json();
  assert.equal(j.ward, ward);
  const cases = j.indicators.find((i) => i.code === 'housing_scheme_cases');
  assert.deepEqual([cases.value, cases.numerator, cases.denominator], [null, null, null]);
});

test('a bad fy or ward is 400 with a JSON error', async () => {
  for (const q of ['', '?fy=', '?fy=1999', '?fy=2101', '?fy=R4', '?fy=2022x', `?fy=${FY}&ward=999999`]) {
    const res = await api(city, q);
    assert.equal(res.status, 400, q);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const j = await res.json();
    assert.equal(typeof j.error, 'string', q);
    assert.ok(j.error.length > 0, q);
  }
});

test('every other role is refused', async () => {
  for (const user of ['admin', 'counselor-aoi', 'hospital', 'provider', 'elderly', 'peer', 'agent', 'auditor']) {
    const s = await login(srv.url, user);
    assert.ok(s.cookie, user);
    assert.equal((await api(s, `?fy=${FY}`)).status, 403, user);
  }
  const anon = await fetch(`${srv.url}/api/indicators?fy=${FY}`, { redirect: 'manual' });
  assert.notEqual(anon.status, 200);
});

test('the command line prints the same JSON as the API, and CSV for Excel', async () => {
  const web = await (await api(city, `?fy=${FY}`)).text();
  const cli = tsunagu(['report', 'indicators', '--db', db, '--fy', String(FY), '--format', 'json']);
  assert.equal(cli.status, 0, cli.stderr);
  const a = JSON.parse(web);
  const b = JSON.parse(cli.stdout);
  assert.deepEqual(b.indicators, a.indicators);
  assert.equal(b.municipality, a.municipality);
  if (a.as_of === b.as_of) assert.equal(cli.stdout, web);

  const asOf = tsunagu(['report', 'indicators', '--db', db, '--fy', String(FY), '--as-of', `${FY + 5}-01-01`]);
  assert.equal(asOf.status, 0, asOf.stderr);
  const late = JSON.parse(asOf.stdout);
  assert.equal(late.as_of, `${FY + 5}-01-01`);
  assert.ok(late.indicators.every((i) => !i.provisional), 'every window has passed five years on');

  const csv = tsunagu(['report', 'indicators', '--db', db, '--fy', String(FY), '--format', 'csv']);
  assert.equal(csv.status, 0, csv.stderr);
  assert.ok(csv.stdout.startsWith('\uFEFFcode,name,value,numerator,denominator,provisional\r\n'));
  const rows = csv.stdout.slice(1).trimEnd().split('\r\n').slice(1).map((l) => l.split(','));
  assert.deepEqual(rows.map((r) => r[0]), CODES);
  const cases = rows.find((r) => r[0] === 'housing_scheme_cases');
  const json = a.indicators.find((i) => i.code === 'housing_scheme_cases');
  assert.equal(cases[1], '宅建との制度を活用したケース（累計）');
  assert.equal(cases[2], String(json.value));
  assert.equal(cases[4], '');
  assert.deepEqual(sanitizerReports(srv.log()), []);
});

test('--ward all prints every ward: one JSON line each, equal to that ward alone; CSV with a ward column', () => {
  const wards = sql(db, 'select code from ward order by code').split('\n').filter(Boolean);
  assert.equal(wards.length, 3);
  const args = ['report', 'indicators', '--db', db, '--fy', String(FY), '--as-of', `${FY + 1}-06-30`];
  const all = tsunagu([...args, '--ward', 'all']);
  assert.equal(all.status, 0, all.stderr);
  assert.ok(all.stdout.endsWith('\n'));
  const lines = all.stdout.slice(0, -1).split('\n');
  assert.equal(lines.length, wards.length);
  wards.forEach((ward, i) => {
    const one = tsunagu([...args, '--ward', ward]);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(`${lines[i]}\n`, one.stdout, ward);
    assert.equal(JSON.parse(lines[i]).ward, ward);
  });

  const csv = tsunagu([...args, '--ward', 'all', '--format', 'csv']);
  assert.equal(csv.status, 0, csv.stderr);
  assert.ok(csv.stdout.startsWith('\uFEFFward,code,name,value,numerator,denominator,provisional\r\n'));
  assert.equal(csv.stdout.split('\uFEFF').length, 2, 'one BOM, at the start');
  const rows = csv.stdout.slice(1).trimEnd().split('\r\n').slice(1).map((l) => l.split(','));
  assert.equal(rows.length, wards.length * CODES.length);
  assert.deepEqual([...new Set(rows.map((r) => r[0]))], wards);
  const one = tsunagu([...args, '--ward', wards[1], '--format', 'csv']);
  const oneRows = one.stdout.slice(1).trimEnd().split('\r\n').slice(1);
  assert.deepEqual(rows.filter((r) => r[0] === wards[1]).map((r) => r.slice(1).join(',')), oneRows);
});

test('bad arguments exit 2 with a message', () => {
  const ward = sql(db, 'select code from ward order by code limit 1');
  for (const args of [[], ['--fy', '1999'], ['--fy', 'R4'], ['--fy', '2022', '--format', 'xlsx'],
    ['--fy', '2022', '--ward', '999999'], ['--fy', '2022', '--as-of', '2022-02-30'], ['--fy', '2022', 'extra']]) {
    const r = tsunagu(['report', 'indicators', '--db', db, ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^tsunagu: /, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
  assert.equal(tsunagu(['report', 'indicators', '--db', db, '--fy', '2022', '--ward', ward]).status, 0);
});
