// The housing referral system (住宅あっせんシステム) in a real browser (issue 4, "Show it"): the
// counsellor of 駿河区相談支援センターみらい writes a housing request from 長田's case (the demo
// person in the housing stage with the housing_agents consent in force), fills in the support-
// structure sheet and sends it to ふじみ不動産; the agent, on a phone, opens the request from the
// dashboard, reads the sheet (the tenant's name, the 24-hour phone), downloads the PDF for the
// landlord and proposes one of the firm's flats; the counsellor arranges a viewing and marks the
// application, the contract and the moving in; the agent raises a concern (rent arrears); it stands
// at the top of the counsellor's dashboard until acknowledged; then the consent is revoked on the
// case page and the agent's sheet link answers "no access".
//
// Everything is done by labels and buttons, as a person would. The labels are the Japanese of
// po/ja.po for the English message ids of src/pages (the default UI is Japanese: an id without a
// translation fails here). Debian's chromium via playwright-core against a real server with a
// fresh demo database; console errors and CSP violations fail the test. Screenshots and the PDF go
// to $TSUNAGU_TEST_OUT/housing-*.
//   cd /work/main && TSUNAGU_BIN=build-test/tsunagu node --test --test-concurrency=1 tests/browser/housing.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { OUT } from '../lib/server.mjs';
import { browserSuite, day, freshPage, assertClean, submitWith, expectAt, logIn, notice, h1 } from '../lib/browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const TENANT = '長田 進';           // demo_cases.c: 駿河区, in the housing stage, housing_agents consent in force
const FIRM = 'ふじみ不動産';        // demo.c / demo_agents.c: the `agent` login's firm
const PHONE_24H = '054-000-0301';
const CONCERN = '今月分の家賃が期日を過ぎても入金されていません。';

// ---- the Japanese catalogue ----

// po/ja.po as { msgid: msgstr }.
function catalogue() {
  const text = readFileSync(join(ROOT, 'po', 'ja.po'), 'utf8');
  const out = {};
  const unquote = (s) => JSON.parse(s);
  let id = null;
  let str = null;
  let into = null;
  const flush = () => {
    if (id !== null && str !== null) out[id] = str;
    id = str = into = null;
  };
  for (const line of text.split('\n')) {
    let m;
    if ((m = line.match(/^msgid (".*")$/))) {
      flush();
      id = unquote(m[1]);
      into = 'id';
    } else if ((m = line.match(/^msgstr (".*")$/))) {
      str = unquote(m[1]);
      into = 'str';
    } else if ((m = line.match(/^(".*")$/))) {
      if (into === 'id') id += unquote(m[1]);
      else if (into === 'str') str += unquote(m[1]);
    } else if (line.trim() === '') {
      flush();
    }
  }
  flush();
  return out;
}
const JA = catalogue();
// The Japanese the UI shows for msgid; fails when it has no translation.
function t(msgid, vars = {}) {
  const s = JA[msgid];
  assert.ok(s, `po/ja.po translates "${msgid}"`);
  return Object.entries(vars).reduce((x, [k, v]) => x.replaceAll(`{${k}}`, v), s);
}

let counsellor; // the counsellor's desktop browser, kept from step to step
let agent;      // the agent's phone, likewise
let caseId;
let requestId;
let sheetUrl;
let flat;       // the address of the flat the agent proposes

const suite = browserSuite(chromium, {
  closing: async () => {
    await counsellor?.context.close();
    await agent?.context.close();
  },
});

// The phone shows the page without scrolling sideways.
async function fitsThePhone(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner, `${what}: ${scroll}px wide on a ${inner}px phone`);
}

test('the counsellor writes a housing request from the case, fills in the sheet and sends it to the agent', async () => {
  counsellor = await freshPage(suite.browser);
  const { page } = counsellor;
  await logIn(page, suite.server.url, 'counselor-suruga');

  // The cases in the housing stage, then 長田's.
  await submitWith(page, page.getByRole('navigation').getByRole('link', { name: t('Cases'), exact: true }));
  await expectAt(page, '/cases');
  await page.getByLabel(t('Stage')).selectOption({ label: t('Finding housing') });
  await submitWith(page, page.getByRole('button', { name: t('Show') }));
  await submitWith(page, page.getByRole('row').filter({ hasText: TENANT }).getByRole('link'));
  await expectAt(page, /^\/cases\/\d+$/);
  caseId = new URL(page.url()).pathname.split('/')[2];
  const consents = page.getByRole('region', { name: t('Consents'), exact: true });
  assert.match(await consents.getByRole('row').filter({ hasText: t('Real-estate agents (housing referral)') }).first().innerText(),
    new RegExp(t('In force')), 'the housing_agents consent is in force');

  await submitWith(page, page.locator('section#housing').getByRole('link', { name: t('Write a housing request') }));
  await expectAt(page, `/cases/${caseId}/housing`);
  assert.equal(await h1(page), t('Write a housing request'));
  await page.getByLabel(t('Budget a month, rent and fees together (yen)')).fill('45000');
  const wards = page.locator('fieldset#request-wards');
  assert.equal(await wards.getByRole('checkbox', { name: '駿河区' }).isChecked(), true, "the case's ward is ticked");
  await page.getByLabel(t('Hoped moving-in date')).fill(day(60));
  await page.getByLabel(t('Note to the agents (they see it: no health details)')).fill('静かな環境を希望しています。');
  await submitWith(page, page.getByRole('button', { name: t('Write the request') }));
  await expectAt(page, /^\/housing\/requests\/\d+$/);
  requestId = new URL(page.url()).pathname.split('/')[3];
  assert.equal(await notice(page), t('The housing request was written. Fill in the support sheet next.'));

  const sheet = page.locator('section#sheet');
  await sheet.getByLabel(t('Whom to call at any hour')).fill('駿河区相談支援センターみらい（夜間・休日は当番携帯）');
  await sheet.getByLabel(t('Their phone (24 hours)')).fill(PHONE_24H);
  assert.ok((await sheet.getByLabel(t('Counsellor'), { exact: true }).inputValue()).length > 0, "the counsellor's name is filled in");
  await sheet.getByLabel(t("Counsellor's phone")).fill('054-000-0302');
  await sheet.getByLabel(t('Visiting nurse')).fill('訪問看護ステーションあおば（週1回）');
  await sheet.getByLabel(t('Visits by supporters')).fill('相談員が月2回訪問');
  await sheet.getByLabel(t('Safety checks (who, how often)')).fill('週2回、相談員が電話で確認');
  await sheet.getByLabel(t('How the rent is paid')).selectOption({ label: t('A rent guarantee company') });
  await sheet.getByLabel(t('Rent guarantee company')).fill('しずおか家賃保証（デモ）');
  await sheet.getByLabel(t('Who manages the money')).selectOption({ label: t('The tenant, with advice from supporters') });
  await sheet.getByLabel(t('In an emergency')).fill('連絡が取れないときは24時間連絡先へ。相談員が訪問して確認します。');
  await sheet.getByLabel(t('On moving out')).fill('退去の際は相談員が手続きに同行します。');
  await submitWith(page, sheet.getByRole('button', { name: t('Save the sheet') }));
  await expectAt(page, `/housing/requests/${requestId}`);
  assert.equal(await notice(page), t('The support sheet was saved.'));

  const send = page.locator('section#send');
  await send.getByRole('checkbox', { name: new RegExp(`^${FIRM}`) }).check();
  await submitWith(page, send.getByRole('button', { name: t('Send the request') }));
  await expectAt(page, `/housing/requests/${requestId}`);
  assert.equal(await notice(page), t('The request was sent.'));
  assert.match(await page.locator('section#send').innerText(), new RegExp(FIRM));
  await page.screenshot({ path: join(OUT, 'housing-request-counsellor.png'), fullPage: true });
  assertClean(counsellor);
});

test('the agent, on a phone, opens the request, reads the sheet, downloads the PDF and proposes a flat', async () => {
  agent = await freshPage(suite.browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { page } = agent;
  await logIn(page, suite.server.url, 'agent');
  await fitsThePhone(page, 'the dashboard');
  await submitWith(page, page.getByRole('link', { name: t('See the housing requests') }));
  await expectAt(page, '/referrals');
  await fitsThePhone(page, 'the requests');
  await page.screenshot({ path: join(OUT, 'housing-agent-referrals-phone.png'), fullPage: true });
  const title = t('Housing request No. {n}', { n: requestId });
  await submitWith(page, page.locator(`#request-${requestId}`).getByRole('link', { name: title }));
  await expectAt(page, `/referrals/${requestId}`);
  assert.match(await page.getByRole('main').innerText(), /静かな環境を希望しています。/, 'the note to the agents');

  await submitWith(page, page.getByRole('link', { name: t('Support-structure sheet'), exact: true }));
  await expectAt(page, `/referrals/${requestId}/sheet`);
  sheetUrl = page.url();
  const sheet = page.locator('section.sheet');
  const text = await sheet.innerText();
  assert.ok(text.includes(TENANT), `the tenant's name on the sheet: ${text}`);
  assert.ok(text.includes('駿河区相談支援センターみらい'), 'the office');
  assert.equal(await sheet.locator('.sheet-call').getByRole('link', { name: PHONE_24H }).getAttribute('href'), 'tel:0540000301',
    'the 24-hour phone, a tap away');
  assert.ok(!text.includes('1960'), 'no birth date, only the age band');
  await fitsThePhone(page, 'the sheet');
  await page.screenshot({ path: join(OUT, 'housing-agent-sheet-phone.png'), fullPage: true });

  // The PDF for the landlord: a download with the Japanese headings.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: t('Sheet as PDF for the landlord') }).click();
  const download = await downloading;
  const pdf = join(OUT, 'housing-sheet.pdf');
  await download.saveAs(pdf);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
  assert.ok(pdfText.includes('支援体制確認シート'), `the PDF's heading: ${pdfText.slice(0, 300)}`);
  assert.ok(pdfText.includes(TENANT.replace(' ', '')), "the tenant's name in the PDF");
  assert.ok(pdfText.includes(PHONE_24H), 'the 24-hour phone in the PDF');
  // Rendered once to look at.
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, join(OUT, 'housing-sheet-pdf')]);

  await submitWith(page, page.getByRole('link', { name: t('Back to the request') }));
  await expectAt(page, `/referrals/${requestId}`);
  const first = page.locator('section#propose ol.matches > li').first();
  flat = (await first.locator('strong').first().innerText()).trim();
  assert.ok(flat, 'the firm has an open flat to propose');
  await first.getByLabel(t('Note to the counsellor (optional)')).fill('大家さんには支援体制を説明済みです。');
  await submitWith(page, first.getByRole('button', { name: t('Propose this flat') }));
  await expectAt(page, `/referrals/${requestId}`);
  assert.equal(await notice(page), t('Your flat was proposed to the counsellor.'));
  assert.ok((await page.locator('section#proposals').innerText()).includes(flat), 'the flat is among those proposed');
  await fitsThePhone(page, 'the request');
  await page.screenshot({ path: join(OUT, 'housing-agent-request-phone.png'), fullPage: true });
  assertClean(agent);
});

test('the counsellor arranges a viewing and marks the application, the contract and the moving in', async () => {
  const { page } = counsellor;
  await page.goto(`${suite.server.url}/housing/requests/${requestId}`);
  const row = page.locator('section#proposals').getByRole('row').filter({ hasText: flat });
  assert.match(await row.innerText(), new RegExp(FIRM));
  await row.getByLabel(t('Viewing date')).fill(day(2));
  await submitWith(page, row.getByRole('button', { name: t('Arrange a viewing') }));
  await expectAt(page, `/housing/requests/${requestId}`);
  assert.equal(await notice(page), t('The viewing was arranged.'));

  const progress = () => page.locator('section#progress');
  await progress().getByLabel(t('The flat applied for')).selectOption({ label: flat });
  await submitWith(page, progress().getByRole('button', { name: t('Applied'), exact: true }));
  assert.equal(await notice(page), t('The request moved on.'));
  assert.equal(await progress().getByLabel(t('Contract date')).inputValue(), day(0));
  await submitWith(page, progress().getByRole('button', { name: t('Contract signed'), exact: true }));
  assert.equal(await notice(page), t('The request moved on.'));
  await progress().getByLabel(t('Address now (room number too)')).fill(`${flat} 101号室`);
  await submitWith(page, progress().getByRole('button', { name: t('Moved in'), exact: true }));
  await expectAt(page, `/housing/requests/${requestId}`);
  assert.equal(await notice(page), t('The request moved on.'));
  assert.match(await page.locator('section#summary').innerText(), new RegExp(t('Moved in')));
  await page.screenshot({ path: join(OUT, 'housing-moved-in-counsellor.png'), fullPage: true });

  // Moving in links the new address to the case.
  await page.goto(`${suite.server.url}/cases/${caseId}`);
  assert.ok((await page.locator('section#housing').innerText()).includes(`${flat} 101号室`), 'the case shows where the person lives now');
  assertClean(counsellor);
});

test('the agent raises a concern about the tenancy', async () => {
  const { page } = agent;
  await page.goto(`${suite.server.url}/referrals/${requestId}`);
  const tenancy = page.locator('section#tenancy');
  assert.ok((await tenancy.innerText()).includes(flat), 'the flat the tenant moved into');
  await tenancy.getByLabel(t('What it is about')).selectOption({ label: t('Rent arrears') });
  await tenancy.getByLabel(t('What happened')).fill(CONCERN);
  await submitWith(page, tenancy.getByRole('button', { name: t('Send the concern') }));
  await expectAt(page, `/referrals/${requestId}`);
  assert.equal(await notice(page), t('Your concern was sent to the care team. They will take it up.'));
  assert.ok((await page.locator('section#tenancy').innerText()).includes(CONCERN));
  await fitsThePhone(page, 'the tenancy');
  await page.screenshot({ path: join(OUT, 'housing-agent-concern-phone.png'), fullPage: true });
  assertClean(agent);
});

test("the concern stands at the top of the counsellor's dashboard until acknowledged", async () => {
  const { page } = counsellor;
  await page.goto(`${suite.server.url}/`);
  await expectAt(page, '/');
  const concerns = page.getByRole('region', { name: t('Tenancy concerns from agents') });
  const first = page.getByRole('main').locator('section').first();
  assert.equal(await first.getAttribute('aria-labelledby'), 'concerns-h', 'the concerns come first on the dashboard');
  const mine = concerns.locator('article.concern').filter({ hasText: CONCERN });
  assert.equal(await mine.count(), 1, await concerns.innerText());
  const said = await mine.innerText();
  assert.ok(said.includes(TENANT) && said.includes(t('Rent arrears')) && said.includes(FIRM), said);
  const id = await mine.getAttribute('id');
  await page.screenshot({ path: join(OUT, 'housing-dashboard-concern.png'), fullPage: true });

  await mine.getByLabel(t('What the team does about it')).fill('本人に連絡し、来週の支給日に支払うことを確認した。家主さんにも連絡済み。');
  await submitWith(page, mine.getByRole('button', { name: t('Acknowledge'), exact: true }));
  await expectAt(page, '/');
  assert.equal(await notice(page), t('The concern was acknowledged.'));
  assert.equal(await page.locator(`#${id}`).count(), 0, 'the concern left the dashboard');
  assertClean(counsellor);
});

test("after the consent is revoked, the agent's sheet link answers no access", async () => {
  const { page } = counsellor;
  await page.goto(`${suite.server.url}/cases/${caseId}`);
  const row = page.getByRole('region', { name: t('Consents'), exact: true }).getByRole('row')
    .filter({ hasText: t('Real-estate agents (housing referral)') })
    .filter({ has: page.getByRole('button', { name: t('Revoke') }) });
  assert.equal(await row.count(), 1, 'one housing_agents consent in force');
  await submitWith(page, row.getByRole('button', { name: t('Revoke') }));
  await expectAt(page, `/cases/${caseId}`);
  assert.equal(await notice(page), t('The consent was revoked: sharing under it ended now.'));
  assertClean(counsellor);

  const phone = agent.page;
  const res = await phone.goto(sheetUrl);
  assert.equal(res.status(), 403);
  const text = await phone.getByRole('main').innerText();
  assert.ok(text.includes(t('You have no access to this housing request.')), text);
  assert.ok(!text.includes(TENANT), 'no name on the refusal');
  await fitsThePhone(phone, 'the refusal');
  await phone.screenshot({ path: join(OUT, 'housing-agent-no-access-phone.png'), fullPage: true });
  // Nor is it on the list any more.
  await phone.goto(`${suite.server.url}/referrals`);
  assert.equal(await phone.locator(`#request-${requestId}`).count(), 0, 'the request left the list');
  assertClean(agent, [`403 /referrals/${requestId}/sheet`]);
});
