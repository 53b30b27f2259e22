// Shared by the browser tests (tests/browser/): Debian's chromium via playwright-core, pages that
// record what went wrong (console errors, exceptions, CSP violations, error answers), and the
// steps every journey takes (log in, submit, check where we are). The server comes from server.mjs.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { before, after } from 'node:test';
import { PASSWORD, OUT, demoDb, startServer, sanitizerReports, removeDemoDb } from './server.mjs';

// Dates as the server sees them: today in Japan, and n days from it (YYYY-MM-DD).
const DAY = 24 * 3600 * 1000;
const todayMs = Date.parse(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10));
export const day = (n) => new Date(todayMs + n * DAY).toISOString().slice(0, 10);

// Never a downloaded browser: Debian's chromium, headless, with nothing phoning home. `chromium`
// is playwright-core's, passed in by the test: the package is installed in tests/browser/ only.
export function launchBrowser(chromium) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// A fresh context and page of `browser` that record every console error, uncaught exception and
// CSP violation (the listener is an init script, which goes through the DevTools protocol, so the
// page's own CSP does not apply to it). Some pages answer with an error status on purpose (a
// refused booking is 409, a case out of sight 404), and Chromium logs that as a resource that
// failed to load: those answers are kept apart, in `answers`, and each step says which ones it
// expected (assertClean). The browser asks for Japanese and keeps Japan's time, as a counsellor's
// in Shizuoka would; `options` go to browser.newContext (a phone's viewport, say).
export async function freshPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true, ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
  const answers = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Pages link their icon (/static/favicon.svg), so no request, not even /favicon.ico, may fail.
    problems.push({ text: m.text(), url: m.location().url });
  });
  page.on('pageerror', (e) => problems.push({ text: `exception: ${e.message}` }));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().isNavigationRequest() && r.frame() === page.mainFrame())
      answers.push({ status: r.status(), url: r.url() });
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems, answers };
}

// Asserts that since the last check the pages of `p` (from freshPage) answered with an error
// status exactly as `expected` says ("409 /cases/1/stays", in order), and that nothing else went
// wrong: no console error but Chromium's note of those very answers, no exception, no CSP violation.
export function assertClean(p, expected = []) {
  const path = (url) => new URL(url).pathname;
  assert.deepEqual(p.answers.map((a) => `${a.status} ${path(a.url)}`), expected, 'pages answered with an error status');
  const own = (m) => p.answers.some((a) => a.url === m.url
    && m.text.startsWith(`Failed to load resource: the server responded with a status of ${a.status} `));
  assert.deepEqual(p.problems.filter((m) => !own(m)).map((m) => `${m.text} (${m.url || ''})`), []);
  p.answers.length = 0;
  p.problems.length = 0;
}

// Clicks something that submits a form or follows a link and waits until the next page has loaded.
export async function submitWith(page, locator) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await locator.click();
  await navigated;
  await page.waitForLoadState('load');
}

// Waits until the page is at `path` (a string or a RegExp); otherwise fails with what the page
// says instead.
export async function expectAt(page, path) {
  const ok = (p) => (typeof path === 'string' ? p === path : path.test(p));
  await page.waitForURL((u) => ok(u.pathname), { timeout: 10000 }).catch(() => {});
  const at = new URL(page.url()).pathname;
  if (!ok(at)) {
    const said = await page.locator('main').innerText().catch(() => '');
    assert.fail(`expected to be at ${path}, but at ${at}: ${said.replace(/\s+/g, ' ')}`);
  }
}

// Logs `user` (a demo login) in on the server at `url` with the login form; ends on the dashboard.
export async function logIn(page, url, user) {
  await page.goto(`${url}/login`);
  await page.getByLabel('ログインID').fill(user);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await submitWith(page, page.getByRole('button', { name: 'ログイン', exact: true }));
  await expectAt(page, '/');
}

// The text of the page's status notice (the green "done" box), and of its heading.
export const notice = (page) => page.locator('.notice[role="status"]').innerText();
export const h1 = (page) => page.locator('h1').innerText();

// What every browser test file sets up and tears down: a fresh demo database, a server on it and
// Debian's chromium, made in before() and stopped in after(), which also asserts that the test
// build's sanitizers reported nothing whatever the browser did. `closing` runs first in after()
// (contexts a file kept from test to test). The returned object's db, server and browser are
// there once before() has run.
export function browserSuite(chromium, { closing } = {}) {
  const suite = {};
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    suite.db = demoDb();
    suite.server = await startServer(suite.db);
    suite.browser = await launchBrowser(chromium);
  });
  after(async () => {
    await closing?.();
    await suite.browser?.close();
    if (suite.server) {
      await suite.server.stop();
      assert.deepEqual(sanitizerReports(suite.server.log()), []);
    }
    if (suite.db) removeDemoDb(suite.db);
  });
  return suite;
}
