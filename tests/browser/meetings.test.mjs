// The forum's meetings in a real browser (issue 5): counselor-aoi schedules the monthly working
// group as a series through the form, records a one-off meeting held yesterday with its attendance
// (an organisation and a group without one) and the totals by sector, a case it reviewed with the
// discussion and decision, and an action item for 駿河区相談支援センターみらい; the printout shows
// the person's initials to an office that may not see the case; counselor-suruga finds the item on
// the dashboard, marks it done and it leaves. Everything by labels and buttons. Debian's chromium
// via playwright-core against a real server with a fresh demo database; console errors and CSP
// violations fail the test. Screenshots go to $TSUNAGU_TEST_OUT/meetings-*.png.
//   cd /work/main && TSUNAGU_BIN=build-test/tsunagu node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { OUT } from '../lib/server.mjs';
import { browserSuite, day, freshPage, assertClean, submitWith, expectAt, logIn, notice } from '../lib/browser.mjs';

const SERIES = '試験の地域移行支援部会ワーキンググループ';
const ONE_OFF = '試験の臨時ワーキンググループ';
const DISCUSSION = '体験宿泊の結果を共有し、退院後の住まいを検討した。';
const DECISION = 'グループホームの見学を来月までに調整する。';
const ACTION = '駿河区の地域包括支援センターへ合同研修の案内を届ける。';
const MIRAI = '駿河区相談支援センターみらい';

let meetingUrl;

const suite = browserSuite(chromium);

// The same day of the month after iso (a day every month has).
function nextMonth(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Fills the new-meeting form.
async function newMeeting(page, { title, on, status, count }) {
  await submitWith(page, page.getByRole('navigation').getByRole('link', { name: '会議', exact: true }));
  await expectAt(page, '/meetings');
  await submitWith(page, page.getByRole('link', { name: '会議を登録' }));
  await expectAt(page, '/meetings/new');
  await page.getByLabel('会議の種類').selectOption({ label: 'ワーキンググループ' });
  await page.getByLabel('会議名').fill(title);
  await page.getByLabel('開催日').fill(on);
  await page.getByLabel('開始時刻').fill('13:30');
  await page.getByLabel('終了時刻').fill('15:00');
  await page.getByLabel('場所').fill('試験会議室');
  await page.getByLabel('区', { exact: true }).selectOption({ label: '全市' });
  await page.getByLabel('状態').selectOption({ label: status });
  await page.getByLabel('毎月の開催回数').fill(String(count));
}

test('counselor-aoi schedules, records and assigns; counselor-suruga finds the action item and closes it', async () => {
  const aoi = await freshPage(suite.browser);
  try {
    const { page } = aoi;
    await logIn(page, suite.server.url, 'counselor-aoi');

    // The working group, monthly for six months from the 28th a month or so from now: the form
    // asks for the first day and the number of meetings.
    const first = `${day(40).slice(0, 8)}28`;
    await newMeeting(page, { title: SERIES, on: first, status: '予定', count: 6 });
    await page.screenshot({ path: join(OUT, 'meetings-new.png'), fullPage: true });
    await submitWith(page, page.getByRole('button', { name: '登録する', exact: true }));
    await expectAt(page, /^\/meetings\/\d+$/);
    assert.equal(await notice(page), '毎月の会議を登録しました。');
    const series = page.locator('#summary dd').filter({ has: page.locator('a[href^="/meetings/"]') }).locator('a');
    assert.equal(await series.count(), 5, 'five more meetings in the series');
    assert.equal(await series.first().locator('time').getAttribute('datetime'), nextMonth(first));

    // A series is planned; the meeting held yesterday is recorded on its own.
    await newMeeting(page, { title: ONE_OFF, on: day(-1), status: '開催済み', count: 1 });
    await page.getByLabel('目標を設定した（目標設定）').check();
    await submitWith(page, page.getByRole('button', { name: '登録する', exact: true }));
    await expectAt(page, /^\/meetings\/\d+$/);
    assert.equal(await notice(page), '会議を登録しました。');
    meetingUrl = page.url().replace(/\?.*$/, '');

    // Who came: a psychiatric hospital (its sector from its kind) and the peers, who have no
    // organisation.
    const attendance = page.locator('section#attendance');
    await attendance.getByLabel('参加機関').selectOption({ label: '葵こころの森病院' });
    await attendance.getByLabel('人数', { exact: true }).fill('2');
    await submitWith(page, attendance.getByRole('button', { name: '記録する' }));
    assert.equal(await notice(page), '出席を記録しました。');
    await attendance.getByLabel('参加機関').selectOption({ label: '— なし（機関に属さない参加者）—' });
    await attendance.getByLabel('または機関に属さない参加者の区分名（当事者、家族など）').fill('当事者');
    await attendance.getByLabel('分野', { exact: true }).selectOption({ label: '当事者' });
    await attendance.getByLabel('人数', { exact: true }).fill('1');
    await submitWith(page, attendance.getByRole('button', { name: '記録する' }));
    assert.equal(await notice(page), '出席を記録しました。');
    // A head count of zero is refused with the reason, nothing more recorded.
    await attendance.getByLabel('参加機関').selectOption({ label: '清水みなと病院' });
    await attendance.getByLabel('人数', { exact: true }).fill('0');
    await submitWith(page, attendance.getByRole('button', { name: '記録する' }));
    assert.equal(await page.locator('#attendance-error').innerText(), '参加人数を1から500までの整数で入力してください。');
    assert.equal(await attendance.getByLabel('人数', { exact: true }).getAttribute('aria-invalid'), 'true');
    // The refusal answers 400 (Chromium notes it as a failed load): that one was expected, nothing else.
    assertClean(aoi, [`400 ${new URL(meetingUrl).pathname}/attendance`]);
    const totals = page.locator('section#attendance table', { has: page.locator('caption') });
    assert.match(await totals.getByRole('row').filter({ hasText: '医療（精神科）' }).first().innerText(), /医療（精神科）\s+2/);
    assert.match(await totals.getByRole('row').filter({ hasText: '当事者' }).innerText(), /当事者\s+1/);
    assert.match(await totals.locator('tfoot').innerText(), /合計\s+3/);
    assert.equal(await page.locator('section#attendance table').first().locator('tbody tr').count(), 2);

    // The case reviewed: 青木's, which counselor-aoi's office leads; its number from the case list.
    await page.goto(`${suite.server.url}/cases`);
    const caseLink = page.getByRole('row').filter({ hasText: '青木 正雄' }).getByRole('link').first();
    const caseNo = (await caseLink.innerText()).replace('#', '');
    await page.goto(meetingUrl);
    const cases = page.locator('section#cases');
    await cases.getByLabel('ケース番号').fill(caseNo);
    await cases.getByLabel('検討内容').fill(DISCUSSION);
    await cases.getByLabel('決定事項').fill(DECISION);
    await submitWith(page, cases.getByRole('button', { name: '記録する' }));
    assert.equal(await notice(page), '検討したケースを記録しました。');
    const reviewed = await page.locator('section#cases article').innerText();
    assert.ok(reviewed.includes('青木 正雄') && reviewed.includes(DISCUSSION) && reviewed.includes(DECISION), reviewed);

    // The action item, for みらい, due next week.
    const actions = page.locator('section#actions');
    await actions.getByLabel('対応内容').fill(ACTION);
    await actions.getByLabel('担当機関').selectOption({ label: MIRAI });
    await actions.getByLabel('期日').fill(day(7));
    await submitWith(page, actions.getByRole('button', { name: '追加', exact: true }));
    assert.equal(await notice(page), '対応事項を追加しました。');
    assert.match(await page.locator('section#actions tbody').innerText(), new RegExp(`${ACTION}\\s+${MIRAI}`));
    await page.screenshot({ path: join(OUT, 'meetings-meeting.png'), fullPage: true });

    await submitWith(page, page.getByRole('link', { name: '印刷用の記録' }));
    await expectAt(page, /^\/meetings\/\d+\/print$/);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('navigation').isVisible(), false, 'no menu on paper');
    await page.screenshot({ path: join(OUT, 'meetings-print-own.png'), fullPage: true });
    assertClean(aoi);
  } finally {
    await aoi.context.close();
  }

  const suruga = await freshPage(suite.browser);
  try {
    const { page } = suruga;
    await logIn(page, suite.server.url, 'counselor-suruga');
    // The printout names the case by its person's initials for an office that may not see it.
    await page.goto(`${meetingUrl}/print`);
    await page.emulateMedia({ media: 'print' });
    const sheet = await page.locator('section.sheet').innerText();
    assert.match(sheet, /A\.M\./);
    assert.ok(!sheet.includes('青木') && !sheet.includes(DISCUSSION), sheet);
    await page.screenshot({ path: join(OUT, 'meetings-print-initials.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${suite.server.url}/`);
    const card = page.locator('section#action-items');
    assert.equal(await card.getByRole('heading').innerText(), '会議の対応事項');
    const rows = card.locator('tbody tr');
    // The demo's overdue item first, then ours.
    assert.match(await rows.first().getAttribute('class'), /overdue/);
    const ours = rows.filter({ hasText: ACTION });
    assert.equal(await ours.count(), 1, await card.innerText());
    await page.screenshot({ path: join(OUT, 'meetings-dashboard.png'), fullPage: true });
    await submitWith(page, ours.getByRole('button', { name: '完了にする' }));
    await expectAt(page, '/');
    assert.equal(await notice(page), '対応事項を完了にしました。');
    assert.equal(await page.locator('section#action-items tbody tr').filter({ hasText: ACTION }).count(), 0, 'it left the dashboard');

    // The meetings list on a phone: no sideways scrolling of the page itself.
    await page.setViewportSize({ width: 390, height: 844 });
    await submitWith(page, page.getByRole('navigation').getByRole('link', { name: '会議', exact: true }));
    await expectAt(page, '/meetings');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, 'the page fits the phone');
    await page.screenshot({ path: join(OUT, 'meetings-phone.png'), fullPage: true });
    assertClean(suruga);
  } finally {
    await suruga.context.close();
  }
});
