// The dashboard's "what is due" list: only cases the user may see, every link opens for them,
// overdue first, and showing names is an audited read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, login, as, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

let db;
let srv;

before(async () => {
  db = demoDb();
  srv = await startServer(db);
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
});

async function dueCases(session) {
  const html = await (await as(session, `${srv.url}/`)).text();
  const section = html.match(/<section class="card due">([\s\S]*?)<\/section>/);
  assert.ok(section, 'a due section');
  return { html: section[1], ids: [...section[1].matchAll(/href="\/cases\/(\d+)"/g)].map((m) => m[1]) };
}

test('the city sees what is due across the city, overdue first, sorted by date', async () => {
  const city = await login(srv.url, 'city');
  const { html, ids } = await dueCases(city);
  assert.ok(ids.length >= 3, 'the demo has follow-ups due');
  assert.match(html, /フォローアップ/);
  const dates = [...html.matchAll(/<td>(\d{4}-\d{2}-\d{2})（/g)].map((m) => m[1]);
  assert.deepEqual(dates, [...dates].sort());
  assert.ok(Number(sql(db, "select count(*) from audit_log where action = 'due.read'")) >= 1);
});

test("each counsellor's list holds only cases they can open, and no other ward's", async () => {
  const seen = {};
  for (const user of ['counselor-aoi', 'counselor-suruga', 'counselor-shimizu']) {
    const s = await login(srv.url, user);
    const { ids } = await dueCases(s);
    seen[user] = { s, ids };
    for (const id of ids) assert.equal((await as(s, `${srv.url}/cases/${id}`)).status, 200, `${user} case ${id}`);
  }
  // A case due for Aoi that Suruga is not on stays out of Suruga's list and is 404 for them.
  const aoiOnly = seen['counselor-aoi'].ids.filter((id) => !seen['counselor-suruga'].ids.includes(id));
  assert.ok(aoiOnly.length > 0);
  for (const id of aoiOnly) assert.equal((await as(seen['counselor-suruga'].s, `${srv.url}/cases/${id}`)).status, 404);
});

test("counselor-suruga's list has a service ending and a monitoring due within the month", async () => {
  // The demo places them (demo_work.c): 地域移行支援 ending, 計画相談支援's next monitoring.
  const s = await login(srv.url, 'counselor-suruga');
  const { html } = await dueCases(s);
  const today = new Date(Date.now() + 9 * 3600 * 1000);
  const inMonth = new Date(today.getTime() + 30 * 86400 * 1000).toISOString().slice(0, 10);
  for (const [kind, service] of [['サービス終了', '地域移行支援'], ['モニタリング', '計画相談支援']]) {
    const rows = [...html.matchAll(new RegExp(`<tr><td>(\\d{4}-\\d{2}-\\d{2})（[^<]*</td><td>${kind}</td><td><a [^>]*>[^<]+</a></td><td>${service}</td></tr>`, 'g'))];
    assert.ok(rows.length >= 1, `${kind} ${service}`);
    for (const [, on] of rows) {
      assert.ok(on >= today.toISOString().slice(0, 10) && on <= inMonth, `${kind} on ${on}`);
    }
  }
});

test('the elderly-care centre sees due items only under a consent in force', async () => {
  const elderly = await login(srv.url, 'elderly');
  const { ids } = await dueCases(elderly);
  for (const id of ids) {
    const inForce = Number(sql(db, `select count(*) from consent where case_id = ${id} and scope = 'elderly_field'`
      + " and revoked_on is null and granted_on <= date('now', '+9 hours')"
      + " and (expires_on is null or expires_on >= date('now', '+9 hours'))"));
    assert.equal(inForce, 1, `case ${id}`);
  }
});

test('roles without cases have no due list; an empty list reads nothing', async () => {
  for (const user of ['agent', 'admin', 'auditor']) {
    const s = await login(srv.url, user);
    const html = await (await as(s, `${srv.url}/`)).text();
    assert.doesNotMatch(html, /対応が必要なこと/, user);
  }
});

test('the server stops cleanly with no sanitizer report', async () => {
  assert.equal(await srv.stop(), 0);
  assert.deepEqual(sanitizerReports(srv.log()), []);
});
