// Issue 20 ("files that Excel opens"), checked with SheetJS (npm `xlsx`, a reader we did not write):
// every CSV download of a seeded `juo serve` — the back office's six export lists (pages and API),
// the bilan's tables and a host's visitor list — as the plain RFC 4180 CSV, as the Excel (FR) CSV
// (format=csv-excel) and as XLSX gives the same cells:
//   - the XLSX is the typed reference: numbers are number cells, dates and times are date cells
//     (a date number format), text is text;
//   - the plain CSV says the same numbers with a decimal point and the dates in ISO form;
//   - the Excel CSV starts with the UTF-8 BOM, is `;`-separated, says the numbers with a decimal
//     comma (no thousands separator) and the dates as dd/mm/yyyy (hh:mm);
//   - a text cell is the same text in the three files (the CSVs put a ' before a text a
//     spreadsheet would run as a formula);
//   - where a JSON form exists (the API's lists, the bilan's tables), its numbers are the XLSX's
//     number cells, so no number became text on the way.
//
// Run by CTest (standards_tables) as: node --test tests/standards/tables_sheetjs.test.mjs, with
// JUO_BIN (the juo program) and JUO_STANDARDS_OUT (a scratch folder) in the environment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

const juo = process.env.JUO_BIN || 'build/default/apps/juo';
const out = path.join(process.env.JUO_STANDARDS_OUT || os.tmpdir(), `tables-${process.pid}`);
const LISTS = ['sites', 'sessions', 'requests', 'bookings', 'media', 'answers'];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

let server;
let base;
const accounts = {};  // role label → { email, password }
let organiser;        // { bearer, cookie }
let host;

// `juo serve --db DB` on a free loopback port (as tests/e2e/lib.mjs starts it); { child, url }.
function startServer(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(juo, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error('juo serve did not start within 20 s')), 20000);
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`juo serve exited with ${code}`)); });
  });
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  const stopped = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await stopped;
}

// Signs in through the API; { bearer, cookie } (the session id serves both).
async function signIn(role) {
  const { email, password } = accounts[role];
  const r = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(r.status, 201, `${role} signs in`);
  const body = await r.json();
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
  return { bearer: body.session_id, cookie };
}

// GET with the caller's credentials; { status, type, disposition, bytes }.
async function download(url, who, { page = false } = {}) {
  const headers = {};
  if (who && page) headers.cookie = who.cookie;
  else if (who) headers.authorization = `Bearer ${who.bearer}`;
  const r = await fetch(base + url, { headers });
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(r.status, 200, `${url}: ${bytes.toString('utf8').slice(0, 300)}`);
  return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition') || '', bytes };
}

// The cells of SheetJS's first (or named) sheet as a grid of SheetJS cells (undefined = empty).
function grid(sheet) {
  if (!sheet || !sheet['!ref']) return [];
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const rows = [];
  for (let r = range.s.r; r <= range.e.r; ++r) {
    const row = [];
    for (let c = range.s.c; c <= range.e.c; ++c) row.push(sheet[XLSX.utils.encode_cell({ r, c })]);
    rows.push(row);
  }
  return rows;
}

// A CSV as SheetJS reads it, every cell as its text (raw: no guessing of types, which the
// comparison does from the XLSX's types).
function csvCells(text, separator) {
  const wb = XLSX.read(text, { type: 'string', raw: true, FS: separator });
  return grid(wb.Sheets[wb.SheetNames[0]]).map((row) => row.map((cell) => (cell ? String(cell.v) : '')));
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

// The typed value of an XLSX cell: { kind: 'empty' | 'number' | 'date' | 'text', ... }.
function typed(cell) {
  if (!cell || cell.v === undefined || cell.v === '') return { kind: 'empty' };
  if (cell.t === 'n' && cell.z && XLSX.SSF.is_date(cell.z)) {
    const d = XLSX.SSF.parse_date_code(cell.v);
    const hasDate = /[dy]/i.test(cell.z.replace(/\[[^\]]*\]/g, ''));
    const hasTime = /h/i.test(cell.z);
    return { kind: 'date', d, hasDate, hasTime, z: cell.z };
  }
  if (cell.t === 'n') return { kind: 'number', v: cell.v };
  if (cell.t === 's' || cell.t === 'str') return { kind: 'text', v: String(cell.v) };
  return { kind: 'other', v: cell.v, t: cell.t };
}

// What the two CSVs must say for a date cell.
function dateTexts({ d, hasDate, hasTime }) {
  const iso = `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
  const fr = `${pad(d.d)}/${pad(d.m)}/${pad(d.y, 4)}`;
  const hm = `${pad(d.H)}:${pad(d.M)}`;
  if (hasDate && hasTime) return { plain: `${iso} ${hm}`, excel: `${fr} ${hm}` };
  if (hasDate) return { plain: iso, excel: fr };
  return { plain: hm, excel: hm };
}

const looksLikeFormula = (s) => /^[=+\-@\t\r]/.test(s);

// Asserts that the plain CSV, the Excel CSV and the XLSX sheet hold the same cells; returns the
// count of each kind compared.
function assertSameCells(label, plainBytes, excelBytes, sheet) {
  assert.ok(excelBytes.subarray(0, 3).equals(BOM), `${label}: the Excel CSV starts with the UTF-8 BOM`);
  assert.ok(!plainBytes.subarray(0, 3).equals(BOM), `${label}: the plain CSV has no BOM`);
  const excelText = excelBytes.subarray(3).toString('utf8');
  const plainText = plainBytes.toString('utf8');
  assert.ok(excelText.endsWith('\r\n') && plainText.endsWith('\r\n'), `${label}: CRLF line ends`);
  const firstExcel = excelText.slice(0, excelText.indexOf('\r\n'));
  const firstPlain = plainText.slice(0, plainText.indexOf('\r\n'));
  assert.equal(firstExcel, firstPlain.split(',').join(';'), `${label}: the Excel header is the same titles, ';'-separated`);
  const plain = csvCells(plainText, ',');
  const excel = csvCells(excelText, ';');
  const xlsx = grid(sheet);
  assert.equal(plain.length, xlsx.length, `${label}: rows, plain CSV vs XLSX`);
  assert.equal(excel.length, xlsx.length, `${label}: rows, Excel CSV vs XLSX`);
  const counts = { number: 0, date: 0, text: 0, empty: 0, decimal: 0 };
  xlsx.forEach((row, r) => {
    const width = Math.max(row.length, plain[r].length, excel[r].length);
    for (let c = 0; c < width; ++c) {
      const where = `${label} ${XLSX.utils.encode_cell({ r, c })}`;
      const cell = typed(row[c]);
      const p = plain[r][c] ?? '';
      const e = excel[r][c] ?? '';
      counts[cell.kind] = (counts[cell.kind] || 0) + 1;
      switch (cell.kind) {
        case 'empty':
          assert.equal(p, '', `${where}: empty in the XLSX, empty in the plain CSV`);
          assert.equal(e, '', `${where}: empty in the XLSX, empty in the Excel CSV`);
          break;
        case 'number': {
          assert.match(p, /^-?\d+(\.\d+)?$/, `${where}: a plain number with a decimal point`);
          assert.match(e, /^-?\d+(,\d+)?$/, `${where}: a number with a decimal comma, no thousands separator`);
          assert.equal(Number(p), cell.v, `${where}: the plain CSV's number is the XLSX's`);
          assert.equal(Number(e.replace(',', '.')), cell.v, `${where}: the Excel CSV's number is the XLSX's`);
          if (!Number.isInteger(cell.v)) counts.decimal += 1;
          break;
        }
        case 'date': {
          const want = dateTexts(cell);
          assert.equal(p, want.plain, `${where}: the plain CSV's date (${cell.z})`);
          assert.equal(e, want.excel, `${where}: the Excel CSV's date (${cell.z})`);
          break;
        }
        case 'text': {
          const shown = looksLikeFormula(cell.v) ? `'${cell.v}` : cell.v;
          assert.equal(p, shown, `${where}: the plain CSV's text`);
          assert.equal(e, shown, `${where}: the Excel CSV's text`);
          break;
        }
        default:
          assert.fail(`${where}: an unexpected XLSX cell ${JSON.stringify(cell)}`);
      }
    }
  });
  return counts;
}

// A date-looking plain CSV cell ("2025-04-04", "2025-01-14 08:10", "09:00") must be a date cell:
// a column of dates is a date column.
function assertDatesAreDateCells(label, plainBytes, sheet) {
  const plain = csvCells(plainBytes.toString('utf8'), ',');
  const xlsx = grid(sheet);
  let dates = 0;
  plain.forEach((row, r) => row.forEach((p, c) => {
    if (r === 0 || !/^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?|\d{2}:\d{2})$/.test(p)) return;
    assert.equal(typed(xlsx[r][c]).kind, 'date', `${label} ${XLSX.utils.encode_cell({ r, c })}: ${p} is a date cell`);
    dates += 1;
  }));
  return dates;
}

// JSON numbers are XLSX number cells (rows of arrays, or of objects in the columns' order).
function assertJsonNumbersAreNumbers(label, rows, sheet) {
  const xlsx = grid(sheet);
  let numbers = 0;
  rows.forEach((row, i) => {
    const values = Array.isArray(row) ? row : Object.values(row);
    values.forEach((v, c) => {
      if (typeof v !== 'number') return;
      const cell = typed(xlsx[i + 1][c]);
      assert.equal(cell.kind, 'number', `${label} row ${i + 1} col ${c}: JSON ${v} is an XLSX number`);
      assert.equal(cell.v, v, `${label} row ${i + 1} col ${c}: the same number`);
      numbers += 1;
    });
  });
  return numbers;
}

function firstSheet(bytes) {
  const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true });
  return wb.Sheets[wb.SheetNames[0]];
}

before(async () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const db = path.join(out, 'tables.db');
  // The 2025 replica (the exports and the bilan of a full edition), then an open edition with one
  // demo account per role (the organiser, a host whose factory has visitors).
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  const printed = execFileSync(juo, ['seed', '--db', db, '--open-now', '--demo-accounts', '--quiet']).toString();
  for (const line of printed.split('\n')) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length === 4 && cells[1].endsWith('@demo.juo.test')) accounts[cells[0]] = { email: cells[1], password: cells[2] };
  }
  assert.ok(accounts.Organisation && accounts['Hôte (usine)'], `demo accounts printed:\n${printed}`);
  ({ child: server, url: base } = await startServer(db));
  organiser = await signIn('Organisation');
  host = await signIn('Hôte (usine)');
});

after(async () => {
  await stopServer(server);
});

test('the exports page links CSV, CSV (Excel) and XLSX for every list', async () => {
  const page = (await download('/organisation/exports?edition=2025', organiser, { page: true })).bytes.toString('utf8');
  for (const list of LISTS) {
    for (const format of ['csv', 'csv-excel', 'xlsx'])
      assert.ok(page.includes(`/organisation/exports/${list}?format=${format}&amp;edition=2025`), `${list} as ${format}`);
  }
  assert.match(page, /CSV \(Excel\)/);
});

for (const list of LISTS) {
  test(`the ${list} export: the same cells as CSV, Excel CSV and XLSX (pages and API)`, async (t) => {
    const pageUrl = (format) => `/organisation/exports/${list}?format=${format}&edition=2025`;
    const plain = await download(pageUrl('csv'), organiser, { page: true });
    const excel = await download(pageUrl('csv-excel'), organiser, { page: true });
    const xlsx = await download(pageUrl('xlsx'), organiser, { page: true });
    assert.equal(plain.type, 'text/csv; charset=utf-8');
    assert.equal(excel.type, 'text/csv; charset=utf-8');
    assert.match(xlsx.type, /spreadsheetml\.sheet/);
    assert.equal(plain.disposition, `attachment; filename="juo-2025-${list}.csv"`);
    assert.equal(excel.disposition, `attachment; filename="juo-2025-${list}-excel.csv"`);
    assert.equal(xlsx.disposition, `attachment; filename="juo-2025-${list}.xlsx"`);
    const sheet = firstSheet(xlsx.bytes);
    const counts = assertSameCells(list, plain.bytes, excel.bytes, sheet);
    assert.ok(counts.number > 0, `${list}: some numbers (${JSON.stringify(counts)})`);
    const dates = assertDatesAreDateCells(list, plain.bytes, sheet);
    if (list !== 'sites') assert.ok(dates > 0, `${list}: some date cells`);
    t.diagnostic(`${list}: ${JSON.stringify(counts)}`);

    // The API gives the same files, and its JSON keeps the codes with the same numbers.
    const api = (format) => `/api/v1/exports/${list}?format=${format}&edition=2025`;
    assert.ok((await download(api('csv'), organiser)).bytes.equals(plain.bytes), `${list}: API CSV = page CSV`);
    assert.ok((await download(api('csv-excel'), organiser)).bytes.equals(excel.bytes), `${list}: API Excel CSV = page's`);
    const rows = JSON.parse((await download(api('json'), organiser)).bytes.toString('utf8'));
    assert.equal(rows.length + 1, grid(sheet).length, `${list}: JSON rows`);
    const numbers = assertJsonNumbersAreNumbers(list, rows, sheet);
    assert.ok(numbers > 0, `${list}: JSON numbers compared`);
  });
}

test('the exports say enumerations in French in the files and as codes in the JSON', async () => {
  const requests = (await download('/organisation/exports/requests?format=csv&edition=2025', organiser, { page: true })).bytes.toString('utf8');
  assert.match(requests, /,Scolaires,/);
  assert.match(requests, /,acceptée,/);
  assert.doesNotMatch(requests, /,school,|,accepted,/);
  assert.match(requests, /\n\d+,2025-\d{2}-\d{2} \d{2}:\d{2},/, 'the submission time in Paris time');
  const json = JSON.parse((await download('/api/v1/exports/requests?edition=2025', organiser)).bytes.toString('utf8'));
  assert.equal(json[0].audience, 'school');
  assert.match(json[0].submitted_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
});

test("the bilan's tables: the same cells as CSV, Excel CSV and the XLSX workbook", async (t) => {
  const workbook = XLSX.read((await download('/bilan/tableaux.xlsx?edition=2025')).bytes, { type: 'buffer', cellNF: true });
  const tables = JSON.parse((await download('/bilan/tableaux.json?edition=2025')).bytes.toString('utf8')).tables;
  assert.equal(workbook.SheetNames.length, tables.length);
  const dashboard = (await download('/bilan?edition=2025')).bytes.toString('utf8');
  let decimals = 0;
  let dates = 0;
  for (const table of tables) {
    const sheet = workbook.Sheets[table.code.slice(0, 31)];
    assert.ok(sheet, `a sheet ${table.code}`);
    assert.ok(dashboard.includes(`/bilan/tableaux/${table.code}.csv?edition=2025&amp;format=csv-excel`),
      `the dashboard links the Excel CSV of ${table.code}`);
    const plain = await download(`/bilan/tableaux/${table.code}.csv?edition=2025`);
    const excel = await download(`/bilan/tableaux/${table.code}.csv?edition=2025&format=csv-excel`);
    assert.match(excel.disposition, new RegExp(`-${table.code}-excel\\.csv"$`));
    const counts = assertSameCells(`bilan ${table.code}`, plain.bytes, excel.bytes, sheet);
    decimals += counts.decimal;
    dates += assertDatesAreDateCells(`bilan ${table.code}`, plain.bytes, sheet);
    assertJsonNumbersAreNumbers(`bilan ${table.code}`, table.rows, sheet);
  }
  t.diagnostic(`bilan: ${tables.length} tables, ${decimals} decimals, ${dates} dates`);
  assert.ok(decimals > 0, 'some decimals compared (decimal comma vs decimal point)');
  assert.ok(dates > 0, "the days' dates are date cells");
});

test("a host's visitor list: the same cells as CSV, Excel CSV and XLSX", async (t) => {
  const sites = JSON.parse((await download('/api/v1/host/sites', host)).bytes.toString('utf8')).sites;
  assert.ok(sites.length > 0);
  const site = sites[0].id;
  const tours = (await download(`/usine/${site}/visites`, host, { page: true })).bytes.toString('utf8');
  assert.match(tours, /data-export="csv-excel"/);
  const page = (format) => `/usine/${site}/visiteurs?format=${format}`;
  const plain = await download(page('csv'), host, { page: true });
  const excel = await download(page('csv-excel'), host, { page: true });
  const xlsx = await download(page('xlsx'), host, { page: true });
  assert.match(excel.disposition, /-excel\.csv"$/);
  const sheet = firstSheet(xlsx.bytes);
  const counts = assertSameCells('visitors', plain.bytes, excel.bytes, sheet);
  assert.ok(grid(sheet).length > 1, 'the demo host has visitors');
  assert.ok(counts.number > 0 && counts.date > 0, JSON.stringify(counts));
  t.diagnostic(`visitors: ${JSON.stringify(counts)}`);
  // The API's files are the page's.
  const api = (format) => `/api/v1/host/sites/${site}/visitors?format=${format}`;
  assert.ok((await download(api('csv-excel'), host)).bytes.equals(excel.bytes));
});
