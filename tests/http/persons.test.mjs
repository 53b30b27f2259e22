// The persons screens over real HTTP: registering (kana stored as katakana whatever was typed),
// finding by name or kana in any width, the duplicate warning, bad input kept on the form with
// nothing stored, admissions, who may see whom (404, never 403, for a person out of sight), keyset
// pages, escaping, and the audit rows every read and change leaves (ids only, never names).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
const s = {};
let aoiOrg;
let hospitalOrg;
let personId;

// Hiragana family reading, half-width katakana given reading: both stored as full-width katakana.
const PERSON = {
  family_name: '繋野', given_name: '試子', family_kana: 'つなぎの', given_kana: 'ﾀﾒｺ',
  birth_date: '1961-07-15', sex: 'female', ward_code: '221015', handbook_grade: '2',
  support_category: '3', public_assistance: '1', guardian: 'none', external_id: '',
};

const persons = () => sql(db, 'select count(*) from person');
const listed = (html, id) => html.includes(`href="/persons/${id}"`);

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  for (const l of ['counselor-aoi', 'counselor-suruga', 'hospital', 'city', 'elderly', 'provider', 'agent', 'admin', 'auditor']) {
    s[l] = await login(srv.url, l);
    assert.ok(s[l].cookie, `${l} logs in`);
  }
  aoiOrg = sql(db, "select id from organisation where name = '葵区相談支援センターつむぎ'");
  hospitalOrg = sql(db, "select id from organisation where name = '葵こころの森病院'");
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

test('a counsellor registers a person: kana typed in hiragana and half-width is stored as katakana', async () => {
  const res = await post(s['counselor-aoi'], `${srv.url}/persons`, PERSON);
  assert.equal(res.status, 303);
  personId = sql(db, "select id from person where family_name = '繋野'");
  assert.match(personId, /^\d+$/);
  assert.equal(res.headers.get('location'), `/persons/${personId}?done=created`);
  assert.equal(sql(db, `select family_kana, given_kana, kana_key, birth_date, ward_code, handbook_grade,`
    + ` support_category, public_assistance, registered_by from person where id = ${personId}`),
  `ツナギノ|タメコ|ツナギノタメコ|1961-07-15|221015|2|3|1|${aoiOrg}`);
  const page = await as(s['counselor-aoi'], `${srv.url}${res.headers.get('location')}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /対象者を登録しました。/);
  assert.match(html, /<dd>繋野 試子<\/dd>/);
  assert.match(html, /<dd>ツナギノ タメコ<\/dd>/);
  assert.match(html, /1961-07-15（昭和36年7月15日）/, 'the birth date with its era');
  assert.equal(sql(db, `select count(*) from audit_log where action = 'person.create' and object_type = 'person'`
    + ` and object_id = '${personId}'`), '1');
});

test('the person is found by a hiragana, katakana, half-width or name search, and by ward', async () => {
  for (const q of ['つなぎ', 'ツナギノ', 'ﾂﾅｷﾞﾉ', 'つなぎの　ため', '繋野', '繋野試']) {
    const res = await as(s['counselor-aoi'], `${srv.url}/persons?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, q);
    const html = await res.text();
    assert.ok(listed(html, personId), `found by ${q}`);
    assert.ok(html.includes('1961-07-15（昭和36年7月15日）'), 'the birth date with its era in the list');
  }
  const otherWard = await (await as(s['counselor-aoi'], `${srv.url}/persons?q=${encodeURIComponent('つなぎ')}&ward=221023`)).text();
  assert.ok(!listed(otherWard, personId), 'the ward filter leaves them out');
  const none = await (await as(s['counselor-aoi'], `${srv.url}/persons?q=${encodeURIComponent('ぬぬぬ')}`)).text();
  assert.match(none, /該当する対象者はいません。/);
  // Searches are audited without what was searched for.
  const rows = sql(db, "select object_type, coalesce(object_id, '') from audit_log where action = 'person.search'");
  assert.ok(rows.split('\n').length >= 8);
  for (const r of rows.split('\n')) assert.equal(r, 'person|');
});

test('a likely duplicate (same reading and birth date) is 409 until the user confirms', async () => {
  const before = persons();
  const dup = { ...PERSON, family_name: '繋乃', family_kana: 'ツナギノ', given_kana: 'たメこ' };
  const res = await post(s['counselor-aoi'], `${srv.url}/persons`, dup);
  assert.equal(res.status, 409);
  const html = await res.text();
  assert.match(html, /同じよみと生年月日の方が既に登録されています。/);
  assert.ok(html.includes('value="繋乃"'), 'the typed name is kept');
  assert.match(html, /name="confirm" value="1" aria-invalid="true" aria-describedby="person-error"/);
  assert.match(html, /id="person-error"/);
  assert.equal(persons(), before, 'nothing stored');
  const ok = await post(s['counselor-aoi'], `${srv.url}/persons`, { ...dup, confirm: '1' });
  assert.equal(ok.status, 303, 'stored once confirmed');
  assert.equal(Number(persons()), Number(before) + 1);
});

test('bad input gets a clear message on the marked field, keeps the input and stores nothing', async () => {
  const before = persons();
  const cases = [
    [{ birth_date: '2023-02-30' }, 'birth_date', /生年月日をYYYY-MM-DDで入力してください/],
    [{ birth_date: '2999-01-01' }, 'birth_date', /生年月日をYYYY-MM-DDで入力してください/],
    [{ ward_code: '229999' }, 'ward_code', /区を一覧から選んでください。/],
    [{ family_kana: '繋野' }, 'family_kana', /よみをかな/],
    [{ given_name: '' }, 'given_name', /姓と名を入力してください/],
    [{ sex: 'robot' }, 'sex', /性別を一覧から選んでください。/],
  ];
  for (const [change, field, message] of cases) {
    const res = await post(s['counselor-aoi'], `${srv.url}/persons`, { ...PERSON, family_name: '入力違い', birth_date: '1962-03-03', ...change });
    assert.equal(res.status, 400, JSON.stringify(change));
    const html = await res.text();
    assert.match(html, message, JSON.stringify(change));
    assert.match(html, new RegExp(`name="${field}"[^>]*aria-invalid="true" aria-describedby="person-error"`), `${field} is marked`);
    assert.ok(html.includes('value="入力違い"'), 'the typed name is kept');
  }
  // A 2 MB name is refused before any handler runs.
  const huge = await post(s['counselor-aoi'], `${srv.url}/persons`, { ...PERSON, family_name: 'あ'.repeat(700000) });
  assert.equal(huge.status, 413);
  assert.equal(persons(), before, 'nothing stored');
});

test('an admission at 葵こころの森病院; bad dates are refused and store nothing', async () => {
  const url = `${srv.url}/persons/${personId}/admissions`;
  const good = { hospital_id: hospitalOrg, admitted_on: '2019-06-01', admission_type: 'medical_protection', discharged_on: '', discharge_destination: '' };
  const count = () => sql(db, `select count(*) from admission where person_id = ${personId}`);
  for (const [change, message] of [
    [{ admitted_on: '2023-02-30' }, /入院日をYYYY-MM-DDで入力してください/],
    [{ discharged_on: '2019-05-01', discharge_destination: 'home' }, /退院日は入院日以降/],
    [{ hospital_id: aoiOrg }, /精神科病院を一覧から選んでください。/],
  ]) {
    const res = await post(s['counselor-aoi'], url, { ...good, ...change });
    assert.equal(res.status, 400, JSON.stringify(change));
    const html = await res.text();
    assert.match(html, message);
    assert.match(html, /id="admission-error"/);
    assert.equal(count(), '0', 'nothing stored');
  }
  const res = await post(s['counselor-aoi'], url, good);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${personId}?done=admission#admissions`);
  assert.equal(sql(db, `select hospital_id, admitted_on, admission_type, discharged_on is null from admission where person_id = ${personId}`),
    `${hospitalOrg}|2019-06-01|medical_protection|1`);
  const id = sql(db, `select id from admission where person_id = ${personId}`);
  assert.equal(sql(db, `select count(*) from audit_log where action = 'admission.add' and object_id = '${id}'`), '1');
  const html = await (await as(s['counselor-aoi'], `${srv.url}/persons/${personId}`)).text();
  assert.match(html, /<td>葵こころの森病院<\/td><td><time datetime="2019-06-01">2019-06-01（令和元年6月1日）<\/time><\/td><td>医療保護入院<\/td><td>入院中<\/td>/);
});

test('who sees the person: the other ward never (404, not listed), the hospital through its admission', async () => {
  const other = s['counselor-suruga'];
  const page = await as(other, `${srv.url}/persons/${personId}`);
  assert.equal(page.status, 404);
  assert.doesNotMatch(await page.text(), /繋野/);
  const list = await (await as(other, `${srv.url}/persons?q=${encodeURIComponent('つなぎ')}`)).text();
  assert.ok(!listed(list, personId), 'not in their search');
  const admissions = sql(db, 'select count(*) from admission');
  const cases = sql(db, 'select count(*) from support_case');
  assert.equal((await post(other, `${srv.url}/persons/${personId}/admissions`,
    { hospital_id: hospitalOrg, admitted_on: '2018-01-01', admission_type: 'voluntary' })).status, 404);
  assert.equal((await post(other, `${srv.url}/persons/${personId}/cases`,
    { lead_org_id: aoiOrg, stage: 'assessing', opened_on: '2026-01-05' })).status, 404);
  assert.equal(sql(db, 'select count(*) from admission'), admissions);
  assert.equal(sql(db, 'select count(*) from support_case'), cases);
  // The elderly field and a provider see no one without a case shared with them.
  for (const l of ['elderly', 'provider']) assert.equal((await as(s[l], `${srv.url}/persons/${personId}`)).status, 404, l);
  // The hospital holds the admission; the city sees everyone.
  for (const l of ['hospital', 'city']) {
    const res = await as(s[l], `${srv.url}/persons/${personId}`);
    assert.equal(res.status, 200, l);
    assert.ok(listed(await (await as(s[l], `${srv.url}/persons?q=${encodeURIComponent('ツナギ')}`)).text(), personId), `${l} finds them`);
  }
});

test('agents, the administrator and the auditor never reach a person (403)', async () => {
  for (const l of ['agent', 'admin', 'auditor']) {
    for (const path of ['/persons', '/persons/new', `/persons/${personId}`]) {
      const res = await as(s[l], `${srv.url}${path}`);
      assert.equal(res.status, 403, `${l} ${path}`);
      assert.doesNotMatch(await res.text(), /繋野/);
    }
    assert.equal((await post(s[l], `${srv.url}/persons`, PERSON)).status, 403, `${l} POST /persons`);
    assert.doesNotMatch(await (await as(s[l], `${srv.url}/`)).text(), /href="\/persons"/, `${l} has no menu entry`);
  }
  assert.match(await (await as(s['counselor-aoi'], `${srv.url}/`)).text(), /<a href="\/persons">対象者<\/a>/);
});

test('every read of a person is audited with the id only', async () => {
  const before = Number(sql(db, `select count(*) from audit_log where action = 'person.read' and object_id = '${personId}'`));
  await (await as(s.city, `${srv.url}/persons/${personId}`)).text();
  assert.equal(Number(sql(db, `select count(*) from audit_log where action = 'person.read' and object_id = '${personId}'`)), before + 1);
  // No name, reading or search text anywhere in the audit log.
  const log = sql(db, 'select * from audit_log');
  for (const word of ['繋', 'ツナギ', 'つなぎ', 'ﾂﾅｷﾞ', '試子', '1961-07-15']) assert.ok(!log.includes(word), word);
  for (const r of sql(db, "select coalesce(object_id, '') from audit_log where outcome = 'ok'"
    + " and (action like 'person.%' or action like 'admission.%')").split('\n'))
    assert.match(r, /^\d*$/);
});

test('names are escaped everywhere they are shown', async () => {
  const evil = { ...PERSON, family_name: '<script>alert(1)</script>', given_name: '"><img src=x onerror=alert(2)>',
    family_kana: 'えびる', given_kana: 'すくりぷと', birth_date: '1970-01-01' };
  const res = await post(s['counselor-aoi'], `${srv.url}/persons`, evil);
  assert.equal(res.status, 303);
  for (const path of [res.headers.get('location'), `/persons?q=${encodeURIComponent('えびる')}`]) {
    const html = await (await as(s['counselor-aoi'], `${srv.url}${path}`)).text();
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), path);
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'), path);
    assert.doesNotMatch(html, /<script>alert|<img src=x/, path);
  }
  // And on the refused form, which echoes what was typed.
  const bad = await post(s['counselor-aoi'], `${srv.url}/persons`, { ...evil, birth_date: 'x' });
  assert.equal(bad.status, 400);
  assert.doesNotMatch(await bad.text(), /<script>alert|<img src=x/);
});

test('the list pages with a keyset cursor: 50 a page, a next link, no one twice', async () => {
  const kana = 'アイウエオカキクケコサシスセソタチツテト';
  for (let i = 0; i < 52; i++) {
    const given = kana[i % 20] + kana[Math.floor(i / 20)];
    const res = await post(s['counselor-aoi'], `${srv.url}/persons`, { ...PERSON, family_name: '頁', given_name: `${i}`,
      family_kana: 'ぺーじ', given_kana: given, birth_date: `1980-01-${String(1 + (i % 28)).padStart(2, '0')}`, confirm: '1' });
    assert.equal(res.status, 303);
  }
  const first = await (await as(s['counselor-aoi'], `${srv.url}/persons?q=${encodeURIComponent('ぺーじ')}`)).text();
  const ids = (html) => [...html.matchAll(/<a href="\/persons\/(\d+)">/g)].map((m) => m[1]);
  assert.equal(ids(first).length, 50);
  const next = first.match(/<a rel="next" href="([^"]+)">次のページ<\/a>/);
  assert.ok(next, 'a next-page link');
  const href = next[1].replaceAll('&amp;', '&');
  assert.match(href, /^\/persons\?q=%E3%81%BA%E3%83%BC%E3%81%98&ward=&after_key=%E3%83%9A%E3%83%BC/);
  const second = await (await as(s['counselor-aoi'], `${srv.url}${href}`)).text();
  assert.equal(ids(second).length, 2);
  assert.doesNotMatch(second, /rel="next"/);
  assert.equal(new Set([...ids(first), ...ids(second)]).size, 52, 'each person once');
});

test('the server log holds no sanitizer report', () => {
  assert.deepEqual(sanitizerReports(srv.log()), []);
});
