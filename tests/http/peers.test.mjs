// Peer support over real HTTP: the registry of peer supporters (the city registers and edits,
// counsellors read, other roles get 403); assigning a supporter from the case page is refused
// without the peer_support consent with nothing stored, and needs the counsellor's organisation to
// carry the case; the peer supporter sees only their own assignments on the dashboard — the given
// name and the link to the minimal case view, never a birth date or the family name — logs their
// own activity and gets 404 for anyone else's assignment; after the consent is revoked nothing new
// is logged; the city ends an assignment. Audit rows carry ids only; the log carries no names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;
let city;
let aoi;
let shimizu;
let peer;
let hospital;
let provider;
let agent;
let sho;     // ピア 翔, the demo login `peer`
let hikari;  // 森 ひかり: no login
let mine;    // an assignment of 翔 (田村)
let theirs;  // an assignment of ひかり (仁科)

const NOTE = '試験メモ・駅まで同行';
const NEW_PEER = 'テスト ピア花子';

// Dates as the server sees them: today in Japan, and days from it.
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);

const caseOf = (family) => sql(db, `select c.id from support_case c join person p on p.id = c.person_id
  where p.family_name = '${family}' and c.stage <> 'closed' order by c.id desc limit 1`);
const assignmentOf = (peerId, family) => sql(db, `select s.id from peer_assignment s join support_case c on c.id = s.case_id
  join person p on p.id = c.person_id where s.peer_id = ${peerId} and p.family_name = '${family}'`);
const activities = () => sql(db, 'select count(*) from peer_activity');
const lastAudit = (action) => sql(db, `select object_type, object_id from audit_log where action = '${action}' order by id desc limit 1`);

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  city = await login(srv.url, 'city');
  aoi = await login(srv.url, 'counselor-aoi');
  shimizu = await login(srv.url, 'counselor-shimizu');
  peer = await login(srv.url, 'peer');
  hospital = await login(srv.url, 'hospital');
  provider = await login(srv.url, 'provider');
  agent = await login(srv.url, 'agent');
  sho = sql(db, "select id from peer_supporter where name = 'ピア 翔'");
  hikari = sql(db, "select id from peer_supporter where name = '森 ひかり'");
  mine = assignmentOf(sho, '田村');
  theirs = assignmentOf(hikari, '仁科');
});

after(async () => {
  await srv?.stop();
  if (srv) {
    assert.deepEqual(sanitizerReports(srv.log()), []);
    for (const text of [NOTE, NEW_PEER, '田村', '幸子']) assert.ok(!srv.log().includes(text), text);
  }
  if (db) removeDemoDb(db);
});

test('the demo has peer supporters of ピアサポートしずおか, one with the login peer, assigned under the consent', () => {
  assert.equal(sql(db, "select count(*) from peer_supporter p join organisation o on o.id = p.organisation_id where o.name = 'ピアサポートしずおか'"), '3');
  assert.equal(sql(db, `select u.login from peer_supporter p join app_user u on u.id = p.user_id where p.id = ${sho}`), 'peer');
  assert.ok(mine && theirs, 'both have assignments');
  // Every open assignment's case has its peer_support consent in force and the group on its team.
  assert.equal(sql(db, `select count(*) from peer_assignment s where s.until_on is null and not exists (select 1 from consent k
    where k.case_id = s.case_id and k.scope = 'peer_support' and k.revoked_on is null and (k.expires_on is null or k.expires_on >= '${day(0)}'))`), '0');
  assert.notEqual(sql(db, 'select count(*) from peer_activity'), '0');
});

test('the registry: the city registers and edits, counsellors read, others get 403', async () => {
  const list = await (await as(city, `${srv.url}/peers`)).text();
  assert.ok(list.includes('ピア 翔') && list.includes('森 ひかり'));
  assert.match(list, /<h2 id="register">ピアサポーターを登録する<\/h2>/);
  const read = await as(aoi, `${srv.url}/peers`);
  assert.equal(read.status, 200);
  assert.ok(!(await read.text()).includes('id="register"'), 'no register form for a counsellor');
  assert.equal((await post(aoi, `${srv.url}/peers`, { name: NEW_PEER, level: 'none' })).status, 403);
  for (const s of [hospital, provider, agent, peer]) {
    assert.equal((await as(s, `${srv.url}/peers`)).status, 403);
    assert.equal((await as(s, `${srv.url}/peers/${sho}`)).status, 403);
  }

  const count = () => sql(db, 'select count(*) from peer_supporter');
  const before = count();
  const group = sql(db, "select id from organisation where name = 'ピアサポートしずおか'");
  const bad = await post(city, `${srv.url}/peers`, { name: NEW_PEER, organisation_id: group, level: 'none', trained_on: '2024-10-01' });
  assert.equal(bad.status, 400);
  const html = await bad.text();
  assert.match(html, /研修日は研修の段階とあわせて記録します。/);
  assert.ok(html.includes(`value="${NEW_PEER}"`), 'the typed name is kept');
  assert.equal(count(), before);
  const taken = await post(city, `${srv.url}/peers`, { name: NEW_PEER, level: 'none', user_id: sql(db, "select id from app_user where login = 'peer'") });
  assert.equal(taken.status, 409);
  assert.equal(count(), before);

  const ok = await post(city, `${srv.url}/peers`, { name: NEW_PEER, organisation_id: group, level: 'basic', trained_on: '2024-10-01' });
  assert.equal(ok.status, 303);
  const id = sql(db, `select id from peer_supporter where name = '${NEW_PEER}'`);
  assert.equal(ok.headers.get('location'), `/peers/${id}?done=created`);
  assert.equal(lastAudit('peer.create'), `peer_supporter|${id}`);
  const edit = await post(city, `${srv.url}/peers/${id}`, { name: NEW_PEER, organisation_id: group, level: 'advanced', trained_on: day(0), active: '1' });
  assert.equal(edit.status, 303);
  assert.equal(sql(db, `select level, trained_on, active from peer_supporter where id = ${id}`), `advanced|${day(0)}|1`);
  // 翔 has open assignments: not marked inactive.
  const idle = await post(city, `${srv.url}/peers/${sho}`, { name: 'ピア 翔', organisation_id: group, level: 'basic', trained_on: '2020-11-14' });
  assert.equal(idle.status, 409);
  assert.equal(sql(db, `select active from peer_supporter where id = ${sho}`), '1');
});

test('assigning is refused without the peer_support consent, and needs the case carried', async () => {
  const count = () => sql(db, 'select count(*) from peer_assignment');
  const before = count();
  // 望月: the peer group is on the team, the consent ended ten days ago.
  const mochizuki = caseOf('望月');
  const page = await (await as(aoi, `${srv.url}/cases/${mochizuki}`)).text();
  assert.match(page, /本人のピアサポートへの同意が有効ではありません。/);
  assert.ok(!page.includes(`action="/cases/${mochizuki}/peers"`), 'no assign form without the consent');
  const refused = await post(aoi, `${srv.url}/cases/${mochizuki}/peers`, { peer_id: sho, from_on: day(0) });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /<div class="notice error" role="alert" id="assign-error">本人のピアサポートへの同意が有効ではありません。ピアサポーターは同意があるときだけ割り当てられます。/);
  assert.equal(count(), before);

  // 海野 (清水区): consent in force, nobody assigned yet. Another ward's counsellor cannot see it.
  const unno = caseOf('海野');
  assert.equal((await post(aoi, `${srv.url}/cases/${unno}/peers`, { peer_id: hikari, from_on: day(0) })).status, 404);
  assert.equal((await post(hospital, `${srv.url}/cases/${unno}/peers`, { peer_id: hikari, from_on: day(0) })).status, 403);
  assert.equal(count(), before);
  const form = await (await as(shimizu, `${srv.url}/cases/${unno}`)).text();
  assert.match(form, new RegExp(`<option value="${hikari}">森 ひかり`));
  const ok = await post(shimizu, `${srv.url}/cases/${unno}/peers`, { peer_id: hikari, from_on: day(0) });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/cases/${unno}?done=peer_assigned#peers`);
  const id = sql(db, `select id from peer_assignment where case_id = ${unno} and peer_id = ${hikari}`);
  assert.equal(lastAudit('peer.assign'), `peer_assignment|${id}`);
  const twice = await post(shimizu, `${srv.url}/cases/${unno}/peers`, { peer_id: hikari, from_on: day(0) });
  assert.equal(twice.status, 409);
  assert.equal(count(), String(Number(before) + 1));
});

test('the peer sees only their own assignments, minimally', async () => {
  const home = await (await as(peer, `${srv.url}/`)).text();
  assert.match(home, /<h2>わたしのピアサポート<\/h2>/);
  const tamura = caseOf('田村');
  assert.match(home, new RegExp(`<a href="/cases/${tamura}">幸子</a>`), 'the given name and the case link');
  assert.ok(!home.includes('田村'), 'no family name');
  assert.ok(!home.includes(sql(db, `select birth_date from person p join support_case c on c.person_id = p.id where c.id = ${tamura}`)), 'no birth date');
  assert.ok(!home.includes('仁科') && !home.includes(sql(db, "select given_name from person where family_name = '仁科'")), "not another supporter's case");
  assert.match(home, /今月の活動時間：/);
  assert.match(home, new RegExp(`action="/peer-assignments/${mine}/activities"`));
  assert.ok(!home.includes(`/peer-assignments/${theirs}/`), "no form for another's assignment");
  assert.ok(sql(db, "select count(*) from audit_log where action = 'peer.read' and role = 'peer'") !== '0', 'the read is audited');
  // The case link opens the minimal view.
  const viewRes = await as(peer, `${srv.url}/cases/${tamura}`);
  assert.equal(viewRes.status, 200);
  const view = await viewRes.text();
  assert.ok(!view.includes('入院歴') && !view.includes('id="peers"'), 'the minimal view: no admissions, no peer section');
});

test('the peer logs their own activity; another assignment is 404; bad input is 400', async () => {
  const before = activities();
  const ok = await post(peer, `${srv.url}/peer-assignments/${mine}/activities`, { done_on: day(0), kind: 'accompany', minutes: '９０', note: NOTE });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/?done=peer_activity#my-peer-work');
  const id = sql(db, 'select max(id) from peer_activity');
  assert.equal(sql(db, `select a.assignment_id, a.kind, a.minutes, u.login from peer_activity a join app_user u on u.id = a.user_id where a.id = ${id}`),
    `${mine}|accompany|90|peer`);
  assert.equal(lastAudit('peer.activity'), `peer_activity|${id}`);
  const done = await (await as(peer, `${srv.url}/?done=peer_activity`)).text();
  assert.match(done, /活動を記録しました。/);

  const other = await post(peer, `${srv.url}/peer-assignments/${theirs}/activities`, { done_on: day(0), kind: 'visit', minutes: '30' });
  assert.equal(other.status, 404);
  assert.equal((await post(peer, `${srv.url}/peer-assignments/999999/activities`, { done_on: day(0), kind: 'visit', minutes: '30' })).status, 404);
  for (const [fields, text] of [
    [{ done_on: day(1), kind: 'visit', minutes: '30' }, /活動日を YYYY-MM-DD の形で、今日までの実在する日付で入力してください。/],
    [{ done_on: day(0), kind: 'visit', minutes: '0' }, /時間を分で、1から1440の範囲で入力してください。/],
    [{ done_on: day(0), kind: 'visit', minutes: '1441' }, /時間を分で、1から1440の範囲で入力してください。/],
    [{ done_on: day(0), kind: 'party', minutes: '30' }, /活動の種類を一覧から選んでください。/],
  ]) {
    const res = await post(peer, `${srv.url}/peer-assignments/${mine}/activities`, fields);
    assert.equal(res.status, 400, JSON.stringify(fields));
    const html = await res.text();
    assert.match(html, text);
    assert.ok(!html.includes('田村'), 'the refusal page names no more than the card');
  }
  assert.equal(activities(), String(Number(before) + 1));
  // Ending is not theirs.
  assert.equal((await post(peer, `${srv.url}/peer-assignments/${mine}/end`)).status, 403);
});

test('the counsellor carrying the case logs too; others may not', async () => {
  const before = activities();
  const ok = await post(aoi, `${srv.url}/peer-assignments/${mine}/activities`, { done_on: day(0), kind: 'phone', minutes: '15', note: '' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/cases/${caseOf('田村')}?done=peer_activity#peers`);
  // 仁科 is a case of 清水区: not visible to the 葵区 office.
  assert.equal((await post(aoi, `${srv.url}/peer-assignments/${theirs}/activities`, { done_on: day(0), kind: 'phone', minutes: '15' })).status, 404);
  assert.equal((await post(hospital, `${srv.url}/peer-assignments/${mine}/activities`, { done_on: day(0), kind: 'phone', minutes: '15' })).status, 403);
  assert.equal((await post(agent, `${srv.url}/peer-assignments/${mine}/activities`, { done_on: day(0), kind: 'phone', minutes: '15' })).status, 403);
  assert.equal(activities(), String(Number(before) + 1));
  // The case page shows the hours.
  const page = await (await as(aoi, `${srv.url}/cases/${caseOf('田村')}`)).text();
  assert.match(page, /<h2 id="peers">ピアサポート<\/h2>/);
  assert.match(page, /合計 \d+時間\d\d分/);
});

test('after the consent is revoked nothing new is logged and the peer no longer sees whose case', async () => {
  const tamura = caseOf('田村');
  const consent = sql(db, `select id from consent where case_id = ${tamura} and scope = 'peer_support' and revoked_on is null`);
  const revoke = await post(aoi, `${srv.url}/cases/${tamura}/consents/revoke`, { consent_id: consent, revoked_on: day(0) });
  assert.equal(revoke.status, 303);
  const before = activities();
  const res = await post(peer, `${srv.url}/peer-assignments/${mine}/activities`, { done_on: day(0), kind: 'visit', minutes: '30' });
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /本人のピアサポートへの同意が有効ではなくなったため、活動を記録できません。/);
  assert.ok(!html.includes('幸子'), 'no name once the consent is gone');
  const byCounsellor = await post(aoi, `${srv.url}/peer-assignments/${mine}/activities`, { done_on: day(0), kind: 'visit', minutes: '30' });
  assert.equal(byCounsellor.status, 400);
  assert.match(await byCounsellor.text(), /活動を記録できません。/);
  assert.equal(activities(), before);
  const home = await (await as(peer, `${srv.url}/`)).text();
  assert.ok(!home.includes('幸子'));
  assert.match(home, /同意が有効でなくなった担当があります。/);
  assert.equal((await as(peer, `${srv.url}/cases/${tamura}`)).status, 404);
});

test('the city ends an assignment', async () => {
  const res = await post(city, `${srv.url}/peer-assignments/${mine}/end`);
  assert.equal(res.status, 303);
  assert.equal(sql(db, `select until_on from peer_assignment where id = ${mine}`), day(0));
  assert.equal(lastAudit('peer.end'), `peer_assignment|${mine}`);
  const again = await post(city, `${srv.url}/peer-assignments/${mine}/end`);
  assert.equal(again.status, 400);
  assert.match(await again.text(), /この担当はすでに終了しています。/);
  // The 葵区 office does not carry 仁科's case: 404 (it does not see it).
  assert.equal((await post(aoi, `${srv.url}/peer-assignments/${theirs}/end`)).status, 404);
  assert.equal(sql(db, `select coalesce(until_on, '-') from peer_assignment where id = ${theirs}`), '-');
});
