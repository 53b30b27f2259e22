// Shared by the HTTP and browser tests: a demo database, a real tsunagu server on 127.0.0.1 with
// a free port, and a logged-in client. Servers are stopped by their own PID, never by name.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.TSUNAGU_BIN || join(root, 'build-test', 'tsunagu');
export const PASSWORD = 'tsunagu-demo-2026';
export const OUT = process.env.TSUNAGU_TEST_OUT || join(root, 'tests', 'out');

// Runs the tsunagu binary and returns { status, stdout, stderr } without throwing.
export function tsunagu(args, opts = {}) {
  // The fontconfig cache pango fills (a PDF) is not a leak of ours: as for the server below.
  const env = { ...process.env, ...(opts.env || {}) };
  env.LSAN_OPTIONS ||= `suppressions=${join(root, 'tests', 'lsan.supp')}`;
  try {
    const stdout = execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts, env });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    // status is null when the binary did not run or was killed: say why in stderr.
    const why = e.status === null ? `${e.code || e.signal || ''} ${e.message}` : '';
    return { status: e.status, stdout: e.stdout || '', stderr: (e.stderr || '') + why };
  }
}

// A fresh demo database in a new temporary directory; returns its path.
export function demoDb() {
  const dir = mkdtempSync(join(tmpdir(), 'tsunagu-test-'));
  const db = join(dir, 'demo.db');
  const r = tsunagu(['demo', '--db', db, '--password', PASSWORD]);
  if (r.status !== 0) throw new Error(`tsunagu demo failed: ${r.stderr}`);
  return db;
}

// Removes the temporary directory of a database made by demoDb() (and nothing else).
export function removeDemoDb(db) {
  const dir = dirname(db);
  if (dirname(dir) === tmpdir() && basename(dir).startsWith('tsunagu-test-')) rmSync(dir, { recursive: true, force: true });
}

// Starts `tsunagu serve` on 127.0.0.1:0 and resolves once it prints its address.
export function startServer(db, extra = []) {
  return new Promise((resolve, reject) => {
    // The fontconfig cache pango fills once (the support-sheet PDF) is not a leak of ours
    // (tests/lsan.supp); scripts/run-tests sets the same, this covers a test run by hand.
    const env = { ...process.env };
    env.LSAN_OPTIONS ||= `suppressions=${join(root, 'tests', 'lsan.supp')}`;
    const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2', ...extra],
      { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`server did not start: ${err}`)); }, 15000);
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          proc,
          log: () => err,
          stop: () => new Promise((done) => {
            // Idempotent: a second stop (a test, then after()) answers with the same code.
            if (proc.exitCode !== null || proc.signalCode !== null) return done(proc.exitCode);
            const kill = setTimeout(() => proc.kill('SIGKILL'), 10000);
            proc.once('exit', (code) => { clearTimeout(kill); done(code); });
            process.kill(proc.pid, 'SIGTERM');
          }),
        });
      }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${err}`)); });
  });
}

// The value of cookie `name` from a response's Set-Cookie headers (undefined when absent).
export function cookieFrom(res, name) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq) === name) return pair.slice(eq + 1);
  }
  return undefined;
}

// The hidden csrf field of an HTML page.
export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  return m && m[1];
}

// Logs in through the real form; resolves to { cookie, csrf, res } (cookie undefined on failure).
export async function login(url, user, password = PASSWORD) {
  const form = await fetch(`${url}/login`);
  const pre = cookieFrom(form, '__Host-tsunagu-pre');
  const csrf = csrfOf(await form.text());
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-tsunagu-pre=${pre}` },
    body: new URLSearchParams({ csrf, login: user, password }),
  });
  const cookie = cookieFrom(res, '__Host-tsunagu');
  let pageCsrf;
  if (cookie) {
    const home = await fetch(`${url}/`, { headers: { cookie: `__Host-tsunagu=${cookie}` } });
    pageCsrf = csrfOf(await home.text());
  }
  return { cookie, csrf: pageCsrf, res };
}

// fetch with the session cookie of `s` (from login()).
export function as(s, url, opts = {}) {
  return fetch(url, { redirect: 'manual', ...opts, headers: { ...(opts.headers || {}), cookie: `__Host-tsunagu=${s.cookie}` } });
}

// POST a form as session `s`, adding its CSRF token unless the fields carry their own.
export function post(s, url, fields = {}, headers = {}) {
  const body = new URLSearchParams({ csrf: s.csrf, ...fields });
  return as(s, url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

// One SQL statement run on the database by the sqlite3 CLI (the server may be running: WAL);
// returns its output, trimmed. Rows are lines, columns separated by '|'.
export function sql(db, query) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query], { encoding: 'utf8' }).trim();
}

// GET /login (with an optional query such as '?lang=en'): resolves to { res, html, pre, csrf },
// the pre-login cookie and the form's token.
export async function loginForm(url, query = '') {
  const res = await fetch(`${url}/login${query}`, { redirect: 'manual' });
  const html = await res.text();
  return { res, html, pre: cookieFrom(res, '__Host-tsunagu-pre'), csrf: csrfOf(html) };
}

// POST /login with exactly the given form fields and Cookie header; resolves to the response.
export function submitLogin(url, fields, cookie = '') {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (cookie) headers.cookie = cookie;
  return fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams(fields) });
}

// The lines of a server log where AddressSanitizer, LeakSanitizer or UBSan reported a problem.
export function sanitizerReports(log) {
  return log.split('\n').filter((l) => /Sanitizer|runtime error:/.test(l));
}
