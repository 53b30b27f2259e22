// Import is how a city loads its history (issue 6: "the indicators must be right for any data so
// loaded"): a fresh database gets the worked example of INDICATORS.md — persons P and Q and their
// admissions — through `tsunagu import` from CSV, exactly as a city would, and `tsunagu report
// indicators` must then give the worked figures; an indicator the city sets over them (through
// the web forms) shows them on the sheet, computed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsunagu, sql, startServer, login, post, PASSWORD } from '../lib/server.mjs';

let dir;
let db;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsunagu-test-'));
  db = join(dir, 'city.db');
  const init = tsunagu(['init', '--db', db, '--municipality', '221007', '--name', '静岡市', '--ward', '221015:葵区',
    '--ward', '221023:駿河区', '--ward', '221031:清水区', '--admin', 'admin', '--password', PASSWORD]);
  assert.equal(init.status, 0, init.stderr);
  const files = {
    'organisations.csv': 'name,kind,ward_code\r\n例示病院,psychiatric_hospital,221015\r\n',
    'office.csv': 'name,kind,ward_code\r\n障害福祉課,city_office,\r\n',
    // P lives in 葵区, Q in 駿河区 (the worked example has no wards; they split it here).
    'persons.csv': 'external_id,family_name,given_name,family_kana,given_kana,birth_date,sex,ward_code\r\n'
      + 'P,例示,ぴー,れいじ,ぴー,1960-05-01,male,221015\r\n'
      + 'Q,例示,きゅー,れいじ,きゅー,1990-01-01,female,221023\r\n',
    'admissions.csv': 'person_external_id,hospital,admitted_on,admission_type,discharged_on,discharge_destination\r\n'
      + 'P,例示病院,2020-04-10,voluntary,2022-01-15,home\r\n'
      + 'P,例示病院,2022-06-01,voluntary,2022-06-20,home\r\n'
      + 'Q,例示病院,2022-04-01,voluntary,2022-05-01,home\r\n'
      + 'Q,例示病院,2022-07-01,medical_protection,2022-07-11,home\r\n',
  };
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(join(dir, name), body);
    if (name === 'office.csv') continue; // imported by the test that needs the city's user
    const r = tsunagu(['import', name.replace('.csv', ''), join(dir, name), '--db', db]);
    assert.equal(r.status, 0, `${name}: ${r.stderr}${r.stdout}`);
  }
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const figures = (fy, ward) => {
  const r = tsunagu(['report', 'indicators', '--db', db, '--fy', String(fy), '--as-of', '2026-11-24',
    ...(ward ? ['--ward', ward] : [])]);
  assert.equal(r.status, 0, r.stderr);
  return Object.fromEntries(JSON.parse(r.stdout).indicators.map((i) => [i.code, i]));
};

test('the worked example, imported from CSV, gives the worked figures', () => {
  assert.equal(sql(db, 'select count(*) from admission'), '4');
  const y21 = figures(2021);
  assert.equal(y21.longstay_inpatients.value, 1);
  assert.equal(y21.longstay_inpatients_under65.value, 1);
  assert.equal(y21.community_days_1y.value, null, 'A1 stayed over a year: an empty cohort, no value');
  const y22 = figures(2022);
  assert.equal(y22.longstay_inpatients.value, 0);
  assert.deepEqual([y22.community_days_1y.value, y22.community_days_1y.numerator, y22.community_days_1y.denominator], [361.7, 1085, 3]);
  assert.deepEqual([y22.readmission_rate_90d.value, y22.readmission_rate_90d.numerator], [33.3, 1]);
  assert.deepEqual([y22.early_discharge_rate_3m.value, y22.early_discharge_rate_3m.denominator], [100, 3]);
  // The same split by the persons' wards: P alone in 葵区, Q alone in 駿河区.
  assert.equal(figures(2022, '221015').community_days_1y.value, 365);
  assert.deepEqual([figures(2022, '221023').community_days_1y.value, figures(2022, '221023').community_days_1y.denominator], [360, 2]);
  assert.equal(figures(2022, '221031').community_days_1y.value, null);
});

test('an indicator the city sets over the imported records shows its figures on the sheet, computed', async () => {
  const office = tsunagu(['import', 'organisations', join(dir, 'office.csv'), '--db', db]);
  assert.equal(office.status, 0, office.stderr);
  const add = tsunagu(['user', 'add', 'city', '--name', '市 職員', '--org', '障害福祉課', '--role', 'city', '--password', PASSWORD, '--db', db]);
  assert.equal(add.status, 0, add.stderr);
  const srv = await startServer(db);
  try {
    const city = await login(srv.url, 'city');
    const made = await post(city, `${srv.url}/indicators`, {
      position: '1', name: '退院後1年以内の地域における平均生活日数', computation: 'community_days_1y', ward_code: '', unit: '日',
    });
    assert.equal(made.status, 303);
    const id = made.headers.get('location').match(/\/indicators\/(\d+)/)[1];
    for (const fy of ['2022', '2023']) {
      const y = await post(city, `${srv.url}/indicators/${id}/years`, { fy, target_fy: fy, target: '325.3' });
      assert.equal(y.status, 303, fy);
    }
  } finally {
    await srv.stop();
  }
  const out = join(dir, 'sheet.html');
  const r = tsunagu(['report', 'sheet', '--db', db, '--fy', '2022', '--format', 'html', '--out', out, '--as-of', '2026-11-24']);
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  // §4 of FY2022: the target 325.3日 entered, the actual 361.7日 computed; §5 (set at the start
  // of FY2023): the baseline is FY2022's figure, computed.
  assert.match(html, /325\.3日<\/td><td class="figure computed">361\.7日＊<\/td>/);
  assert.match(html, /<td class="figure computed">361\.7日＊<\/td><td class="figure">325\.3日<\/td>/);
});
