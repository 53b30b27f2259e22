// Events (trainings, exchange meetings, awareness) over real HTTP: the demo reproduces the seed's
// R3 (one training with the elderly field held in Suruga, the basic peer training postponed for
// COVID, five exchange meetings held); the city plans an event; a postponement without a reason and
// a "held" day in the future are 400 with the reason shown, the input kept and nothing stored;
// participants are recorded by sector with their total; the firms that attended an agent training
// get it on their record — the city's firm page and the agent's own dashboard show it; agents get
// 403 on every events route, other staff roles read but do not keep events. Audit rows carry ids
// only; the server log carries no titles or texts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let city;
let counselor;
let hospital;
let peer;
let agent;
let eventId;

const TITLE = 'テスト研修会・高齢分野と障害分野';
const AGENT_TITLE = 'テスト協力店研修・秋';
const OUTCOME = '試験の成果、互いの役割を確認した。';

// Dates as the server sees them: today in Japan, and days from it.
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  city = await login(srv.url, 'city');
  counselor = await login(srv.url, 'counselor-suruga');
  hospital = await login(srv.url, 'hospital');
  peer = await login(srv.url, 'peer');
  agent = await login(srv.url, 'agent');
});

after(async () => {
  await srv?.stop();
  if (srv) {
    assert.deepEqual(sanitizerReports(srv.log()), []);
    for (const text of [TITLE, AGENT_TITLE, OUTCOME, '新型コロナ']) assert.ok(!srv.log().includes(text), text);
  }
  if (db) removeDemoDb(db);
});

const events = () => sql(db, 'select count(*) from event');
const lastAudit = (action) => sql(db, `select object_type, object_id from audit_log where action = '${action}' order by id desc limit 1`);
const EVENT = {
  kind: 'elderly_field_training', title: TITLE, held_on: day(20), starts_at: '13:30', ends_at: '16:00',
  place: '駿河区役所 試験会議室', ward_code: '221023', co_host: '', status: 'planned', status_reason: '',
  lecturers: 'WGメンバー', materials: '', outcome: '',
};

test("the demo holds the seed's R3 events", async () => {
  const fy2021 = "held_on >= '2021-04-01' and held_on < '2022-04-01'";
  assert.equal(sql(db, `select count(*) from event where kind = 'elderly_field_training' and status = 'held' and ward_code = '221023' and ${fy2021}`), '1');
  assert.equal(sql(db, `select count(*) from event where kind = 'peer_exchange' and status = 'held' and ${fy2021}`), '5');
  assert.equal(sql(db, `select count(*) from event where kind = 'peer_training_basic' and status = 'held' and ${fy2021}`), '0');
  assert.match(sql(db, `select co_host || '|' || status_reason from event where kind = 'peer_training_basic' and status = 'postponed' and ${fy2021}`),
    /^静岡県\|新型コロナウイルス感染症の影響で延期/);
  assert.match(sql(db, `select outcome from event where kind = 'elderly_field_training' and ${fy2021}`),
    /事例検討等を通して、障害分野、高齢分野それぞれの立場や役割等について、お互いの理解が深まった。/);

  const res = await as(city, `${srv.url}/events?fy=2021`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h2>令和3年度<\/h2>/);
  assert.match(html, /開催済み7件、予定0件、延期・中止1件。/);
  assert.match(html, /<span class="badge status-postponed">延期<\/span>/);
  assert.ok(html.includes('新型コロナウイルス感染症の影響で延期'), 'the reason is on the card');
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  // Filtered by kind: the five exchange meetings only.
  const only = await (await as(city, `${srv.url}/events?fy=2021&kind=peer_exchange`)).text();
  assert.equal((only.match(/<article class="card">/g) || []).length, 5);
});

test('the city plans an event; refusals store nothing and keep the input', async () => {
  const before = events();
  const res = await post(city, `${srv.url}/events`, EVENT);
  assert.equal(res.status, 303);
  eventId = sql(db, `select id from event where title = '${TITLE}'`);
  assert.equal(res.headers.get('location'), `/events/${eventId}?done=created`);
  assert.equal(sql(db, `select kind, ward_code, status, starts_at from event where id = ${eventId}`), 'elderly_field_training|221023|planned|13:30');
  assert.equal(lastAudit('event.create'), `event|${eventId}`);
  assert.equal(events(), String(Number(before) + 1));

  // A new event postponed without a reason: 400, nothing stored.
  const noReason = await post(city, `${srv.url}/events`, { ...EVENT, title: '理由なし延期の試験', status: 'postponed' });
  assert.equal(noReason.status, 400);
  const html = await noReason.text();
  assert.match(html, /<div class="notice error" role="alert" id="event-error">延期または中止の理由を入力してください。/);
  assert.ok(html.includes('value="理由なし延期の試験"'), 'the typed title is kept');
  assert.match(html, /id="event-status_reason" name="status_reason" rows="3" aria-invalid="true"/);
  // An end before the start.
  const times = await post(city, `${srv.url}/events`, { ...EVENT, title: '時刻の試験', ends_at: '12:00' });
  assert.equal(times.status, 400);
  assert.match(await times.text(), /終了時刻は開始時刻より後にしてください。/);
  assert.equal(events(), String(Number(before) + 1));
});

test('status changes: postponed needs a reason, held cannot be in the future', async () => {
  const url = `${srv.url}/events/${eventId}`;
  const postponed = await post(city, url, { ...EVENT, status: 'postponed' });
  assert.equal(postponed.status, 400);
  assert.match(await postponed.text(), /延期または中止の理由を入力してください。/);
  assert.equal(sql(db, `select status, coalesce(status_reason, '-') from event where id = ${eventId}`), 'planned|-');

  const future = await post(city, url, { ...EVENT, status: 'held' });
  assert.equal(future.status, 400);
  assert.match(await future.text(), /これから先の日付の行事は開催済みにできません。/);
  assert.equal(sql(db, `select status from event where id = ${eventId}`), 'planned');

  const ok = await post(city, url, { ...EVENT, status: 'postponed', status_reason: '台風の接近のため延期' });
  assert.equal(ok.status, 303);
  assert.equal(sql(db, `select status, status_reason from event where id = ${eventId}`), 'postponed|台風の接近のため延期');
  assert.equal(lastAudit('event.update'), `event|${eventId}`);
  // Held on a day that has come, with its outcome; the old reason goes.
  const held = await post(city, url, { ...EVENT, held_on: day(-1), status: 'held', status_reason: '台風の接近のため延期', outcome: OUTCOME });
  assert.equal(held.status, 303);
  assert.equal(sql(db, `select status, coalesce(status_reason, '-'), outcome from event where id = ${eventId}`), `held|-|${OUTCOME}`);
  const page = await (await as(city, `${url}?done=saved`)).text();
  assert.match(page, /<span class="badge status-held">開催済み<\/span>/);
  assert.match(page, /行事を保存しました。/);
});

test('participants by sector with their total', async () => {
  const url = `${srv.url}/events/${eventId}/participation`;
  const bad = await post(city, url, { heads_care: '12', heads_welfare: '-3' });
  assert.equal(bad.status, 400);
  const badHtml = await bad.text();
  assert.match(badHtml, /分野ごとの参加者数を0から5000の整数で入力してください。/);
  assert.ok(badHtml.includes('value="-3"'), 'the typed count is kept');
  assert.equal(sql(db, `select count(*) from event_participation where event_id = ${eventId}`), '0');

  const res = await post(city, url, { heads_care: '１２', heads_welfare: '8', heads_health: '2', heads_person: '0' });
  assert.equal(res.status, 303);
  assert.equal(sql(db, `select group_concat(sector || '=' || head_count) from (select * from event_participation where event_id = ${eventId} order by sector)`),
    'care=12,health=2,welfare=8');
  assert.equal(lastAudit('event.participation'), `event|${eventId}`);
  const html = await (await as(counselor, `${srv.url}/events/${eventId}`)).text();
  assert.match(html, /<tfoot><tr><th scope="row">合計<\/th><td class="num"><strong>22<\/strong><\/td><\/tr><\/tfoot>/);

  // A planned event takes no participants.
  const planned = sql(db, "select id from event where status = 'planned' order by id limit 1");
  const early = await post(city, `${srv.url}/events/${planned}/participation`, { heads_care: '3' });
  assert.equal(early.status, 400);
  assert.equal(sql(db, `select count(*) from event_participation where event_id = ${planned}`), '0');
  // With participants the event stays held.
  const back = await post(city, `${srv.url}/events/${eventId}`, { ...EVENT, held_on: day(-1), status: 'cancelled', status_reason: '誤り' });
  assert.equal(back.status, 409);
  assert.equal(sql(db, `select status from event where id = ${eventId}`), 'held');
});

test("an agent training's firms get it on their record and on the agent's dashboard", async () => {
  const fujimi = sql(db, "select id from organisation where name = 'ふじみ不動産'");
  const shizuhata = sql(db, "select id from organisation where name = 'しずはた不動産'");
  const res = await post(city, `${srv.url}/events`, { ...EVENT, kind: 'agent_training', title: AGENT_TITLE, ward_code: '', held_on: day(-2), status: 'held' });
  assert.equal(res.status, 303);
  const trainingId = sql(db, `select id from event where title = '${AGENT_TITLE}'`);
  const page = await (await as(city, `${srv.url}/events/${trainingId}`)).text();
  assert.match(page, new RegExp(`<input type="checkbox" name="firms" value="${shizuhata}">`));

  const body = new URLSearchParams([['csrf', city.csrf], ['firms', fujimi], [`attendees_${fujimi}`, '3'], ['firms', shizuhata]]);
  const rec = await as(city, `${srv.url}/events/${trainingId}/firms`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(rec.status, 303);
  assert.equal(sql(db, `select organisation_id, trained_on, attendees, title from agent_training where event_id = ${trainingId} order by organisation_id`),
    [`${fujimi}|${day(-2)}|3|${AGENT_TITLE}`, `${shizuhata}|${day(-2)}|1|${AGENT_TITLE}`].sort().join('\n'));
  assert.equal(lastAudit('event.firms'), `event|${trainingId}`);
  // Recording them again adds nothing.
  const again = await post(city, `${srv.url}/events/${trainingId}/firms`, { firms: fujimi });
  assert.equal(again.status, 400);
  assert.equal(sql(db, `select count(*) from agent_training where event_id = ${trainingId}`), '2');

  // The city's firm page lists the training; the firm not trained before now is.
  const firmPage = await (await as(city, `${srv.url}/housing/agents/${shizuhata}`)).text();
  assert.ok(firmPage.includes(AGENT_TITLE), 'on the firm page');
  // The agent of ふじみ不動産 sees it on the dashboard, and nothing else of events.
  const home = await (await as(agent, `${srv.url}/`)).text();
  assert.match(home, /<h2>自社の研修受講歴<\/h2>/);
  assert.ok(home.includes(AGENT_TITLE), "on the agent's dashboard");
  assert.ok(!home.includes(TITLE), 'no other event');
  assert.ok(!home.includes('href="/events"'), 'no menu entry');
  // Another firm's agent does not see ふじみ's attendance numbers as theirs.
  const aoi = await login(srv.url, 'agent-aoi');
  const aoiHome = await (await as(aoi, `${srv.url}/`)).text();
  assert.ok(!aoiHome.includes(AGENT_TITLE), 'not on a firm that did not attend');
});

test('agents get 403 on every events route; staff read, only the city and counsellors keep', async () => {
  const id = eventId;
  for (const [method, path, fields] of [
    ['GET', '/events'], ['GET', '/events/new'], ['GET', `/events/${id}`],
    ['POST', '/events', EVENT], ['POST', `/events/${id}`, EVENT], ['POST', `/events/${id}/participation`, { heads_care: '1' }],
    ['POST', `/events/${id}/firms`, { firms: '1' }],
  ]) {
    const res = method === 'GET' ? await as(agent, `${srv.url}${path}`) : await post(agent, `${srv.url}${path}`, fields);
    assert.equal(res.status, 403, `${method} ${path}`);
  }
  for (const s of [hospital, peer]) {
    assert.equal((await as(s, `${srv.url}/events`)).status, 200);
    const html = await (await as(s, `${srv.url}/events/${id}`)).text();
    assert.ok(!html.includes(`action="/events/${id}"`), 'no form for readers');
    assert.equal((await post(s, `${srv.url}/events`, EVENT)).status, 403);
  }
  const before = events();
  const res = await post(counselor, `${srv.url}/events`, { ...EVENT, title: 'WG主催の交流会', kind: 'peer_exchange' });
  assert.equal(res.status, 303);
  assert.equal(events(), String(Number(before) + 1));
});
