// The waiting room of a registration opening (issue 17, docs/adr/0010), in Chromium with
// JavaScript OFF, at 390 px and 1280 px: a visitor who arrives before the opening T is told that
// their place will be drawn at T, the page reloads itself (Refresh header) and, once T has come
// and their turn with it, sends them on to the page they asked for (`suite`); a `suite` leading
// off the site sends them home instead. The order itself is tested in
// src/services/waiting_room_test.cc (random before T, first-come after, two instances).
// Run by CTest as: node --test tests/e2e/rush.test.mjs (JUO_BIN, JUO_E2E_OUT, CHROMIUM).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, offlineContext, seriousA11yViolations, startServer, stopServer } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const opensIn = 14;  // seconds from the server's start to T
let server;
let base;
let browser;
let db;

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();
const isoIn = (seconds) => new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  db = path.join(out, 'rush.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  execFileSync(juo, ['seed', '--db', db, '--open-now', '--quiet']);
  const config = path.join(out, 'rush.toml');
  // Reloads every 10 s (time for the checks below before the first reload); 1,000 visitors a second: everyone's turn comes as soon as T has.
  writeFileSync(config, '[waiting_room]\nrefresh_seconds = 10\nrate_per_second = 1000\n');
  sql(`UPDATE edition SET registration_opens_at = '${isoIn(opensIn)}' WHERE year = (SELECT max(year) FROM edition)`);
  ({ child: server, url: base } = await startServer(juo, db, {}, ['--config', config]));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

test('before the opening the room explains the draw, then lets the visitor through without JavaScript', async () => {
  const contexts = [
    ['390', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ['1280', { viewport: { width: 1280, height: 900 } }],
  ];
  const pages = [];
  for (const [label, options] of contexts) {
    const context = await offlineContext(browser, { ...options, javaScriptEnabled: false });
    const page = await context.newPage();
    const answer = await page.goto(`${base}/file-d-attente?suite=%2Fa-propos`);
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['refresh'] || '', /^10; url=\/file-d-attente\?suite=%2Fa-propos$/);
    assert.equal(answer.headers()['cache-control'], 'no-store');
    await page.getByRole('heading', { name: "File d'attente" }).waitFor();
    assert.match(await page.textContent('main'), /tirée au sort/);
    const cookies = await context.cookies();
    const ticket = cookies.find((c) => c.name === 'juo_file');
    assert.ok(ticket && ticket.httpOnly, 'an HttpOnly ticket cookie');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= options.viewport.width, `no horizontal scroll at ${label} px`);
    await page.screenshot({ path: path.join(shots, `waiting-room-before-${label}.png`), fullPage: true });
    // axe-core needs scripts (its timers do not run with JavaScript off): the same page, with
    // the same ticket, in a context where they run.
    const checker = await offlineContext(browser, options);
    await checker.addCookies([ticket]);
    const checked = await checker.newPage();
    await checked.goto(`${base}/file-d-attente?suite=%2Fa-propos`);
    assert.deepEqual(await seriousA11yViolations(checked), [], 'no serious accessibility violation');
    await checker.close();
    pages.push([label, page, context]);
  }
  // The Refresh header alone (no script) brings each visitor to the page asked for after T.
  for (const [label, page, context] of pages) {
    await page.waitForURL(/\/a-propos$/, { timeout: (opensIn + 20) * 1000 });
    // The new page laid out before the picture: taken right at its load, Chromium once refused
    // the capture ("Unable to capture screenshot", make check in CI).
    await page.locator('main h1').waitFor();
    await page.screenshot({ path: path.join(shots, `waiting-room-through-${label}.png`) });
    // A `suite` off the site leads home.
    const away = await page.goto(`${base}/file-d-attente?suite=%2F%2Fevil.example%2F`);
    assert.equal(new URL(away.url()).pathname, '/');
    assert.equal(new URL(away.url()).host, new URL(base).host);
    await context.close();
  }
  assert.equal(Number(sql('SELECT count(*) FROM waiting_ticket WHERE admitted_at IS NOT NULL')), 2);
  assert.equal(sql('SELECT group_concat(queue_rank) FROM (SELECT queue_rank FROM waiting_ticket ORDER BY queue_rank)'), '1,2');
});
