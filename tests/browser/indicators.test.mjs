// The city's indicators and the status sheet in a real browser (issue 6): the city opens its
// indicators (a chart for each computed one, drawn on the server), enters a target for the cases
// that used the housing scheme — set at the start of 令和6年度 for the end of 令和8年度 — and
// finds, beside it, the actual computed from the records for the target it set at the start of
// 令和4年度; then it opens the sheet of 令和3年度 and downloads the workbook, which a real reader
// (openpyxl) opens. Everything by labels and buttons. Debian's chromium via playwright-core
// against a real server with a fresh demo database; console errors and CSP violations fail the
// test. Screenshots go to $TSUNAGU_TEST_OUT/indicators-*.png.
//   cd /work/main && TSUNAGU_BIN=build-test/tsunagu node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { sql, OUT } from '../lib/server.mjs';
import { browserSuite, freshPage, assertClean, submitWith, expectAt, logIn, notice } from '../lib/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES = '宅建との制度を活用したケースの積み上げ';
const EXPECTED = '協力事業者を各区に広げ、退院後の住まいの選択肢を増やす。';

const suite = browserSuite(chromium);

test('the city enters a target, sees the computed actual, and downloads the workbook', async () => {
  const city = await freshPage(suite.browser);
  try {
    const { page } = city;
    await logIn(page, suite.server.url, 'city');

    // The indicators: one chart per computed indicator the city set, no script needed.
    await submitWith(page, page.getByRole('navigation').getByRole('link', { name: '指標', exact: true }));
    await expectAt(page, '/indicators');
    const computed = Number(sql(suite.db, 'select count(*) from indicator where computation is not null and active = 1'));
    assert.equal(await page.locator('figure.chart svg[role="img"]').count(), computed);
    await page.screenshot({ path: join(OUT, 'indicators-overview.png'), fullPage: true });

    // The cases that used the scheme: computed, so the year form asks for no baseline or actual.
    await submitWith(page, page.locator('#set').getByRole('link', { name: CASES }));
    await expectAt(page, /^\/indicators\/\d+$/);
    const form = page.locator('section#year-form');
    assert.equal(await form.getByLabel('現状値（数値）').count(), 0);
    assert.equal(await form.getByLabel('実績値（数値）').count(), 0);
    await form.getByLabel('設定した年度（当初）').selectOption({ label: '令和6年度' });
    await form.getByLabel('目標年度（年度末）').selectOption({ label: '令和8年度' });
    await form.getByLabel('目標値（数値）').fill('9');
    await form.getByLabel('見込んでいる成果・効果').fill(EXPECTED);
    await submitWith(page, form.getByRole('button', { name: 'この年度を保存' }));
    assert.equal(await notice(page), '年度の値を保存しました。');
    assertClean(city);

    // The new year, and the year set at the start of 令和4年度: its baseline computed from R3's
    // records (3 cases) and its actual from R5's — never typed in, marked ＊.
    const years = page.locator('section#years table');
    const r6 = await years.getByRole('row').filter({ hasText: '令和6年度' }).innerText();
    assert.match(r6, /9件/);
    assert.match(r6, /令和8年度末/);
    assert.ok(r6.includes(EXPECTED), r6);
    const r4 = await years.getByRole('row').filter({ hasText: '令和4年度' }).innerText();
    const cells = r4.split('\t').map((c) => c.trim());
    assert.equal(cells[1], '3件＊', `baseline of R4: ${r4}`);
    assert.match(cells[2], /^6件/, r4);
    assert.match(cells[3], /^\d+件＊$/, `actual of R5, computed: ${r4}`);
    assert.equal(await page.locator('figure.chart').count(), 1);
    await page.screenshot({ path: join(OUT, 'indicators-year.png'), fullPage: true });

    // The sheet of 令和3年度, as the seed; then the workbook.
    await submitWith(page, page.getByRole('navigation').getByRole('link', { name: '状況共有シート', exact: true }));
    await expectAt(page, '/sheet');
    await page.getByLabel('報告する年度').selectOption({ label: '令和3年度' });
    await submitWith(page, page.getByRole('button', { name: '表示', exact: true }));
    const sheet = await page.locator('article.status-sheet').innerText();
    assert.ok(sheet.includes('コロナの影響で研修会・運用開始は未定'), 'the R3 actual in words');
    assert.ok(sheet.includes('＜令和3年度までの成果・効果＞'));
    await page.screenshot({ path: join(OUT, 'indicators-sheet.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excelファイルをダウンロード' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'status-sheet-221007-2021.xlsx');
    const file = join(OUT, 'indicators-sheet.xlsx');
    await download.saveAs(file);
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
    const wb = JSON.parse(execFileSync('python3', [join(root, 'tests', 'lib', 'xlsx_cells.py'), file], { encoding: 'utf8' }));
    const cells4 = Object.values(wb.sheets.find((s) => s.title.startsWith('4')).cells).map(String);
    assert.ok(cells4.some((c) => c.includes('コロナの影響で研修会・運用開始は未定')), 'the workbook holds the R3 actual');
    assertClean(city);
  } finally {
    await city.context.close();
  }
});
