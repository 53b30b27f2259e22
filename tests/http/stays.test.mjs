// Trial stays (体験宿泊) over real HTTP: the group home adds a room, a counsellor books it for a case
// of theirs, an overlapping booking is 409 with nothing stored, the yearly limit says how many
// nights are left, another ward's counsellor sees the nights taken but not who, the group home
// records how it went, and the roles without trial stays get 403. Audit rows carry ids only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let provider;
let aoi;
let suruga;

const ROOM = 'テスト体験室・北';
const PERSON = { family_name: '岬田', given_name: '試子', family_kana: 'みさきだ', given_kana: 'ためこ' };
const OTHER = { family_name: '隣室', given_name: '次郎', family_kana: 'りんしつ', given_kana: 'じろう' };

// Dates as the server sees them: today in Japan, and days from it.
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);

let roomId;
let caseId;
let otherCaseId;
let bookingId;
let hidamari;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  provider = await login(srv.url, 'provider');
  aoi = await login(srv.url, 'counselor-aoi');
  suruga = await login(srv.url, 'counselor-suruga');
  hidamari = sql(db, "select id from organisation where name = 'グループホームひだまり'");
});

after(async () => {
  await srv?.stop();
  if (srv) assert.deepEqual(sanitizerReports(srv.log()), []);
  if (db) removeDemoDb(db);
});

const bookings = () => sql(db, 'select count(*) from trial_booking');
const lastAudit = (action) => sql(db, `select object_type, object_id from audit_log where action = '${action}' order by id desc limit 1`);

// Registers a person and opens a case led by counselor-aoi's office, through the real forms.
async function personWithCase(fields) {
  const res = await post(aoi, `${srv.url}/persons`,
    { ...fields, birth_date: '1968-04-12', sex: 'female', ward_code: '221015' });
  assert.equal(res.status, 303, 'the person is registered');
  const personId = res.headers.get('location').match(/^\/persons\/(\d+)/)[1];
  const office = sql(db, "select id from organisation where name = '葵区相談支援センターつむぎ'");
  const open = await post(aoi, `${srv.url}/persons/${personId}/cases`,
    { lead_org_id: office, stage: 'assessing', opened_on: day(0) });
  assert.equal(open.status, 303, 'the case is opened');
  return open.headers.get('location').match(/^\/cases\/(\d+)/)[1];
}

test('the group home adds a room to itself, whatever organisation the form names', async () => {
  const other = sql(db, "select id from organisation where name = '地域活動支援センターそら'");
  const res = await post(provider, `${srv.url}/stays/rooms`, { name: ROOM, organisation_id: other });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/stays?done=room');
  roomId = sql(db, `select id from trial_room where name = '${ROOM}'`);
  assert.match(roomId, /^\d+$/);
  assert.equal(sql(db, `select organisation_id, active from trial_room where id = ${roomId}`), `${hidamari}|1`);
  assert.equal(lastAudit('stay.room.create'), `trial_room|${roomId}`);
  const page = await (await as(provider, `${srv.url}/stays?done=room`)).text();
  assert.match(page, /部屋を追加しました。/);
  assert.ok(page.includes(ROOM), 'the room is listed');
  assert.match(page, /<a href="\/stays" aria-current="page">体験宿泊<\/a>/, 'the menu has 体験宿泊');

  // The same name again (half-width digits or not) is 409 with the typed name kept.
  const again = await post(provider, `${srv.url}/stays/rooms`, { name: ROOM });
  assert.equal(again.status, 409);
  const html = await again.text();
  assert.match(html, /このグループホームには同じ名前の部屋がすでにあります。/);
  assert.ok(html.includes(`value="${ROOM}"`), 'the typed name is kept');
  const empty = await post(provider, `${srv.url}/stays/rooms`, { name: '   ' });
  assert.equal(empty.status, 400);
  assert.equal(sql(db, `select count(*) from trial_room where organisation_id = ${hidamari}`), '1');
});

test('the city adds rooms only to group homes; a counsellor may not add any', async () => {
  const city = await login(srv.url, 'city');
  const dayService = sql(db, "select id from organisation where name = '地域活動支援センターそら'");
  const refused = await post(city, `${srv.url}/stays/rooms`, { name: '市の体験室', organisation_id: dayService });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /体験宿泊の部屋を持てるのは、有効なグループホームだけです。/);
  const ok = await post(city, `${srv.url}/stays/rooms`, { name: '市の体験室', organisation_id: hidamari });
  assert.equal(ok.status, 303);
  const id = sql(db, "select id from trial_room where name = '市の体験室'");
  // Closed again by the group home itself: it takes no bookings but stays listed for the keepers.
  const close = await post(provider, `${srv.url}/stays/rooms/${id}`, { name: '市の体験室' });
  assert.equal(close.status, 303);
  assert.equal(sql(db, `select active from trial_room where id = ${id}`), '0');
  assert.equal((await post(aoi, `${srv.url}/stays/rooms`, { name: 'x' })).status, 403);
  assert.equal((await post(aoi, `${srv.url}/stays/rooms/${id}`, { name: 'x', active: '1' })).status, 403);
});

test('counselor-aoi books the room for a case of theirs', async () => {
  caseId = await personWithCase(PERSON);
  const form = await as(aoi, `${srv.url}/cases/${caseId}/stays`);
  assert.equal(form.status, 200);
  const html = await form.text();
  assert.ok(html.includes(`<option value="${roomId}">${ROOM} — グループホームひだまり</option>`), 'the room is offered');
  assert.ok(!html.includes('市の体験室'), 'a room taking no bookings is not offered');

  const res = await post(aoi, `${srv.url}/cases/${caseId}/stays`, { room_id: roomId, starts_on: day(0), ends_on: day(3) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/cases/${caseId}/stays?done=booked`);
  bookingId = sql(db, `select id from trial_booking where case_id = ${caseId}`);
  assert.equal(sql(db, `select room_id, starts_on, ends_on, status from trial_booking where id = ${bookingId}`),
    `${roomId}|${day(0)}|${day(3)}|booked`);
  assert.equal(lastAudit('stay.book'), `trial_booking|${bookingId}`);
  const page = await (await as(aoi, `${srv.url}/cases/${caseId}/stays?done=booked`)).text();
  assert.match(page, /部屋を予約しました。/);
  // 3 nights this fiscal year (fewer only when they run past March 31).
  assert.match(page, /上限50泊のうち[0-3]泊/, 'the nights used this fiscal year');
});

test('an overlapping booking is 409 and nothing is stored; back to back is fine', async () => {
  otherCaseId = await personWithCase(OTHER);
  const before = bookings();
  const res = await post(aoi, `${srv.url}/cases/${otherCaseId}/stays`, { room_id: roomId, starts_on: day(2), ends_on: day(5) });
  assert.equal(res.status, 409);
  const html = await res.text();
  assert.match(html, /この部屋はその期間すでに予約されています。/);
  assert.ok(html.includes(`value="${day(2)}"`) && html.includes(`value="${day(5)}"`), 'the typed dates are kept');
  assert.ok(html.includes(`<option value="${roomId}" selected>`), 'the chosen room is kept');
  assert.equal(bookings(), before);

  for (const [starts, ends, why] of [[day(5), day(5), 'no night'], [day(5), day(36), '31 nights'], ['2025-02-30', day(9), 'no such day']]) {
    const bad = await post(aoi, `${srv.url}/cases/${otherCaseId}/stays`, { room_id: roomId, starts_on: starts, ends_on: ends });
    assert.equal(bad.status, 400, why);
  }
  assert.equal(bookings(), before);

  const next = await post(aoi, `${srv.url}/cases/${otherCaseId}/stays`, { room_id: roomId, starts_on: day(3), ends_on: day(4) });
  assert.equal(next.status, 303, 'leaving on the day the next one arrives');
  assert.equal(bookings(), String(Number(before) + 1));
});

test('the yearly limit says how many nights are left', async () => {
  // 3 nights are booked; with a limit of 1 nothing is left (or 1 in a new fiscal year).
  sql(db, "update setting set value = '1' where key = 'trial_stay_nights_per_year'");
  try {
    const res = await post(aoi, `${srv.url}/cases/${caseId}/stays`, { room_id: roomId, starts_on: day(10), ends_on: day(12) });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /年間の上限を超えます。この方の(令和|平成)\d+年度の残りは、上限1泊のうち[01]泊です。/);
  } finally {
    sql(db, "update setting set value = '50' where key = 'trial_stay_nights_per_year'");
  }
});

test('another ward\'s counsellor sees the nights taken, not who takes them', async () => {
  const res = await as(suruga, `${srv.url}/stays`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.includes(ROOM), 'every group home\'s rooms');
  assert.match(html, /予約済み/);
  assert.ok(!html.includes(PERSON.family_name) && !html.includes(OTHER.family_name), 'no name');
  assert.ok(!html.includes(`/stays/bookings/${bookingId}/cancel`), 'no cancel button');
  // Nor can they reach the case's stays or cancel by guessing ids.
  assert.equal((await as(suruga, `${srv.url}/cases/${caseId}/stays`)).status, 404);
  assert.equal((await post(suruga, `${srv.url}/cases/${caseId}/stays`, { room_id: roomId, starts_on: day(20), ends_on: day(21) })).status, 404);
  assert.equal((await post(suruga, `${srv.url}/stays/bookings/${bookingId}/cancel`)).status, 404);
  assert.equal(sql(db, `select status from trial_booking where id = ${bookingId}`), 'booked');

  // The host group home sees who is coming to its room; counselor-aoi sees their own cases.
  const host = await (await as(provider, `${srv.url}/stays`)).text();
  assert.ok(host.includes(`${PERSON.family_name} ${PERSON.given_name}`));
  const own = await (await as(aoi, `${srv.url}/stays`)).text();
  assert.ok(own.includes(`${PERSON.family_name} ${PERSON.given_name}`));
  assert.equal(lastAudit('stay.list'), 'trial_booking|', 'the read of names is audited');
});

test('counselor-aoi cancels a stay still to come', async () => {
  const next = sql(db, `select id from trial_booking where case_id = ${otherCaseId} and status = 'booked'`);
  const res = await post(aoi, `${srv.url}/stays/bookings/${next}/cancel`, { back: 'stays' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/stays?done=cancelled');
  assert.equal(sql(db, `select status from trial_booking where id = ${next}`), 'cancelled');
  assert.equal(lastAudit('stay.cancel'), `trial_booking|${next}`);
  const again = await post(aoi, `${srv.url}/stays/bookings/${next}/cancel`);
  assert.equal(again.status, 400);
  assert.match(await again.text(), /取り消せるのは予約中の宿泊だけです。/);
});

test('the group home records how the stay went', async () => {
  const empty = await post(provider, `${srv.url}/stays/bookings/${bookingId}/outcome`, { outcome: '  ' });
  assert.equal(empty.status, 400);
  assert.match(await empty.text(), /宿泊の様子を入力してください/);
  assert.equal(sql(db, `select status from trial_booking where id = ${bookingId}`), 'booked');
  // A counsellor does not write the group home's note.
  assert.equal((await post(aoi, `${srv.url}/stays/bookings/${bookingId}/outcome`, { outcome: 'x' })).status, 403);

  const note = '初日は緊張していたが、夕食は皆と食べられた。';
  const res = await post(provider, `${srv.url}/stays/bookings/${bookingId}/outcome`, { outcome: note });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/stays?done=outcome');
  assert.equal(sql(db, `select status, outcome from trial_booking where id = ${bookingId}`), `done|${note}`);
  assert.equal(lastAudit('stay.outcome'), `trial_booking|${bookingId}`);
  const page = await (await as(aoi, `${srv.url}/cases/${caseId}/stays`)).text();
  assert.ok(page.includes(note), 'the counsellor reads the note on the case');
  const other = await (await as(suruga, `${srv.url}/stays`)).text();
  assert.ok(!other.includes(note), 'another ward does not');
  // The audit log never holds the note or a name.
  assert.equal(sql(db, `select count(*) from audit_log where object_id like '%緊張%' or object_id like '%${PERSON.family_name}%' or object_id like '%${ROOM}%'`), '0');
});

test('roles without trial stays get 403 on /stays', async () => {
  for (const user of ['agent', 'admin', 'auditor', 'elderly', 'hospital', 'peer']) {
    const s = await login(srv.url, user);
    const res = await as(s, `${srv.url}/stays`);
    assert.equal(res.status, 403, user);
    const home = await (await as(s, `${srv.url}/`)).text();
    assert.ok(!home.includes('href="/stays"'), `${user}: no menu entry`);
  }
  assert.equal((await post(provider, `${srv.url}/cases/${caseId}/stays`, { room_id: roomId, starts_on: day(20), ends_on: day(21) })).status, 403);
});
