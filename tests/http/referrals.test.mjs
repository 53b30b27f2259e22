// The agent's portal of the housing referral system (住宅あっせんシステム) over real HTTP: the agent of
// ふじみ不動産 sees a housing request sent to the firm, its support-structure sheet (支援体制確認シート)
// as a page and as a PDF — each view audited — proposes its own flat (another firm's is refused with
// nothing stored, twice is 409), may raise a concern only after the tenant moved into its flat and
// sees only when the team took it up, never how. A revoked consent closes the request, the sheet and
// the PDF at once with the very page a request id that does not exist gets, and a request sent to
// another firm too. Only agents have /referrals. Audit rows carry ids; the log no names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb, OUT } from '../lib/server.mjs';

let db;
let srv;
let agent;    // ふじみ不動産
let agentAoi; // 葵ハウジング
let fujimi;
let aoiFirm;
let ownListing;   // an open listing of ふじみ不動産
let otherListing; // an open listing of 葵ハウジング
let req1;     // sent to ふじみ不動産: open
let req2;     // same case, sent to 葵ハウジング only
let req3;     // another case, sent to ふじみ不動産, moved into its flat
let case1;

// Marker strings: what the sheet may show, and what must never reach an agent.
const FAMILY = '住宅試';
const GIVEN = '借子';
const PHONE24 = '054-000-9247';
const CONTACT24 = '試験24時間窓口ひまわり';
const CLINIC = 'ひみつ試験クリニック'; // not consented: never shown
const NOTE = '試験用の申し送り、日当たりの良い部屋を希望。';
const CONCERN = '試験の懸念、家賃の支払いが二か月遅れています。';
const HANDLING = '試験の対応記録、本人と面談して分割払いを相談。'; // the team's note: never shown to agents
const PERSON2 = '別件試';

// Dates as the server sees them: today in Japan, and days from it.
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);
const thisYear = Number(day(0).slice(0, 4));

const id = (q) => sql(db, q);

// A person with a housing-stage case led by the 駿河区 office, a housing_agents consent, and a
// request with its sheet — written straight into the tables (schema/004_housing.sql), so that this
// test does not depend on the counsellor's forms.
function personWithCase(family, given) {
  const office = id("select id from organisation where name = '駿河区相談支援センターみらい'");
  const user = id("select id from app_user where login = 'counselor-suruga'");
  const personId = id(`insert into person (municipality_code, family_name, given_name, family_kana, given_kana, kana_key,
      name_key, birth_date, sex, ward_code, created_at, updated_at)
    values ('221007', '${family}', '${given}', 'ジュウタクシ', 'カリコ', 'じゅうたくしかりこ', '${family}${given}',
      '${thisYear - 45}-01-01', 'female', '221023', unixepoch(), unixepoch()) returning id`);
  const caseId = id(`insert into support_case (person_id, lead_org_id, stage, opened_on, created_by, created_at)
    values (${personId}, ${office}, 'housing', '${day(-60)}', ${user}, unixepoch()) returning id`);
  sql(db, `insert into consent (case_id, scope, granted_on, user_id) values (${caseId}, 'housing_agents', '${day(-30)}', ${user})`);
  return { caseId, user };
}

function request(caseId, user, firms) {
  const r = id(`insert into housing_request (case_id, budget, agent_note, created_by, created_at)
    values (${caseId}, 45000, '${NOTE}', ${user}, unixepoch()) returning id`);
  sql(db, `insert into housing_request_ward (request_id, ward_code) values (${r}, '221023')`);
  sql(db, `insert into housing_request_condition (request_id, condition) values (${r}, 'ground_floor')`);
  sql(db, `insert into support_sheet (request_id, contact_24h_name, contact_24h_phone, counselor_name, counselor_phone,
      clinic_name, clinic_consented, visiting_nurse, day_activity, visit_frequency, safety_check, rent_payment,
      guarantee_company, money_management, emergency_plan, moving_out_plan, updated_by, updated_at)
    values (${r}, '${CONTACT24}', '${PHONE24}', '相談 駿河', '054-000-1111', '${CLINIC}', 0, '訪問看護ステーション試験',
      '地域活動支援センター試験', '週1回', '毎日電話', 'guarantee_company', '試験保証', 'daily_life_support',
      '夜間は24時間窓口へ。', '退去時は相談員が立ち会う。', ${user}, unixepoch())`);
  for (const f of firms) sql(db, `insert into housing_request_agent (request_id, organisation_id, sent_on) values (${r}, ${f}, '${day(-1)}')`);
  return r;
}

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  agent = await login(srv.url, 'agent');
  agentAoi = await login(srv.url, 'agent-aoi');
  fujimi = id("select id from organisation where name = 'ふじみ不動産'");
  aoiFirm = id("select id from organisation where name = '葵ハウジング'");
  ownListing = id(`select id from listing where organisation_id = ${fujimi} and status = 'open' order by id limit 1`);
  otherListing = id(`select id from listing where organisation_id = ${aoiFirm} and status = 'open' order by id limit 1`);
  assert.match(ownListing, /^\d+$/, 'the demo gives ふじみ不動産 an open listing');
  assert.match(otherListing, /^\d+$/, 'the demo gives 葵ハウジング an open listing');
  const p1 = personWithCase(FAMILY, GIVEN);
  case1 = p1.caseId;
  req1 = request(p1.caseId, p1.user, [fujimi]);
  req2 = request(p1.caseId, p1.user, [aoiFirm]);
  const p2 = personWithCase(PERSON2, '入居');
  req3 = request(p2.caseId, p2.user, [fujimi]);
  // The flat req3's tenant moved into: one of ふじみ不動産's, contracted.
  const flat = id(`insert into listing (organisation_id, ward_code, address, rent, fees, layout, floor, access_kind, access_name,
      access_minutes, guarantor, available_from, status, created_at, updated_at)
    values (${fujimi}, '221023', '静岡市駿河区試験入居町（テスト）', 38000, 0, '1K', 1, 'station', '静岡駅', 10, 'company',
      '${day(-30)}', 'contracted', unixepoch(), unixepoch()) returning id`);
  sql(db, `update housing_request set status = 'moved_in', listing_id = ${flat}, moved_in_on = '${day(-3)}' where id = ${req3}`);
});

after(async () => {
  await srv?.stop();
  if (srv) {
    assert.deepEqual(sanitizerReports(srv.log()), []);
    for (const text of [FAMILY, GIVEN, PHONE24, CONTACT24, CONCERN, NOTE]) assert.ok(!srv.log().includes(text), text);
  }
  if (db) removeDemoDb(db);
});

const audits = (action, object) => id(`select count(*) from audit_log where action = '${action}'
  and object_type = 'housing_request' and object_id = '${object}' and outcome = 'ok'`);

// The same page whatever the address: the language switch carries the path back, nothing else may differ.
const normalise = (html) => html.replace(/value="\/referrals\/[^"]*"/g, 'value="PATH"');

// What an agent must never see, in any page or PDF of this test.
function noSecrets(text, what) {
  for (const secret of [CLINIC, HANDLING, `/cases/${case1}`, '/persons/', 'birth', `${thisYear - 45}-01-01`]) {
    assert.ok(!text.includes(secret), `${what} shows ${secret}`);
  }
}

test('the agent sees the request sent to the firm, not the others, and the list is audited', async () => {
  const res = await as(agent, `${srv.url}/referrals`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.includes(`href="/referrals/${req1}"`), 'the request is listed');
  assert.ok(html.includes(`href="/referrals/${req3}"`), 'the moved-in request is listed');
  assert.ok(!html.includes(`href="/referrals/${req2}"`), 'another firm\'s request is not');
  assert.ok(html.includes('駿河区相談支援センターみらい'), 'the office is named');
  assert.ok(html.includes('45,000円'), 'the budget is in yen');
  assert.ok(!html.includes(FAMILY), 'the list does not name the tenant');
  noSecrets(html, '/referrals');
  assert.notEqual(id("select count(*) from audit_log where action = 'referral.list'"), '0');
});

test('the request page shows the wishes and the firm\'s own flats, and is audited', async () => {
  const before = audits('referral.view', req1);
  const res = await as(agent, `${srv.url}/referrals/${req1}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.includes('駿河区相談支援センターみらい'));
  assert.ok(html.includes(NOTE), 'the note to agents');
  assert.ok(html.includes(`href="/referrals/${req1}/sheet"`) && html.includes(`href="/referrals/${req1}/sheet.pdf"`));
  assert.ok(html.includes(`name="listing" value="${ownListing}"`), 'a propose form for the firm\'s open flat');
  assert.ok(!html.includes(`name="listing" value="${otherListing}"`), 'not for another firm\'s flat');
  assert.ok(!html.includes(FAMILY), 'the request page does not name the tenant');
  assert.ok(!html.includes('action="/referrals/' + req1 + '/concerns"'), 'no concern form before moving in');
  noSecrets(html, 'the request page');
  assert.equal(Number(audits('referral.view', req1)), Number(before) + 1);
});

test('the sheet names the tenant, the age band and the 24-hour phone, never the clinic not consented', async () => {
  const before = audits('sheet.view', req1);
  const res = await as(agent, `${srv.url}/referrals/${req1}/sheet`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.includes(`${FAMILY} ${GIVEN}`), 'the tenant name');
  assert.ok(html.includes(CONTACT24), 'the 24-hour contact');
  assert.ok(html.includes(`<a href="tel:0540009247">${PHONE24}</a>`), 'the 24-hour phone as a tel: link');
  assert.match(html, /40(代|s)/, 'the age band');
  assert.ok(html.includes('<section class="sheet"'), 'the sheet section');
  assert.ok(html.includes('訪問看護ステーション試験') && html.includes('試験保証'));
  noSecrets(html, 'the sheet');
  assert.equal(Number(audits('sheet.view', req1)), Number(before) + 1, 'the view is audited');
});

test('the sheet as PDF: application/pdf, an attachment, the tenant in its text; audited', async () => {
  const before = audits('sheet.pdf', req1);
  const res = await as(agent, `${srv.url}/referrals/${req1}/sheet.pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition'), new RegExp(`attachment; filename="support-sheet-${req1}\\.pdf"`));
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(Number(res.headers.get('content-length') ?? pdf.length), pdf.length);
  const file = join(OUT, `referral-sheet-${req1}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.ok(text.replace(/\s/g, '').includes(`${FAMILY}${GIVEN}`), 'the tenant name is in the PDF');
  assert.ok(text.includes(PHONE24), 'the 24-hour phone is in the PDF');
  noSecrets(text, 'the PDF');
  assert.equal(Number(audits('sheet.pdf', req1)), Number(before) + 1, 'the PDF is audited');
});

test('proposing another firm\'s flat is refused with nothing stored; the own flat once, twice is 409', async () => {
  const count = () => id(`select count(*) from housing_proposal where request_id = ${req1}`);
  const other = await post(agent, `${srv.url}/referrals/${req1}/proposals`, { listing: otherListing, note: '' });
  assert.equal(other.status, 400);
  const otherHtml = await other.text();
  assert.ok(!otherHtml.includes('葵ハウジング'), 'nothing of the other firm\'s flat is told');
  assert.equal(count(), '0');
  const missing = await post(agent, `${srv.url}/referrals/${req1}/proposals`, { listing: '999999', note: '' });
  assert.equal(missing.status, 400);
  assert.equal(normalise(await missing.text()), normalise(otherHtml), 'a missing flat gets the same answer');

  const ok = await post(agent, `${srv.url}/referrals/${req1}/proposals`, { listing: ownListing, note: '日当たり良好です' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/referrals/${req1}?done=proposed`);
  assert.equal(id(`select listing_id, note from housing_proposal where request_id = ${req1}`), `${ownListing}|日当たり良好です`);
  assert.equal(id(`select object_type || '|' || object_id from audit_log where action = 'housing.propose' order by id desc limit 1`),
    `housing_request|${req1}`);
  const page = await (await as(agent, `${srv.url}/referrals/${req1}?done=proposed`)).text();
  assert.ok(page.includes('日当たり良好です'), 'the firm sees its proposal');

  const again = await post(agent, `${srv.url}/referrals/${req1}/proposals`, { listing: ownListing, note: '二度目' });
  assert.equal(again.status, 409);
  const html = await again.text();
  assert.ok(html.includes('二度目'), 'the typed note is kept');
  assert.ok(html.includes('aria-invalid="true"') || html.includes('role="alert"'), 'the refusal is shown');
  assert.equal(count(), '1');
});

test('the firm sees only its own proposals', async () => {
  // 葵ハウジング's flat proposed for the same request by hand: ふじみ不動産 must not see it.
  sql(db, `insert into housing_request_agent (request_id, organisation_id, sent_on) values (${req1}, ${aoiFirm}, '${day(0)}')`);
  const aoiUser = id("select id from app_user where login = 'agent-aoi'");
  sql(db, `insert into housing_proposal (request_id, listing_id, note, proposed_by, proposed_at)
    values (${req1}, ${otherListing}, '葵の提案メモ', ${aoiUser}, unixepoch())`);
  const address = id(`select address from listing where id = ${otherListing}`);
  const html = await (await as(agent, `${srv.url}/referrals/${req1}`)).text();
  assert.ok(!html.includes('葵の提案メモ') && !html.includes(address), 'another firm\'s proposal is not shown');
  const theirs = await (await as(agentAoi, `${srv.url}/referrals/${req1}`)).text();
  assert.ok(theirs.includes('葵の提案メモ'), 'the other firm sees its own');
  assert.ok(!theirs.includes('日当たり良好です'), 'and not ふじみ不動産\'s');
  sql(db, `delete from housing_proposal where request_id = ${req1} and listing_id = ${otherListing}`);
  sql(db, `delete from housing_request_agent where request_id = ${req1} and organisation_id = ${aoiFirm}`);
});

test('a search that ended in another firm\'s flat says only that it ended', async () => {
  const user = id("select id from app_user where login = 'counselor-suruga'");
  const r = request(case1, user, [fujimi]);
  sql(db, `update housing_request set status = 'contract', listing_id = ${otherListing} where id = ${r}`);
  const html = await (await as(agent, `${srv.url}/referrals/${r}`)).text();
  assert.match(html, /No longer looking for a flat|住まい探しは終了しました/);
  const address = id(`select address from listing where id = ${otherListing}`);
  assert.ok(!html.includes(address) && !html.includes('葵ハウジング'), 'nothing of the other firm\'s flat');
  assert.ok(!html.includes('/concerns"'), 'no concern form');
  sql(db, `update housing_request set status = 'declined', decline_reason = 'person_declined', listing_id = null where id = ${r}`);
  const declined = await (await as(agent, `${srv.url}/referrals/${r}`)).text();
  assert.match(declined, /No longer looking for a flat|住まい探しは終了しました/, 'declined looks the same: the reason is the person\'s');
});

test('a concern before moving in is refused and nothing stored', async () => {
  const res = await post(agent, `${srv.url}/referrals/${req1}/concerns`, { kind: 'rent_arrears', body: CONCERN });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /role="alert"/);
  assert.equal(id(`select count(*) from tenancy_concern where request_id = ${req1}`), '0');
});

test('after moving into the firm\'s flat the agent raises a concern and sees only when it was taken up', async () => {
  const page = await (await as(agent, `${srv.url}/referrals/${req3}`)).text();
  assert.ok(page.includes(`action="/referrals/${req3}/concerns"`), 'the concern form');
  assert.ok(page.includes('静岡市駿河区試験入居町（テスト）'), 'the firm\'s own flat is named');
  const empty = await post(agent, `${srv.url}/referrals/${req3}/concerns`, { kind: 'rent_arrears', body: '  ' });
  assert.equal(empty.status, 400);
  const bad = await post(agent, `${srv.url}/referrals/${req3}/concerns`, { kind: 'gossip', body: CONCERN });
  assert.equal(bad.status, 400);
  assert.ok((await bad.text()).includes(CONCERN), 'the text typed is kept');
  assert.equal(id(`select count(*) from tenancy_concern where request_id = ${req3}`), '0');

  const ok = await post(agent, `${srv.url}/referrals/${req3}/concerns`, { kind: 'rent_arrears', body: CONCERN });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/referrals/${req3}?done=concern`);
  assert.equal(id(`select organisation_id, kind, body from tenancy_concern where request_id = ${req3}`), `${fujimi}|rent_arrears|${CONCERN}`);
  assert.equal(id(`select object_type || '|' || object_id from audit_log where action = 'housing.concern.raise' order by id desc limit 1`),
    `housing_request|${req3}`);

  // The team takes it up: the agent sees the date, not who or how.
  const counsellor = id("select id from app_user where login = 'counselor-suruga'");
  sql(db, `update tenancy_concern set raised_at = unixepoch() - 5 * 86400, acknowledged_by = ${counsellor},
    acknowledged_at = unixepoch(), handling = '${HANDLING}' where request_id = ${req3}`);
  const after = await (await as(agent, `${srv.url}/referrals/${req3}`)).text();
  assert.ok(after.includes(CONCERN), 'the concern is listed');
  const concerns = after.slice(after.indexOf('class="concerns"'));
  assert.ok(concerns.includes(`<time datetime="${day(-5)}"`), 'with the day it was raised');
  assert.ok(concerns.includes(`<time datetime="${day(0)}"`), 'and the day it was taken up');
  assert.ok(!after.includes('相談 駿河'), 'not who took it up');
  assert.ok(!after.includes(PERSON2), 'not the tenant');
  noSecrets(after, 'the tenancy');
});

test('another firm, a missing id, and a revoked consent all get the same 403, for page, sheet and PDF', async () => {
  const paths = (r) => [`/referrals/${r}`, `/referrals/${r}/sheet`, `/referrals/${r}/sheet.pdf`];
  // The reference answer, for each agent: a request id that does not exist.
  const reference = async (s) => {
    const ref = await as(s, `${srv.url}/referrals/987654`);
    assert.equal(ref.status, 403);
    return normalise(await ref.text());
  };
  const refHtml = await reference(agent);
  const refAoi = await reference(agentAoi);
  assert.match(refHtml, /You have no access to this housing request\.|この住宅あっせんの依頼/);
  noSecrets(refHtml, 'the refusal');

  const same = async (s, path, what) => {
    const res = await as(s, `${srv.url}${path}`);
    assert.equal(res.status, 403, `${what}: ${path}`);
    assert.match(res.headers.get('content-type'), /^text\/html/, `${what}: ${path}`);
    assert.equal(res.headers.get('content-disposition'), null);
    const html = normalise(await res.text());
    assert.equal(html, s === agent ? refHtml : refAoi, `${what}: ${path} answers like a missing id`);
    noSecrets(html, what);
    assert.ok(!html.includes(FAMILY) && !html.includes('駿河区相談支援センターみらい'), `${what}: ${path} names nobody`);
  };
  for (const p of paths(987654)) await same(agent, p, 'missing');
  for (const p of paths(req2)) await same(agent, p, 'sent to another firm');
  for (const p of paths(req1)) await same(agentAoi, p, 'another firm asks');

  // The person revokes the consent: closed at once, also for the request already sent.
  const read = `select count(*) from audit_log where object_type = 'housing_request' and object_id = '${req1}'
    and action in ('sheet.view', 'sheet.pdf', 'referral.view') and outcome = 'ok'`;
  const views = id(read);
  sql(db, `update consent set revoked_on = '${day(0)}' where case_id = ${case1} and scope = 'housing_agents'`);
  for (const p of paths(req1)) await same(agent, p, 'consent revoked');
  const propose = await post(agent, `${srv.url}/referrals/${req1}/proposals`, { listing: ownListing, note: '' });
  assert.equal(propose.status, 403);
  assert.equal(normalise(await propose.text()), refHtml);
  const list = await (await as(agent, `${srv.url}/referrals`)).text();
  assert.ok(!list.includes(`href="/referrals/${req1}"`), 'the request left the list');
  assert.equal(id(read), views, 'nothing was read');
  assert.notEqual(id(`select count(*) from audit_log where object_type = 'housing_request' and object_id = '${req1}' and outcome = 'refused'`), '0',
    'the refusals are audited');

  // An expired consent likewise.
  sql(db, `update consent set revoked_on = null, expires_on = '${day(-1)}', granted_on = '${day(-30)}' where case_id = ${case1} and scope = 'housing_agents'`);
  await same(agent, `/referrals/${req1}/sheet`, 'consent expired');
  sql(db, `update consent set expires_on = null where case_id = ${case1} and scope = 'housing_agents'`);
  assert.equal((await as(agent, `${srv.url}/referrals/${req1}/sheet`)).status, 200, 'in force again');
});

test('a firm whose cooperation ended sees none of its requests', async () => {
  sql(db, `update agent_cooperation set until_on = '${day(0)}' where organisation_id = ${fujimi} and until_on is null`);
  const ref = normalise(await (await as(agent, `${srv.url}/referrals/987654`)).text());
  const res = await as(agent, `${srv.url}/referrals/${req3}/sheet`);
  assert.equal(res.status, 403);
  assert.equal(normalise(await res.text()), ref);
  const list = await (await as(agent, `${srv.url}/referrals`)).text();
  assert.ok(!list.includes(`href="/referrals/${req3}"`));
  sql(db, `update agent_cooperation set until_on = null where organisation_id = ${fujimi} and until_on = '${day(0)}'`);
  assert.equal((await as(agent, `${srv.url}/referrals/${req3}`)).status, 200, 'cooperating again');
});

test('the agent\'s dashboard has the housing-request card with its links', async () => {
  const res = await as(agent, `${srv.url}/`);
  assert.equal(res.status, 200);
  const html = await res.text();
  for (const href of ['/referrals', '/listings', '/feedback/new']) {
    assert.ok(html.includes(`class="button${href === '/referrals' ? ' primary' : ''}" href="${href}"`), href);
  }
  noSecrets(html, 'the dashboard');
});

test('only agents have /referrals', async () => {
  for (const login_ of ['city', 'counselor-suruga', 'counselor-aoi', 'hospital', 'provider', 'elderly', 'peer', 'admin', 'auditor']) {
    const s = await login(srv.url, login_);
    for (const path of ['/referrals', `/referrals/${req3}`, `/referrals/${req3}/sheet`, `/referrals/${req3}/sheet.pdf`]) {
      assert.equal((await as(s, `${srv.url}${path}`)).status, 403, `${login_} ${path}`);
    }
    const res = await post(s, `${srv.url}/referrals/${req3}/concerns`, { kind: 'other', body: 'x' });
    assert.equal(res.status, 403, `${login_} concern`);
  }
});

test('audit rows of the portal carry ids only', () => {
  const rows = sql(db, `select action, object_type, coalesce(object_id, '') from audit_log
    where action in ('referral.list', 'referral.view', 'referral.respond', 'sheet.view', 'sheet.pdf', 'housing.propose',
      'housing.concern.raise')`);
  assert.ok(rows.length > 0);
  // The portal's own rows name the request by id; the router's refusals of other roles the route.
  for (const line of rows.split('\n')) assert.match(line, /^[a-z.]+\|(housing_request\|\d*|route\|\/referrals[/:a-z.]*)$/, line);
});
