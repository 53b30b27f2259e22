// The real-estate side of the housing referral system (住宅あっせんシステム) over real HTTP: the city
// registers an agent firm (a clash is 409, no ward 400), is refused the cooperation before a training
// with the reason shown and nothing stored, records the training and starts and ends the cooperation;
// an agent adds and edits its own listings as phone-friendly cards, another firm's listing is 404
// exactly like a missing one, bad amounts are 400 with nothing stored; only agents have /listings;
// agents send feedback that only the city reads. Audit rows and the server log carry ids only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let city;
let agent;
let agentAoi;
let firmId;
let fujimi;
let listingId;

const FIRM = 'テスト駿府不動産';
const FEEDBACK = '試験の意見、シートに夜間の連絡先の種類も載せてほしい。';

// Dates as the server sees them: today in Japan, and days from it.
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);

const LISTING = {
  ward_code: '221023', address: '静岡市駿河区試験町一丁目 試験用', rent: '36000', fees: '2000', deposit: '36000',
  key_money: '0', layout: '1K', floor: '1', access_kind: 'station', access_name: '東静岡駅', access_minutes: '8',
  guarantor: 'company', public_assistance: '1', available_from: day(0), status: 'open', note: '',
};

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  city = await login(srv.url, 'city');
  agent = await login(srv.url, 'agent');
  agentAoi = await login(srv.url, 'agent-aoi');
  fujimi = sql(db, "select id from organisation where name = 'ふじみ不動産'");
});

after(async () => {
  await srv?.stop();
  if (srv) {
    assert.deepEqual(sanitizerReports(srv.log()), []);
    // No names or free text in the server log.
    for (const text of [FIRM, FEEDBACK, LISTING.address]) assert.ok(!srv.log().includes(text), text);
  }
  if (db) removeDemoDb(db);
});

// POST a form whose fields may repeat (checkboxes of one name), as session s.
function postPairs(s, url, pairs) {
  const body = new URLSearchParams([['csrf', s.csrf], ...pairs]);
  return as(s, url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const lastAudit = (action) => sql(db, `select object_type, object_id from audit_log where action = '${action}' order by id desc limit 1`);
const firmFields = (name, memberNo, wards) => [
  ['name', name], ['member_no', memberNo], ['contact_name', '試験 担当'], ['phone', '054-000-0999'],
  ['email', ''], ['ward_code', '221023'], ...wards.map((w) => ['wards', w]),
];

test('the demo has a cooperating firm in each ward and one not trained', () => {
  assert.equal(sql(db, `select count(*) from agent_cooperation where until_on is null`), '3');
  for (const ward of ['221015', '221023', '221031']) {
    assert.notEqual(sql(db, `select count(*) from agent_firm_ward w join agent_cooperation c on c.organisation_id = w.organisation_id
      and c.until_on is null where w.ward_code = '${ward}'`), '0', ward);
  }
  assert.equal(sql(db, `select count(*) from agent_firm f where not exists (select 1 from agent_training t where t.organisation_id = f.organisation_id)`), '1');
  assert.equal(sql(db, "select count(*) from agent_firm where organisation_id = (select id from organisation where name = 'ふじみ不動産')"), '1');
});

test('the city registers a firm; a clash is 409 and no ward 400, with the input kept', async () => {
  const page = await as(city, `${srv.url}/housing/agents`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes('ふじみ不動産'), 'the demo firms are listed');
  assert.match(html, /<a href="\/housing\/agents" aria-current="page">協力不動産店<\/a>/, 'the menu has the page');

  const res = await postPairs(city, `${srv.url}/housing/agents`, firmFields(FIRM, '静宅-9001', ['221015', '221031']));
  assert.equal(res.status, 303);
  firmId = sql(db, `select id from organisation where name = '${FIRM}'`);
  assert.equal(res.headers.get('location'), `/housing/agents/${firmId}?done=created`);
  assert.equal(sql(db, `select kind, sector, ward_code from organisation where id = ${firmId}`), 'real_estate|housing|221023');
  assert.equal(sql(db, `select member_no, phone from agent_firm where organisation_id = ${firmId}`), '静宅-9001|054-000-0999');
  assert.equal(sql(db, `select group_concat(ward_code) from (select ward_code from agent_firm_ward where organisation_id = ${firmId} order by ward_code)`), '221015,221031');
  assert.equal(lastAudit('agent.create'), `organisation|${firmId}`);
  const created = await (await as(city, `${srv.url}/housing/agents/${firmId}?done=created`)).text();
  assert.match(created, /不動産店を登録しました。/);

  const firms = () => sql(db, 'select count(*) from agent_firm');
  const before = firms();
  const clash = await postPairs(city, `${srv.url}/housing/agents`, firmFields('別の試験不動産', '静宅-9001', ['221015']));
  assert.equal(clash.status, 409);
  const clashHtml = await clash.text();
  assert.match(clashHtml, /この会員番号はほかの不動産店が使っています。/);
  assert.ok(clashHtml.includes('value="別の試験不動産"'), 'the typed name is kept');
  assert.match(clashHtml, /<input type="checkbox" name="wards" value="221015" checked>/, 'the ticked ward is kept');
  const noWard = await postPairs(city, `${srv.url}/housing/agents`, firmFields('別の試験不動産', '静宅-9002', []));
  assert.equal(noWard.status, 400);
  assert.match(await noWard.text(), /対応する区を一つ以上選んでください。/);
  assert.equal(firms(), before);
  assert.equal(sql(db, "select count(*) from organisation where name = '別の試験不動産'"), '0');
});

test('cooperation is refused before a training, then starts after one and ends', async () => {
  const coop = () => sql(db, `select count(*) from agent_cooperation where organisation_id = ${firmId}`);
  const refused = await post(city, `${srv.url}/housing/agents/${firmId}/cooperation`, { action: 'start' });
  assert.equal(refused.status, 400);
  const html = await refused.text();
  assert.match(html, /<div class="notice error" role="alert" id="cooperation-error">研修を受講した後でなければ協力を開始できません。/);
  assert.equal(coop(), '0');

  // A training in the future is refused too.
  const future = await post(city, `${srv.url}/housing/agents/${firmId}/trainings`, { trained_on: day(1), title: '協力店研修', attendees: '2' });
  assert.equal(future.status, 400);
  assert.match(await future.text(), /今日までの実在する日付/);
  assert.equal(sql(db, `select count(*) from agent_training where organisation_id = ${firmId}`), '0');

  const trained = await post(city, `${srv.url}/housing/agents/${firmId}/trainings`, { trained_on: day(-1), title: '住宅あっせん協力店研修', attendees: '3' });
  assert.equal(trained.status, 303);
  assert.equal(sql(db, `select trained_on, attendees from agent_training where organisation_id = ${firmId}`), `${day(-1)}|3`);
  assert.equal(lastAudit('agent.training'), `organisation|${firmId}`);

  const started = await post(city, `${srv.url}/housing/agents/${firmId}/cooperation`, { action: 'start' });
  assert.equal(started.status, 303);
  assert.equal(started.headers.get('location'), `/housing/agents/${firmId}?done=started#cooperation`);
  assert.equal(sql(db, `select from_on, until_on is null from agent_cooperation where organisation_id = ${firmId}`), `${day(0)}|1`);
  assert.equal(lastAudit('agent.cooperation'), `organisation|${firmId}`);
  const again = await post(city, `${srv.url}/housing/agents/${firmId}/cooperation`, { action: 'start' });
  assert.equal(again.status, 409);
  assert.match(await again.text(), /この店はすでに協力しています。/);
  const list = await (await as(city, `${srv.url}/housing/agents`)).text();
  assert.match(list, new RegExp(`${FIRM}</a></td><td>静宅-9001</td><td>葵区、清水区</td>`));

  const ended = await post(city, `${srv.url}/housing/agents/${firmId}/cooperation`, { action: 'end' });
  assert.equal(ended.status, 303);
  assert.equal(sql(db, `select until_on from agent_cooperation where organisation_id = ${firmId}`), day(0));
  const endAgain = await post(city, `${srv.url}/housing/agents/${firmId}/cooperation`, { action: 'end' });
  assert.equal(endAgain.status, 400);

  // The details: saved, and a firm that is no firm is 404.
  const saved = await postPairs(city, `${srv.url}/housing/agents/${firmId}`, [
    ['member_no', '静宅-9001'], ['contact_name', '新しい 担当'], ['phone', '054-000-0998'], ['email', 'test@example.jp'], ['wards', '221023'],
  ]);
  assert.equal(saved.status, 303);
  assert.equal(sql(db, `select contact_name, email from agent_firm where organisation_id = ${firmId}`), '新しい 担当|test@example.jp');
  const hospital = sql(db, "select id from organisation where name = '葵こころの森病院'");
  assert.equal((await as(city, `${srv.url}/housing/agents/${hospital}`)).status, 404);
  assert.equal((await post(city, `${srv.url}/housing/agents/${hospital}/trainings`, { trained_on: day(-1), title: 'x', attendees: '1' })).status, 404);
});

test('an agent adds and edits its own listing', async () => {
  const form = await as(agent, `${srv.url}/listings/new`);
  assert.equal(form.status, 200);
  assert.match(await form.text(), /inputmode="numeric"/);
  const res = await post(agent, `${srv.url}/listings`, { ...LISTING, rent: '３６，０００円' });
  assert.equal(res.status, 303);
  listingId = sql(db, `select id from listing where address = '${LISTING.address}'`);
  assert.equal(res.headers.get('location'), `/listings?done=created#listing-${listingId}`);
  assert.equal(sql(db, `select organisation_id, rent, fees, floor, public_assistance, status from listing where id = ${listingId}`),
    `${fujimi}|36000|2000|1|1|open`);
  assert.equal(lastAudit('listing.create'), `listing|${listingId}`);
  const cards = await (await as(agent, `${srv.url}/listings?done=created`)).text();
  assert.match(cards, /物件を追加しました。/);
  assert.match(cards, new RegExp(`<article class="card listing" id="listing-${listingId}">`));
  assert.ok(cards.includes('36,000円'), 'the rent as 36,000円');
  assert.ok(cards.includes('徒歩8分'), 'minutes on foot');
  assert.match(cards, /<meta name="viewport" content="width=device-width, initial-scale=1">/);

  const edit = await as(agent, `${srv.url}/listings/${listingId}`);
  assert.equal(edit.status, 200);
  assert.ok((await edit.text()).includes(`value="${LISTING.address}"`));
  const saved = await post(agent, `${srv.url}/listings/${listingId}`, { ...LISTING, rent: '40000', floor: '3', lift: '1', status: 'held' });
  assert.equal(saved.status, 303);
  assert.equal(sql(db, `select rent, floor, lift, status from listing where id = ${listingId}`), '40000|3|1|held');
  assert.equal(lastAudit('listing.update'), `listing|${listingId}`);
  // The city sees it read-only on the firm's page.
  const firmPage = await (await as(city, `${srv.url}/housing/agents/${fujimi}`)).text();
  assert.ok(firmPage.includes(LISTING.address));
  assert.ok(firmPage.includes('agent'), 'the firm page lists its agent login');
});

test("another firm's listing is 404 exactly like a missing one, and nothing changes", async () => {
  const before = sql(db, `select * from listing where id = ${listingId}`);
  const other = await as(agentAoi, `${srv.url}/listings/${listingId}`);
  const missing = await as(agentAoi, `${srv.url}/listings/99999999`);
  assert.equal(other.status, 404);
  assert.equal(missing.status, 404);
  // The same page to the byte, but for the path it names (the language switch returns to it).
  const same = (html, id) => html.replaceAll(`/listings/${id}`, '/listings/ID');
  assert.equal(same(await other.text(), listingId), same(await missing.text(), 99999999));
  const postOther = await post(agentAoi, `${srv.url}/listings/${listingId}`, { ...LISTING, rent: '1000' });
  const postMissing = await post(agentAoi, `${srv.url}/listings/99999999`, { ...LISTING, rent: '1000' });
  assert.equal(postOther.status, 404);
  assert.equal(postMissing.status, 404);
  assert.equal(same(await postOther.text(), listingId), same(await postMissing.text(), 99999999));
  assert.equal(sql(db, `select * from listing where id = ${listingId}`), before);
  const aoiCards = await (await as(agentAoi, `${srv.url}/listings`)).text();
  assert.ok(!aoiCards.includes(LISTING.address), "another firm's listing is not on the list");
});

test('bad amounts are 400 with the reason, the input kept and nothing stored', async () => {
  const count = () => sql(db, 'select count(*) from listing');
  const before = count();
  const abc = await post(agent, `${srv.url}/listings`, { ...LISTING, address: '試験の住所・不正', rent: 'abc' });
  assert.equal(abc.status, 400);
  const html = await abc.text();
  assert.match(html, /月額家賃を円単位の整数（1〜1,000,000）で入力してください。/);
  assert.match(html, /name="rent" type="text" inputmode="numeric" autocomplete="off" required aria-invalid="true"[^>]* value="abc"/);
  const floor = await post(agent, `${srv.url}/listings`, { ...LISTING, address: '試験の住所・不正', floor: '-2' });
  assert.equal(floor.status, 400);
  assert.match(await floor.text(), /階数を1から60の整数で入力してください/);
  const date = await post(agent, `${srv.url}/listings/${listingId}`, { ...LISTING, available_from: '2025-02-30' });
  assert.equal(date.status, 400);
  assert.match(await date.text(), /入居可能日を YYYY-MM-DD/);
  assert.equal(count(), before);
  assert.equal(sql(db, `select rent, status from listing where id = ${listingId}`), '40000|held');
});

test('only agents have /listings; the city only the agent firms', async () => {
  for (const user of ['city', 'counselor-aoi', 'hospital', 'provider', 'elderly', 'peer', 'admin', 'auditor']) {
    const s = await login(srv.url, user);
    assert.equal((await as(s, `${srv.url}/listings`)).status, 403, user);
    assert.equal((await post(s, `${srv.url}/listings`, LISTING)).status, 403, user);
    assert.equal((await as(s, `${srv.url}/listings/${listingId}`)).status, 403, user);
  }
  assert.equal((await as(agent, `${srv.url}/housing/agents`)).status, 403);
  assert.equal((await post(agent, `${srv.url}/housing/agents/${fujimi}/cooperation`, { action: 'end' })).status, 403);
  const home = await (await as(agent, `${srv.url}/`)).text();
  assert.ok(home.includes('href="/listings"'), 'the agent has the menu entry');
  assert.ok(!home.includes('href="/housing/agents"'));
});

test('an agent sends feedback; only the city reads all of it', async () => {
  const refused = await post(agent, `${srv.url}/feedback`, { topic: 'sheet', body: '   ' });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /ご意見を入力してください/);
  const res = await post(agent, `${srv.url}/feedback`, { topic: 'sheet', body: FEEDBACK });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/feedback/new?done=sent');
  const id = sql(db, `select id from agent_feedback where body = '${FEEDBACK}'`);
  assert.equal(sql(db, `select organisation_id, topic from agent_feedback where id = ${id}`), `${fujimi}|sheet`);
  assert.equal(lastAudit('feedback.create'), `feedback|${id}`);
  const mine = await (await as(agent, `${srv.url}/feedback/new?done=sent`)).text();
  assert.match(mine, /ご意見を市に送りました。/);
  assert.ok(mine.includes(FEEDBACK), 'the firm sees what it sent');
  const other = await (await as(agentAoi, `${srv.url}/feedback/new`)).text();
  assert.ok(!other.includes(FEEDBACK), 'another firm does not');

  const all = await as(city, `${srv.url}/feedback`);
  assert.equal(all.status, 200);
  const html = await all.text();
  assert.ok(html.includes(FEEDBACK));
  assert.ok(html.indexOf(FEEDBACK) < html.indexOf('研修の事例紹介'), 'newest first');
  assert.match(html, /<td>ふじみ不動産<\/td><td>支援体制確認シートについて<\/td>/);
  assert.equal((await as(agent, `${srv.url}/feedback`)).status, 403);
  assert.equal((await as(city, `${srv.url}/feedback/new`)).status, 403);
  assert.equal((await post(city, `${srv.url}/feedback`, { topic: 'other', body: 'x' })).status, 403);
  assert.equal(sql(db, `select count(*) from audit_log where object_id like '%試験%' or object_id like '%${FIRM}%'`), '0');
});
