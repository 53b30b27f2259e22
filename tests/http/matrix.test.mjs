// The route × role × record authorisation matrix over real HTTP (issue 3: "covers every new route,
// for own-organisation, other-organisation and consent-revoked records").
//
// One demo database, one server, and a small fixture built through the real forms:
//   P_own / C_own         led by 駿河区相談支援センターみらい (counselor-suruga), with 駿河中部地域包括支援
//                         センター (elderly), ピアサポートしずおか (peer) and グループホームひだまり (provider)
//                         on the care team, elderly_field and peer_support consents in force, and an
//                         admission at 葵こころの森病院 (hospital);
//   P_revoked / C_revoked the same team, but both consents revoked, and its admission elsewhere;
//   P_other / C_other     registered and led by 葵区相談支援センターつむぎ (counselor-aoi), none of the
//                         organisations above on its team, its admission elsewhere.
// Then every route of src/pages/routes.c that takes the id of a person or a case (read from the
// file, so a new route fails here until this table covers it) is asked by each of the ten demo
// users about each of the three records. The answer is 403 when the role's policy forbids the
// screen (auth/policy.c), 404 when the record is out of the user's sight (domain/access.h), 403
// again when a case.manage change comes from an organisation that sees the case but does not
// carry it (the hospital through its admission alone: page_case_manage), and otherwise 200 for a
// GET and 400 for a POST whose body is deliberately invalid: an allowed user reaches the
// handler's validation, which stores nothing. A user who must be refused is sent a
// body that WOULD be stored if the gate let it through, and after every request the data tables
// are compared with a snapshot taken after the fixture: nothing may change, and a refusal adds
// no audit row other than the refusal itself. Finally the lists (/persons, /cases, the CSV
// export, /stays and the dashboard) must hold exactly the records each user may see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

let db;
let srv;
const s = {}; // sessions by login

// Today in Japan (as the server judges consents and dates), and days from it.
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);
const today = day(0);

// The ten demo users and their roles.
const USERS = {
  admin: 'admin', city: 'city', auditor: 'auditor', 'counselor-suruga': 'counselor', 'counselor-aoi': 'counselor',
  hospital: 'hospital', provider: 'provider', elderly: 'elderly', peer: 'peer', agent: 'agent',
};
const RECORDS = ['own', 'other', 'revoked'];

// Who sees which record (DESIGN §1, domain/access.h), written out by hand for this fixture:
// the city all; counsellors, hospitals and providers what their organisation leads or is on the
// team of (the hospital C_own through its admission alone); the elderly field and peers only
// under their consent in force, so not C_revoked; admin, auditor and agent nothing. A person is
// seen exactly when their case is here (each was registered by the office that leads the case).
const SEES = {
  admin: [], city: ['own', 'other', 'revoked'], auditor: [],
  'counselor-suruga': ['own', 'revoked'], 'counselor-aoi': ['other'],
  hospital: ['own'], provider: ['own', 'revoked'], elderly: ['own'], peer: ['own'], agent: [],
};

// Which cases each user's organisation carries (leads, or is on the care team of): a case.manage
// change needs it besides sight (DESIGN §1: the organisations that carry a case manage it; the
// hospital sees C_own through an admission only, so it may read and record but not manage). The
// city's scope is the municipality. Only asked where the policy lets the role in and the case is
// in sight.
const CARRIES = {
  admin: [], city: ['own', 'other', 'revoked'], auditor: [],
  'counselor-suruga': ['own', 'revoked'], 'counselor-aoi': ['other'],
  hospital: [], provider: ['own', 'revoked'], elderly: ['own', 'revoked'], peer: ['own', 'revoked'], agent: [],
};

// Roles a policy action lets in, as in tests/unit/test_policy.c (compared with auth/policy.c below).
const CARRIES_CASES = ['city', 'counselor', 'hospital'];
const SEES_CASES = [...CARRIES_CASES, 'provider', 'elderly', 'peer'];
const BOOKS_STAYS = ['city', 'counselor'];
const WRITES_REQUESTS = ['city', 'counselor'];
// Persons: not peers, who see their assigned cases minimally (DESIGN §1, pages/case_peer.c) and
// would see the admissions, birth date and handbook on the person page.
const SEES_PERSONS = SEES_CASES.filter((r) => r !== 'peer');

const org = {};       // organisation ids by short name
const rec = {};       // the fixture: rec.own = { person, kase, admission, member, consent, name }
let roomId;           // ひだまり's trial-stay room
const MANAGE = { carry: true }; // a case.manage route: the organisation must carry the case
let demoFollowUp;     // a follow-up of a demo case (not of the fixture's)

// Every person/case route: its policy, the roles that policy lets in, the record kind its :id
// names, and for a POST a body that would be stored if the gate let it through (sent to users
// who must be refused) and the changes that make it invalid (sent to users who may pass: 400).
const ROUTES = [
  { method: 'GET', pattern: '/persons/:id', policy: 'person.view', roles: SEES_PERSONS, of: 'person' },
  // Correcting a person's details: person.edit, on anyone the user sees. The hospital may correct
  // P_own, whom it sees through its admission: the policy gives person.edit to hospitals, and
  // DESIGN §1 lets a hospital see the people it holds an admission for (no "carry" rule here).
  { method: 'GET', pattern: '/persons/:id/edit', policy: 'person.edit', roles: CARRIES_CASES, of: 'person' },
  {
    method: 'POST', pattern: '/persons/:id', policy: 'person.edit', roles: CARRIES_CASES, of: 'person',
    valid: (r) => ({ family_name: '行列', given_name: '改竄', family_kana: 'ぎょうれつ', given_kana: 'かいざん',
      birth_date: '1960-05-05', sex: 'male', ward_code: r.ward }),
    invalid: { birth_date: 'not-a-date' },
  },
  {
    method: 'POST', pattern: '/persons/:id/admissions', policy: 'person.edit', roles: CARRIES_CASES, of: 'person',
    valid: () => ({ hospital_id: org.sakura, admitted_on: '2001-01-10', admission_type: 'voluntary',
      discharged_on: '2001-02-10', discharge_destination: 'home' }),
    invalid: { admission_type: 'no-such-type' },
  },
  {
    // Every fixture person already has an open case, so even this body is refused (400) by the
    // handler once past the gate: a gate that let a refused user through still shows as a
    // wrong status.
    method: 'POST', pattern: '/persons/:id/cases', policy: 'case.open', roles: CARRIES_CASES, of: 'person',
    valid: (r) => ({ lead_org_id: r.lead, stage: 'assessing', opened_on: today }),
    invalid: { lead_org_id: String(0) },
  },
  { method: 'GET', pattern: '/cases/:id', policy: 'case.view', roles: SEES_CASES, of: 'case' },
  {
    method: 'POST', pattern: '/cases/:id/stage', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: () => ({ stage: 'planning', changed_on: today }),
    invalid: { changed_on: '2025-02-30' },
  },
  {
    method: 'POST', pattern: '/cases/:id/team', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: () => ({ organisation_id: org.fujimi, team_role: 'care_manager', added_on: today }),
    invalid: { team_role: 'no-such-role' },
  },
  {
    method: 'POST', pattern: '/cases/:id/team/remove', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: (r) => ({ member_id: r.member, removed_on: today }),
    invalid: { removed_on: 'not-a-date' },
  },
  {
    method: 'POST', pattern: '/cases/:id/consents', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: () => ({ scope: 'housing_agents', granted_on: today }),
    invalid: { scope: 'no-such-scope' },
  },
  {
    method: 'POST', pattern: '/cases/:id/consents/revoke', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: (r) => ({ consent_id: r.consent, revoked_on: today }),
    invalid: { revoked_on: 'not-a-date' },
  },
  {
    method: 'POST', pattern: '/cases/:id/discharge', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: (r) => ({ admission_id: r.admission, discharged_on: today, discharge_destination: 'home' }),
    invalid: { discharged_on: 'not-a-date' },
  },
  {
    // The fixture's cases have no follow-ups yet (none is discharged): the follow-up named is a
    // demo case's, which a handler past the gate refuses with 400 — still not a 403/404.
    method: 'POST', pattern: '/cases/:id/follow-ups', policy: 'case.follow_up', roles: SEES_PERSONS, of: 'case',
    valid: () => ({ follow_up_id: demoFollowUp, done_on: today, living_in_community: '1', readmitted: '0',
      treatment_continuing: '1' }),
    invalid: { done_on: 'not-a-date' },
  },
  {
    method: 'POST', pattern: '/cases/:id/services', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: () => ({ service: 'settlement', starts_on: today, ends_on: day(300) }),
    invalid: { service: 'no-such-service' },
  },
  {
    method: 'POST', pattern: '/cases/:id/services/extend', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: (r) => ({ period_id: r.period, extended_to: day(120) }),
    invalid: { extended_to: 'not-a-date' },
  },
  {
    // Support records: everyone who works on the case, the elderly field and peers under consent.
    method: 'POST', pattern: '/cases/:id/records', policy: 'case.record', roles: SEES_CASES, of: 'case',
    valid: () => ({ recorded_on: today, kind: 'visit', minutes: '30', body: '行列テストの記録' }),
    invalid: { kind: 'no-such-kind' },
  },
  {
    method: 'POST', pattern: '/cases/:id/goals', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: () => ({ body: '行列テストの目標', set_on: today }),
    invalid: { set_on: 'not-a-date' },
  },
  {
    method: 'POST', pattern: '/cases/:id/goals/review', policy: 'case.manage', roles: CARRIES_CASES, of: 'case', ...MANAGE,
    valid: (r) => ({ goal_id: r.goal, status: 'achieved', reviewed_on: today }),
    invalid: { status: 'no-such-status' },
  },
  { method: 'GET', pattern: '/cases/:id/stays', policy: 'stay.book', roles: BOOKS_STAYS, of: 'case' },
  {
    method: 'POST', pattern: '/cases/:id/stays', policy: 'stay.book', roles: BOOKS_STAYS, of: 'case',
    valid: () => ({ room_id: roomId, starts_on: day(20), ends_on: day(21) }),
    invalid: { ends_on: day(20) },
  },
  { method: 'GET', pattern: '/cases/:id/housing', policy: 'housing.request', roles: WRITES_REQUESTS, of: 'case' },
  {
    method: 'POST', pattern: '/cases/:id/housing', policy: 'housing.request', roles: WRITES_REQUESTS, of: 'case', ...MANAGE,
    valid: () => ({ budget: '45000', wards: '221023' }),
    invalid: { budget: 'abc' },
  },
  {
    method: 'POST', pattern: '/cases/:id/peers', policy: 'peer.assign', roles: WRITES_REQUESTS, of: 'case', ...MANAGE,
    valid: () => ({ peer_id: sql(db, "select id from peer_supporter where name = 'ピア 翔'"), from_on: today }),
    invalid: { from_on: 'not-a-date' },
  },
];

// ---- reading the sources ----

// The routes of routes.c whose path has the :id of a person or a case: [{ method, pattern, policy }].
function personCaseRoutes() {
  const text = readFileSync(join(SRC, 'pages', 'routes.c'), 'utf8');
  const found = [...text.matchAll(/\{\s*"(GET|POST)",\s*"(\/(?:persons|cases)\/:id(?:\/[^"]*)?)",\s*(?:"([^"]*)"|(POLICY_PUBLIC))/g)]
    .map((m) => ({ method: m[1], pattern: m[2], policy: m[3] ?? m[4] }));
  // Every mention of such a path must have been understood: a route written another way must
  // not slip past the regex above.
  const mentions = (text.match(/"\/(?:persons|cases)\/:id(?:\/[^"]*)?"/g) || []).length;
  assert.equal(found.length, mentions, 'routes.c: every /persons/:id… and /cases/:id… route is parsed');
  return found;
}

// The roles each action of policy.c lets in: { action: Set(role) }.
function policyRoles() {
  const text = readFileSync(join(SRC, 'auth', 'policy.c'), 'utf8');
  const out = {};
  for (const m of text.matchAll(/\{\s*"([a-z_.]+)",\s*ROLE_([A-Z]+),\s*SCOPE_[A-Z_]+\s*\}/g)) {
    (out[m[1]] ||= new Set()).add(m[2].toLowerCase());
  }
  return out;
}

// ---- the database as the test sees it ----

const IGNORED_TABLES = ['audit_log', 'audit_head', 'session', 'login_failure'];
let dataTables;

// One sqlite3 run: the audit counts, the newest refusal, and a dump of every table that holds
// records (all but the audit log and the session tables, so tables added later count too).
function state() {
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 5000', db,
    "select (select count(*) from audit_log where outcome <> 'refused') || '|' ||"
    + " (select count(*) from audit_log where outcome = 'refused') || '|' ||"
    + " ifnull((select action || ' ' || ifnull(object_id, '') from audit_log where outcome = 'refused'"
    + ' order by id desc limit 1), \'\')',
    `.dump ${dataTables.join(' ')}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const nl = out.indexOf('\n');
  const [ok, refused, lastRefusal] = out.slice(0, nl).split('|');
  return { ok: Number(ok), refused: Number(refused), lastRefusal, data: out.slice(nl + 1) };
}

// The lines that differ between two dumps, for a message.
function dumpDiff(a, b) {
  const la = new Set(a.split('\n'));
  const lb = new Set(b.split('\n'));
  const gone = [...la].filter((l) => !lb.has(l)).map((l) => `- ${l}`);
  const added = [...lb].filter((l) => !la.has(l)).map((l) => `+ ${l}`);
  return [...gone, ...added].slice(0, 10).join('\n');
}

const idOf = (res, re) => {
  const m = (res.headers.get('location') || '').match(re);
  assert.ok(m, `redirected to ${res.headers.get('location')}`);
  return m[1];
};

// POST a form that must succeed (303).
async function must(who, path, fields, what) {
  const res = await post(s[who], `${srv.url}${path}`, fields);
  if (res.status !== 303) assert.fail(`${what}: ${res.status} ${(await res.text()).match(/role="alert"[^>]*>([^<]*)/)?.[1] ?? ''}`);
  return res;
}

// ---- the fixture ----

async function fixture() {
  for (const [k, name] of Object.entries({
    mirai: '駿河区相談支援センターみらい', tsumugi: '葵区相談支援センターつむぎ', kokoro: '葵こころの森病院',
    sakura: '駿河さくら病院', hidamari: 'グループホームひだまり', elderly: '駿河中部地域包括支援センター',
    peer: 'ピアサポートしずおか', fujimi: 'ケアプランセンターふじみ', aoba: '訪問看護ステーションあおば',
  })) {
    org[k] = sql(db, `select id from organisation where name = '${name}'`);
    assert.match(org[k], /^\d+$/, name);
  }
  const people = {
    own: { who: 'counselor-suruga', lead: org.mirai, given: '自分', kana: 'じぶん', ward: '221023', hospital: org.kokoro },
    revoked: { who: 'counselor-suruga', lead: org.mirai, given: '撤回', kana: 'てっかい', ward: '221023', hospital: org.sakura },
    // C_other must be registered and opened by counselor-aoi: a counsellor who opens a case that
    // another office leads joins its team, and the office that registers a person sees them.
    other: { who: 'counselor-aoi', lead: org.tsumugi, given: '他区', kana: 'たく', ward: '221015', hospital: org.sakura },
  };
  for (const [k, p] of Object.entries(people)) {
    const r = { lead: p.lead, ward: p.ward, name: `行列 ${p.given}` };
    let res = await must(p.who, '/persons', {
      family_name: '行列', given_name: p.given, family_kana: 'ぎょうれつ', given_kana: p.kana,
      birth_date: '1960-05-05', sex: 'female', ward_code: p.ward,
    }, `register P_${k}`);
    r.person = idOf(res, /^\/persons\/(\d+)/);
    await must(p.who, `/persons/${r.person}/admissions`,
      { hospital_id: p.hospital, admitted_on: '2015-04-01', admission_type: 'medical_protection' }, `admit P_${k}`);
    r.admission = sql(db, `select id from admission where person_id = ${r.person}`);
    res = await must(p.who, `/persons/${r.person}/cases`, { lead_org_id: p.lead, stage: 'assessing', opened_on: today },
      `open C_${k}`);
    r.kase = idOf(res, /^\/cases\/(\d+)/);
    const team = k === 'other' ? [[org.aoba, 'visiting_nurse']]
      : [[org.elderly, 'care_manager'], [org.peer, 'peer_supporter'], [org.hidamari, 'group_home']];
    for (const [o, role] of team) await must(p.who, `/cases/${r.kase}/team`, { organisation_id: o, team_role: role, added_on: today }, `team of C_${k}`);
    // A member the refused users would try to remove: ひだまり, or あおば on C_other.
    r.member = sql(db, `select id from care_team_member where case_id = ${r.kase} and organisation_id = ${k === 'other' ? org.aoba : org.hidamari}`);
    // Every case has a liaison_meeting consent in force (expiring soon: on the dashboard), which
    // gives sight to no one; the refused users try to revoke it.
    const scopes = k === 'other' ? ['liaison_meeting'] : ['elderly_field', 'peer_support', 'liaison_meeting'];
    for (const scope of scopes) {
      await must(p.who, `/cases/${r.kase}/consents`,
        { scope, granted_on: today, expires_on: scope === 'liaison_meeting' ? day(20) : '' }, `${scope} on C_${k}`);
    }
    r.consent = sql(db, `select id from consent where case_id = ${r.kase} and scope = 'liaison_meeting'`);
    // The demo peer supporter whose login is `peer` is assigned while the consent is in force:
    // peers see their own assignments only (domain/access.c).
    if (k !== 'other') {
      const supporter = sql(db, "select p.id from peer_supporter p join app_user u on u.id = p.user_id where u.login = 'peer'");
      await must(p.who, `/cases/${r.kase}/peers`, { peer_id: supporter, from_on: today }, `assign the peer to C_${k}`);
    }
    // 地域移行支援 for 90 days (the refused users try to extend it) and a goal (they try to review it).
    await must(p.who, `/cases/${r.kase}/services`, { service: 'transition', starts_on: today, ends_on: day(90) }, `service on C_${k}`);
    r.period = sql(db, `select id from service_period where case_id = ${r.kase}`);
    await must(p.who, `/cases/${r.kase}/goals`, { body: '一人暮らしを始める', set_on: today }, `goal on C_${k}`);
    r.goal = sql(db, `select id from goal where case_id = ${r.kase}`);
    rec[k] = r;
  }
  for (const scope of ['elderly_field', 'peer_support']) {
    const id = sql(db, `select id from consent where case_id = ${rec.revoked.kase} and scope = '${scope}'`);
    await must('counselor-suruga', `/cases/${rec.revoked.kase}/consents/revoke`, { consent_id: id, revoked_on: today },
      `revoke ${scope} on C_revoked`);
  }
  // A trial-stay room at ひだまり, each case booked into it this week (on the dashboard, on /stays).
  await must('provider', '/stays/rooms', { name: '行列テスト室' }, 'add a room');
  roomId = sql(db, "select id from trial_room where name = '行列テスト室'");
  for (const [i, k] of RECORDS.entries()) {
    await must(k === 'other' ? 'counselor-aoi' : 'counselor-suruga', `/cases/${rec[k].kase}/stays`,
      { room_id: roomId, starts_on: day(1 + i), ends_on: day(2 + i) }, `book a stay for C_${k}`);
  }
  demoFollowUp = sql(db, `select min(id) from follow_up where done_on is null and case_id not in (${RECORDS.map((k) => rec[k].kase)})`);
  assert.match(demoFollowUp, /^\d+$/, 'the demo has an open follow-up');
}

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  for (const l of Object.keys(USERS)) {
    s[l] = await login(srv.url, l);
    assert.ok(s[l].cookie, `${l} logs in`);
  }
  await fixture();
  dataTables = sql(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .split('\n').filter((t) => !IGNORED_TABLES.includes(t));
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

// ---- the tests ----

test('the table covers exactly the person and case routes of routes.c, with their policies', () => {
  const inSource = personCaseRoutes();
  assert.ok(inSource.length >= 10, `routes.c parsed: ${inSource.length} person/case routes`);
  const key = (r) => `${r.method} ${r.pattern}`;
  const inTable = new Map(ROUTES.map((r) => [key(r), r]));
  const missing = inSource.filter((r) => !inTable.has(key(r))).map(key);
  assert.deepEqual(missing, [], 'routes.c has person/case routes this matrix does not cover: add them to ROUTES');
  const stale = ROUTES.filter((r) => !inSource.some((x) => key(x) === key(r))).map(key);
  assert.deepEqual(stale, [], 'ROUTES names routes that routes.c no longer has');
  for (const r of inSource) assert.equal(inTable.get(key(r)).policy, r.policy, `${key(r)}: the policy routes.c names`);
});

test("the roles the table expects at each route are the ones policy.c lets in", () => {
  const allow = policyRoles();
  for (const r of ROUTES) {
    assert.deepEqual([...(allow[r.policy] || [])].sort(), [...new Set(r.roles)].sort(), `${r.method} ${r.pattern} (${r.policy})`);
  }
});

test('every person/case route × every demo user × own, other and revoked records: 403, 404 or through, and nothing stored', async () => {
  const baseline = state();
  const expected = {};
  const actual = {};
  const problems = [];
  let prev = baseline;
  for (const r of ROUTES) {
    for (const user of Object.keys(USERS)) {
      for (const k of RECORDS) {
        const id = r.of === 'person' ? rec[k].person : rec[k].kase;
        const path = r.pattern.replace(':id', id);
        const label = `${r.method} ${r.pattern} ${user} ${k}`;
        const allowedScreen = r.roles.includes(USERS[user]);
        const inSight = SEES[user].includes(k);
        const carries = !r.carry || CARRIES[user].includes(k);
        const want = !allowedScreen || (inSight && !carries) ? 403 : !inSight ? 404 : r.method === 'GET' ? 200 : 400;
        const refused = want === 403 || want === 404;
        let res;
        if (r.method === 'GET') {
          res = await as(s[user], `${srv.url}${path}`);
        } else {
          const body = refused ? r.valid(rec[k]) : { ...r.valid(rec[k]), ...r.invalid };
          res = await post(s[user], `${srv.url}${path}`, Object.fromEntries(Object.entries(body).map(([f, v]) => [f, String(v)])));
        }
        const html = await res.text();
        expected[label] = want;
        actual[label] = res.status;
        const now = state();
        if (now.data !== baseline.data) {
          problems.push(`${label}: answered ${res.status} and changed the records:\n${dumpDiff(baseline.data, now.data)}`);
          baseline.data = now.data; // report each change once
        }
        if (refused) {
          if (now.ok !== prev.ok) problems.push(`${label}: ${now.ok - prev.ok} audit row(s) other than a refusal`);
          // The router audits the policy and the route; a handler that refuses a user who sees the
          // case audits its action and the case id.
          const audit = allowedScreen ? `<action> ${id}` : `${r.policy} ${r.pattern}`;
          const audited = allowedScreen ? /^[a-z_.]+ (\d+)$/.exec(now.lastRefusal)?.[1] === id : now.lastRefusal === audit;
          if (res.status === 403 && (now.refused !== prev.refused + 1 || !audited)) {
            problems.push(`${label}: the refusal is not audited as "${audit}" (${now.refused - prev.refused} rows, last "${now.lastRefusal}")`);
          }
          if (res.status === 404 && rec[k].name && html.includes(rec[k].name)) problems.push(`${label}: the 404 names the person`);
        } else if (r.method === 'GET' && res.status === 200 && now.ok <= prev.ok) {
          problems.push(`${label}: the read is not audited`);
        }
        prev = now;
      }
    }
  }
  assert.deepEqual(actual, expected);
  assert.deepEqual(problems, []);
});

// The fixture's records a list shows to a user.
const LISTS = [
  {
    path: '/persons?q=ぎょうれつ', policy: 'person.view', roles: SEES_PERSONS,
    shows: (body) => RECORDS.filter((k) => body.includes(`href="/persons/${rec[k].person}"`)),
  },
  {
    path: '/cases', policy: 'case.view', roles: SEES_CASES,
    shows: (body) => RECORDS.filter((k) => body.includes(`href="/cases/${rec[k].kase}"`)),
  },
  {
    path: '/cases/export.csv', policy: 'data.export', roles: ['city', 'counselor'],
    shows: (body) => {
      const ids = body.replace(/^\uFEFF/, '').split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
      return RECORDS.filter((k) => ids.includes(rec[k].kase));
    },
  },
  {
    // Names of who stays; a group home also sees who stays in its own rooms, whatever their case
    // (DESIGN §1 "their rooms' bookings"; domain/stay.h), so the provider sees all three here.
    path: '/stays', policy: 'stay.view', roles: ['city', 'counselor', 'provider'],
    shows: (body) => RECORDS.filter((k) => body.includes(rec[k].name)),
    sees: { provider: ['own', 'other', 'revoked'] },
  },
  {
    // What is due: this week's stays and the liaison consents expiring. The provider's list has
    // the stays in its rooms too, as /stays does (domain/due.c).
    path: '/', policy: 'home.view', roles: Object.values(USERS),
    shows: (body) => {
      const due = body.match(/<section class="card due">([\s\S]*?)<\/section>/)?.[1] ?? '';
      return RECORDS.filter((k) => due.includes(`href="/cases/${rec[k].kase}"`));
    },
    sees: { provider: ['own', 'other', 'revoked'] },
  },
];

test('the lists hold exactly the fixture records each user may see', async () => {
  // One line per list and user: the status, and for a 200 the fixture records it shows.
  const expected = {};
  const actual = {};
  for (const l of LISTS) {
    for (const user of Object.keys(USERS)) {
      const label = `${l.path} ${user}`;
      const allowed = l.roles.includes(USERS[user]);
      const shown = l.sees?.[user] ?? SEES[user];
      expected[label] = allowed ? `200 [${RECORDS.filter((k) => shown.includes(k))}]` : '403';
      const res = await as(s[user], `${srv.url}${l.path}`);
      const body = await res.text();
      actual[label] = res.status === 200 ? `200 [${l.shows(body)}]` : String(res.status);
      // /persons, /cases and the CSV must not name anyone they do not link (/stays and the
      // dashboard name the people of their own rows only; checked by l.shows).
      if (res.status === 200 && ['/persons', '/cases'].some((p) => l.path.startsWith(p))) {
        const leaks = RECORDS.filter((k) => !shown.includes(k) && body.includes(rec[k].name));
        if (leaks.length) actual[label] += ` names [${leaks}]`;
      }
    }
  }
  assert.deepEqual(actual, expected);
});

test('the fixture is still as it was after the matrix (no POST went through)', () => {
  assert.equal(sql(db, `select count(*) from support_case where id in (${RECORDS.map((k) => rec[k].kase)}) and stage = 'assessing'`), '3');
  assert.equal(sql(db, `select count(*) from consent where case_id in (${RECORDS.map((k) => rec[k].kase)}) and revoked_on is null`), '5');
  assert.equal(sql(db, `select count(*) from admission where id in (${RECORDS.map((k) => rec[k].admission)}) and discharged_on is null`), '3');
  assert.equal(sql(db, `select count(*) from service_period where id in (${RECORDS.map((k) => rec[k].period)}) and extended_to is null`), '3');
  assert.equal(sql(db, `select count(*) from goal where id in (${RECORDS.map((k) => rec[k].goal)}) and status = 'active'`), '3');
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
