// The day-to-day work on a case over real HTTP: service periods with their fixed lengths, the one
// extension of 地域移行支援 and the monitoring of 計画相談支援; support records (a text too long
// for the domain is 400, one too long for the server 413, and the text never reaches the audit
// log or the timeline); goals and their review; the timeline's new events. Then who may do it:
// another ward's counsellor gets 404 everywhere, a hospital that only holds the person's admission
// reads the case but gets 403 on every managing change until it joins the team, and a peer
// supporter sees the minimal view. Last, correcting a person's details.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
const s = {};
const org = {};
let personId;
let caseId;

// Today in Japan, as the server judges dates.
const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
const ADMITTED = '2014-07-23';
const RECORD = '退院後の暮らしについて本人と話した。<b>買い物</b>の練習を始める。';
const GOAL = '自分でお弁当を買いに行けるようになる';

const PERSON = {
  family_name: '作業', given_name: '記録子', family_kana: 'さぎょう', given_kana: 'きろくこ',
  birth_date: '1961-09-09', sex: 'female', ward_code: '221015',
};

const count = (table, where = '1') => sql(db, `select count(*) from ${table} where ${where}`);
const page = async (who, id = caseId) => {
  const res = await as(s[who], `${srv.url}/cases/${id}`);
  return { status: res.status, html: await res.text() };
};
const change = (who, what, fields, id = caseId) => post(s[who], `${srv.url}/cases/${id}/${what}`, fields);
const section = (html, id) => (html.match(new RegExp(`<h2 id="${id}">.*?</section>`, 's')) || [''])[0];
// assert.match without a page-long diff when it fails.
const has = (html, re, what) => assert.ok(re.test(html), `${what || re}: not in the page`);
const hasNot = (html, re, what) => assert.ok(!re.test(html), `${what || re}: in the page`);

// The next monitoring after today: every `every` months from start (calendar months, clamped to
// the month's end), as the domain counts them.
function nextMonitoring(start, every) {
  const [y, m, d] = start.split('-').map(Number);
  for (let k = 1; ; k++) {
    const months = m - 1 + k * every;
    const year = y + Math.floor(months / 12);
    const month = (months % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
    if (iso > today) return iso;
  }
}

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  for (const l of ['counselor-aoi', 'counselor-suruga', 'hospital', 'peer', 'city']) {
    s[l] = await login(srv.url, l);
    assert.ok(s[l].cookie, `${l} logs in`);
  }
  for (const [k, name] of [['aoi', '葵区相談支援センターつむぎ'], ['hospital', '葵こころの森病院'],
    ['peer', 'ピアサポートしずおか'], ['home', 'グループホームひだまり']])
    org[k] = sql(db, `select id from organisation where name = '${name}'`);
  const res = await post(s['counselor-aoi'], `${srv.url}/persons`, PERSON);
  assert.equal(res.status, 303);
  personId = res.headers.get('location').match(/\/persons\/(\d+)/)[1];
  // The hospital holds the admission but is not on the care team.
  const ad = await post(s['counselor-aoi'], `${srv.url}/persons/${personId}/admissions`,
    { hospital_id: org.hospital, admitted_on: ADMITTED, admission_type: 'medical_protection' });
  assert.equal(ad.status, 303);
  const open = await post(s['counselor-aoi'], `${srv.url}/persons/${personId}/cases`,
    { lead_org_id: org.aoi, stage: 'assessing', opened_on: '2025-01-06' });
  assert.equal(open.status, 303);
  caseId = sql(db, `select id from support_case where person_id = ${personId}`);
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

test('the case page has services, support records and goals after the care team, before the timeline', async () => {
  const { status, html } = await page('counselor-aoi');
  assert.equal(status, 200);
  const order = [...html.matchAll(/<h2 id="([a-z-]+)">/g)].map((m) => m[1]);
  const at = (id) => order.indexOf(id);
  for (const id of ['services', 'records', 'goals']) {
    assert.ok(at(id) > at('team') && at(id) < at('timeline'), `${id} in ${order}`);
  }
  assert.ok(at('services') < at('records') && at('records') < at('goals'), order.join());
  for (const h of ['サービス', '支援記録', '目標']) has(html, new RegExp(`<h2 id="[a-z]+">${h}</h2>`), h);
  has(html, /<textarea id="record-body" name="body" rows="6" required>/);
  has(html, new RegExp(`action="/cases/${caseId}/services"`));
  has(html, new RegExp(`action="/cases/${caseId}/goals"`));
});

test('地域移行支援: 6 months granted, 7 refused with the input kept; extended once, a second time refused', async () => {
  const period = { service: 'transition', provider_id: org.aoi, starts_on: '2025-04-01', monitoring_months: '' };
  const tooLong = await change('counselor-aoi', 'services', { ...period, ends_on: '2025-11-01' });
  assert.equal(tooLong.status, 400);
  const html = await tooLong.text();
  has(html, /このサービスの支給期間を超えています。/);
  has(html, /id="service-error"/);
  has(html, /id="service-ends_on" name="ends_on" type="date" required aria-invalid="true" aria-describedby="service-error" value="2025-11-01"/);
  has(html, /<option value="transition" selected>/, 'the service is kept');
  assert.equal(count('service_period', `case_id = ${caseId}`), '0');

  const ok = await change('counselor-aoi', 'services', { ...period, ends_on: '2025-10-01' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/cases/${caseId}?done=service#services`);
  const id = sql(db, `select id from service_period where case_id = ${caseId}`);
  assert.equal(sql(db, `select service, provider_id, starts_on, ends_on, extended_to is null from service_period where id = ${id}`),
    `transition|${org.aoi}|2025-04-01|2025-10-01|1`);
  assert.equal(count('audit_log', `action = 'case.service.add' and object_id = '${caseId}' and outcome = 'ok'`), '1');

  const past = await change('counselor-aoi', 'services/extend', { period_id: id, extended_to: '2026-04-02' });
  assert.equal(past.status, 400, 'more than 6 months past the end');
  has(await past.text(), /延長の終了日は支給終了日より後、かつ6か月以内にしてください。/);
  const extend = await change('counselor-aoi', 'services/extend', { period_id: id, extended_to: '2026-04-01' });
  assert.equal(extend.status, 303);
  assert.equal(extend.headers.get('location'), `/cases/${caseId}?done=service_extended#services`);
  assert.equal(sql(db, `select extended_to from service_period where id = ${id}`), '2026-04-01');
  const again = await change('counselor-aoi', 'services/extend', { period_id: id, extended_to: '2026-05-01' });
  assert.equal(again.status, 400, 'only once');
  const twice = await again.text();
  has(twice, /延長できるのは地域移行支援のみで、1回限りです。/);
  has(twice, /id="extend-error"/);
  assert.equal(sql(db, `select extended_to from service_period where id = ${id}`), '2026-04-01');
  const other = await change('counselor-aoi', 'services/extend', { period_id: '999999', extended_to: '2026-05-01' });
  assert.equal(other.status, 400);
  has(await other.text(), /利用期間を一覧から選んでください。/);
  assert.equal(count('audit_log', `action = 'case.service.extend' and object_id = '${caseId}' and outcome = 'ok'`), '1');

  const services = section((await page('counselor-aoi')).html, 'services');
  has(services, /<td>地域移行支援<\/td><td>葵区相談支援センターつむぎ<\/td><td><time datetime="2025-04-01">/);
  has(services, /<time datetime="2026-04-01">/, 'the extension is shown');
  hasNot(services, /action="\/cases\/\d+\/services\/extend"/, 'nothing left to extend');
});

test('計画相談支援 needs its monitoring interval, and the page shows the next monitoring', async () => {
  const plan = { service: 'planning', provider_id: org.aoi, starts_on: '2025-01-15', ends_on: '2027-01-14' };
  const missing = await change('counselor-aoi', 'services', { ...plan, monitoring_months: '' });
  assert.equal(missing.status, 400);
  has(await missing.text(), /id="service-monitoring_months" name="monitoring_months" type="number" aria-invalid="true"/);
  for (const bad of ['13', '0', '3.5', '-1']) {
    assert.equal((await change('counselor-aoi', 'services', { ...plan, monitoring_months: bad })).status, 400, bad);
  }
  assert.equal(count('service_period', `case_id = ${caseId} and service = 'planning'`), '0');
  assert.equal((await change('counselor-aoi', 'services', { ...plan, monitoring_months: '3' })).status, 303);
  assert.equal(sql(db, `select monitoring_months from service_period where case_id = ${caseId} and service = 'planning'`), '3');
  const next = nextMonitoring('2025-01-15', 3);
  const row = section((await page('counselor-aoi')).html, 'services').match(/<tr><td>計画相談支援<\/td>.*?<\/tr>/s)[0];
  has(row, new RegExp(`<td>3</td><td><time datetime="${next}">`), `next monitoring ${next}`);
});

test('a support record is added and shown; its text is in no audit column; bad ones store nothing', async () => {
  const records = () => count('support_record', `case_id = ${caseId}`);
  const good = { recorded_on: today, kind: 'visit', minutes: '45', body: RECORD };
  // 30 kB: read by the server, refused by the domain, typed text kept.
  const long = await change('counselor-aoi', 'records', { ...good, body: 'あ'.repeat(10000) });
  assert.equal(long.status, 400);
  const html = await long.text();
  has(html, /支援の内容を入力してください（20,000バイト以内）。/);
  has(html, /<textarea id="record-body" name="body" rows="6" required aria-invalid="true" aria-describedby="record-error">\nあああ/);
  has(html, /id="record-minutes" name="minutes" type="number" required value="45"/, 'the minutes are kept');
  // 10 MB: refused before any handler runs.
  const huge = await change('counselor-aoi', 'records', { ...good, body: 'x'.repeat(10 * 1024 * 1024) });
  assert.equal(huge.status, 413);
  await huge.arrayBuffer();
  for (const [fields, field] of [[{ recorded_on: '2099-01-01' }, 'recorded_on'], [{ kind: 'party' }, 'kind'],
    [{ minutes: '1441' }, 'minutes'], [{ minutes: 'x' }, 'minutes'], [{ body: '' }, 'body']]) {
    const res = await change('counselor-aoi', 'records', { ...good, ...fields });
    assert.equal(res.status, 400, JSON.stringify(fields));
    has(await res.text(), new RegExp(`name="${field}"[^>]*aria-invalid="true" aria-describedby="record-error"`), field);
  }
  assert.equal(records(), '0', 'nothing stored');

  const ok = await change('counselor-aoi', 'records', good);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/cases/${caseId}?done=record#records`);
  assert.equal(sql(db, `select recorded_on, kind, minutes from support_record where case_id = ${caseId}`), `${today}|visit|45`);
  const shown = section((await page('counselor-aoi')).html, 'records');
  assert.ok(shown.includes('退院後の暮らしについて本人と話した。&lt;b&gt;買い物&lt;/b&gt;の練習を始める。'), 'the text, escaped');
  has(shown, /<td>訪問<\/td><td>45<\/td><td>相談 葵<\/td>/, 'kind, minutes and author');
  assert.equal(count('audit_log', `action = 'case.record.add' and object_type = 'case' and object_id = '${caseId}'`), '1');
  const audit = sql(db, 'select * from audit_log');
  for (const word of ['退院後の暮らし', '買い物', 'あああ']) assert.ok(!audit.includes(word), word);
});

test('a goal is set and reviewed; a review before the goal or of another case\'s goal is refused', async () => {
  assert.equal((await change('counselor-aoi', 'goals', { body: '', set_on: '2025-02-01' })).status, 400);
  assert.equal((await change('counselor-aoi', 'goals', { body: GOAL, set_on: '2099-01-01' })).status, 400);
  assert.equal(count('goal', `case_id = ${caseId}`), '0');
  const set = await change('counselor-aoi', 'goals', { body: GOAL, set_on: '2025-02-01' });
  assert.equal(set.status, 303);
  assert.equal(set.headers.get('location'), `/cases/${caseId}?done=goal#goals`);
  const id = sql(db, `select id from goal where case_id = ${caseId}`);
  const early = await change('counselor-aoi', 'goals/review', { goal_id: id, status: 'achieved', reviewed_on: '2025-01-31' });
  assert.equal(early.status, 400);
  const html = await early.text();
  has(html, /評価日は目標設定日より前にできません。/);
  has(html, /id="goal_review-reviewed_on" name="reviewed_on" type="date" required aria-invalid="true" aria-describedby="goal_review-error" value="2025-01-31"/);
  const foreign = sql(db, `select id from goal where case_id <> ${caseId} limit 1`) || '999999';
  const other = await change('counselor-aoi', 'goals/review', { goal_id: foreign, status: 'achieved', reviewed_on: today });
  assert.equal(other.status, 400);
  has(await other.text(), /目標を一覧から選んでください。/);
  assert.equal(sql(db, `select status, reviewed_on is null from goal where id = ${id}`), 'active|1');
  const review = await change('counselor-aoi', 'goals/review', { goal_id: id, status: 'achieved', reviewed_on: today });
  assert.equal(review.status, 303);
  assert.equal(sql(db, `select status, reviewed_on from goal where id = ${id}`), `achieved|${today}`);
  const goals = section((await page('counselor-aoi')).html, 'goals');
  has(goals, new RegExp(`<td class="record-text">${GOAL}</td><td><time datetime="2025-02-01">.*?</time></td><td>達成</td><td><time datetime="${today}">`));
  for (const a of ['case.goal.add', 'case.goal.review'])
    assert.equal(count('audit_log', `action = '${a}' and object_id = '${caseId}' and outcome = 'ok'`), '1', a);
});

test('the timeline shows service starts, support records (kind only) and goals', async () => {
  const timeline = section((await page('counselor-aoi')).html, 'timeline');
  for (const e of ['サービス開始：地域移行支援', 'サービス開始：計画相談支援', '支援記録：訪問', '目標を設定', '目標の評価：達成'])
    assert.ok(timeline.includes(e), e);
  hasNot(timeline, /暮らし|買い物/, 'no record text');
  hasNot(timeline, /お弁当/, 'no goal text');
});

test('another ward\'s counsellor gets 404 on every change and nothing is stored', async () => {
  const other = 'counselor-suruga';
  const period = sql(db, `select id from service_period where case_id = ${caseId} and service = 'transition'`);
  const goal = sql(db, `select id from goal where case_id = ${caseId}`);
  const before = ['service_period', 'support_record', 'goal'].map((t) => count(t));
  const state = () => sql(db, `select group_concat(coalesce(extended_to, '') || status || reviewed_on) from service_period, goal where service_period.id = ${period} and goal.id = ${goal}`);
  const was = state();
  for (const [what, fields] of [
    ['services', { service: 'settlement', starts_on: '2025-06-01', ends_on: '2026-05-31' }],
    ['services/extend', { period_id: period, extended_to: '2026-05-01' }],
    ['records', { recorded_on: today, kind: 'phone', minutes: '10', body: 'よその記録' }],
    ['goals', { body: 'よその目標', set_on: today }],
    ['goals/review', { goal_id: goal, status: 'dropped', reviewed_on: today }],
  ]) {
    const res = await change(other, what, fields);
    assert.equal(res.status, 404, what);
    hasNot(await res.text(), /作業|記録子/, 'nothing of the case');
  }
  assert.deepEqual(['service_period', 'support_record', 'goal'].map((t) => count(t)), before);
  assert.equal(state(), was);
});

test('a hospital that only holds the admission reads the case, but managing it is 403 until it joins the team', async () => {
  const { status, html } = await page('hospital');
  assert.equal(status, 200, 'visible through the admission');
  for (const form of ['stage', 'team', 'consents', 'discharge', 'services', 'goals', 'goals/review'])
    hasNot(html, new RegExp(`action="/cases/${caseId}/${form}"`), `no ${form} form`);
  has(html, new RegExp(`action="/cases/${caseId}/records"`), 'recording stays open to it (case.record)');
  const period = sql(db, `select id from service_period where case_id = ${caseId} and service = 'transition'`);
  const goal = sql(db, `select id from goal where case_id = ${caseId}`);
  const tables = ['case_stage_change', 'care_team_member', 'consent', 'service_period', 'goal'];
  const before = tables.map((t) => count(t));
  const refused = () => count('audit_log', `outcome = 'refused' and object_type = 'case' and object_id = '${caseId}'`);
  const refusedBefore = Number(refused());
  const changes = [
    ['stage', { stage: 'planning', changed_on: today }],
    ['team', { organisation_id: org.hospital, team_role: 'hospital_psw', added_on: today }],
    ['consents', { scope: 'peer_support', granted_on: today }],
    ['discharge', { admission_id: sql(db, `select id from admission where person_id = ${personId}`), discharged_on: today, discharge_destination: 'home' }],
    ['services', { service: 'settlement', starts_on: '2025-06-01', ends_on: '2026-05-31' }],
    ['services/extend', { period_id: period, extended_to: '2026-05-01' }],
    ['goals', { body: '病院の目標', set_on: today }],
    ['goals/review', { goal_id: goal, status: 'dropped', reviewed_on: today }],
  ];
  for (const [what, fields] of changes) assert.equal((await change('hospital', what, fields)).status, 403, what);
  assert.deepEqual(tables.map((t) => count(t)), before, 'nothing stored');
  assert.equal(sql(db, `select stage from support_case where id = ${caseId}`), 'assessing');
  assert.equal(Number(refused()), refusedBefore + changes.length, 'each refusal audited');
  assert.equal((await page('hospital')).status, 200, 'still readable');
  // On the team, the hospital carries the case and may manage it.
  assert.equal((await change('counselor-aoi', 'team', { organisation_id: org.hospital, team_role: 'hospital_psw', added_on: today })).status, 303);
  has((await page('hospital')).html, new RegExp(`action="/cases/${caseId}/goals"`));
  assert.equal((await change('hospital', 'goals', { body: '外来に通い続ける', set_on: today })).status, 303);
  assert.equal(count('goal', `case_id = ${caseId}`), '2');
});

test('a peer supporter sees the minimal view: no admission, no record text, no services', async () => {
  // The discharge schedules follow-ups, whose dates the peer sees (not the answers).
  assert.equal((await change('counselor-aoi', 'discharge', { admission_id: sql(db, `select id from admission where person_id = ${personId}`),
    discharged_on: '2025-03-10', discharge_destination: 'group_home' })).status, 303);
  assert.equal((await page('peer')).status, 404, 'not shared yet');
  assert.equal((await change('counselor-aoi', 'team', { organisation_id: org.peer, team_role: 'peer_supporter', added_on: today })).status, 303);
  assert.equal((await change('counselor-aoi', 'consents', { scope: 'peer_support', granted_on: today, expires_on: '' })).status, 303);
  // The group on the team and the consent are not enough: a peer sees only their own assignments.
  assert.equal((await page('peer')).status, 404, 'not assigned yet');
  const supporter = sql(db, "select p.id from peer_supporter p join app_user u on u.id = p.user_id where u.login = 'peer'");
  assert.equal((await change('counselor-aoi', 'peers', { peer_id: supporter, from_on: today })).status, 303);

  const full = (await page('counselor-aoi')).html;
  assert.ok(full.includes(`<time datetime="${ADMITTED}">`), 'the counsellor sees the admission');
  assert.ok(full.includes('退院後の暮らしについて本人と話した。'), 'and the record text');

  const { status, html } = await page('peer');
  assert.equal(status, 200);
  assert.ok(html.includes('作業 記録子'), 'the name');
  has(html, /<strong>退院<\/strong>/, 'the stage');
  for (const member of ['葵区相談支援センターつむぎ：相談支援', 'ピアサポートしずおか：ピアサポーター', '葵こころの森病院：病院PSW'])
    assert.ok(html.includes(member), member);
  assert.ok(html.includes(GOAL), 'the goals');
  has(html, /<time datetime="2025-04-10">/, 'the 1-month follow-up date');
  hasNot(html, new RegExp(ADMITTED), 'no admission date');
  hasNot(html, /暮らし|買い物/, 'no record text');
  hasNot(html, /サトウ|さぎょう|サギョウ|1961/, 'no kana or birth date');
  for (const id of ['admissions', 'consents', 'services', 'timeline', 'stays', 'stage'])
    hasNot(html, new RegExp(`<h2 id="${id}">`), id);
  hasNot(html, /地域移行支援|計画相談支援/, 'no service periods');
  hasNot(html, /本人の画面|href="\/persons\//, 'no link to the person');
  hasNot(html, /action="\/cases\/\d+\/(?!records)/, 'no form but the record one');

  // A peer records their support; they still see no record text, the team does.
  const add = await change('peer', 'records', { recorded_on: today, kind: 'accompany', minutes: '90', body: 'ピアとして買い物に同行した。' });
  assert.equal(add.status, 303);
  hasNot((await page('peer')).html, /同行した/);
  assert.ok((await page('counselor-aoi')).html.includes('ピアとして買い物に同行した。'));
  assert.ok(Number(count('audit_log', `action = 'case.read' and role = 'peer' and object_id = '${caseId}'`)) >= 1, 'the read is audited');
});

test('the person\'s details are corrected through the edit form; another ward gets 404', async () => {
  const url = `${srv.url}/persons/${personId}`;
  const form = await as(s['counselor-aoi'], `${url}/edit`);
  assert.equal(form.status, 200);
  const html = await form.text();
  has(html, new RegExp(`<form method="post" action="/persons/${personId}"`));
  has(html, /name="family_name" type="text" required value="作業"/);
  has(html, /name="family_kana" type="text" required value="サギョウ"/, 'the stored reading');
  has(html, /<option value="female" selected>/);
  assert.ok((await (await as(s['counselor-aoi'], url)).text()).includes(`href="/persons/${personId}/edit"`), 'linked from the page');

  const fields = { ...PERSON, given_name: '記録美', handbook_grade: '2' };
  const bad = await post(s['counselor-aoi'], url, { ...fields, birth_date: '2099-01-01' });
  assert.equal(bad.status, 400);
  const refused = await bad.text();
  has(refused, /name="birth_date" type="date" required aria-invalid="true" aria-describedby="person-error" value="2099-01-01"/);
  assert.ok(refused.includes('value="記録美"'), 'the input is kept');
  assert.equal(sql(db, `select given_name from person where id = ${personId}`), '記録子');

  for (const who of ['counselor-suruga']) {
    assert.equal((await as(s[who], `${url}/edit`)).status, 404, `${who} GET`);
    assert.equal((await post(s[who], url, fields)).status, 404, `${who} POST`);
  }
  assert.equal((await post(s.peer, url, fields)).status, 403, 'peers do not edit persons');
  assert.equal(sql(db, `select given_name from person where id = ${personId}`), '記録子');

  const ok = await post(s['counselor-aoi'], url, fields);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/persons/${personId}?done=updated`);
  assert.equal(sql(db, `select given_name, handbook_grade, birth_date, registered_by from person where id = ${personId}`),
    `記録美|2|1961-09-09|${org.aoi}`);
  assert.equal(count('audit_log', `action = 'person.update' and object_type = 'person' and object_id = '${personId}' and outcome = 'ok'`), '1');
  has(await (await as(s['counselor-aoi'], `${url}?done=updated`)).text(), /基本情報を保存しました。/);
});

test('a closed case takes no new goal, service, team member or consent; records and revoking still go in', async () => {
  // A case of its own, with a goal, a 地域移行支援 period and a consent, then closed.
  const res = await post(s['counselor-aoi'], `${srv.url}/persons`,
    { ...PERSON, family_name: '終結', given_name: '試験子', family_kana: 'しゅうけつ', given_kana: 'しけんこ' });
  assert.equal(res.status, 303);
  const person = res.headers.get('location').match(/\/persons\/(\d+)/)[1];
  assert.equal((await post(s['counselor-aoi'], `${srv.url}/persons/${person}/cases`,
    { lead_org_id: org.aoi, stage: 'assessing', opened_on: '2025-01-06' })).status, 303);
  const id = sql(db, `select id from support_case where person_id = ${person}`);
  for (const [what, fields] of [['goals', { body: GOAL, set_on: '2025-02-01' }],
    ['services', { service: 'transition', starts_on: '2025-02-01', ends_on: '2025-07-31' }],
    ['consents', { scope: 'liaison_meeting', granted_on: '2025-02-01' }],
    ['stage', { stage: 'closed', close_reason: 'withdrawn', changed_on: today }]])
    assert.equal((await change('counselor-aoi', what, fields, id)).status, 303, what);
  const period = sql(db, `select id from service_period where case_id = ${id}`);
  const goal = sql(db, `select id from goal where case_id = ${id}`);
  const state = () => sql(db, `select (select count(*) from goal where case_id = ${id}),
    (select group_concat(status || coalesce(reviewed_on, '-')) from goal where case_id = ${id}),
    (select count(*) from service_period where case_id = ${id}),
    (select count(*) from service_period where case_id = ${id} and extended_to is not null),
    (select count(*) from care_team_member where case_id = ${id}),
    (select count(*) from consent where case_id = ${id})`);
  const was = state();
  assert.equal(was, '1|active-|1|0|1|1');

  const add = await change('counselor-aoi', 'goals', { body: '終結後の目標', set_on: today }, id);
  assert.equal(add.status, 400);
  const html = await add.text();
  has(section(html, 'goals'), /<div class="notice error" role="alert" id="goal-error">終結したケースには追加・変更できません。<\/div>/);
  hasNot(html, new RegExp(`action="/cases/${id}/goals"`), 'still no goal form');
  assert.equal(state(), was, 'nothing stored');
  for (const [what, fields, form] of [
    ['goals/review', { goal_id: goal, status: 'achieved', reviewed_on: today }, 'goal_review'],
    ['services', { service: 'settlement', starts_on: '2025-06-01', ends_on: '2026-05-31' }, 'service'],
    ['services/extend', { period_id: period, extended_to: '2025-12-31' }, 'extend'],
    ['team', { organisation_id: org.home, team_role: 'group_home', added_on: today }, 'team'],
    ['consents', { scope: 'peer_support', granted_on: today }, 'consent'],
  ]) {
    const r = await change('counselor-aoi', what, fields, id);
    assert.equal(r.status, 400, what);
    has(await r.text(), new RegExp(`id="${form}-error">終結したケースには追加・変更できません。`), what);
  }
  assert.equal(state(), was, 'nothing stored or changed');
  assert.equal(count('audit_log', `object_id = '${id}' and action in ('case.goal.add', 'case.goal.review', 'case.service.add', 'case.service.extend', 'case.team.add', 'case.consent.grant')`), '3',
    'only the changes before the closing');

  // A support record and withdrawing the consent stay open after the closing.
  assert.equal((await change('counselor-aoi', 'records', { recorded_on: today, kind: 'phone', minutes: '10', body: '終結後に電話で様子を聞いた。' }, id)).status, 303);
  const consent = sql(db, `select id from consent where case_id = ${id}`);
  assert.equal((await change('counselor-aoi', 'consents/revoke', { consent_id: consent, revoked_on: today }, id)).status, 303);
  assert.equal(sql(db, `select count(*) from support_record where case_id = ${id}`), '1');
  assert.equal(sql(db, `select revoked_on from consent where id = ${consent}`), today);
});

test('no name or free text reaches the audit log', () => {
  const log = sql(db, 'select * from audit_log');
  for (const word of ['作業', '記録', 'お弁当', '同行', '病院の目標', 'よその']) assert.ok(!log.includes(word), word);
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
