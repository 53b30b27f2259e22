// The housing referral system's leak test (issue 4, "Show it"): an agent never reaches a person,
// case, admission or support record — not by URL, not by id guessing, not in an error message, not
// in a PDF — and sees of a request only the support-structure sheet's allow-list (the tenant's
// name and age band, the lead office, what the counsellor wrote for the agent) and the request's
// wishes, and only while the request was sent to its firm and the person's housing_agents consent
// is in force.
//
// One demo database (tsunagu demo: ふじみ不動産 `agent`, 葵ハウジング `agent-aoi`, 清水ベイ不動産
// `agent-shimizu`, their requests from demo_housing.c), changed through the real forms where that
// is simple:
//   - 土屋's request is sent to ふじみ too, then the consent is revoked on the case page (the open
//     sheet closes at once: checked on the way);
//   - 長田 gets a second request with a sheet that is never sent;
//   - 葵ハウジング and 清水ベイ propose a flat each on requests ふじみ also has;
//   - 長田 gets a trial stay in a group home's room (the demo has none);
// and through SQL: 片山's request (moved in through 葵ハウジング) is sent to ふじみ as well, and
// then 片山's housing_agents consent has expired yesterday.
//
// Then a unique marker ("MK-<field>-<id>-ZQX", or katakana ロウエイ…ン for the kana) goes into every
// free-text column of the database — also the ones an agent may see, each with the set of agents
// that may see it (the names of the tenants of the requests the agent sees now, the agent's own
// listings and feedback, …) — and every text column of the schema must be classified here, so a
// column added later fails this test until it is. Each agent then crawls: every GET route of
// src/pages/routes.c (read from the file) with every id up to the largest plus three and some odd
// ones, the PDFs through pdftotext, POSTs that answer with error pages, and every link found on the
// way. No response, header, PDF text or server-log line may hold a marker the agent may not see,
// a birth date, or the Japanese words of a case stage or an admission type; the markers an agent
// must see (its tenants' names on their sheets, its own listings …) must have been seen, so that a
// broken crawl cannot pass; every sheet view is audited; nothing in the database changes. Then the
// city ends 清水ベイ's cooperation, and that firm reaches nothing any more (the same 403).
//
// Finally the route × role matrix of the new routes (/housing…, /listings…, /referrals…,
// /feedback…, /cases/:id/housing): every demo user whose role the policy does not let in gets 403
// for a GET and for a POST with a valid CSRF token and a body that would be stored, and nothing in
// the database changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDb, startServer, login, as, post, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

let db;
let srv;
let pdfDir;
const s = {}; // sessions by login

const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);
const today = day(0);

const AGENTS = { agent: 'ふじみ不動産', 'agent-aoi': '葵ハウジング', 'agent-shimizu': '清水ベイ不動産' };
const AGENT_LOGINS = Object.keys(AGENTS);
const PHONE_24H = '054-000-0201'; // demo_housing.c: the 24-hour phone on every demo sheet

const rows = (q) => sql(db, q).split('\n').filter((l) => l !== '').map((l) => l.split('|'));
const one = (q) => {
  const v = sql(db, q);
  assert.match(v, /^\d+$/, q);
  return v;
};
const idOf = (res, re) => {
  const m = (res.headers.get('location') || '').match(re);
  assert.ok(m, `redirected to ${res.headers.get('location')}`);
  return m[1];
};

async function must(who, path, fields, what) {
  const res = await post(s[who], `${srv.url}${path}`, fields);
  if (res.status !== 303) {
    const body = await res.text();
    assert.fail(`${what}: ${res.status} ${body.match(/role="alert"[^>]*>([\s\S]*?)<\//)?.[1] ?? ''}`);
  }
  return res;
}

// ---- reading the sources ----

function routeTable() {
  const text = readFileSync(join(SRC, 'pages', 'routes.c'), 'utf8');
  const found = [...text.matchAll(/\{\s*"(GET|POST)",\s*"([^"]+)",\s*(POLICY_PUBLIC|"([a-z_.]+)")\s*,/g)]
    .map((m) => ({ method: m[1], pattern: m[2], policy: m[4] ?? 'public' }));
  assert.ok(found.length > 50, `routes.c parsed: ${found.length} routes`);
  return found;
}

function policyRoles() {
  const text = readFileSync(join(SRC, 'auth', 'policy.c'), 'utf8');
  const out = {};
  for (const m of text.matchAll(/\{\s*"([a-z_.]+)",\s*ROLE_([A-Z]+),\s*SCOPE_[A-Z_]+\s*\}/g)) {
    (out[m[1]] ||= new Set()).add(m[2].toLowerCase());
  }
  return out;
}

let ROUTES;
let ALLOW;
const lets = (route, role) => route.policy === 'public' || (ALLOW[route.policy]?.has(role) ?? false);

// ---- the database as the test sees it ----

const IGNORED_TABLES = ['audit_log', 'audit_head', 'session', 'login_failure'];
let dataTables;

function state() {
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 5000', db,
    "select (select count(*) from audit_log where outcome <> 'refused') || '|' ||"
    + " (select count(*) from audit_log where outcome = 'refused')",
    `.dump ${dataTables.join(' ')}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const nl = out.indexOf('\n');
  const [ok, refused] = out.slice(0, nl).split('|');
  return { ok: Number(ok), refused: Number(refused), data: out.slice(nl + 1) };
}

function dumpDiff(a, b) {
  const la = new Set(a.split('\n'));
  const lb = new Set(b.split('\n'));
  const gone = [...la].filter((l) => !lb.has(l)).map((l) => `- ${l}`);
  const added = [...lb].filter((l) => !la.has(l)).map((l) => `+ ${l}`);
  return [...gone, ...added].slice(0, 10).join('\n');
}

// ---- the fixture ----

const org = {};   // organisation ids by short name
const R = {};     // request ids by short name
const C = {};     // case ids by short name
const lid = {};   // listing ids by short name
let SEES;         // the requests each agent may reach after the fixture, by login
const reqInfo = {}; // request id → { person, lead }: its case's person and lead office

// Every text column of the schema, classified: 'marker' columns get a marker below; the others
// hold codes, dates, keys or secrets that no page shows as text. A column missing here fails the
// test: decide whether an agent could see it and plant a marker.
const TEXT_COLUMNS = {
  municipality: { code: 'code', name: 'public', forum_scope: 'code' },
  ward: { code: 'code', municipality_code: 'code', name: 'public' },
  organisation: { municipality_code: 'code', name: 'marker', kind: 'code', sector: 'code', ward_code: 'code' },
  app_user: { login: 'secret', display_name: 'marker', role: 'code', password_hash: 'secret', lang: 'code' },
  setting: { key: 'code', value: 'code' },
  person: {
    municipality_code: 'code', external_id: 'marker', family_name: 'marker', given_name: 'marker',
    family_kana: 'marker', given_kana: 'marker', kana_key: 'key', name_key: 'key', birth_date: 'date (checked)',
    sex: 'code', ward_code: 'code', handbook_grade: 'code', support_category: 'code', guardian: 'code',
  },
  admission: { admitted_on: 'date', admission_type: 'code (checked)', discharged_on: 'date', discharge_destination: 'code' },
  support_case: { stage: 'code (checked)', close_reason: 'code (checked)', opened_on: 'date', closed_on: 'date' },
  case_stage_change: { from_stage: 'code', to_stage: 'code', changed_on: 'date' },
  care_team_member: { team_role: 'code', added_on: 'date', removed_on: 'date' },
  service_period: { service: 'code', starts_on: 'date', ends_on: 'date', extended_to: 'date' },
  support_record: { recorded_on: 'date', kind: 'code', body: 'marker' },
  goal: { body: 'marker', set_on: 'date', status: 'code', reviewed_on: 'date' },
  consent: { scope: 'code', granted_on: 'date', expires_on: 'date', revoked_on: 'date' },
  follow_up: { due_on: 'date', done_on: 'date' },
  trial_room: { name: 'marker' },
  trial_booking: { starts_on: 'date', ends_on: 'date', status: 'code', outcome: 'marker' },
  agent_firm: { member_no: 'marker', contact_name: 'marker', phone: 'firm', email: 'marker' },
  agent_firm_ward: { ward_code: 'code' },
  agent_training: { trained_on: 'date', title: 'marker' },
  agent_cooperation: { from_on: 'date', until_on: 'date' },
  listing: {
    ward_code: 'code', address: 'marker', layout: 'code', access_kind: 'code', access_name: 'listing',
    guarantor: 'code', available_from: 'date', status: 'code', note: 'marker',
  },
  housing_request: { move_by: 'date', agent_note: 'marker', status: 'code', decline_reason: 'code', moved_in_on: 'date' },
  housing_request_ward: { ward_code: 'code' },
  housing_request_condition: { condition: 'code' },
  housing_request_agent: { sent_on: 'date' },
  housing_request_step: { from_status: 'code', to_status: 'code', on_date: 'date' },
  support_sheet: {
    contact_24h_name: 'sheet', contact_24h_phone: 'sheet', counselor_name: 'sheet', counselor_phone: 'sheet',
    clinic_name: 'marker', visiting_nurse: 'sheet', day_activity: 'sheet', visit_frequency: 'sheet',
    safety_check: 'sheet', rent_payment: 'code', guarantee_company: 'sheet', money_management: 'code',
    emergency_plan: 'marker', moving_out_plan: 'sheet',
  },
  housing_proposal: { note: 'marker', viewing_on: 'date' },
  residence: { address: 'marker', ward_code: 'code', moved_in_on: 'date' },
  tenancy_concern: { kind: 'code', body: 'marker', handling: 'marker' },
  agent_feedback: { topic: 'code', body: 'marker' },
  // The forum, events, peer support, programmes and the plan (schema 005): the municipality's own
  // record, nothing of it for agents but the title of a training their firm attended.
  meeting: {
    municipality_code: 'code', kind: 'code', title: 'marker', held_on: 'date', starts_at: 'code', ends_at: 'code',
    place: 'marker', ward_code: 'code', status: 'code', minutes: 'marker',
  },
  meeting_attendance: { label: 'marker', sector: 'code' },
  meeting_case: { discussion: 'marker', decision: 'marker' },
  action_item: { body: 'marker', due_on: 'date', done_on: 'date' },
  event: {
    municipality_code: 'code', kind: 'code', title: 'marker', held_on: 'date', starts_at: 'code', ends_at: 'code',
    place: 'marker', ward_code: 'code', co_host: 'marker', status: 'code', status_reason: 'marker',
    lecturers: 'marker', materials: 'marker', outcome: 'marker',
  },
  event_participation: { sector: 'code' },
  peer_supporter: { municipality_code: 'code', name: 'marker', level: 'code', trained_on: 'date' },
  peer_assignment: { from_on: 'date', until_on: 'date' },
  peer_activity: { done_on: 'date', kind: 'code', note: 'marker' },
  programme: { municipality_code: 'code', name: 'marker', implementer: 'code', commissioned_to: 'marker', description: 'marker' },
  plan_strength: { municipality_code: 'code', body: 'marker' },
  plan_challenge: {
    municipality_code: 'code', title: 'marker', policy: 'marker', role_government: 'marker', role_medical: 'marker',
    role_welfare: 'marker', role_other: 'marker',
  },
  // The city's indicators and the status sheet (schema 006): the city's alone.
  indicator: { municipality_code: 'code', name: 'marker', computation: 'code', ward_code: 'code', unit: 'code' },
  indicator_year: {
    baseline_text: 'marker', target_text: 'marker', actual_text: 'marker', outcome_text: 'marker',
    expected_text: 'marker', national_note: 'marker',
  },
  sheet_text: { municipality_code: 'code', section: 'code', body: 'marker' },
  // Not shown anywhere; the audit log has its own tests.
  audit_log: { role: 'code', action: 'code', object_type: 'code', object_id: 'code', addr: 'code', outcome: 'code', prev_hash: 'secret', hash: 'secret' },
  audit_head: { last_hash: 'secret' },
  session: { csrf: 'secret' },
  login_failure: { key_kind: 'code', key: 'secret' },
  schema_migrations: { name: 'code' },
};

// Katakana for a number, with a terminator so that 1 is not a prefix of 10.
const kata = (n) => String(n).replace(/\d/g, (d) => 'アイウエオカキクケコ'[d]) + 'ン';
const mk = (field, id) => `MK-${field}-${id}-ZQX`;

// The markers: text → { what, allowed (logins that may see it), must (logins that must see it) }.
const MARKERS = new Map();
function marker(text, what, allowed = [], must = []) {
  MARKERS.set(text, { what, allowed: new Set(allowed), must: new Set(must) });
}
// Strings no agent may ever see (birth dates), with what they are.
const FORBIDDEN = new Map();
// The Japanese labels of case stages, close reasons and admission types (po/ja.po): health and
// casework, nothing of which an agent needs.
const CASEWORK_WORDS = ['紹介受付', 'アセスメント', '計画作成', '地域移行', '地域定着', '地域生活に定着',
  '再入院', '死亡', '医療保護入院', '措置入院', '任意入院', '応急入院', '退院'];

// 和暦 of an ISO date, as jp_format_era_date writes it (元年 or 1年 both checked).
function eraForms(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const eras = [['令和', '2019-05-01', 2018], ['平成', '1989-01-08', 1988], ['昭和', '1926-12-25', 1925], ['大正', '1912-07-30', 1911]];
  const out = [`${y}年${m}月${d}日`, `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`];
  for (const [name, from, off] of eras) {
    if (iso >= from) {
      const ey = y - off;
      out.push(`${name}${ey}年${m}月${d}日`);
      if (ey === 1) out.push(`${name}元年${m}月${d}日`);
      break;
    }
  }
  return out;
}

async function fixture() {
  for (const [k, name] of Object.entries({
    fujimi: 'ふじみ不動産', aoiHousing: '葵ハウジング', shimizuBay: '清水ベイ不動産', shizuhata: 'しずはた不動産',
  })) org[k] = one(`select id from organisation where name = '${name}'`);

  // The demo's requests (demo_housing.c), by person and firms: fail clearly if the demo changed.
  const reqs = rows(`select r.id, p.family_name, r.status, c.id,
      (select group_concat(o.name, ',') from (select o.name from housing_request_agent ra join organisation o
        on o.id = ra.organisation_id where ra.request_id = r.id order by o.name) o)
    from housing_request r join support_case c on c.id = r.case_id join person p on p.id = c.person_id order by r.id`);
  const find = (family, status) => {
    const r = reqs.find((x) => x[1] === family && (!status || x[2] === status));
    assert.ok(r, `the demo has a request of ${family} ${status ?? ''}: ${reqs.map((x) => x.join(' ')).join('; ')}`);
    return r;
  };
  const named = {
    kata: find('片山', 'moved_in'), mochi: find('望月', 'moved_in'), koba: find('小林', 'moved_in'),
    tamura1: find('田村', 'declined'), tamura2: reqs.filter((x) => x[1] === '田村').at(-1), osada: find('長田'), tsuchi: find('土屋'),
  };
  for (const [k, r] of Object.entries(named)) {
    R[k] = r[0];
    C[k] = r[3];
  }
  assert.notEqual(R.tamura1, R.tamura2);
  assert.equal(named.tamura2[4].split(',').sort().join(','), ['ふじみ不動産', '葵ハウジング'].sort().join(','));
  assert.equal(named.osada[4].split(',').sort().join(','), ['ふじみ不動産', '清水ベイ不動産'].sort().join(','));
  assert.equal(named.tsuchi[4], '清水ベイ不動産');
  assert.equal(named.kata[4], '葵ハウジング');
  assert.equal(named.mochi[4], 'ふじみ不動産');
  // Open flats of demo_agents.c (addresses are stored after NFKC: （デモ） became (デモ)).
  for (const [k, town] of Object.entries({ aoiKamiashiarai: '葵区上足洗三丁目', shimizuEjiri: '清水区江尻町' })) {
    lid[k] = one(`select id from listing where address like '%${town}%' and status = 'open'`);
  }

  // 土屋's request goes to ふじみ as well, through the request page; ふじみ sees its sheet.
  await must('counselor-shimizu', `/housing/requests/${R.tsuchi}/send`, { agent: org.fujimi }, 'send 土屋 to ふじみ');
  let res = await as(s.agent, `${srv.url}/referrals/${R.tsuchi}/sheet`);
  assert.equal(res.status, 200, 'ふじみ sees the sheet of the request just sent');
  await res.arrayBuffer();
  // Then the consent is revoked on the case page: the sheet closes at once.
  const consent = one(`select id from consent where case_id = ${C.tsuchi} and scope = 'housing_agents' and revoked_on is null`);
  await must('counselor-shimizu', `/cases/${C.tsuchi}/consents/revoke`, { consent_id: consent, revoked_on: today }, 'revoke 土屋');
  res = await as(s.agent, `${srv.url}/referrals/${R.tsuchi}/sheet`);
  assert.equal(res.status, 403, 'the revoked sheet answers no access at once');
  await res.arrayBuffer();

  // A second request of 長田 with its sheet, never sent.
  res = await must('counselor-suruga', `/cases/${C.osada}/housing`,
    { budget: '50000', wards: '221023', agent_note: '未送信の依頼' }, 'a second request of 長田');
  R.osada2 = idOf(res, /^\/housing\/requests\/(\d+)/);
  C.osada2 = C.osada;
  await must('counselor-suruga', `/housing/requests/${R.osada2}/sheet`, {
    contact_24h_name: '駿河区相談支援センターみらい（当番）', contact_24h_phone: '054-000-0299', counselor_name: '相談 駿河',
    counselor_phone: '054-000-0298', clinic_name: '未送信クリニック', visiting_nurse: '', day_activity: '', visit_frequency: '',
    safety_check: '', rent_payment: 'self', guarantee_company: '', money_management: 'self',
    emergency_plan: '緊急時は24時間連絡先へ。', moving_out_plan: '退去時は相談員が同行します。',
  }, 'the sheet of the unsent request');

  // Other firms propose on requests ふじみ has too: ふじみ must not see their flats or notes.
  await must('agent-aoi', `/referrals/${R.tamura2}/proposals`, { listing: lid.aoiKamiashiarai, note: '葵の提案' }, '葵ハウジング proposes');
  await must('agent-shimizu', `/referrals/${R.osada}/proposals`, { listing: lid.shimizuEjiri, note: '清水の提案' }, '清水ベイ proposes');

  // A trial stay of 長田 in a group home's room (the demo has none): its room and outcome are
  // casework.
  await must('provider', '/stays/rooms', { name: '漏洩テスト室' }, 'add a room');
  const room = one("select id from trial_room where name = '漏洩テスト室'");
  await must('counselor-suruga', `/cases/${C.osada}/stays`, { room_id: room, starts_on: day(10), ends_on: day(12) }, 'book a stay');

  // 片山's request (moved in through 葵ハウジング) also went to ふじみ, and the consent expired yesterday.
  sql(db, `insert into housing_request_agent (request_id, organisation_id, sent_on) values (${R.kata}, ${org.fujimi}, '${day(-200)}');
    update consent set expires_on = '${day(-1)}' where case_id = ${C.kata} and scope = 'housing_agents' and revoked_on is null;`);
  assert.equal(sql(db, `select count(*) from consent where case_id = ${C.kata} and scope = 'housing_agents' and expires_on = '${day(-1)}'`), '1');

  // What each firm may reach now, by hand (domain/housing_rows.h HOUSING_AGENT_SEES).
  SEES = {
    agent: [R.mochi, R.tamura2, R.osada],
    'agent-aoi': [R.tamura1, R.tamura2],
    'agent-shimizu': [R.koba, R.osada],
  };
}

// Plants the markers and fills MARKERS with who may and who must see each.
function plant() {
  // Every text column of every table is classified above.
  const tables = sql(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").split('\n');
  const unclassified = [];
  for (const t of tables) {
    for (const [, name, type] of rows(`select cid, name, type from pragma_table_info('${t}')`)) {
      if (type.toLowerCase() === 'text' && !(TEXT_COLUMNS[t] && name in TEXT_COLUMNS[t])) unclassified.push(`${t}.${name}`);
    }
  }
  assert.deepEqual(unclassified, [], 'text columns this test does not know: decide whether agents may see them and plant markers');

  // Who sees what, read before the markers go in.
  const agentUser = {}; // login → { id, org }
  for (const [id, login, o] of rows("select id, login, organisation_id from app_user where role = 'agent'")) agentUser[login] = { id, org: o };
  for (const l of AGENT_LOGINS) assert.ok(agentUser[l], `${l} is a demo agent`);
  const loginsOfOrg = (o) => Object.entries(agentUser).filter(([, u]) => u.org === o).map(([l]) => l);
  const seeing = (rid) => AGENT_LOGINS.filter((l) => SEES[l].includes(rid));
  for (const [rid, person, lead] of rows('select r.id, c.person_id, c.lead_org_id from housing_request r join support_case c on c.id = r.case_id')) {
    reqInfo[rid] = { person, lead };
  }
  const and = (a, b) => a.filter((x) => b.includes(x));

  const stmts = [];
  // People: names only for the agents that see one of their requests now; kana, the city's id and
  // the birth date never.
  for (const [pid, birth] of rows('select id, birth_date from person')) {
    const who = AGENT_LOGINS.filter((l) => SEES[l].some((rid) => reqInfo[rid].person === pid));
    marker(mk('fam', pid), `person ${pid} family name`, who, who);
    marker(mk('giv', pid), `person ${pid} given name`, who, who);
    marker(mk('ext', pid), `person ${pid} external id`);
    marker(`ロウエイセイ${kata(pid)}`, `person ${pid} family kana`);
    marker(`ロウエイメイ${kata(pid)}`, `person ${pid} given kana`);
    for (const f of [birth, ...eraForms(birth)]) FORBIDDEN.set(f, `person ${pid} birth date`);
    stmts.push(`update person set family_name = '${mk('fam', pid)}', given_name = '${mk('giv', pid)}',
      family_kana = 'ロウエイセイ${kata(pid)}', given_kana = 'ロウエイメイ${kata(pid)}', external_id = '${mk('ext', pid)}' where id = ${pid};`);
  }
  // Organisations: a firm's name for its own agents, a lead office's for the agents that see one of
  // its requests; hospitals, the care team's organisations, other firms and the city never.
  const hospitals = new Set(rows('select distinct hospital_id from admission').map((r) => r[0]));
  for (const [oid] of rows('select id from organisation')) {
    const leads = AGENT_LOGINS.filter((l) => SEES[l].some((rid) => reqInfo[rid].lead === oid));
    const allowed = hospitals.has(oid) ? [] : [...new Set([...loginsOfOrg(oid), ...leads])];
    marker(mk('org', oid), `organisation ${oid}${hospitals.has(oid) ? ' (a hospital)' : ''}`, allowed, hospitals.has(oid) ? [] : leads);
  }
  stmts.push(`update organisation set name = 'MK-org-' || id || '-ZQX';`);
  // Users: only the agent's own name (in the header).
  for (const [uid, login] of rows('select id, login from app_user')) {
    const self = AGENT_LOGINS.includes(login) ? [login] : [];
    marker(mk('user', uid), `user ${login}`, self, self);
  }
  stmts.push(`update app_user set display_name = 'MK-user-' || id || '-ZQX';`);
  // The firm's own details and trainings: its agents may see them.
  for (const [o] of rows('select organisation_id from agent_firm')) {
    for (const f of ['contact', 'member', 'mail']) marker(mk(f, o), `firm ${o} ${f}`, loginsOfOrg(o));
  }
  stmts.push(`update agent_firm set contact_name = 'MK-contact-' || organisation_id || '-ZQX',
    member_no = 'MK-member-' || organisation_id || '-ZQX', email = 'MK-mail-' || organisation_id || '-ZQX@example.jp';`);
  for (const [t, o] of rows('select id, organisation_id from agent_training')) marker(mk('training', t), `training of firm ${o}`, loginsOfOrg(o));
  stmts.push(`update agent_training set title = 'MK-training-' || id || '-ZQX';`);
  // Listings: the firm's own, address and note.
  for (const [l, o] of rows('select id, organisation_id from listing')) {
    marker(mk('addr', l), `listing ${l} address (firm ${o})`, loginsOfOrg(o), loginsOfOrg(o));
    marker(mk('lnote', l), `listing ${l} note (firm ${o})`, loginsOfOrg(o), loginsOfOrg(o));
  }
  stmts.push(`update listing set address = 'MK-addr-' || id || '-ZQX', note = 'MK-lnote-' || id || '-ZQX';`);
  // Requests: the note to agents for the agents that see it now.
  for (const [rid] of rows('select id from housing_request')) marker(mk('anote', rid), `request ${rid} note to agents`, seeing(rid), seeing(rid));
  stmts.push(`update housing_request set agent_note = 'MK-anote-' || id || '-ZQX';`);
  // The sheet: the clinic only when consented, and an allowed plan (both for whoever sees it now).
  for (const [rid, consented] of rows('select request_id, clinic_consented from support_sheet')) {
    if (consented === '1') marker(mk('okclinic', rid), `request ${rid} clinic (consented)`, seeing(rid), seeing(rid));
    else marker(mk('clinic', rid), `request ${rid} clinic (not consented)`);
    marker(mk('plan', rid), `request ${rid} emergency plan`, seeing(rid), seeing(rid));
  }
  stmts.push(`update support_sheet set clinic_name = case when clinic_consented then 'MK-okclinic-' else 'MK-clinic-' end
    || request_id || '-ZQX', emergency_plan = 'MK-plan-' || request_id || '-ZQX';`);
  assert.ok(rows('select 1 from support_sheet where clinic_consented = 0').length > 0, 'some sheet has a clinic not consented');
  assert.ok(rows('select 1 from support_sheet where clinic_consented = 1').length > 0, 'some sheet has a clinic consented');
  // Proposals: the firm's own note on a request it sees; another firm's never.
  for (const [p, rid, o] of rows('select hp.id, hp.request_id, l.organisation_id from housing_proposal hp join listing l on l.id = hp.listing_id')) {
    const who = and(loginsOfOrg(o), seeing(rid));
    marker(mk('pnote', p), `proposal ${p} note (firm ${o}, request ${rid})`, who, who);
  }
  stmts.push(`update housing_proposal set note = 'MK-pnote-' || id || '-ZQX';`);
  // Concerns: the firm sees what it raised (while it sees the request), never the handling.
  for (const [c, rid, o] of rows('select id, request_id, organisation_id from tenancy_concern')) {
    const who = and(loginsOfOrg(o), seeing(rid));
    marker(mk('cbody', c), `concern ${c} (firm ${o}, request ${rid})`, who, who);
    marker(mk('hand', c), `concern ${c} handling`);
  }
  assert.ok(rows('select 1 from tenancy_concern where acknowledged_at is not null').length > 0, 'some concern was acknowledged');
  stmts.push(`update tenancy_concern set body = 'MK-cbody-' || id || '-ZQX',
    handling = case when acknowledged_at is null then null else 'MK-hand-' || id || '-ZQX' end;`);
  // Feedback: the firm's own.
  for (const [f, o] of rows('select id, organisation_id from agent_feedback')) marker(mk('fb', f), `feedback ${f} (firm ${o})`, loginsOfOrg(o), loginsOfOrg(o));
  stmts.push(`update agent_feedback set body = 'MK-fb-' || id || '-ZQX';`);
  // Casework: never.
  const never = { residence: ['address', 'res'], support_record: ['body', 'rec'], goal: ['body', 'goal'], trial_booking: ['outcome', 'stay'], trial_room: ['name', 'room'] };
  for (const [t, [col, tag]] of Object.entries(never)) {
    const ids = rows(`select id from ${t}`);
    assert.ok(ids.length > 0, `the demo has rows in ${t}`);
    for (const [id] of ids) marker(mk(tag, id), `${t}.${col} ${id}`);
    stmts.push(`update ${t} set ${col} = 'MK-${tag}-' || id || '-ZQX';`);
  }
  // The forum, events, peers, programmes and the plan: never — but an event's title for the agents
  // of a firm whose training was recorded from it (their dashboard names it).
  const forum = {
    meeting: ['title', 'place', 'minutes'], meeting_attendance: ['label'], meeting_case: ['discussion', 'decision'],
    action_item: ['body'], event: ['title', 'place', 'co_host', 'status_reason', 'lecturers', 'materials', 'outcome'],
    peer_supporter: ['name'], peer_activity: ['note'], programme: ['name', 'commissioned_to', 'description'],
    plan_challenge: ['title', 'policy', 'role_government', 'role_medical', 'role_welfare', 'role_other'],
    indicator: ['name'],
  };
  const tag = (t, col) => `${t}${col}`.replace(/[^a-z]/g, ''); // MARKER_RE's field: letters only
  const trained = {}; // event id → logins of firms whose training it is
  for (const [e, o] of rows('select event_id, organisation_id from agent_training where event_id is not null')) {
    trained[e] = [...new Set([...(trained[e] || []), ...loginsOfOrg(o)])];
  }
  for (const [t, cols] of Object.entries(forum)) {
    const ids = rows(`select id from ${t}`);
    assert.ok(ids.length > 0, `the demo has rows in ${t}`);
    for (const [id] of ids) {
      for (const col of cols) {
        const allowed = t === 'event' && col === 'title' ? trained[id] || [] : [];
        marker(mk(tag(t, col), id), `${t}.${col} ${id}`, allowed);
      }
    }
    stmts.push(`update ${t} set ${cols.map((c) => `${c} = case when ${c} is null then null else 'MK-${tag(t, c)}-' || id || '-ZQX' end`).join(', ')};`);
  }
  for (const [fy] of rows('select fy from plan_strength')) marker(mk('planstrength', fy), `plan strength ${fy}`);
  stmts.push("update plan_strength set body = 'MK-planstrength-' || fy || '-ZQX';");
  // The indicators' years and the sheet's texts have no id: their rowid names them.
  const yearCols = Object.keys(TEXT_COLUMNS.indicator_year);
  for (const [r] of rows('select rowid from indicator_year')) for (const c of yearCols) marker(mk(tag('iy', c), r), `indicator_year.${c} ${r}`);
  stmts.push(`update indicator_year set ${yearCols.map((c) => `${c} = 'MK-${tag('iy', c)}-' || rowid || '-ZQX'`).join(', ')};`);
  for (const [r] of rows('select rowid from sheet_text')) marker(mk('sheettext', r), `sheet_text ${r}`);
  stmts.push("update sheet_text set body = 'MK-sheettext-' || rowid || '-ZQX';");
  sql(db, `begin; ${stmts.join('\n')} commit;`);
  assert.equal(sql(db, "select count(*) from person where family_name not like 'MK-%'"), '0');
}

// ---- what an agent's responses may hold ----

const leaks = [];     // what an agent saw and may not
const seen = new Map(); // marker → Set(login)
const problems = [];  // 5xx, unexpected statuses
const crawled = { requests: 0, html: 0, pdfs: 0, posts: 0, links: 0, statuses: {} };

const MARKER_RE = /MK-[a-z]+-\d+-ZQX|ロウエイ(?:セイ|メイ)[アイウエオカキクケコ]+ン/g;

function scan(login, where, text) {
  let found = 0;
  for (const m of text.matchAll(MARKER_RE)) {
    found++;
    const k = MARKERS.get(m[0]);
    if (!k) {
      leaks.push(`${login} ${where}: unknown marker ${m[0]}`);
      continue;
    }
    if (!seen.has(m[0])) seen.set(m[0], new Set());
    seen.get(m[0]).add(login);
    if (!k.allowed.has(login)) leaks.push(`${login} ${where}: ${k.what} (${m[0]})`);
  }
  // A marker cut or changed on the way still shows: every ZQX / ロウエイ must be a whole marker.
  const loose = (text.match(/ZQX|ロウエイ/g) || []).length;
  if (loose !== found) leaks.push(`${login} ${where}: ${loose - found} partial marker(s)`);
  for (const [f, what] of FORBIDDEN) if (text.includes(f)) leaks.push(`${login} ${where}: ${what} (${f})`);
  for (const w of CASEWORK_WORDS) if (text.includes(w)) leaks.push(`${login} ${where}: the casework word 「${w}」`);
}

function pdfText(buf) {
  const file = join(pdfDir, 'sheet.pdf');
  writeFileSync(file, buf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

// The document information (title, author, …) of the PDF pdfText() read last.
function pdfInfo() {
  return execFileSync('pdfinfo', ['-enc', 'UTF-8', join(pdfDir, 'sheet.pdf')], { encoding: 'utf8' });
}

const bodies = {}; // `${login} ${path}` → { status, text } of GETs, for the checks below

// One request as an agent: scans the body (the PDF's text), the headers; returns { status, text, links }.
async function hit(login, method, path, fields) {
  crawled.requests++;
  const res = method === 'GET' ? await as(s[login], `${srv.url}${path}`) : await post(s[login], `${srv.url}${path}`, fields);
  const buf = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') || '';
  const where = `${method} ${path}`;
  let text;
  if (type.startsWith('application/pdf')) {
    crawled.pdfs++;
    assert.equal(buf.subarray(0, 5).toString('latin1'), '%PDF-', `${where} is a PDF`);
    // pango breaks lines where it likes: look at the text without any white space.
    text = pdfText(buf).replace(/\s+/g, '');
    scan(login, `${where} (PDF text)`, text);
    scan(login, `${where} (PDF metadata)`, pdfInfo());
  } else {
    text = buf.toString('utf8');
    if (type.startsWith('text/html')) crawled.html++;
    scan(login, where, text);
  }
  scan(login, `${where} (headers)`, [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n'));
  if (res.status >= 500) problems.push(`${login} ${where}: ${res.status}`);
  crawled.statuses[res.status] = (crawled.statuses[res.status] || 0) + 1;
  if (method === 'GET') bodies[`${login} ${path}`] = { status: res.status, text, type };
  const links = [];
  if (type.startsWith('text/html')) {
    for (const m of text.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
      const href = m[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
      let u;
      try { u = new URL(href, `${srv.url}${path}`); } catch { continue; }
      if (u.origin !== srv.url) continue;
      links.push(u.pathname + u.search);
    }
  }
  return { status: res.status, text, links, type };
}

// The ids to try in a route's :id: every id up to the largest plus three, and odd ones.
let IDS;
const ODD_IDS = ['0', '-1', '999999', '2147483648', '9223372036854775807', '9223372036854775808',
  '18446744073709551617', 'abc', '1e2', '0x1', '01', '%31', '+1', '1%20', '1.0', '%00'];

const sheetViews = {}; // `${login} ${action}` → count of 200s

before(async () => {
  ROUTES = routeTable();
  ALLOW = policyRoles();
  db = demoDb();
  pdfDir = mkdtempSync(join(tmpdir(), 'tsunagu-leak-pdf-'));
  srv = await startServer(db, ['--verbose']);
  for (const [who] of rows('select login from app_user where disabled = 0')) s[who] = await login(srv.url, who);
  for (const l of [...AGENT_LOGINS, 'city', 'counselor-suruga', 'counselor-shimizu']) assert.ok(s[l]?.cookie, `${l} logs in`);
  await fixture();
  plant();
  dataTables = sql(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .split('\n').filter((t) => !IGNORED_TABLES.includes(t));
  const maxId = Number(sql(db, 'select max(m) from (select max(id) m from housing_request union all select max(id) from listing'
    + ' union all select max(id) from person union all select max(id) from support_case union all select max(id) from organisation)'));
  IDS = [...Array.from({ length: maxId + 3 }, (_, i) => String(i + 1)), ...ODD_IDS];
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
  if (pdfDir) rmSync(pdfDir, { recursive: true, force: true });
});

// ---- the tests ----

test('each firm reaches exactly the requests sent to it under a consent in force', async () => {
  for (const l of AGENT_LOGINS) {
    const res = await as(s[l], `${srv.url}/referrals`);
    const html = await res.text();
    assert.equal(res.status, 200, `${l} /referrals`);
    const listed = [...new Set([...html.matchAll(/href="\/referrals\/(\d+)"/g)].map((m) => m[1]))].sort();
    assert.deepEqual(listed, [...SEES[l]].sort(), `${l} lists the requests it may see`);
  }
});

test('crawling as each agent finds no marker it may not see, no birth date, no casework words', async () => {
  const before_ = state();
  const auditFrom = one('select ifnull(max(id), 0) from audit_log');
  for (const l of AGENT_LOGINS) {
    const role = 'agent';
    const visited = new Set();
    const queue = [];
    const get = async (path) => {
      if (visited.has(path)) return null;
      visited.add(path);
      const r = await hit(l, 'GET', path);
      for (const link of r.links) if (!visited.has(link)) queue.push(link);
      const m = path.match(/^\/referrals\/[^/]+\/(sheet(?:\.pdf)?)$/);
      if (m && r.status === 200) {
        const k = `${l} ${m[1] === 'sheet' ? 'sheet.view' : 'sheet.pdf'}`;
        sheetViews[k] = (sheetViews[k] || 0) + 1;
      }
      return r;
    };
    // Every GET route: the agent's own with every id; the others too (they must refuse).
    for (const r of ROUTES.filter((x) => x.method === 'GET')) {
      const ids = r.pattern.includes(':id') ? (lets(r, role) ? IDS : [...IDS.slice(0, 12), '999999', 'abc']) : [null];
      for (const id of ids) {
        let path = id === null ? r.pattern : r.pattern.replace(':id', id);
        if (path.includes(':name')) path = path.replace(':name', 'app.css');
        const res = await get(path);
        if (!res) continue;
        if (!lets(r, role) && ![403, 404].includes(res.status)) problems.push(`${l} GET ${path}: ${res.status}, not 403/404 (policy ${r.policy})`);
      }
    }
    // Pages that do not exist, and odd paths.
    for (const p of ['/nonexistent', '/referrals/1/../../persons/1', '/referrals//sheet', `/referrals/${SEES[l][0]}/sheet.pdf/`,
      `/referrals/${SEES[l][0]}/sheet.PDF`, '/housing/requests', '/persons?q=MK', '/cases/export.csv', '/static/nonexistent.js']) await get(p);
    // Error pages of POSTs: a flat that is not one of the firm's open listings, a concern about a
    // request nobody moved into or with no text, empty feedback, a listing with a bad rent.
    // Never one of its own open flats: proposing that would be stored.
    const other = [
      ...rows(`select min(l.id) from listing l where l.organisation_id not in (select organisation_id from app_user where login = '${l}') group by l.organisation_id`).map((r) => r[0]),
      ...rows(`select l.id from listing l join app_user u on u.organisation_id = l.organisation_id where u.login = '${l}' and l.status <> 'open'`).map((r) => r[0]),
    ];
    const before2 = state();
    for (const id of IDS.slice(0, -ODD_IDS.length)) {
      for (const listing of [...other, '999999']) {
        await hit(l, 'POST', `/referrals/${id}/proposals`, { listing, note: 'テスト' });
        crawled.posts++;
        if (!SEES[l].includes(id)) break; // a request it cannot reach: once is enough
      }
      for (const body of [{ kind: 'rent_arrears', body: '' }, { kind: 'no-such-kind', body: '家賃の滞納' }]) {
        await hit(l, 'POST', `/referrals/${id}/concerns`, body);
        crawled.posts++;
      }
      await hit(l, 'POST', `/listings/${id}`, { rent: 'abc', address: 'x' });
      crawled.posts++;
    }
    await hit(l, 'POST', '/feedback', { topic: 'sheet', body: '' });
    await hit(l, 'POST', '/listings', { rent: '-5' });
    crawled.posts += 2;
    const after2 = state();
    if (after2.data !== before2.data) problems.push(`${l}: the error POSTs changed the records:\n${dumpDiff(before2.data, after2.data)}`);
    // Every link found, GET only, bounded.
    let budget = 1500;
    while (queue.length && budget-- > 0) {
      const next = queue.shift();
      if (visited.has(next)) continue;
      crawled.links++;
      await get(next);
    }
    if (queue.filter((x) => !visited.has(x)).length) problems.push(`${l}: the link crawl stopped at its bound with ${queue.length} links left`);
  }
  const after_ = state();
  assert.equal(after_.data, before_.data, `the crawl changed the records:\n${dumpDiff(before_.data, after_.data)}`);

  const musts = [...MARKERS.values()].reduce((n, k) => n + k.must.size, 0);
  console.log(`crawled: ${JSON.stringify(crawled)}; markers planted: ${MARKERS.size} (+${FORBIDDEN.size} birth-date forms),`
    + ` ${seen.size} seen by someone allowed, ${musts} (marker, agent) pairs that had to be seen`);
  assert.deepEqual(leaks.slice(0, 50), [], `${leaks.length} leak(s)`);
  assert.deepEqual(problems, []);

  // The crawl saw what the agents may see: a broken crawl cannot pass.
  const missed = [];
  for (const [m, k] of MARKERS) for (const l of k.must) if (!seen.get(m)?.has(l)) missed.push(`${l} never saw ${k.what} (${m})`);
  assert.deepEqual(missed, []);
  for (const l of AGENT_LOGINS) {
    for (const rid of SEES[l]) {
      const page = bodies[`${l} /referrals/${rid}/sheet`];
      assert.equal(page?.status, 200, `${l} sheet of ${rid}`);
      assert.ok(page.text.includes(PHONE_24H), `${l} sheet of ${rid}: the 24-hour phone`);
      const name = `${mk('fam', reqInfo[rid].person)} ${mk('giv', reqInfo[rid].person)}`;
      assert.ok(page.text.includes(name), `${l} sheet of ${rid}: the tenant's name`);
      const pdf = bodies[`${l} /referrals/${rid}/sheet.pdf`];
      assert.equal(pdf?.status, 200, `${l} PDF of ${rid}`);
      assert.ok(pdf.text.includes(PHONE_24H), `${l} PDF of ${rid}: the 24-hour phone`);
      assert.ok(pdf.text.includes(name.replace(' ', '')), `${l} PDF of ${rid}: the tenant's name`);
      assert.ok(pdf.text.includes('支援体制確認シート'), `${l} PDF of ${rid}: the Japanese heading`);
    }
    // Every request it may not reach: the same 403 page, whatever the reason.
    for (const suffix of ['', '/sheet', '/sheet.pdf']) {
      const answers = new Map();
      for (const id of IDS.slice(0, -ODD_IDS.length)) {
        if (SEES[l].includes(id)) continue;
        const b = bodies[`${l} /referrals/${id}${suffix}`];
        const norm = `${b.status} ${b.text.replace(/[0-9a-f]{64}/g, 'TOKEN').replaceAll(`/referrals/${id}`, '/referrals/ID')}`;
        answers.set(norm, [...(answers.get(norm) || []), id]);
      }
      assert.equal(answers.size, 1, `${l} /referrals/:id${suffix}: one answer for every request out of reach, got ${[...answers.values()].map((v) => v.join(',')).join(' | ')}`);
      assert.match([...answers.keys()][0], /^403 /, `${l} /referrals/:id${suffix} out of reach is 403`);
    }
    // Another firm's listing is 404 like a missing one.
    const own = rows(`select l.id from listing l join app_user u on u.organisation_id = l.organisation_id where u.login = '${l}'`).map((r) => r[0]);
    for (const id of IDS.slice(0, -ODD_IDS.length)) {
      assert.equal(bodies[`${l} /listings/${id}`].status, own.includes(id) ? 200 : 404, `${l} /listings/${id}`);
    }
  }
  // No sheet read went unaudited: one row per sheet shown.
  const audited = {};
  for (const [login, action, n] of rows(`select u.login, a.action, count(*) from audit_log a join app_user u on u.id = a.user_id
      where a.id > ${auditFrom} and a.outcome = 'ok' and a.action in ('sheet.view', 'sheet.pdf') group by u.login, a.action`)) {
    audited[`${login} ${action}`] = Number(n);
  }
  assert.deepEqual(audited, sheetViews, 'every sheet shown to an agent (HTML and PDF) is audited');
  for (const l of AGENT_LOGINS) {
    assert.ok(sheetViews[`${l} sheet.view`] >= SEES[l].length && sheetViews[`${l} sheet.pdf`] >= SEES[l].length, `${l} read its sheets`);
    const ids = rows(`select distinct a.object_id from audit_log a join app_user u on u.id = a.user_id where u.login = '${l}'
        and a.id > ${auditFrom} and a.outcome = 'ok' and a.action in ('sheet.view', 'sheet.pdf')`).map((r) => r[0]).sort();
    assert.deepEqual(ids, [...SEES[l]].sort(), `${l}: the audit rows name the requests it read`);
  }
  // The audit log itself carries ids only.
  assert.equal(sql(db, "select count(*) from audit_log where ifnull(object_id, '') || ifnull(object_type, '') || action like '%ZQX%'"), '0');
});

test("a firm whose cooperation ended reaches none of the requests sent to it", async () => {
  // The city ends 清水ベイ不動産's cooperation on the firm's page.
  const res = await post(s.city, `${srv.url}/housing/agents/${org.shimizuBay}/cooperation`, { action: 'end' });
  assert.equal(res.status, 303, 'the cooperation ended');
  const l = 'agent-shimizu';
  const list = await hit(l, 'GET', '/referrals');
  assert.equal(list.status, 200);
  assert.deepEqual([...list.text.matchAll(/href="\/referrals\/(\d+)"/g)].map((m) => m[1]), [], 'nothing listed');
  const norm = (x) => x.replace(/[0-9a-f]{64}/g, '').replace(/\/referrals\/\d+/g, '');
  for (const rid of SEES[l]) {
    for (const suffix of ['', '/sheet', '/sheet.pdf']) {
      const r = await hit(l, 'GET', `/referrals/${rid}${suffix}`);
      assert.equal(r.status, 403, `${l} /referrals/${rid}${suffix} after the cooperation ended`);
      // The same refusal as for a request whose consent was revoked.
      assert.equal(norm(r.text), norm(bodies[`${l} /referrals/${R.tsuchi}${suffix}`].text), 'the one answer for every request out of reach');
    }
  }
  assert.deepEqual(leaks, []);
});

// ---- the route × role matrix of the new routes ----

// A body that WOULD be stored if the gate let the user through, and the id it goes to.
function plausible() {
  const proposal = one(`select id from housing_proposal where request_id = ${R.osada} order by id limit 1`);
  const concern = one(`select id from tenancy_concern where request_id = ${R.koba} and acknowledged_at is null`);
  const fujimiOpen = one(`select id from listing where organisation_id = ${org.fujimi} and status = 'open' and id not in
    (select listing_id from housing_proposal where request_id = ${R.osada}) order by id limit 1`);
  const LISTING = {
    ward_code: '221023', address: '静岡市駿河区行列町（テスト）', rent: '36000', fees: '0', deposit: '0', key_money: '0',
    layout: '1K', floor: '1', access_kind: 'station', access_name: '静岡駅', access_minutes: '8', guarantor: 'company',
    available_from: today, status: 'open', note: '',
  };
  const SHEET = {
    contact_24h_name: '行列センター', contact_24h_phone: '054-000-0999', counselor_name: '行列 相談', counselor_phone: '054-000-0998',
    clinic_name: '', visiting_nurse: '', day_activity: '', visit_frequency: '', safety_check: '', rent_payment: 'self',
    guarantee_company: '', money_management: 'self', emergency_plan: '行列の計画', moving_out_plan: '行列の退去',
  };
  return {
    'POST /housing/agents': [null, { name: '行列不動産', ward_code: '221023', member_no: '静宅-9999', contact_name: '行列 太郎', phone: '054-000-0999', wards: '221023' }],
    'POST /housing/agents/:id': [org.fujimi, { member_no: '静宅-8888', contact_name: '行列 次郎', phone: '054-000-0888', email: '', wards: '221023' }],
    'POST /housing/agents/:id/trainings': [org.shizuhata, { trained_on: today, attendees: '2', title: '行列研修' }],
    'POST /housing/agents/:id/cooperation': [org.fujimi, { action: 'end' }],
    'POST /listings': [null, LISTING],
    'POST /listings/:id': [fujimiOpen, { ...LISTING, status: 'withdrawn' }],
    'POST /feedback': [null, { topic: 'other', body: '行列の意見' }],
    'POST /referrals/:id/proposals': [R.osada, { listing: fujimiOpen, note: '行列の提案' }],
    'POST /referrals/:id/concerns': [R.mochi, { kind: 'rent_arrears', body: '行列の懸念' }],
    'POST /cases/:id/housing': [C.osada, { budget: '45000', wards: '221023' }],
    'POST /housing/requests/:id/sheet': [R.osada, SHEET],
    'POST /housing/requests/:id/send': [R.osada2, { agent: org.fujimi }],
    'POST /housing/requests/:id/viewings': [R.osada, { proposal, viewing_on: day(5) }],
    'POST /housing/requests/:id/progress': [R.osada, { to: 'declined', reason: 'other' }],
    'POST /housing/concerns/:id/acknowledge': [concern, { handling: '行列の対応', back: '/' }],
  };
}

// GET ids: one that an allowed user would see.
function getIds() {
  return {
    'GET /housing/agents/:id': org.fujimi,
    'GET /listings/:id': one(`select id from listing where organisation_id = ${org.fujimi} order by id limit 1`),
    'GET /referrals/:id': R.osada, 'GET /referrals/:id/sheet': R.osada, 'GET /referrals/:id/sheet.pdf': R.osada,
    'GET /cases/:id/housing': C.osada,
    'GET /housing/requests/:id': R.osada, 'GET /housing/requests/:id/sheet': R.osada, 'GET /housing/requests/:id/sheet.pdf': R.osada,
  };
}

const isHousingRoute = (p) => /^\/(housing|listings|referrals|feedback)(\/|$)/.test(p) || /^\/cases\/:id\/housing$/.test(p);

test('route × role: every demo user the policy does not let into a housing route gets 403, and nothing changes', async () => {
  const routes = ROUTES.filter((r) => isHousingRoute(r.pattern));
  assert.ok(routes.length >= 25, `housing routes parsed: ${routes.length}`);
  const bodiesFor = plausible();
  const ids = getIds();
  const missing = routes.filter((r) => r.pattern.includes(':id') || r.method === 'POST')
    .map((r) => `${r.method} ${r.pattern}`).filter((k) => !(k in bodiesFor) && !(k in ids));
  assert.deepEqual(missing, [], 'housing routes this matrix has no id or body for: add them');
  const users = rows('select login, role from app_user where disabled = 0');
  const roles = new Set(users.map((u) => u[1]));
  assert.deepEqual([...roles].sort(), ['admin', 'agent', 'auditor', 'city', 'counselor', 'elderly', 'hospital', 'peer', 'provider'],
    'every role has a demo user');
  const expected = {};
  const actual = {};
  const changes = [];
  const baseline = state();
  let prev = baseline;
  let asked = 0;
  for (const r of routes) {
    const key = `${r.method} ${r.pattern}`;
    for (const [login, role] of users) {
      if (lets(r, role)) continue;
      asked++;
      const label = `${key} ${login}`;
      let res;
      if (r.method === 'GET') {
        res = await as(s[login], `${srv.url}${r.pattern.replace(':id', ids[key] ?? '')}`);
      } else {
        const [id, fields] = bodiesFor[key];
        res = await post(s[login], `${srv.url}${r.pattern.replace(':id', id ?? '')}`,
          Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, String(v)])));
      }
      const body = await res.text();
      expected[label] = 403;
      actual[label] = res.status;
      if (AGENT_LOGINS.includes(login)) scan(login, label, body);
      const now = state();
      if (now.data !== baseline.data) {
        changes.push(`${label}: answered ${res.status} and changed the records:\n${dumpDiff(baseline.data, now.data)}`);
        baseline.data = now.data;
      }
      if (now.ok !== prev.ok) changes.push(`${label}: ${now.ok - prev.ok} audit row(s) other than a refusal`);
      if (res.status === 403 && now.refused !== prev.refused + 1) changes.push(`${label}: the refusal is not audited once (${now.refused - prev.refused})`);
      prev = now;
    }
  }
  assert.ok(asked > 100, `asked ${asked}`);
  console.log(`route × role: ${routes.length} housing routes, ${asked} refused (route, user) pairs asked`);
  assert.deepEqual(actual, expected);
  assert.deepEqual(changes, []);
  assert.deepEqual(leaks, []);
});

test('the server log holds no marker, no name, no birth date', () => {
  const log = srv.log();
  assert.ok(log.length > 0, 'the server logged (--verbose)');
  const found = [...new Set(log.match(/.{0,40}(?:ZQX|ロウエイ).{0,20}/g) || [])];
  assert.deepEqual(found.slice(0, 10), []);
  const dates = [...FORBIDDEN.keys()].filter((f) => log.includes(f));
  assert.deepEqual(dates, []);
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
