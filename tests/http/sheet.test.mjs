// The status-sharing sheet and the city's indicators (issue 6). The demo's sheet of FY2021
// reproduces the seed (../shared/seed/shizuoka-status-sheet.ja.txt) word for word — up to NFKC,
// as every text a user writes is stored — in all three forms: the page and `report sheet
// --format html`, the workbook read back by openpyxl (a reader that is not libxlsxwriter), and
// the PDF read by pdftotext. The computed figures are the records' (3 → 6 件, 1 → 1 回), a
// computed figure can never be typed in, and everything here is the city's alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDb, startServer, login, as, post, sql, tsunagu, removeDemoDb } from '../lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Sentences of the seed's sheet, as its Japanese original writes them (the PDF's line breaks
// joined); each must come out of every form of the demo's FY2021 sheet.
const SEED = [
  '静岡市では、精神障害にも対応した構築支援事業を取り組むにあたり、医療と福祉、行政が連携した地域移行支援体制の構築に取り組んでいます。',
  '「自治体状況共有」シート',
  '入院医療中心から地域生活中心へ',
  '・静岡市はH17.4に14番目の政令指定都市となりました。',
  '葵区、駿河区、清水区の３区に分かれていますが、静岡市として統一した支援が行えるよう、協議の場は市に1か所となっています。',
  '地域移行支援部会ワーキンググループでは、主に長期入院患者さんを対象に入院から退院後、その後の支援も受けられるよう取り組んでいます。',
  '「精神障害者ケースマネジメントモデル事業」',
  'グループホームの一室を利用して、短期間の体験宿泊を実施',
  '①支援体制の確認できる仕組み（住宅あっせんシステム）',
  '宅建協会員への研修会の開催・運用開始',
  'コロナの影響で研修会・運用開始は未定',
  '・宅建協会役員との打合せを行い、不動産会社等がシステムに期待していること等の確認ができた。',
  '②高齢分野との関係づくり',
  '駿河区においてワーキンググループメンバーと地域包括支援センター、ケアマネ等と研修会を行う',
  '左記研修を駿河区にて１回開催。',
  'ケアマネの研修会でもWGメンバーが講師として参加。',
  '・駿河区の地域の支援者が集まることで、顔つなぎをすることができた。',
  '③ピアサポート活動',
  '県と共催で、ピアサポーター養成研修（基礎）を１回開催する',
  'コロナの影響で対面研修は見合わせることとなった。',
  '交流会：５回開催',
  '・交流会を継続することで、ピアサポーター同士の繋がりや情報共有が行えている。',
  '官民協働で協議することができている。',
  '多様な居住の場の確保の推進に関すること。',
  '実際に運用していく中で常に改善点等を洗い出し、より活用しやすい制度となるよう検討していく。',
  '8050問題や障がい者の高齢化等により高齢分野との連携が一層求められている。',
  '※指標設定が困難な場合は、代替指標や定性的な文言でも構いません。',
  '①宅建との制度を活用したケースの積み上げ',
  '制度を利用して退院し、退院後も継続した地域生活が送れる。',
  '②高齢分野との連携のための研修会の開催',
  '令和５年度で各区で研修会を開催する。',
];

// Compared without white space, after NFKC (full-width digits and brackets as ASCII).
const flat = (s) => s.normalize('NFKC').replace(/\s+/g, '');

function assertSeed(text, form) {
  const t = flat(text);
  const missing = SEED.filter((s) => !t.includes(flat(s)));
  assert.deepEqual(missing, [], `${form}: seed sentences missing`);
}

let db;
let srv;
let city;
let dir;

before(async () => {
  db = demoDb();
  dir = mkdtempSync(join(tmpdir(), 'tsunagu-sheet-'));
  srv = await startServer(db);
  city = await login(srv.url, 'city');
});

after(async () => {
  await srv?.stop();
  if (db) removeDemoDb(db);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sheetFile = (format) => {
  const out = join(dir, `sheet.${format}`);
  const r = tsunagu(['report', 'sheet', '--db', db, '--fy', '2021', '--format', format, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /computed figures as of \d{4}-\d{2}-\d{2}/);
  return out;
};

test('the page and `report sheet --format html` reproduce the seed, with 3 → 6 件 and 1 → 1 回 computed', async () => {
  const res = await as(city, `${srv.url}/sheet?fy=2021`);
  assert.equal(res.status, 200);
  const page = await res.text();
  const text = page.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assertSeed(text, 'page');
  // The coming table: the baseline computed (＊, NFKC *) from the records of R3, the target entered.
  assert.match(flat(text), /1宅建との制度を活用したケースの積み上げ3件\*6件/); // ① is 1 after NFKC
  assert.match(flat(text), /2高齢分野との連携のための研修会の開催1回\*1回/);
  assert.match(text, /目標値\s*（令和5年度末）/);
  assert.match(text, /＊印の値は、\d{4}-\d{2}-\d{2}時点の記録から算出/);
  const file = readFileSync(sheetFile('html'), 'utf8');
  assert.match(file, /^<!doctype html><html lang="ja">/);
  assert.match(file, /<style>[^<]*\.status-sheet/); // self-contained: the stylesheet inside
  assertSeed(file.replace(/<[^>]+>/g, ' '), 'html file');
});

test('the workbook read back by openpyxl holds the seed, numbers as numbers and a chart per computed indicator', () => {
  const wb = JSON.parse(execFileSync('python3', [join(root, 'tests', 'lib', 'xlsx_cells.py'), sheetFile('xlsx')], { encoding: 'utf8' }));
  const all = wb.sheets.flatMap((s) => Object.values(s.cells).map(String)).join('\n');
  assertSeed(all, 'xlsx');
  assert.ok(wb.sheets.length >= 6, wb.sheets.map((s) => s.title).join(', '));
  for (const s of wb.sheets.filter((x) => Object.keys(x.cells).length > 0 && x.print)) {
    assert.equal(s.print.paperSize, 9, `${s.title}: A4`);
  }
  const computed = Number(sql(db, 'select count(*) from indicator where computation is not null and active = 1'));
  assert.ok(computed >= 2);
  assert.equal(wb.chart_parts, computed, 'one native chart per computed indicator');
  const data = wb.sheets.find((s) => s.title === 'データ');
  assert.ok(data, 'a data sheet');
  assert.ok(Object.values(data.cells).some((v) => v === 3), 'the housing cases of R3 as the number 3');
});

test('the PDF read by pdftotext holds the seed; A4 with IPAexGothic embedded', () => {
  const pdf = sheetFile('pdf');
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  // -raw: the text in the order it was drawn, so a table cell's wrapped lines stay together (with
  // -layout the lines of side-by-side cells interleave).
  assertSeed(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }), 'pdf');
  assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)|Page size:\s+595\.\d* x 842 pts/);
  assert.match(execFileSync('pdffonts', [pdf], { encoding: 'utf8' }), /IPAexGothic/);
});

test('downloads: the workbook and the PDF with their types and names', async () => {
  const x = await as(city, `${srv.url}/sheet.xlsx?fy=2021`);
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(x.headers.get('content-disposition'), /attachment; filename="status-sheet-221007-2021\.xlsx"/);
  assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const p = await as(city, `${srv.url}/sheet.pdf?fy=2021`);
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await p.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  for (const q of ['?fy=1999', '?fy=R3', '?fy=20211']) assert.equal((await as(city, `${srv.url}/sheet.xlsx${q}`)).status, 404, q);
  // No temporary workbook is left behind.
  assert.deepEqual(readdirSync(tmpdir()).filter((f) => f.startsWith('tsunagu-sheet-') && f.endsWith('.xlsx')), []);
});

test('the indicators page draws each computed indicator over the years', async () => {
  const page = await (await as(city, `${srv.url}/indicators?fy=2023`)).text();
  const computed = Number(sql(db, 'select count(*) from indicator where computation is not null and active = 1'));
  assert.equal((page.match(/<figure class="chart"/g) || []).length, computed);
  assert.match(page, /宅建との制度を活用したケースの積み上げ/);
  const charts = page.slice(page.indexOf('id="charts"'), page.indexOf('id="figures"'));
  assert.doesNotMatch(charts, /<script|on[a-z]+=/, 'the charts are drawn without script');
  for (const code of ['community_days_1y', 'early_discharge_rate_3m', 'longstay_inpatients', 'housing_scheme_cases']) {
    assert.match(page, new RegExp(`<code>${code}</code>`));
  }
  const ward = await as(city, `${srv.url}/indicators?fy=2023&ward=221023`);
  assert.equal(ward.status, 200);
  assert.equal((await as(city, `${srv.url}/indicators?fy=2023&ward=999999`)).status, 404);
});

test('a computed figure can never be typed in; an entered year is stored and shown', async () => {
  const id = sql(db, "select id from indicator where computation = 'housing_scheme_cases'");
  const before = sql(db, `select count(*) from indicator_year where indicator_id = ${id}`);
  const page = await (await as(city, `${srv.url}/indicators/${id}`)).text();
  assert.doesNotMatch(page, /name="baseline"/, 'no baseline field for a computed indicator');
  const refused = await post(city, `${srv.url}/indicators/${id}/years`, {
    fy: '2024', target_fy: '2026', target: '9', baseline: '5',
  });
  assert.equal(refused.status, 400);
  assert.equal(sql(db, `select count(*) from indicator_year where indicator_id = ${id}`), before);
  const bad = await post(city, `${srv.url}/indicators/${id}/years`, { fy: '2024', target_fy: '2026', target: '九' });
  assert.equal(bad.status, 400);
  const ok = await post(city, `${srv.url}/indicators/${id}/years`, {
    fy: '2024', target_fy: '2026', target: '１２', expected_text: '継続した地域生活',
  });
  assert.equal(ok.status, 303);
  assert.equal(sql(db, `select target_value || '|' || target_fy || '|' || (baseline_value is null) from indicator_year where indicator_id = ${id} and fy = 2024`), '12.0|2026|1');
  const shown = await (await as(city, `${srv.url}/indicators/${id}`)).text();
  assert.match(shown, /12件/);
  assert.match(shown, /[0-9]+件＊/); // the computed actual of a past target year, marked
});

test('the city alone: every other role is refused the sheet and the indicators', async () => {
  for (const user of ['counselor-aoi', 'hospital', 'agent', 'peer', 'admin', 'auditor']) {
    const s = await login(srv.url, user);
    for (const path of ['/sheet?fy=2021', '/sheet.xlsx?fy=2021', '/sheet.pdf?fy=2021', '/indicators', '/indicators/new']) {
      assert.equal((await as(s, srv.url + path)).status, 403, `${user} ${path}`);
    }
  }
});

test('`report sheet` refuses bad arguments and leaves no file', () => {
  const out = join(dir, 'bad.xlsx');
  for (const args of [['--fy', '2021', '--format', 'docx', '--out', out], ['--fy', 'R3', '--format', 'pdf', '--out', out],
    ['--fy', '2021', '--format', 'pdf'], ['--fy', '2021', '--format', 'pdf', '--out', out, '--as-of', '2021-02-30']]) {
    const r = tsunagu(['report', 'sheet', '--db', db, ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /usage: tsunagu report sheet/);
  }
  assert.equal(existsSync(out), false);
  const r = tsunagu(['report', 'sheet', '--db', db, '--fy', '2021', '--format', 'pdf', '--out', join(dir, 'no-such-dir', 'x.pdf')]);
  assert.equal(r.status, 1);
  writeFileSync(join(dir, 'keep.txt'), '');
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), []);
});
