// The command line: exit codes (0 ok, 1 error, 2 usage), init and user commands, and accounts
// made on the command line logging in through a real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDb, startServer, login, as, tsunagu, sql, sanitizerReports, removeDemoDb } from '../lib/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tsunagu-cli-'));
// The environment without TSUNAGU_PASSWORD, so that "no --password" really means none.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TSUNAGU_PASSWORD'));
const run = (args) => tsunagu(args, { env });

let db;
let srv;
const servers = [];

before(async () => {
  db = demoDb();
  srv = await startServer(db);
  servers.push(srv);
});

after(async () => {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
  if (db) removeDemoDb(db);
});

test('help and version exit 0', () => {
  const help = run(['help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: tsunagu COMMAND/);
  for (const c of ['init', 'serve', 'demo', 'user add', 'verify audit']) assert.match(help.stdout, new RegExp(`\\n  ${c} `));
  const version = run(['version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^tsunagu \S+\n$/);
});

test('an unknown command, an unknown sub-command and no command exit 2', () => {
  const r = run(['frobnicate']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /'frobnicate' is not a command/);
  assert.equal(run(['user', 'frobnicate']).status, 2);
  assert.equal(run([]).status, 2);
});

test('an unknown option exits 2 and --help on a command prints its usage and exits 0', () => {
  const r = run(['user', 'list', '--frob', '--db', db]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option '--frob'/);
  assert.match(r.stderr, /usage: tsunagu user list/);
  assert.equal(run(['version', '--db']).status, 2);
  assert.equal(run(['init', '--db']).status, 2, 'an option without its value');
  for (const cmd of [['init'], ['serve'], ['user', 'add'], ['verify', 'audit']]) {
    const h = run([...cmd, '--help']);
    assert.equal(h.status, 0, cmd.join(' '));
    assert.match(h.stdout, new RegExp(`^usage: tsunagu ${cmd.join(' ')}`), cmd.join(' '));
  }
});

test('init with a wrong check digit exits 1 with a clear message and leaves no database file', () => {
  const sub = mkdtempSync(join(dir, 'bad-'));
  const path = join(sub, 'city.db');
  const r = run(['init', '--municipality', '221008', '--name', '静岡市', '--db', path]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /221008/);
  assert.match(r.stderr, /check digit/);
  assert.deepEqual(readdirSync(sub), [], 'no database, WAL or shared-memory file');
  // The same for a failure later on (a short administrator password): nothing half-made stays.
  const late = run(['init', '--municipality', '221007', '--name', '静岡市', '--ward', '221015:葵区',
    '--admin', 'root', '--password', 'too-short', '--db', path]);
  assert.equal(late.status, 1);
  assert.match(late.stderr, /at least 13 characters/);
  assert.deepEqual(readdirSync(sub), []);
  assert.equal(run(['init', '--name', '静岡市', '--db', path]).status, 2, 'no --municipality');
});

test('a good init makes a database whose administrator can log in through the server', async () => {
  const path = join(dir, 'init.db');
  const password = 'root-password-2026';
  const r = run(['init', '--municipality', '221007', '--name', '静岡市', '--ward', '221015:葵区',
    '--admin', 'root', '--password', password, '--db', path]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 ward\(s\), administrator root/);
  const v = run(['verify', 'audit', '--db', path]);
  assert.equal(v.status, 0, v.stdout);
  const s2 = await startServer(path);
  servers.push(s2);
  const root = await login(s2.url, 'root', password);
  assert.ok(root.cookie, 'root logs in');
  const html = await (await as(root, `${s2.url}/admin/municipality`)).text();
  assert.match(html, /221015/);
  assert.match(html, /葵区/);
  assert.equal((await login(s2.url, 'root', 'not-the-password')).cookie, undefined);
  const code = await s2.stop();
  assert.deepEqual(sanitizerReports(s2.log()), []);
  assert.equal(code, 0);
  // init refuses a file that exists, and leaves it as it was.
  const again = run(['init', '--municipality', '221007', '--name', '静岡市', '--db', path]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists/);
  assert.equal(sql(path, "select login from app_user"), 'root');
});

test('user add with an unknown --org exits 1 and says so', () => {
  const r = run(['user', 'add', 'new-person', '--name', '新 人', '--org', '存在しない機関', '--role', 'city', '--db', db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no organisation called '存在しない機関'/);
  assert.equal(sql(db, "select count(*) from app_user where login = 'new-person'"), '0');
  const usage = run(['user', 'add', 'new-person', '--db', db]);
  assert.equal(usage.status, 2, 'without --name, --org and --role');
});

test('user add without --password prints a random password that then works', async () => {
  const r = run(['user', 'add', 'cli-made', '--name', 'コマンド 作', '--org', 'ふじみ不動産', '--role', 'agent', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/^password: (\S+)$/m);
  assert.ok(m, r.stdout);
  assert.ok(m[1].length >= 13);
  const s = await login(srv.url, 'cli-made', m[1]);
  assert.ok(s.cookie, 'the printed password logs in');
  assert.match(await (await as(s, `${srv.url}/`)).text(), /コマンド 作/);
  const dup = run(['user', 'add', 'cli-made', '--name', 'x', '--org', 'ふじみ不動産', '--role', 'agent', '--password', 'a-long-password-1', '--db', db]);
  assert.equal(dup.status, 1, 'a login already taken');
});

test('user passwd sets a new password: the new one works, the old one and its sessions no longer', async () => {
  const password = 'a-brand-new-password-7';
  const before = await login(srv.url, 'peer');
  assert.equal((await as(before, `${srv.url}/`)).status, 200);
  const r = run(['user', 'passwd', 'peer', '--password', password, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await as(before, `${srv.url}/`)).status, 303, 'the session of the old password ended');
  assert.ok((await login(srv.url, 'peer', password)).cookie, 'the new password logs in');
  assert.equal((await login(srv.url, 'peer')).cookie, undefined, 'the old one does not');
  const random = run(['user', 'passwd', 'peer', '--db', db]);
  assert.equal(random.status, 0);
  const m = random.stdout.match(/^password: (\S+)$/m);
  assert.ok(m, random.stdout);
  assert.ok((await login(srv.url, 'peer', m[1])).cookie, 'the printed password logs in');
  assert.equal(run(['user', 'passwd', 'no-such-user', '--password', password, '--db', db]).status, 1);
  assert.equal(run(['user', 'passwd', 'peer', '--password', 'short', '--db', db]).status, 1);
});

test('demo on an existing file without --force exits 1 and leaves it alone', () => {
  const before = sql(db, 'select count(*) from app_user');
  const r = run(['demo', '--db', db, '--password', 'another-demo-password']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already exists/);
  assert.equal(sql(db, 'select count(*) from app_user'), before);
  const sub = mkdtempSync(join(dir, 'demo-'));
  const short = run(['demo', '--db', join(sub, 'demo.db'), '--password', 'short']);
  assert.equal(short.status, 1);
  assert.deepEqual(readdirSync(sub), [], 'a failed demo leaves no file');
});

test('serve --listen nonsense exits 2', () => {
  for (const listen of ['nonsense', '127.0.0.1', '127.0.0.1:99999', ':8080']) {
    const r = run(['serve', '--listen', listen, '--db', db]);
    assert.equal(r.status, 2, `${listen}: ${r.stderr}`);
    assert.match(r.stderr, /--listen must be ADDR:PORT/, listen);
  }
  assert.equal(run(['serve', '--threads', '1', '--listen', '127.0.0.1:0', '--db', db]).status, 2);
  // Bounded: should this ever start a server, the test fails instead of waiting for ever.
  const name = tsunagu(['serve', '--listen', 'localhost:0', '--db', db], { env, timeout: 15000, killSignal: 'SIGKILL' });
  assert.equal(name.status, 1, 'a host name is not an IP address');
  assert.match(name.stderr, /must be an IP address/);
});

test('the server stops cleanly with no sanitizer report', async () => {
  const code = await srv.stop();
  assert.deepEqual(sanitizerReports(srv.log()), []);
  assert.equal(code, 0);
});
