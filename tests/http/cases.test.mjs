// Support cases over real HTTP: opening one, the one case screen, who sees it (the other ward
// never, the hospital through its admission, the elderly field only while on the team AND under
// the elderly_field consent — gone again the moment it is revoked), the stage machine (an illegal
// move is 400 with nothing stored), the discharge that schedules follow-ups +1/+3/+6/+12 months,
// recording a follow-up, a hospital's referral, and an audit row for every read and change that
// carries ids only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
const s = {};
const org = {};
let personId;
let admissionId;
let caseId;

// Today in Japan, as the server judges consents.
const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);

const PERSON = {
  family_name: '結城', given_name: '<b>つなぐ</b>', family_kana: 'ゆうき', given_kana: 'つなぐ',
  birth_date: '1958-02-11', sex: 'male', ward_code: '221015',
};

const count = (table, where = '1') => sql(db, `select count(*) from ${table} where ${where}`);
const page = (who, id = caseId) => as(s[who], `${srv.url}/cases/${id}`);
const change = (who, what, fields, id = caseId) => post(s[who], `${srv.url}/cases/${id}/${what}`, fields);
// assert.match without a page-long diff when it fails.
const has = (html, re, what) => assert.ok(re.test(html), `${what || re}: not in the page`);
const hasNot = (html, re, what) => assert.ok(!re.test(html), `${what || re}: in the page`);

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  for (const l of ['counselor-aoi', 'counselor-suruga', 'hospital', 'city', 'elderly', 'peer', 'provider', 'agent', 'admin', 'auditor']) {
    s[l] = await login(srv.url, l);
    assert.ok(s[l].cookie, `${l} logs in`);
  }
  for (const [k, name] of [['aoi', '葵区相談支援センターつむぎ'], ['hospital', '葵こころの森病院'],
    ['elderly', '駿河中部地域包括支援センター'], ['suruga', '駿河区相談支援センターみらい']])
    org[k] = sql(db, `select id from organisation where name = '${name}'`);
  const res = await post(s['counselor-aoi'], `${srv.url}/persons`, PERSON);
  assert.equal(res.status, 303);
  personId = res.headers.get('location').match(/\/persons\/(\d+)/)[1];
  const ad = await post(s['counselor-aoi'], `${srv.url}/persons/${personId}/admissions`,
    { hospital_id: org.hospital, admitted_on: '2015-04-01', admission_type: 'medical_protection' });
  assert.equal(ad.status, 303);
  admissionId = sql(db, `select id from admission where person_id = ${personId}`);
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

test('the counsellor opens a case for the person, led by their own office', async () => {
  const form = await (await as(s['counselor-aoi'], `${srv.url}/persons/${personId}`)).text();
  has(form, new RegExp(`<option value="${org.aoi}" selected>葵区相談支援センターつむぎ</option>`), 'their office by default');
  const bad = await post(s['counselor-aoi'], `${srv.url}/persons/${personId}/cases`,
    { lead_org_id: org.hospital, stage: 'referred', opened_on: '2026-01-05' });
  assert.equal(bad.status, 400, 'a hospital cannot lead');
  assert.match(await bad.text(), /主担当の相談支援事業所を一覧から選んでください。/);
  assert.equal(count('support_case', `person_id = ${personId}`), '0');
  const res = await post(s['counselor-aoi'], `${srv.url}/persons/${personId}/cases`,
    { lead_org_id: org.aoi, stage: 'referred', opened_on: '2026-01-05' });
  assert.equal(res.status, 303);
  caseId = sql(db, `select id from support_case where person_id = ${personId}`);
  assert.equal(res.headers.get('location'), `/cases/${caseId}?done=opened`);
  assert.equal(sql(db, `select stage, lead_org_id, opened_on from support_case where id = ${caseId}`), `referred|${org.aoi}|2026-01-05`);
  assert.equal(sql(db, `select organisation_id, team_role from care_team_member where case_id = ${caseId}`), `${org.aoi}|counselor`);
  assert.equal(count('audit_log', `action = 'case.open' and object_type = 'case' and object_id = '${caseId}'`), '1');
  // A second open case for the same person is refused.
  const again = await post(s['counselor-aoi'], `${srv.url}/persons/${personId}/cases`,
    { lead_org_id: org.aoi, stage: 'assessing', opened_on: '2026-01-06' });
  assert.equal(again.status, 400);
  assert.equal(count('support_case', `person_id = ${personId}`), '1');
});

test('the case page shows everything on one screen, and the read is audited', async () => {
  const before = Number(count('audit_log', `action = 'case.read' and object_id = '${caseId}'`));
  const res = await page('counselor-aoi');
  assert.equal(res.status, 200);
  const html = await res.text();
  for (const h of ['段階', '支援チーム', '同意', '入院歴', '退院後フォローアップ', '経過'])
    has(html, new RegExp(`<h2 id="[a-z-]+">${h}</h2>`), h);
  assert.ok(html.includes('結城 &lt;b&gt;つなぐ&lt;/b&gt;'), 'the name, escaped');
  has(html, /<dd>葵区<\/dd>/);
  has(html, /<li aria-current="step" class="here">紹介受付<\/li>/);
  // Only the moves the machine allows are offered: from referred, on to assessing or closed.
  const options = html.match(/<select id="stage-stage" name="stage">(.*?)<\/select>/)[1];
  assert.deepEqual([...options.matchAll(/value="(\w+)"/g)].map((m) => m[1]), ['assessing', 'closed']);
  has(html, /<td>葵こころの森病院<\/td><td><time datetime="2015-04-01">/);
  assert.equal(Number(count('audit_log', `action = 'case.read' and object_id = '${caseId}'`)), before + 1);
  const list = await as(s['counselor-aoi'], `${srv.url}/cases`);
  assert.equal(list.status, 200);
  assert.ok((await list.text()).includes(`href="/cases/${caseId}"`));
  assert.ok(Number(count('audit_log', "action = 'case.list' and object_id is null")) >= 1);
});

test('another ward\'s counsellor neither sees nor changes the case (404, not listed)', async () => {
  const other = 'counselor-suruga';
  const res = await page(other);
  assert.equal(res.status, 404);
  hasNot(await res.text(), /結城/);
  assert.ok(!(await (await as(s[other], `${srv.url}/cases`)).text()).includes(`href="/cases/${caseId}"`));
  const changes = count('case_stage_change');
  const team = count('care_team_member');
  const consents = count('consent');
  for (const [what, fields] of [['stage', { stage: 'assessing', changed_on: today }],
    ['team', { organisation_id: org.suruga, team_role: 'counselor', added_on: today }],
    ['consents', { scope: 'elderly_field', granted_on: today }],
    ['discharge', { admission_id: admissionId, discharged_on: today, discharge_destination: 'home' }]]) {
    assert.equal((await change(other, what, fields)).status, 404, what);
  }
  assert.equal(count('case_stage_change'), changes);
  assert.equal(count('care_team_member'), team);
  assert.equal(count('consent'), consents);
  assert.equal(sql(db, `select discharged_on is null from admission where id = ${admissionId}`), '1');
});

test('the hospital sees the case through its admission; the city sees it too', async () => {
  for (const l of ['hospital', 'city']) {
    assert.equal((await page(l)).status, 200, l);
    assert.ok((await (await as(s[l], `${srv.url}/cases`)).text()).includes(`href="/cases/${caseId}"`), l);
  }
  for (const l of ['provider', 'peer']) assert.equal((await page(l)).status, 404, l);
});

test('agents, the administrator and the auditor get 403 on the cases', async () => {
  for (const l of ['agent', 'admin', 'auditor']) {
    for (const path of ['/cases', `/cases/${caseId}`]) assert.equal((await as(s[l], `${srv.url}${path}`)).status, 403, `${l} ${path}`);
    assert.equal((await change(l, 'stage', { stage: 'assessing', changed_on: today })).status, 403, l);
  }
  assert.equal(sql(db, `select stage from support_case where id = ${caseId}`), 'referred');
});

test('an illegal stage change is 400 with the reason and nothing stored; a legal one is recorded', async () => {
  const changes = count('case_stage_change', `case_id = ${caseId}`);
  for (const fields of [{ stage: 'housing', changed_on: today }, { stage: 'discharged', changed_on: today },
    { stage: 'closed', close_reason: 'settled', changed_on: today }, { stage: 'assessing', changed_on: '2023-02-30' },
    { stage: 'assessing', changed_on: '2025-12-31' }]) {
    const res = await change('counselor-aoi', 'stage', fields);
    assert.equal(res.status, 400, JSON.stringify(fields));
    const html = await res.text();
    has(html, /id="stage-error"/);
    has(html, /aria-invalid="true" aria-describedby="stage-error"/);
  }
  assert.equal(sql(db, `select stage from support_case where id = ${caseId}`), 'referred');
  assert.equal(count('case_stage_change', `case_id = ${caseId}`), changes);
  const ok = await change('counselor-aoi', 'stage', { stage: 'assessing', changed_on: '2026-01-10' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/cases/${caseId}?done=stage#stage`);
  assert.equal(sql(db, `select from_stage, to_stage, changed_on from case_stage_change where case_id = ${caseId} order by id desc limit 1`),
    'referred|assessing|2026-01-10');
  assert.equal(count('audit_log', `action = 'case.stage' and object_id = '${caseId}'`), '1');
});

test('the elderly field sees the case only on the team AND under the elderly_field consent; revoking ends it at once', async () => {
  assert.equal((await page('elderly')).status, 404, 'not shared yet');
  const add = await change('counselor-aoi', 'team', { organisation_id: org.elderly, team_role: 'care_manager', added_on: today });
  assert.equal(add.status, 303);
  assert.equal(add.headers.get('location'), `/cases/${caseId}?done=team#team`);
  assert.equal((await page('elderly')).status, 404, 'on the team, but no consent');
  const grant = await change('counselor-aoi', 'consents', { scope: 'elderly_field', granted_on: today, expires_on: '' });
  assert.equal(grant.status, 303);
  const res = await page('elderly');
  assert.equal(res.status, 200, 'team and consent: shared');
  const html = await res.text();
  has(html, /駿河中部地域包括支援センター/);
  hasNot(html, /action="\/cases\/\d+\/stage"/, 'the elderly field does not manage the case');
  assert.ok((await (await as(s.elderly, `${srv.url}/cases`)).text()).includes(`href="/cases/${caseId}"`));
  assert.equal((await as(s.elderly, `${srv.url}/persons/${personId}`)).status, 200, 'and the person');
  const consentId = sql(db, `select id from consent where case_id = ${caseId}`);
  const revoke = await change('counselor-aoi', 'consents/revoke', { consent_id: consentId, revoked_on: today });
  assert.equal(revoke.status, 303);
  assert.equal((await page('elderly')).status, 404, 'revoked: gone at once');
  assert.equal((await as(s.elderly, `${srv.url}/persons/${personId}`)).status, 404);
  assert.ok(!(await (await as(s.elderly, `${srv.url}/cases`)).text()).includes(`href="/cases/${caseId}"`));
  const again = await change('counselor-aoi', 'consents/revoke', { consent_id: consentId, revoked_on: today });
  assert.equal(again.status, 400, 'a consent is revoked once');
  for (const a of ['case.team.add', 'case.consent.grant', 'case.consent.revoke'])
    assert.equal(count('audit_log', `action = '${a}' and object_id = '${caseId}' and outcome = 'ok'`), '1', a);
  // Taken off the team, the member's row stays with its dates; the lead cannot be removed.
  const member = sql(db, `select id from care_team_member where case_id = ${caseId} and organisation_id = ${org.elderly}`);
  assert.equal((await change('counselor-aoi', 'team/remove', { member_id: member, removed_on: today })).status, 303);
  assert.equal(sql(db, `select removed_on from care_team_member where id = ${member}`), today);
  const lead = sql(db, `select id from care_team_member where case_id = ${caseId} and organisation_id = ${org.aoi}`);
  assert.equal((await change('counselor-aoi', 'team/remove', { member_id: lead, removed_on: today })).status, 400);
  assert.equal(sql(db, `select removed_on is null from care_team_member where id = ${lead}`), '1');
});

test('bad discharges are refused with nothing stored; a discharge moves the case and schedules the follow-ups', async () => {
  const url = 'discharge';
  for (const [fields, message] of [
    [{ admission_id: admissionId, discharged_on: '2014-12-31', discharge_destination: 'home' }, /退院日は入院日以降/],
    [{ admission_id: admissionId, discharged_on: '2023-02-30', discharge_destination: 'home' }, /退院日は入院日以降/],
    [{ admission_id: admissionId, discharged_on: '2025-01-31', discharge_destination: 'castle' }, /退院日と退院先の両方/],
    [{ admission_id: '999999', discharged_on: '2025-01-31', discharge_destination: 'home' }, /この方の入院記録を一覧から選んでください。/],
  ]) {
    const res = await change('counselor-aoi', url, fields);
    assert.equal(res.status, 400, JSON.stringify(fields));
    const html = await res.text();
    has(html, message);
    has(html, /id="discharge-error"/);
  }
  assert.equal(sql(db, `select discharged_on is null from admission where id = ${admissionId}`), '1');
  assert.equal(count('follow_up', `case_id = ${caseId}`), '0');
  assert.equal(sql(db, `select stage from support_case where id = ${caseId}`), 'assessing');
  const res = await change('counselor-aoi', url, { admission_id: admissionId, discharged_on: '2025-01-31', discharge_destination: 'group_home' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/cases/${caseId}?done=discharge#follow-ups`);
  assert.equal(sql(db, `select stage from support_case where id = ${caseId}`), 'discharged');
  assert.equal(sql(db, `select discharged_on, discharge_destination from admission where id = ${admissionId}`), '2025-01-31|group_home');
  // Calendar months, clamped to the month's end.
  assert.equal(sql(db, `select group_concat(months || ':' || due_on, ' ') from (select * from follow_up where case_id = ${caseId} order by months)`),
    '1:2025-02-28 3:2025-04-30 6:2025-07-31 12:2026-01-31');
  assert.equal(count('audit_log', `action = 'case.discharge' and object_id = '${caseId}'`), '1');
  const html = await (await page('counselor-aoi')).text();
  has(html, /<td>1か月後<\/td><td><time datetime="2025-02-28">2025-02-28（令和7年2月28日）<\/time>/);
  hasNot(html, /action="\/cases\/\d+\/discharge"/, 'no second discharge');
  // From discharged the machine goes on to settling, or closes.
  const options = html.match(/<select id="stage-stage" name="stage">(.*?)<\/select>/)[1];
  assert.deepEqual([...options.matchAll(/value="(\w+)"/g)].map((m) => m[1]), ['settling', 'closed']);
});

test('a follow-up is recorded with its date and three answers; an answer missing is 400', async () => {
  const first = sql(db, `select id from follow_up where case_id = ${caseId} and months = 1`);
  const missing = await change('counselor-aoi', 'follow-ups', { follow_up_id: first, done_on: '2025-03-01', living_in_community: '1', readmitted: '0' });
  assert.equal(missing.status, 400);
  const html = await missing.text();
  has(html, /各項目に「はい」か「いいえ」で答えてください。/);
  assert.ok(html.includes('value="2025-03-01"'), 'the date is kept');
  assert.equal(sql(db, `select done_on is null from follow_up where id = ${first}`), '1');
  const res = await change('counselor-aoi', 'follow-ups', { follow_up_id: first, done_on: '2025-03-01',
    living_in_community: '1', readmitted: '0', treatment_continuing: '1' });
  assert.equal(res.status, 303);
  assert.equal(sql(db, `select done_on, living_in_community, readmitted, treatment_continuing from follow_up where id = ${first}`), '2025-03-01|1|0|1');
  assert.equal(count('audit_log', `action = 'case.follow_up' and object_id = '${caseId}'`), '1');
  const timeline = (await (await page('counselor-aoi')).text()).match(/<h2 id="timeline">.*<\/section>/s)[0];
  for (const e of ['フォローアップ実施：1か月後', '段階：アセスメント → 退院', '同意の撤回：高齢分野', 'ケース開始：紹介受付'])
    assert.ok(timeline.includes(e), e);
});

test('a hospital refers a patient: the case opens as referred with the hospital on the team', async () => {
  const reg = await post(s.hospital, `${srv.url}/persons`, { ...PERSON, family_name: '紹介', given_name: '太郎',
    family_kana: 'しょうかい', given_kana: 'たろう', birth_date: '1966-06-06' });
  assert.equal(reg.status, 303);
  const id = reg.headers.get('location').match(/\/persons\/(\d+)/)[1];
  const form = await (await as(s.hospital, `${srv.url}/persons/${id}`)).text();
  has(form, /相談支援事業所へ紹介する/);
  hasNot(form, /name="stage"/, 'a referral has no stage to choose');
  const res = await post(s.hospital, `${srv.url}/persons/${id}/cases`, { lead_org_id: org.aoi, stage: 'assessing', opened_on: today });
  assert.equal(res.status, 303);
  const c = sql(db, `select id from support_case where person_id = ${id}`);
  assert.equal(sql(db, `select stage, lead_org_id from support_case where id = ${c}`), `referred|${org.aoi}`);
  assert.equal(sql(db, `select group_concat(organisation_id || ':' || team_role, ' ') from (select * from care_team_member where case_id = ${c} order by id)`),
    `${org.aoi}:counselor ${org.hospital}:hospital_psw`);
  // The counsellor it was referred to sees it; the hospital keeps seeing it.
  assert.equal((await page('counselor-aoi', c)).status, 200);
  assert.equal((await page('hospital', c)).status, 200);
});

test('no name or free text reaches the audit log', () => {
  const log = sql(db, 'select * from audit_log');
  for (const word of ['結城', 'ユウキ', 'つなぐ', '紹介', '1958-02-11']) assert.ok(!log.includes(word), word);
  for (const r of sql(db, "select coalesce(object_id, '') from audit_log where outcome = 'ok' and action like 'case.%'").split('\n'))
    assert.match(r, /^\d*$/);
});

test('the server log holds no sanitizer report', () => {
  assert.deepEqual(sanitizerReports(srv.log()), []);
});
