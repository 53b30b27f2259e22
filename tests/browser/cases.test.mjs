// The discharge-support journey in a real browser (issue 3): a counsellor of 駿河区相談支援センターみらい
// registers a person, records the admission, opens a case, puts the group home on the team, books
// a trial stay (and is refused an overlapping one), records the discharge and finds the 1-month
// follow-up on the dashboard; the elderly-care centre opens the case only while it is on the team
// AND the elderly_field consent is in force. Everything is done by labels and buttons, as a person
// would. Debian's chromium via playwright-core against a real server with a fresh demo database;
// console errors and CSP violations fail the test. Screenshots go to $TSUNAGU_TEST_OUT/case-*.png.
//   cd /work/main && TSUNAGU_BIN=build-test/tsunagu node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { OUT } from '../lib/server.mjs';
import { browserSuite, day, freshPage, assertClean, submitWith, expectAt, logIn, notice, h1 } from '../lib/browser.mjs';

// A fictional person; the readings are typed in hiragana and stored as katakana.
const PERSON = { family: '繋本', given: 'ゆめ', familyKana: 'つなもと', givenKana: 'ゆめ', birth: '1968-05-20' };
const NAME = `${PERSON.family} ${PERSON.given}`;
const HOME = 'グループホームひだまり';
const ELDERLY_CENTRE = '駿河中部地域包括支援センター';

// The counsellor's browser, kept from step to step like one working session.
let counsellor;
let caseId;
let room;

const suite = browserSuite(chromium, {
  closing: async () => {
    await counsellor?.context.close();
  },
});

// The text of the page's alert.
const alertText = (page) => page.getByRole('alert').innerText();
// A section of the case page, by its heading.
const region = (page, name) => page.getByRole('region', { name, exact: true });

// Opens the case as `page`'s user; resolves to the HTTP status of the answer.
async function openCase(page) {
  const res = await page.goto(`${suite.server.url}/cases/${caseId}`);
  return res.status();
}

test('the counsellor registers a person with the kana in hiragana, records the admission and opens a case', async () => {
  counsellor = await freshPage(suite.browser);
  const { page } = counsellor;
  await logIn(page, suite.server.url, 'counselor-suruga');

  await submitWith(page, page.getByRole('navigation').getByRole('link', { name: '対象者', exact: true }));
  await expectAt(page, '/persons');
  await submitWith(page, page.getByRole('link', { name: '対象者を登録する' }));
  await expectAt(page, '/persons/new');
  await page.getByLabel('姓', { exact: true }).fill(PERSON.family);
  await page.getByLabel('名', { exact: true }).fill(PERSON.given);
  await page.getByLabel('セイ（よみ）').fill(PERSON.familyKana);
  await page.getByLabel('メイ（よみ）').fill(PERSON.givenKana);
  await page.getByLabel('生年月日').fill(PERSON.birth);
  await page.getByLabel('性別').selectOption({ label: '女性' });
  await page.getByLabel('区', { exact: true }).selectOption({ label: '駿河区' });
  await page.screenshot({ path: join(OUT, 'case-register.png'), fullPage: true });
  await submitWith(page, page.getByRole('button', { name: '登録する', exact: true }));

  await expectAt(page, /^\/persons\/\d+$/);
  assert.equal(await h1(page), '対象者');
  assert.equal(await notice(page), '対象者を登録しました。');
  const details = await page.locator('dl.pairs').innerText();
  assert.ok(details.includes(NAME), details);
  assert.ok(details.includes('ツナモト ユメ'), `the reading stored in katakana: ${details}`);
  assert.ok(details.includes('駿河区'), details);

  // The admission at a psychiatric hospital a year ago; no discharge yet.
  const admission = page.locator('section.card', { has: page.getByRole('heading', { name: '入院歴を記録する' }) });
  await admission.getByLabel('病院', { exact: true }).selectOption({ label: '駿河さくら病院' });
  await admission.getByLabel('入院日').fill(day(-365));
  await admission.getByLabel('入院形態').selectOption({ label: '医療保護入院' });
  assert.equal(await admission.getByLabel('退院日（入院中は空欄）').inputValue(), '');
  assert.equal(await admission.getByLabel('退院先').inputValue(), '', 'still in hospital by default');
  await submitWith(page, admission.getByRole('button', { name: '記録する' }));
  await expectAt(page, /^\/persons\/\d+$/);
  assert.equal(await notice(page), '入院歴を記録しました。');
  const admissions = await page.locator('#admissions + table').innerText();
  assert.match(admissions, /駿河さくら病院\s+\S+\s+医療保護入院\s+入院中/);

  // The case, led by the counsellor's own office (chosen for them), opened some weeks ago: the
  // counsellor has been seeing the person on the ward and records the case now.
  const open = page.locator('section.card', { has: page.getByRole('heading', { name: 'ケースを開始する' }) });
  const lead = open.getByLabel('主担当機関（相談支援事業所）');
  assert.equal(await lead.locator('option:checked').innerText(), '駿河区相談支援センターみらい');
  await open.getByLabel('段階').selectOption({ label: 'アセスメント' });
  await open.getByLabel('開始日').fill(day(-60));
  await submitWith(page, open.getByRole('button', { name: '開始する' }));
  await expectAt(page, /^\/cases\/\d+$/);
  caseId = new URL(page.url()).pathname.split('/')[2];
  assert.equal(await h1(page), '支援ケース');
  assert.equal(await notice(page), 'ケースを開始しました。');
  assert.equal(await page.locator('ol.stages li[aria-current="step"]').innerText(), 'アセスメント');
  assertClean(counsellor);
});

test('the counsellor adds the group home to the care team', async () => {
  const { page } = counsellor;
  const team = region(page, '支援チーム');
  await team.getByLabel('所属').selectOption({ label: HOME });
  await team.getByLabel('チームでの役割').selectOption({ label: 'グループホーム' });
  await submitWith(page, team.getByRole('button', { name: '追加', exact: true }));
  await expectAt(page, `/cases/${caseId}`);
  assert.equal(await notice(page), '支援チームに機関を加えました。');
  const row = region(page, '支援チーム').getByRole('row').filter({ hasText: HOME });
  assert.match(await row.innerText(), /グループホーム/);
  assertClean(counsellor);
});

test('the group home has a trial room; the counsellor books it and is refused an overlapping stay', async () => {
  // The group home keeps its own experience rooms: the demo has none, so it adds one.
  const provider = await freshPage(suite.browser);
  try {
    await logIn(provider.page, suite.server.url, 'provider');
    await submitWith(provider.page, provider.page.getByRole('navigation').getByRole('link', { name: '体験宿泊' }));
    await expectAt(provider.page, '/stays');
    const rooms = provider.page.locator('section.card[id^="room-"] h2');
    if (await rooms.count() === 0) {
      await provider.page.getByLabel('部屋の名前').fill('体験室あさひ');
      await submitWith(provider.page, provider.page.getByRole('button', { name: '追加', exact: true }));
      await expectAt(provider.page, '/stays');
      assert.equal(await notice(provider.page), '部屋を追加しました。');
    }
    // The room's name, without the group home's name shown beside it.
    room = await rooms.first().evaluate((h) => h.firstChild.textContent.trim());
    assert.ok(room, 'the group home has a room');
    await provider.page.screenshot({ path: join(OUT, 'case-stays-provider.png'), fullPage: true });
    assertClean(provider);
  } finally {
    await provider.context.close();
  }

  // Next week, three nights, booked from the case page.
  const { page } = counsellor;
  await page.goto(`${suite.server.url}/cases/${caseId}`);
  const stays = page.locator('section#stays');
  await stays.getByLabel('部屋', { exact: true }).selectOption({ label: `${room} — ${HOME}` });
  await stays.getByLabel('初日（1泊目）').fill(day(7));
  await stays.getByLabel('退室日').fill(day(10));
  await submitWith(page, stays.getByRole('button', { name: '予約する' }));
  await expectAt(page, `/cases/${caseId}/stays`);
  assert.equal(await notice(page), '部屋を予約しました。');
  const booked = page.locator('section#stays tbody tr');
  assert.equal(await booked.count(), 1);
  assert.match(await booked.first().innerText(), new RegExp(`${room}[\\s\\S]*${day(7)}[\\s\\S]*${day(10)}[\\s\\S]*\\b3\\b[\\s\\S]*予約済み`));

  // Two of those nights again: refused with the reason, the dates as typed, the first booking kept.
  await page.locator('section#stays').getByLabel('初日（1泊目）').fill(day(9));
  await page.locator('section#stays').getByLabel('退室日').fill(day(12));
  await submitWith(page, page.locator('section#stays').getByRole('button', { name: '予約する' }));
  await expectAt(page, `/cases/${caseId}/stays`);
  assert.equal(await alertText(page), 'この部屋はその期間すでに予約されています。');
  assert.equal(await page.locator('section#stays').getByLabel('初日（1泊目）').inputValue(), day(9));
  assert.equal(await page.locator('section#stays').getByLabel('退室日').inputValue(), day(12));
  assert.equal(await booked.count(), 1, 'nothing more was booked');
  assert.match(await booked.first().innerText(), new RegExp(`${day(7)}[\\s\\S]*${day(10)}`));
  await page.screenshot({ path: join(OUT, 'case-stay-refused.png'), fullPage: true });
  assertClean(counsellor, [`409 /cases/${caseId}/stays`]);
});

test('the counsellor records the discharge and finds the 1-month follow-up on the dashboard', async () => {
  const { page } = counsellor;
  // Back to the case from the stays page, by the person's name.
  await submitWith(page, page.getByRole('main').getByRole('link', { name: NAME }));
  await expectAt(page, `/cases/${caseId}`);

  // The discharge is today, to a group home: the dashboard looks a month ahead for follow-ups
  // (due.h), so the 1-month follow-up shows at once.
  const admissions = region(page, '入院歴');
  assert.match(await admissions.getByLabel('入院', { exact: true }).locator('option:checked').innerText(), /駿河さくら病院/);
  await admissions.getByLabel('退院', { exact: true }).fill(day(0));
  await admissions.getByLabel('退院先').selectOption({ label: 'グループホーム' });
  await submitWith(page, admissions.getByRole('button', { name: '退院を記録する' }));
  await expectAt(page, `/cases/${caseId}`);
  assert.equal(await notice(page), '退院を記録し、退院後フォローアップを予定しました。');
  assert.equal(await page.locator('ol.stages li[aria-current="step"]').innerText(), '退院');
  assert.match(await region(page, '入院歴').getByRole('row').nth(1).innerText(), /駿河さくら病院[\s\S]*グループホーム/);
  const followUps = region(page, '退院後フォローアップ').locator('tbody tr');
  assert.equal(await followUps.count(), 4, '1, 3, 6 and 12 months after');
  assert.match(await followUps.first().innerText(), /^1か月後/);
  await page.screenshot({ path: join(OUT, 'case-discharged.png'), fullPage: true });

  await submitWith(page, page.getByRole('navigation').getByRole('link', { name: 'ダッシュボード' }));
  await expectAt(page, '/');
  const due = page.locator('section.card.due');
  const followUp = due.getByRole('row').filter({ hasText: '退院1か月後' }).filter({ hasText: NAME });
  assert.equal(await followUp.count(), 1, await due.innerText());
  assert.match(await followUp.innerText(), /フォローアップ/);
  // The stay next week is due too.
  const stay = due.getByRole('row').filter({ hasText: room }).filter({ hasText: NAME });
  assert.equal(await stay.count(), 1, await due.innerText());
  await page.screenshot({ path: join(OUT, 'case-dashboard.png'), fullPage: true });
  await submitWith(page, followUp.getByRole('link', { name: NAME }));
  await expectAt(page, `/cases/${caseId}`);
  assert.equal(await h1(page), '支援ケース');
  assertClean(counsellor);
});

test('the elderly-care centre opens the case only while on the team and under the elderly_field consent', async () => {
  const { page } = counsellor;
  const elderly = await freshPage(suite.browser);
  try {
    await logIn(elderly.page, suite.server.url, 'elderly');
    const closed = async (why) => {
      assert.equal(await openCase(elderly.page), 404, why);
      assert.equal(await h1(elderly.page), '見つかりません', why);
      assert.ok(!(await elderly.page.locator('main').innerText()).includes(PERSON.family), `no name: ${why}`);
    };
    await closed('not on the team, no consent');

    await page.goto(`${suite.server.url}/cases/${caseId}`);
    const team = region(page, '支援チーム');
    await team.getByLabel('所属').selectOption({ label: ELDERLY_CENTRE });
    await team.getByLabel('チームでの役割').selectOption({ label: 'ケアマネジャー' });
    await submitWith(page, team.getByRole('button', { name: '追加', exact: true }));
    assert.equal(await notice(page), '支援チームに機関を加えました。');
    await closed('on the team, but no consent');

    const consents = region(page, '同意');
    await consents.getByLabel('共有先').selectOption({ label: '高齢分野' });
    assert.equal(await consents.getByLabel('同意日').inputValue(), day(0));
    await submitWith(page, consents.getByRole('button', { name: '記録する' }));
    await expectAt(page, `/cases/${caseId}`);
    assert.equal(await notice(page), '同意を記録しました。');
    assert.match(await region(page, '同意').getByRole('row').filter({ hasText: '高齢分野' }).innerText(), /有効/);

    assert.equal(await openCase(elderly.page), 200, 'on the team and under the consent');
    assert.equal(await h1(elderly.page), '支援ケース');
    assert.ok((await elderly.page.locator('dl.pairs').innerText()).includes(NAME));
    await elderly.page.screenshot({ path: join(OUT, 'case-elderly.png'), fullPage: true });

    await submitWith(page, region(page, '同意').getByRole('button', { name: '撤回する' }));
    await expectAt(page, `/cases/${caseId}`);
    assert.equal(await notice(page), '同意を撤回しました。この同意による共有は直ちに終了しました。');
    await closed('the consent revoked');
    await elderly.page.screenshot({ path: join(OUT, 'case-elderly-revoked.png') });
    assertClean(elderly, Array(3).fill(`404 /cases/${caseId}`));
  } finally {
    await elderly.context.close();
  }
  assertClean(counsellor);
});

test('the case page fits a phone without horizontal scrolling', async () => {
  const phone = await freshPage(suite.browser, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  try {
    await logIn(phone.page, suite.server.url, 'counselor-suruga');
    assert.equal(await openCase(phone.page), 200);
    await phone.page.screenshot({ path: join(OUT, 'case-phone.png'), fullPage: true });
    const { scrollWidth, clientWidth } = await phone.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
    assertClean(phone);
  } finally {
    await phone.context.close();
  }
});
