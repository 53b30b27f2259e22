// The main journey in a real browser: Debian's chromium driven by playwright-core, against a real
// tsunagu server on 127.0.0.1 with a fresh demo database. Screenshots go to $TSUNAGU_TEST_OUT.
//   cd /work/main && TSUNAGU_BIN=build-test/tsunagu node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PASSWORD, OUT } from '../lib/server.mjs';
import { browserSuite, freshPage, assertClean, submitWith, expectAt, logIn } from '../lib/browser.mjs';

const suite = browserSuite(chromium);

test('the city user logs in, switches language and back, and logs out', async () => {
  const tab = await freshPage(suite.browser);
  const { context, page } = tab;
  try {
    await page.goto(`${suite.server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/login', 'not logged in: / redirects to /login');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    assert.equal(await page.locator('h1').textContent(), 'ログイン');

    await page.getByLabel('ログインID').fill('city');
    await page.getByLabel('パスワード').fill(PASSWORD);
    await submitWith(page, page.getByRole('button', { name: 'ログイン', exact: true }));
    await expectAt(page, '/');

    assert.equal(await page.locator('h1').textContent(), 'ダッシュボード');
    const header = page.locator('header.site');
    assert.equal(await header.locator('.muni').textContent(), '静岡市');
    assert.equal(await header.locator('.user').textContent(), '静岡 市子');
    const nav = header.getByRole('navigation');
    const links = (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
    assert.ok(links.includes('関係機関'), `the city sees the organisations: ${links}`);
    assert.ok(!links.includes('利用者'), `the city does not manage users: ${links}`);
    assert.ok(!links.includes('監査ログ'), `the city does not read the audit log: ${links}`);
    await page.screenshot({ path: join(OUT, 'dashboard-ja.png') });

    await submitWith(page, page.getByRole('button', { name: 'English' }));
    await expectAt(page, '/');
    assert.equal(await page.locator('h1').textContent(), 'Dashboard');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.screenshot({ path: join(OUT, 'dashboard-en.png') });

    // Back to Japanese: the choice is stored with the user, and the demo should stay Japanese.
    await submitWith(page, page.getByRole('button', { name: '日本語' }));
    await expectAt(page, '/');
    assert.equal(await page.locator('h1').textContent(), 'ダッシュボード');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');

    await submitWith(page, page.getByRole('button', { name: 'ログアウト' }));
    await expectAt(page, '/login');
    assert.equal(await page.locator('h1').textContent(), 'ログイン');

    // The session is gone: the dashboard sends us back to the login form.
    await page.goto(`${suite.server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assertClean(tab);
  } finally {
    await context.close();
  }
});

test('the login form works from the keyboard, with a visible focus ring', async () => {
  const tab = await freshPage(suite.browser);
  const { context, page } = tab;
  try {
    await page.goto(`${suite.server.url}/login`);
    // app.js puts the cursor in the login field for convenience; a keyboard user may also start
    // from the top of the page. Blurring alone would leave Chromium's sequential navigation
    // starting point at the field, so put the focus on the body itself (tabindex -1 keeps it out
    // of the tab order) and go on from there.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'login');
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
    });
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: el.textContent.trim(),
        outline: style.outlineStyle, outlineWidth: style.outlineWidth,
      };
    });
    const visibleRing = (f) => {
      assert.notEqual(f.outline, 'none', `focus ring on ${f.tag}#${f.id}.${f.cls}`);
      assert.notEqual(f.outlineWidth, '0px', `focus ring on ${f.tag}#${f.id}.${f.cls}`);
    };

    await page.keyboard.press('Tab');
    let f = await focused();
    assert.equal(f.cls, 'skip', `the skip link comes first, got ${JSON.stringify(f)}`);
    assert.equal(f.text, '本文へ移動');
    visibleRing(f);
    // The skip link, hidden until focused, is on screen while it has the focus.
    const box = await page.locator('a.skip').boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0, `skip link on screen: ${JSON.stringify(box)}`);

    // Then the fields, perhaps after the header's language link.
    const order = [];
    for (let i = 0; i < 5 && f.id !== 'login'; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      order.push(f.id || f.text);
      visibleRing(f);
    }
    assert.equal(f.id, 'login', `tab order: ${order}`);
    await page.keyboard.type('city');
    await page.keyboard.press('Tab');
    f = await focused();
    assert.equal(f.id, 'password');
    visibleRing(f);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    f = await focused();
    assert.equal(f.tag, 'button');
    assert.equal(f.text, 'ログイン');
    visibleRing(f);
    await page.keyboard.press('Enter');
    await expectAt(page, '/');
    assert.equal(await page.locator('h1').textContent(), 'ダッシュボード');
    assertClean(tab);
  } finally {
    await context.close();
  }
});

test('the dashboard fits a phone without horizontal scrolling', async () => {
  const tab = await freshPage(suite.browser, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  const { context, page } = tab;
  try {
    await logIn(page, suite.server.url, 'city');
    assert.equal(await page.locator('h1').textContent(), 'ダッシュボード');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
    await page.screenshot({ path: join(OUT, 'dashboard-phone.png') });
    assertClean(tab);
  } finally {
    await context.close();
  }
});
