// The programme history, the plan and the calendar over real HTTP. /programmes draws the seed's six
// programmes (§3) as a timeline in order with their 年度 spans and the renamed-from link; the city
// adds and edits programmes (bad years, a rename from itself or from a later programme 400, a
// duplicate 409, nothing stored), other roles get 403 on every change. /plan shows the seed's §5 for
// 令和3年度 word for word (as stored: NFKC), falls back to it while this year's plan is unwritten, and
// the city writes strengths and challenges. /calendar shows the month's meetings, events and trial
// stays — names only where the user may see the case, audited when shown — and /calendar.ics is an
// RFC 5545 file (CRLF, lines ≤ 75 octets, folding and escaping that Debian's python3-icalendar reads
// back exactly) with no person's name in it. Agents get 403 on all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let city;
let aoi;
let suruga;
let hospital;
let provider;
let agent;

const NEW = 'テスト精神障害者ピアサポート推進事業';
// Long enough to fold several times, with everything TEXT must escape and Japanese at the folds.
const MEETING = '退院支援連絡会（第3回）、葵区・駿河区・清水区合同;事例検討\\振り返り,地域移行支援部会ワーキンググループと地域包括支援センター';
const EVENT = '高齢分野との研修会（駿河区）';

const SEED = [
  ['精神障害者退院促進事業', 'H19–H20', '静岡県'],
  ['精神障害者ケースマネジメントモデル事業', 'H19–H20', '静岡市'],
  ['精神障害者地域移行支援事業', 'H21–H23', '静岡県'],
  ['精神障害者地域生活体験支援事業', 'H21–', '静岡市'],
  ['退院支援体制確保事業', 'H27–', '静岡市'],
  ['障害者自立支援協議会地域移行支援部会、地域移行支援部会ワーキンググループ', 'H28–', '静岡市'],
];

let person; // the family and given name of the demo case with the trial stay
let stayCase;
let meetingId;
let eventId;
let bookingId;
let roomId;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  city = await login(srv.url, 'city');
  aoi = await login(srv.url, 'counselor-aoi');
  suruga = await login(srv.url, 'counselor-suruga');
  hospital = await login(srv.url, 'hospital');
  provider = await login(srv.url, 'provider');
  agent = await login(srv.url, 'agent');

  // October 2021 (令和3年度): a meeting with a title every escape and fold is needed for, a
  // cancelled event, and a trial stay in ひだまり's room for a case of 葵区 that 駿河区 does not carry.
  const user = sql(db, "select id from app_user where login = 'city'");
  meetingId = sql(db, `insert into meeting (municipality_code, kind, title, held_on, starts_at, ends_at, place, status,
    created_by, created_at) values ('221007', 'liaison', '${MEETING}', '2021-10-15', '14:00', '16:00', '静岡市役所', 'held',
    ${user}, 0) returning id`);
  eventId = sql(db, `insert into event (municipality_code, kind, title, held_on, ward_code, status, status_reason,
    created_by, created_at) values ('221007', 'elderly_field_training', '${EVENT}', '2021-10-20', '221023', 'cancelled',
    'コロナの影響', ${user}, 0) returning id`);
  const home = sql(db, "select id from organisation where name = 'グループホームひだまり'");
  roomId = sql(db, `insert into trial_room (organisation_id, name, active) values (${home}, 'テスト体験室', 1) returning id`);
  const row = sql(db, `select c.id, p.family_name, p.given_name from support_case c join person p on p.id = c.person_id
    join organisation o on o.id = c.lead_org_id where o.name = '葵区相談支援センターつむぎ' and c.stage <> 'closed'
    and not exists (select 1 from care_team_member m join organisation x on x.id = m.organisation_id
      where m.case_id = c.id and x.name = '駿河区相談支援センターみらい') order by c.id limit 1`).split('|');
  stayCase = row[0];
  person = { family: row[1], given: row[2] };
  bookingId = sql(db, `insert into trial_booking (room_id, case_id, starts_on, ends_on, status, user_id, created_at)
    values (${roomId}, ${stayCase}, '2021-10-14', '2021-10-16', 'booked', ${user}, 0) returning id`);
});

after(async () => {
  await srv?.stop();
  if (srv) {
    assert.deepEqual(sanitizerReports(srv.log()), []);
    for (const text of [NEW, person.family, MEETING]) assert.ok(!srv.log().includes(text), text);
  }
  if (db) removeDemoDb(db);
});

const page = async (s, path) => {
  const res = await as(s, `${srv.url}${path}`);
  assert.equal(res.status, 200, path);
  return res.text();
};
const lastAudit = (action) => sql(db, `select object_type, object_id from audit_log where action = '${action}' order by id desc limit 1`);
const count = (table) => Number(sql(db, `select count(*) from ${table}`));
const programmeId = (name) => sql(db, `select id from programme where name = '${name}'`);

// The timeline table of /programmes and its rows, as [row header, bar cell].
function timelineRows(html) {
  const table = html.match(/<table class="timeline">[\s\S]*?<\/table>/);
  assert.ok(table, 'the timeline is a table');
  return [...table[0].matchAll(/<tr><th scope="row">([\s\S]*?)<\/th>[\s\S]*?<td colspan="(\d+)" class="bar ([a-z ]+)">([\s\S]*?)<\/td>/g)]
    .map((m) => ({ head: m[1], span: Number(m[2]), classes: m[3], bar: m[4] }));
}

test('the timeline holds the seed\'s six programmes in order with their 年度 spans', async () => {
  const html = await page(aoi, '/programmes');
  assert.match(html, /<h1>取組の経緯<\/h1>/);
  // Fiscal years across, labelled as the seed does, the full 年度 in the title.
  assert.match(html, /<th scope="col"><abbr title="平成19年度">H19<\/abbr><\/th><th scope="col"><abbr title="平成20年度">H20<\/abbr>/);
  assert.match(html, /<abbr title="令和元年度">R1<\/abbr>/);
  assert.match(html, /<abbr title="令和3年度">R3<\/abbr>/);
  const rows = timelineRows(html);
  assert.equal(rows.length, 6);
  rows.forEach((r, i) => {
    const [name, span, by] = SEED[i];
    assert.ok(r.head.includes(`>${name}</a>`), `row ${i + 1} is ${name}`);
    assert.ok(r.bar.startsWith(`${span} `), `${name} spans ${span}: ${r.bar}`);
    assert.ok(r.bar.includes(by), `${name} is run by ${by}`);
  });
  assert.deepEqual(rows.map((r) => r.classes), ['prefecture', 'city', 'prefecture', 'city continuing', 'city continuing', 'city continuing']);
  assert.deepEqual(rows.slice(0, 3).map((r) => r.span), [2, 2, 3]);
  // H19 is the first column: nothing before the first two bars; H21 starts after two empty years.
  assert.match(html, /<a href="#programme-\d+">精神障害者ケースマネジメントモデル事業<\/a><\/th><td colspan="2" class="bar/);
  assert.match(html, /精神障害者地域移行支援事業<\/a><br><small>← <a href="#programme-\d+">「精神障害者退院促進事業」から名称変更<\/a><\/small><\/th><td colspan="2"><\/td><td colspan="3"/);
});

test('the renamed-from link points at the earlier programme, and back', async () => {
  const html = await page(hospital, '/programmes');
  const promo = programmeId('精神障害者退院促進事業');
  const transition = programmeId('精神障害者地域移行支援事業');
  assert.equal(sql(db, `select renamed_from from programme where id = ${transition}`), promo);
  const details = html.match(new RegExp(`<section class="card" id="programme-${transition}">[\\s\\S]*?</section>`))[0];
  assert.ok(details.includes(`<dt>名称変更</dt><dd><a href="#programme-${promo}">「精神障害者退院促進事業」から名称変更</a></dd>`));
  assert.ok(details.includes('<dt>年度</dt><dd>平成21年度〜平成23年度</dd>'));
  assert.ok(details.includes('<dt>委託先</dt><dd>各圏域の相談支援事業所に委託</dd>'));
  const old = html.match(new RegExp(`<section class="card" id="programme-${promo}">[\\s\\S]*?</section>`))[0];
  assert.ok(old.includes(`<dt>名称変更後</dt><dd><a href="#programme-${transition}">精神障害者地域移行支援事業</a> (H21–H23)</dd>`));
  // The seed's contents, word for word as stored (NFKC turns （） into ()).
  for (const text of ['長期入院者の退院促進と治療中断防止に関する研究事業', 'グループホームの一室を利用して、短期間の体験宿泊を実施',
    '各行政区相談支援事業所に「退院支援専任相談員」を配置(各区1名ずつ)\n医療・福祉・行政のつながる場「退院支援連絡会」の開催(月1回)',
    '「障害者自立支援協議会地域移行支援部会」、「地域移行支援部会ワーキンググループ(退院支援連絡会から名称変更)」の設置']) {
    assert.ok(html.includes(text), text);
  }
  assert.ok(!html.includes('action="/programmes'), 'no editing forms for the hospital');
  assert.equal(count('programme'), 6);
});

test('the city adds a programme and is refused bad years, renames and duplicates with nothing stored', async () => {
  const promo = programmeId('精神障害者退院促進事業');
  const wg = programmeId('障害者自立支援協議会地域移行支援部会、地域移行支援部会ワーキンググループ');
  const fields = { name: NEW, implementer: 'city', commissioned_to: '', from_fy: '2022', to_fy: '', description: '交流会の支援', renamed_from: '' };

  const backwards = await post(city, `${srv.url}/programmes`, { ...fields, to_fy: '2021' });
  assert.equal(backwards.status, 400);
  const html = await backwards.text();
  assert.match(html, /<div class="notice error" role="alert" id="new-error">終了年度を開始年度より前にすることはできません。<\/div>/);
  assert.match(html, /id="new-to_fy" name="to_fy" aria-invalid="true"/);
  assert.ok(html.includes(`value="${NEW}"`), 'the typed name is kept');
  assert.match(html, /<option value="2021" selected>令和3年度（2021）<\/option>/);

  // Renamed from H28's programme, starting in H27: a link forward in time.
  const later = await post(city, `${srv.url}/programmes`, { ...fields, from_fy: '2015', renamed_from: wg });
  assert.equal(later.status, 400);
  assert.match(await later.text(), /名称変更前の事業には、より前の年度に始まった事業を選んでください。/);
  const noYear = await post(city, `${srv.url}/programmes`, { ...fields, from_fy: '1988' });
  assert.equal(noYear.status, 400);
  const dup = await post(city, `${srv.url}/programmes`, { ...fields, name: '精神障害者退院促進事業', from_fy: '2007', to_fy: '2008' });
  assert.equal(dup.status, 409);
  assert.match(await dup.text(), /同じ名前の事業がその年度にすでに始まっています。/);
  assert.equal(count('programme'), 6, 'nothing refused was stored');

  const ok = await post(city, `${srv.url}/programmes`, { ...fields, renamed_from: promo });
  assert.equal(ok.status, 303);
  const id = programmeId(NEW);
  assert.equal(ok.headers.get('location'), `/programmes?done=created#programme-${id}`);
  assert.equal(sql(db, `select implementer, from_fy, to_fy is null, renamed_from from programme where id = ${id}`), `city|2022|1|${promo}`);
  assert.equal(lastAudit('programme.create'), `programme|${id}`);
  const shown = await page(city, '/programmes?done=created');
  assert.match(shown, /事業を追加しました。/);
  assert.equal(timelineRows(shown).length, 7);
  assert.ok(timelineRows(shown)[6].bar.startsWith('R4– '), 'the new one is last, continuing from R4');
});

test('the city edits a programme; a rename from itself is refused', async () => {
  const id = programmeId(NEW);
  const fields = { name: NEW, implementer: 'other', commissioned_to: 'ピアサポートしずおか', from_fy: '2022', to_fy: '2024', description: '', renamed_from: id };
  const self = await post(city, `${srv.url}/programmes/${id}`, fields);
  assert.equal(self.status, 400);
  const html = await self.text();
  assert.match(html, new RegExp(`<div class="notice error" role="alert" id="edit-${id}-error">事業を自分自身から名称変更することはできません。</div>`));
  assert.match(html, new RegExp(`<details open><summary>事業を編集</summary>`));
  assert.equal(sql(db, `select implementer from programme where id = ${id}`), 'city', 'nothing changed');

  const ok = await post(city, `${srv.url}/programmes/${id}`, { ...fields, renamed_from: '' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/programmes?done=saved#programme-${id}`);
  assert.equal(sql(db, `select implementer, commissioned_to, to_fy, description is null, renamed_from is null from programme where id = ${id}`),
    'other|ピアサポートしずおか|2024|1|1');
  assert.equal(lastAudit('programme.update'), `programme|${id}`);
  assert.equal((await post(city, `${srv.url}/programmes/999999`, fields)).status, 404);

  // Planned ahead: the timeline reaches its first year, one column of bar.
  const jst = new Date(Date.now() + 9 * 3600 * 1000);
  const ahead = (jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1) + 3;
  assert.equal((await post(city, `${srv.url}/programmes/${id}`, { ...fields, renamed_from: '', from_fy: String(ahead), to_fy: '' })).status, 303);
  const html2 = await page(city, '/programmes');
  const rows = timelineRows(html2);
  const mine = rows.find((r) => r.head.includes(NEW));
  assert.equal(mine.span, 1);
  assert.ok(mine.classes.includes('continuing'));
  assert.match(html2, new RegExp(`<th scope="col"><abbr title="令和${ahead - 2018}年度">R${ahead - 2018}</abbr></th></tr></thead>`));
  assert.ok(rows.every((r) => r.span >= 1));
});

test('only the city changes programmes and the plan', async () => {
  const id = programmeId('精神障害者退院促進事業');
  const challenge = sql(db, 'select id from plan_challenge order by id limit 1');
  const writes = () => sql(db, "select count(*) from audit_log where outcome = 'ok' and (action like 'programme.%' or action like 'plan.%')");
  const before = writes();
  for (const name of ['counselor-aoi', 'hospital', 'provider', 'elderly', 'peer']) {
    const s = await login(srv.url, name);
    for (const path of ['/programmes', `/programmes/${id}`, '/plan/strength', '/plan/challenges', `/plan/challenges/${challenge}`]) {
      const res = await post(s, `${srv.url}${path}`, { name: 'x', fy: '2021', body: 'x', position: '9', title: 'x', policy: 'x' });
      assert.equal(res.status, 403, `${name} POST ${path}`);
    }
  }
  assert.equal(writes(), before);
  assert.equal(count('programme'), 7);
});

test('agents get 403 on every page of the programmes, the plan and the calendar', async () => {
  for (const path of ['/programmes', '/plan', '/plan?fy=2021', '/calendar', '/calendar?month=2021-10', '/calendar.ics?month=2021-10']) {
    assert.equal((await as(agent, `${srv.url}${path}`)).status, 403, path);
  }
  for (const path of ['/programmes', '/plan/strength', '/plan/challenges']) {
    assert.equal((await post(agent, `${srv.url}${path}`, { name: 'x' })).status, 403, path);
  }
});

test('the plan shows the seed\'s §5 for 令和3年度 word for word', async () => {
  const html = await page(provider, '/plan?fy=2021');
  assert.match(html, /<h2>令和3年度 現時点における強みと課題<\/h2>/);
  assert.ok(html.includes('<p class="text">精神科病院に入院している方、または、障害者支援施設等に入所している方が、地域で生活するために必要となる支援体制の整備など、障がいのある方の地域移行の推進に係る課題や手法など官民協働で協議することができている。</p>'));
  const cards = [...html.matchAll(/<section class="card" id="challenge-\d+">([\s\S]*?)<\/section>/g)].map((m) => m[1]);
  assert.equal(cards.length, 2);
  assert.ok(cards[0].startsWith('<h3>課題1</h3><p class="text">多様な居住の場の確保の推進に関すること。</p>'));
  assert.ok(cards[0].includes('<p class="text">支援者や宅地建物取引業協会側と共に支援体制の確認できる仕組み(住宅あっせんシステム)を本格実施していく。</p>'));
  assert.ok(cards[0].includes('<tr><th scope="row">行政</th><td class="record-text">宅建協会で研修会を開催し、精神障がい、システムへの理解を促し、協力できる会員を確認しながら運用開始に繋げる。\n実際に運用していく中で常に改善点等を洗い出し、より活用しやすい制度となるよう検討していく。</td></tr>'));
  assert.ok(cards[1].startsWith('<h3>課題2</h3><p class="text">8050問題や障がい者の高齢化等により高齢分野との連携が一層求められている。</p>'));
  assert.ok(cards[1].includes('高齢分野との研修会を開催し、互いの立場や役割を確認し、顔つなぎを行うことで、より円滑な連携体制の構築に繋げる'));
  assert.ok(cards[1].includes('<td class="record-text">研修会においては、ワーキングループメンバーも参加し、グループワーク等が円滑に行えるよう支援する。</td>'));
  for (const card of cards) {
    for (const sector of ['医療', '福祉', 'その他関係機関・住民等']) {
      assert.ok(card.includes(`<tr><th scope="row">${sector}</th><td class="record-text">—</td></tr>`), `${sector} is blank`);
    }
  }
  assert.ok(!html.includes('action="/plan/'), 'no writing forms for the provider');
});

test('/plan shows the newest plan until this year\'s is written, and the city writes it', async () => {
  // The fiscal year in Japan: April to March.
  const jst = new Date(Date.now() + 9 * 3600 * 1000);
  const thisFy = jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
  let html = await page(city, '/plan');
  assert.match(html, /の強みと課題はまだ書かれていません。最新の令和3年度のものを表示しています。/);
  assert.ok(html.includes(`<a href="/plan?fy=${thisFy}">`), 'a link to write this year\'s plan');
  assert.match(html, /<option value="2021" selected>令和3年度<\/option>/);

  // This year's page is empty, with the forms for the year.
  html = await page(city, `/plan?fy=${thisFy}`);
  assert.match(html, /この年度の強みはまだ書かれていません。/);
  assert.ok(html.includes(`<input type="hidden" name="fy" value="${thisFy}">`));
  assert.equal((await as(city, `${srv.url}/plan?fy=20x1`)).status, 404);

  const empty = await post(city, `${srv.url}/plan/strength`, { fy: String(thisFy), body: '　' });
  assert.equal(empty.status, 400);
  assert.match(await empty.text(), /強みを入力してください（4000バイトまで）。/);
  const res = await post(city, `${srv.url}/plan/strength`, { fy: String(thisFy), body: '官民協働の協議が続いている。' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/plan?fy=${thisFy}&done=strength#strength`);
  assert.equal(lastAudit('plan.strength'), `plan_strength|${thisFy}`);
  html = await page(city, '/plan');
  assert.ok(!html.includes('まだ書かれていません。最新の'), 'this year\'s plan is shown now');
  assert.ok(html.includes('<p class="text">官民協働の協議が続いている。</p>'));
});

test('the city adds and edits challenges; a taken position is 409', async () => {
  const n = count('plan_challenge');
  const fields = { fy: '2021', position: '2', title: '地域の理解の促進', policy: '普及啓発の研修を開く', role_government: '', role_medical: '病院での説明会', role_welfare: '', role_other: '' };
  const taken = await post(city, `${srv.url}/plan/challenges`, fields);
  assert.equal(taken.status, 409);
  const html = await taken.text();
  assert.match(html, /この年度の別の課題がその番号を使っています。/);
  assert.ok(html.includes('病院での説明会'), 'the typed role is kept');
  assert.equal(count('plan_challenge'), n);

  const ok = await post(city, `${srv.url}/plan/challenges`, { ...fields, position: '3' });
  assert.equal(ok.status, 303);
  const id = sql(db, "select id from plan_challenge where title = '地域の理解の促進'");
  assert.equal(ok.headers.get('location'), `/plan?fy=2021&done=challenge#challenge-${id}`);
  assert.equal(sql(db, `select fy, position, role_government is null, role_medical from plan_challenge where id = ${id}`), '2021|3|1|病院での説明会');
  assert.equal(lastAudit('plan.challenge.create'), `plan_challenge|${id}`);

  const edit = await post(city, `${srv.url}/plan/challenges/${id}`, { ...fields, fy: '2030', position: '4', role_welfare: '事業所での周知' });
  assert.equal(edit.status, 303);
  assert.equal(sql(db, `select fy, position, role_welfare from plan_challenge where id = ${id}`), '2021|4|事業所での周知', 'the year stays');
  assert.equal(lastAudit('plan.challenge.update'), `plan_challenge|${id}`);
  const bad = await post(city, `${srv.url}/plan/challenges/${id}`, { ...fields, position: 'x' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /番号は1から99までの整数で入力してください。/);
});

// The cell of day iso in the month table.
function dayCell(html, iso) {
  const m = html.match(new RegExp(`<td class="day[^"]*"[^>]*><time datetime="${iso}" class="date">\\d+</time>([\\s\\S]*?)</td>`));
  assert.ok(m, `a cell for ${iso}`);
  return m[1];
}

test('the month shows meetings, events and stays; names only where the case is visible, audited', async () => {
  const audits = () => Number(sql(db, "select count(*) from audit_log where action = 'calendar.read'"));
  const before = audits();
  let html = await page(city, '/calendar?month=2021-10');
  assert.match(html, /<caption>2021年10月（令和3年）<\/caption>/);
  // Weeks from Sunday: October 2021 began on a Friday, so the table opens with 2021-09-26.
  assert.match(html, /<tbody><tr><td class="day other"><time datetime="2021-09-26" class="date">26<\/time><\/td>/);
  assert.match(html, /<th scope="col"><abbr title="日曜日">日<\/abbr><\/th><th scope="col"><abbr title="月曜日">月<\/abbr>/);
  assert.ok(html.includes('<a class="button" rel="prev" href="/calendar?month=2021-09">'));
  assert.ok(html.includes('<a class="button" rel="next" href="/calendar?month=2021-11">'));
  assert.ok(html.includes('href="/calendar.ics?month=2021-10"'));
  assert.ok(dayCell(html, '2021-10-15').includes(`<a href="/meetings/${meetingId}"><time>14:00</time> `), 'the meeting on its day');
  assert.ok(html.includes(MEETING), 'its title');
  assert.ok(dayCell(html, '2021-10-20').includes(`<a href="/events/${eventId}">${EVENT}</a> <small>(中止)</small>`));
  // The stay on its two nights, not on the day of leaving, with the name for the city.
  for (const night of ['2021-10-14', '2021-10-15']) {
    assert.ok(dayCell(html, night).includes(`<a href="/stays#room-${roomId}">体験宿泊 テスト体験室 <small>グループホームひだまり</small></a>: ${person.family} ${person.given}`), night);
  }
  assert.ok(!dayCell(html, '2021-10-16').includes('体験宿泊'));
  assert.equal(audits(), before + 1, 'the read of a name is audited');
  assert.equal(lastAudit('calendar.read'), 'trial_booking|');

  // Another ward's counsellor sees the nights taken, not who: nothing to audit.
  html = await page(suruga, '/calendar?month=2021-10');
  assert.ok(dayCell(html, '2021-10-14').includes('</a>: 予約済み'));
  assert.ok(!html.includes(person.family));
  // The group home sees who sleeps in its own room.
  html = await page(provider, '/calendar?month=2021-10');
  assert.ok(dayCell(html, '2021-10-14').includes(`: ${person.family} ${person.given}`));
  // A hospital has no trial stays at all, but the meeting and the event.
  html = await page(hospital, '/calendar?month=2021-10');
  assert.ok(!html.includes('/stays') && !html.includes('予約済み'));
  assert.ok(html.includes(`/meetings/${meetingId}`) && html.includes(`/events/${eventId}`));
  assert.equal(audits(), before + 2, 'only the provider\'s read of a name is audited besides the city\'s');

  assert.equal((await as(city, `${srv.url}/calendar?month=2021-13`)).status, 400);
  assert.equal((await as(city, `${srv.url}/calendar.ics?month=21-10`)).status, 400);
});

test('the calendar shows the demo\'s meetings and events of a month', async () => {
  const month = sql(db, `select substr(held_on, 1, 7) from meeting where id <> ${meetingId} order by held_on desc limit 1`);
  assert.match(month, /^\d{4}-\d\d$/, 'the demo has meetings');
  const html = await page(aoi, `/calendar?month=${month}`);
  const ids = sql(db, `select 'meetings/' || id from meeting where held_on like '${month}-%'
    union all select 'events/' || id from event where held_on like '${month}-%'`).split('\n');
  assert.ok(ids.length >= 1);
  for (const id of ids) assert.ok(html.includes(`<a href="/${id}">`), id);
});

test('the .ics export is RFC 5545 text that a real parser reads back, without names', async () => {
  const res = await as(city, `${srv.url}/calendar.ics?month=2021-10`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.equal(res.headers.get('content-disposition'), 'attachment; filename="tsunagu-2021-10.ics"');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    assert.ok(!/[\r\n]/.test(line), 'CRLF only');
    assert.ok(Buffer.byteLength(line) <= 75, `≤ 75 octets: ${line}`);
    assert.ok(!line.includes('\uFFFD'), 'no character cut by a fold');
  }
  assert.ok(lines.some((l) => l.startsWith(' ')), 'the long title was folded');
  assert.ok(text.includes(`\r\nUID:meeting-${meetingId}@221007.tsunagu\r\n`));
  assert.ok(text.includes(`\r\nUID:event-${eventId}@221007.tsunagu\r\n`));
  assert.ok(text.includes(`\r\nUID:stay-${bookingId}@221007.tsunagu\r\n`));
  assert.ok(text.includes('\r\nDTSTART;TZID=Asia/Tokyo:20211015T140000\r\nDTEND;TZID=Asia/Tokyo:20211015T160000\r\n'));
  assert.ok(text.includes('\r\nDTSTART;VALUE=DATE:20211014\r\nDTEND;VALUE=DATE:20211016\r\n'));
  assert.ok(text.includes('\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n'));
  for (const name of [person.family, person.given]) assert.ok(!text.includes(name), 'no person\'s name in the file');

  // Debian's python3-icalendar (scripts/deps test) unfolds and unescapes it: every text exactly.
  const parsed = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for e in cal.walk('VEVENT'):
    out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'status': str(e['STATUS']),
                'start': e.decoded('DTSTART').isoformat(), 'end': e.decoded('DTEND').isoformat() if 'DTEND' in e else None})
print(json.dumps(out, ensure_ascii=False))
`], { input: bytes, encoding: 'utf8' }));
  const byUid = Object.fromEntries(parsed.map((e) => [e.uid, e]));
  const m = byUid[`meeting-${meetingId}@221007.tsunagu`];
  assert.equal(m.summary, MEETING, 'the title survives folding and escaping');
  assert.equal(m.status, 'CONFIRMED');
  assert.equal(m.start, '2021-10-15T14:00:00+09:00');
  const e = byUid[`event-${eventId}@221007.tsunagu`];
  assert.equal(e.summary, `${EVENT}（中止）`);
  assert.equal(e.status, 'CANCELLED');
  assert.equal(e.start, '2021-10-20');
  const s = byUid[`stay-${bookingId}@221007.tsunagu`];
  assert.equal(s.summary, '体験宿泊 テスト体験室（グループホームひだまり）');
  assert.deepEqual([s.start, s.end], ['2021-10-14', '2021-10-16']);

  // A provider's file holds its own room's stay, still without the name it sees on the page.
  const own = await (await as(provider, `${srv.url}/calendar.ics?month=2021-10`)).text();
  assert.ok(own.includes(`UID:stay-${bookingId}@`));
  assert.ok(!own.includes(person.family));
  // A hospital's holds no stays.
  const none = await (await as(hospital, `${srv.url}/calendar.ics?month=2021-10`)).text();
  assert.ok(!none.includes('UID:stay-'));
  assert.ok(none.includes(`UID:meeting-${meetingId}@`));
});
