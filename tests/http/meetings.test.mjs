// Meetings of the forum and its groups over real HTTP: the demo's forum and monthly working group;
// a monthly series scheduled through the form lands on month ends as the calendar says; bad input
// (held in the future, an end before the start, a series of 25, zero or negative head counts) is
// 400 with the typed values kept and nothing stored; attendance with totals by sector; a reviewed
// case only when the user may see it (404 otherwise, nothing stored), with its person and texts
// shown only to those who may see the case — initials on the printout for the others — and the
// read audited only when names are shown; action items on the owner organisation's dashboard,
// overdue first, until one of them marks it done; agents and the administrator get 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let city;
let aoi;
let suruga;
let meetingId;
let mirai;

const DISCUSSION = '試験の検討内容、グループホームの見学を本人と相談した。';
const DECISION = '試験の決定事項、来月までに見学日を決める。';
const ACTION = '試験の対応事項、家族会へ研修の案内を送る。';

// Dates as the server sees them: today in Japan, and days from it.
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);
const nextYear = Number(day(0).slice(0, 4)) + 1;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  city = await login(srv.url, 'city');
  aoi = await login(srv.url, 'counselor-aoi');
  suruga = await login(srv.url, 'counselor-suruga');
  mirai = sql(db, "select id from organisation where name = '駿河区相談支援センターみらい'");
});

after(async () => {
  await srv?.stop();
  if (srv) {
    assert.deepEqual(sanitizerReports(srv.log()), []);
    for (const text of [DISCUSSION, DECISION, ACTION, '青木']) assert.ok(!srv.log().includes(text), `not in the log: ${text}`);
  }
  if (db) removeDemoDb(db);
});

const count = (table) => Number(sql(db, `select count(*) from ${table}`));
const lastAudit = (action) => sql(db, `select object_type, object_id from audit_log where action = '${action}' order by id desc limit 1`);
const caseOf = (family) => sql(db, `select c.id from support_case c join person p on p.id = c.person_id
  where p.family_name = '${family}' and c.stage <> 'closed' order by c.id desc limit 1`);

test('the demo holds the city-wide forum and the monthly working group with attendance and action items', () => {
  assert.equal(sql(db, "select count(*) from meeting where kind = 'forum' and status = 'held' and goal_setting = 1"), '1');
  assert.equal(sql(db, "select count(*) from meeting where kind = 'forum' and status = 'held' and evaluation = 1"), '1');
  assert.equal(sql(db, "select count(*) from meeting where kind = 'forum' and status = 'planned' and ward_code is null"), '1');
  const wg = sql(db, "select count(*), count(distinct series_id), sum(status = 'held'), sum(status = 'planned') from meeting where kind = 'working_group'").split('|');
  assert.equal(wg[0], '10');
  assert.equal(wg[1], '1', 'one series');
  assert.ok(Number(wg[2]) >= 6 && Number(wg[3]) >= 3, `past months held, coming ones planned: ${wg}`);
  assert.equal(sql(db, "select count(*) from meeting where status = 'held' and held_on > date('now', '+9 hours')"), '0');
  const sectors = sql(db, `select group_concat(distinct x.sector) from meeting_attendance x join meeting m on m.id = x.meeting_id
    where m.kind = 'working_group'`).split(',');
  for (const s of ['psychiatric', 'welfare', 'health', 'person', 'family']) assert.ok(sectors.includes(s), `${s} in ${sectors}`);
  assert.ok(count('meeting_case') >= 5);
  const items = sql(db, `select due_on < '${day(0)}' from action_item where owner_org_id = ${mirai} and done_on is null order by due_on`);
  assert.deepEqual(items.split('\n'), ['1', '0'], 'みらい has one overdue item and one open');
});

test('the city schedules a monthly series from the 31st: the days follow the calendar', async () => {
  const before = count('meeting');
  const res = await post(city, `${srv.url}/meetings`, {
    kind: 'working_group', title: '試験のワーキンググループ', held_on: `${nextYear}-01-31`, starts_at: '13:30', ends_at: '15:00',
    place: '試験会議室', ward_code: '', status: 'planned', repeat: '4',
  });
  assert.equal(res.status, 303);
  const m = res.headers.get('location').match(/^\/meetings\/(\d+)\?done=series$/);
  assert.ok(m, res.headers.get('location'));
  const feb = (nextYear % 4 === 0 && nextYear % 100 !== 0) || nextYear % 400 === 0 ? 29 : 28;
  assert.equal(sql(db, `select group_concat(held_on, ' ') from (select held_on from meeting where series_id = ${m[1]} order by held_on)`),
    `${nextYear}-01-31 ${nextYear}-02-${feb} ${nextYear}-03-31 ${nextYear}-04-30`);
  assert.equal(count('meeting'), before + 4);
  assert.equal(lastAudit('meeting.create'), `meeting|${m[1]}`);
  const page = await (await as(city, `${srv.url}${res.headers.get('location')}`)).text();
  assert.match(page, /毎月の会議を登録しました。/);
  assert.match(page, /同じ連続開催のほかの回/);
  // Over the year's end.
  const dec = await post(city, `${srv.url}/meetings`, {
    kind: 'liaison', title: '試験の連絡会', held_on: `${nextYear}-12-15`, status: 'planned', repeat: '2',
  });
  assert.equal(dec.status, 303);
  const id = dec.headers.get('location').match(/^\/meetings\/(\d+)/)[1];
  assert.equal(sql(db, `select group_concat(held_on, ' ') from (select held_on from meeting where series_id = ${id} order by held_on)`),
    `${nextYear}-12-15 ${nextYear + 1}-01-15`);
});

test('bad meetings are refused with the reason, the typed values kept and nothing stored', async () => {
  const before = count('meeting');
  const base = { kind: 'forum', title: '試験の協議の場', held_on: day(-3), starts_at: '14:00', ends_at: '16:00', place: '', ward_code: '', status: 'held' };
  const cases = [
    [{ held_on: day(2) }, /開催済みの会議を未来の日付にすることはできません/, 'held_on'],
    [{ ends_at: '13:00' }, /終了時刻は開始時刻より後にしてください。/, 'ends_at'],
    [{ held_on: '2025-02-30' }, /開催日を YYYY-MM-DD の形で/, 'held_on'],
    [{ status: 'planned', held_on: day(10), repeat: '25' }, /毎月の開催回数は1回から24回までです。/, 'repeat'],
    [{ repeat: '3' }, /連続開催は「予定」として登録します/, 'status'],
    [{ title: ' ' }, /会議名を入力してください/, 'title'],
    [{ kind: 'party' }, /会議の種類を一覧から選んでください。/, 'kind'],
  ];
  for (const [change, reason, field] of cases) {
    const res = await post(city, `${srv.url}/meetings`, { ...base, ...change });
    assert.equal(res.status, 400, JSON.stringify(change));
    const html = await res.text();
    assert.match(html, reason);
    assert.match(html, new RegExp(`id="meeting-${field}"[^>]*aria-invalid="true"`), `${field} is marked`);
    assert.ok(html.includes('value="試験の協議の場"') || change.title, 'the title typed is kept');
  }
  assert.equal(count('meeting'), before);
});

test('a meeting held in the past takes attendance; totals by sector are on its page', async () => {
  const res = await post(aoi, `${srv.url}/meetings`, {
    kind: 'working_group', title: '試験の臨時ワーキンググループ', held_on: day(-2), starts_at: '10:00', ends_at: '11:30',
    ward_code: '221015', status: 'held', goal_setting: '1',
  });
  assert.equal(res.status, 303);
  meetingId = res.headers.get('location').match(/^\/meetings\/(\d+)\?done=created$/)[1];
  const hospital = sql(db, "select id from organisation where name = '葵こころの森病院'");
  const url = `${srv.url}/meetings/${meetingId}/attendance`;
  // Refused: zero, negative, not a number, both an organisation and a label, neither.
  for (const fields of [{ organisation_id: hospital, head_count: '0' }, { organisation_id: hospital, head_count: '-2' },
    { organisation_id: hospital, head_count: 'many' }, { organisation_id: hospital, label: '当事者', sector: 'person', head_count: '1' },
    { label: '', sector: 'person', head_count: '1' }]) {
    const r = await post(aoi, url, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
  }
  const zero = await post(aoi, url, { organisation_id: hospital, head_count: '0' });
  assert.match(await zero.text(), /参加人数を1から500までの整数で入力してください。/);
  assert.equal(sql(db, `select count(*) from meeting_attendance where meeting_id = ${meetingId}`), '0');

  assert.equal((await post(aoi, url, { organisation_id: hospital, sector: '', head_count: '3' })).status, 303);
  assert.equal((await post(aoi, url, { organisation_id: '', label: '当事者', sector: 'person', head_count: '2' })).status, 303);
  assert.equal((await post(aoi, url, { organisation_id: '', label: '家族', sector: 'family', head_count: '1' })).status, 303);
  assert.equal(sql(db, `select sector, head_count from meeting_attendance where meeting_id = ${meetingId} and organisation_id = ${hospital}`),
    'psychiatric|3', 'a psychiatric hospital attends for 医療(精神科) unless told otherwise');
  assert.equal(lastAudit('meeting.attendance.add'), `meeting|${meetingId}`);
  const again = await post(aoi, url, { organisation_id: hospital, head_count: '1' });
  assert.equal(again.status, 409);

  const page = await (await as(city, `${srv.url}/meetings/${meetingId}`)).text();
  assert.match(page, /<caption>分野別の参加者数<\/caption>/);
  assert.match(page, /<td>医療（精神科）<\/td><td class="num">3<\/td>/);
  assert.match(page, /<td>当事者<\/td><td class="num">2<\/td>/);
  assert.match(page, /<th scope="row">合計<\/th><td class="num"><strong>6<\/strong><\/td>/);

  const row = sql(db, `select id from meeting_attendance where meeting_id = ${meetingId} and label = '家族'`);
  const removed = await post(aoi, `${srv.url}/meetings/${meetingId}/attendance/remove`, { attendance_id: row });
  assert.equal(removed.status, 303);
  assert.equal(sql(db, `select count(*) from meeting_attendance where meeting_id = ${meetingId}`), '2');
  // A meeting to come takes no attendance yet.
  const coming = sql(db, "select id from meeting where status = 'planned' order by held_on limit 1");
  const early = await post(aoi, `${srv.url}/meetings/${coming}/attendance`, { organisation_id: hospital, head_count: '1' });
  assert.equal(early.status, 400);
  assert.match(await early.text(), /この会議はまだ開催されていません。/);
});

test('a reviewed case is recorded only when the user may see it, and shown only to those who may', async () => {
  const own = caseOf('青木'); // counselor-aoi's office leads it
  const other = caseOf('秋山'); // 駿河区: not counselor-aoi's
  const url = `${srv.url}/meetings/${meetingId}/cases`;
  const refused = await post(aoi, url, { case_id: other, discussion: DISCUSSION, decision: DECISION });
  assert.equal(refused.status, 404);
  const html = await refused.text();
  assert.match(html, /あなたが閲覧できるケースに、この番号のケースはありません。/);
  assert.ok(html.includes(DISCUSSION), 'the discussion typed is kept');
  assert.equal((await post(aoi, url, { case_id: '999999', discussion: DISCUSSION })).status, 404);
  assert.equal((await post(aoi, url, { case_id: own, discussion: '' })).status, 400);
  assert.equal(sql(db, `select count(*) from meeting_case where meeting_id = ${meetingId}`), '0');

  const ok = await post(aoi, url, { case_id: `#${own}`, discussion: DISCUSSION, decision: DECISION });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/meetings/${meetingId}?done=case#cases`);
  assert.equal(sql(db, `select case_id from meeting_case where meeting_id = ${meetingId}`), own);
  assert.equal(lastAudit('meeting.case.add'), `meeting|${meetingId}`);
  assert.equal((await post(aoi, url, { case_id: own, discussion: DISCUSSION })).status, 409);

  // counselor-aoi sees the name and the texts, and the read is audited.
  const reads = () => Number(sql(db, `select count(*) from audit_log where action = 'meeting.read' and object_id = '${meetingId}'`));
  const before = reads();
  const mine = await (await as(aoi, `${srv.url}/meetings/${meetingId}`)).text();
  assert.ok(mine.includes('青木 正雄') && mine.includes(DISCUSSION) && mine.includes(DECISION));
  assert.equal(reads(), before + 1);
  // counselor-suruga learns that a case was reviewed, nothing more, and nothing is audited.
  const theirs = await (await as(suruga, `${srv.url}/meetings/${meetingId}`)).text();
  assert.match(theirs, /閲覧権限のないケース/);
  for (const secret of ['青木', DISCUSSION, DECISION, `/cases/${own}"`]) assert.ok(!theirs.includes(secret), `hidden: ${secret}`);
  assert.equal(reads(), before + 1);

  // The printout: the full name for those who may see the case, the initials for the others.
  const printed = await as(suruga, `${srv.url}/meetings/${meetingId}/print`);
  assert.equal(printed.status, 200);
  const paper = await printed.text();
  assert.match(paper, /<h4>A\.M\.<\/h4>/, 'アオキ マサオ is A.M.');
  for (const secret of ['青木', DISCUSSION]) assert.ok(!paper.includes(secret), `hidden on paper: ${secret}`);
  assert.match(paper, /<section class="sheet">/);
  const ownPaper = await (await as(aoi, `${srv.url}/meetings/${meetingId}/print`)).text();
  assert.ok(ownPaper.includes(`#${own} 青木 正雄`) && ownPaper.includes(DISCUSSION));
  assert.equal(lastAudit('meeting.print'), `meeting|${meetingId}`);
});

test('an action item waits on the owner organisation\'s dashboard until it is marked done', async () => {
  const url = `${srv.url}/meetings/${meetingId}/actions`;
  const bad = await post(aoi, url, { body: ACTION, owner_org_id: mirai, due_on: '2025-13-01' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /期日を YYYY-MM-DD の形で/);
  assert.equal((await post(aoi, url, { body: ACTION, owner_org_id: '', due_on: day(7) })).status, 400);
  assert.equal(sql(db, `select count(*) from action_item where meeting_id = ${meetingId}`), '0');
  const ok = await post(aoi, url, { body: ACTION, owner_org_id: mirai, due_on: day(7) });
  assert.equal(ok.status, 303);
  const item = sql(db, `select id from action_item where meeting_id = ${meetingId}`);
  assert.equal(lastAudit('meeting.action.add'), `meeting|${meetingId}`);

  const home = await (await as(suruga, `${srv.url}/`)).text();
  assert.ok(home.includes(ACTION), 'on みらい\'s dashboard');
  // Overdue first: the demo's overdue item comes before ours.
  const overdue = sql(db, `select body from action_item where owner_org_id = ${mirai} and done_on is null and due_on < '${day(0)}'`);
  assert.ok(home.indexOf(overdue) < home.indexOf(ACTION));
  assert.match(home, /<tr class="overdue">/);
  assert.ok(!(await (await as(aoi, `${srv.url}/`)).text()).includes(ACTION), 'not on another office\'s dashboard');
  assert.ok(!(await (await as(city, `${srv.url}/`)).text()).includes(ACTION), 'not on the city\'s: it does not own it');

  // Another office may not close it: as if it were not there.
  assert.equal((await post(aoi, `${srv.url}/actions/${item}/done`, { back: 'home' })).status, 404);
  const done = await post(suruga, `${srv.url}/actions/${item}/done`, { back: 'home' });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/?done=action_done#action-items');
  assert.equal(sql(db, `select done_on is not null, done_by is not null from action_item where id = ${item}`), '1|1');
  assert.equal(lastAudit('action.done'), `action_item|${item}`);
  const after = await (await as(suruga, `${srv.url}/?done=action_done`)).text();
  assert.ok(!after.includes(ACTION), 'gone from the dashboard');
  assert.match(after, /対応事項を完了にしました。/);
  assert.equal((await post(suruga, `${srv.url}/actions/${item}/done`, { back: 'home' })).status, 409);
});

test('a meeting is saved with its minutes; a cancelled one takes no attendance', async () => {
  const res = await post(city, `${srv.url}/meetings/${meetingId}`, {
    kind: 'working_group', title: '試験の臨時ワーキンググループ', held_on: day(-2), starts_at: '10:00', ends_at: '11:30',
    ward_code: '221015', status: 'cancelled', minutes: '試験の議事録',
  });
  assert.equal(res.status, 303);
  assert.equal(sql(db, `select status, goal_setting, minutes from meeting where id = ${meetingId}`), 'cancelled|0|試験の議事録');
  const hospital = sql(db, "select id from organisation where name = '清水みなと病院'");
  const r = await post(city, `${srv.url}/meetings/${meetingId}/attendance`, { organisation_id: hospital, head_count: '1' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /この会議は中止されました。/);
  const future = await post(city, `${srv.url}/meetings/${meetingId}`, {
    kind: 'working_group', title: 'x', held_on: day(5), status: 'held', starts_at: '', ends_at: '',
  });
  assert.equal(future.status, 400);
  assert.equal(sql(db, `select held_on from meeting where id = ${meetingId}`), day(-2));
  assert.equal((await post(city, `${srv.url}/meetings/999999`, { kind: 'forum', title: 'x', held_on: day(0), status: 'planned' })).status, 404);
});

test('every staff role reads meetings; only the city and counsellors keep them; agents and the administrator get 403', async () => {
  for (const who of ['hospital', 'provider', 'elderly', 'peer']) {
    const s = await login(srv.url, who);
    assert.equal((await as(s, `${srv.url}/meetings`)).status, 200, who);
    assert.equal((await as(s, `${srv.url}/meetings/${meetingId}`)).status, 200, who);
    assert.equal((await as(s, `${srv.url}/meetings/${meetingId}/print`)).status, 200, who);
    assert.equal((await post(s, `${srv.url}/meetings`, { kind: 'forum', title: 'x', held_on: day(1), status: 'planned' })).status, 403, who);
  }
  for (const who of ['agent', 'admin']) {
    const s = await login(srv.url, who);
    for (const path of ['/meetings', `/meetings/${meetingId}`, `/meetings/${meetingId}/print`, '/meetings/new'])
      assert.equal((await as(s, `${srv.url}${path}`)).status, 403, `${who} ${path}`);
  }
  const list = await (await as(city, `${srv.url}/meetings?kind=forum`)).text();
  assert.match(list, /協議の場/);
  assert.ok(!list.includes('試験の臨時ワーキンググループ'), 'the kind filter applies');
  assert.equal((await as(city, `${srv.url}/meetings/999999`)).status, 404);
});
