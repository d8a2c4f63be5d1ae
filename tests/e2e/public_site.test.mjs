// Browser tests of the public site: Playwright-core drives Debian's Chromium (never a
// downloaded browser) against a real `juo serve` on a seeded replica, on loopback.
// Run by CTest (tests/CMakeLists.txt) as: node --test tests/e2e/public_site.test.mjs
// Environment: JUO_BIN (the juo program), JUO_E2E_OUT (folder for the database, logs and
// screenshots), CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer, stopServer, seriousA11yViolations } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
let server;
let base;
let browser;

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  const db = path.join(out, 'e2e.db');
  rmSync(db, { force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  ({ child: server, url: base } = await startServer(juo, db));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

async function newcomerJourney(javaScriptEnabled, name) {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  // Tiles cannot load here (no network): the page must stay usable without them.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(base + '/');
  await assert.doesNotReject(page.getByRole('heading', { level: 1 }).first().waitFor());
  assert.match(await page.locator('main').innerText(), /227/);  // open factories of the replica
  await page.screenshot({ path: path.join(shots, `${name}-1-home.png`), fullPage: true });
  // axe-core runs as a script: only where the page runs scripts.
  if (javaScriptEnabled) assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');

  // Search "Lyon" within 30 km for Saturday.
  await page.getByLabel(/ville|code postal/i).first().fill('Lyon');
  await page.getByLabel(/rayon|distance/i).first().selectOption('30');
  await page.getByLabel(/jour/i).first().selectOption('saturday');
  await Promise.all([page.waitForURL(/\/recherche\?/), page.getByRole('button', { name: /rechercher/i }).first().click()]);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('near'), 'Lyon');
  assert.equal(url.searchParams.get('radius'), '30');
  assert.equal(url.searchParams.get('day'), 'saturday');
  const results = page.locator('main a[href^="/usines/"]');
  assert.ok(await results.count() > 0, 'the search lists factories around Lyon');
  await page.screenshot({ path: path.join(shots, `${name}-2-search-lyon.png`), fullPage: true });
  // axe-core runs as a script: only where the page runs scripts.
  if (javaScriptEnabled) assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');

  // Open the first factory and see its tours.
  await Promise.all([page.waitForURL(/\/usines\/\d+/), results.first().click()]);
  const text = await page.locator('main').innerText();
  assert.match(text, /samedi 5 avril/i);
  assert.match(text, /\d{1,2}(:\d{2}|\s?h)/);  // a tour's time, "9 h – 11 h"
  await page.screenshot({ path: path.join(shots, `${name}-3-site.png`), fullPage: true });
  // axe-core runs as a script: only where the page runs scripts.
  if (javaScriptEnabled) assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
  assert.deepEqual(errors, []);
  await context.close();
}

test('a newcomer finds a factory near Lyon on Saturday and sees its tours', async () => {
  await newcomerJourney(true, 'js');
});

test('the same journey works with JavaScript disabled', async () => {
  await newcomerJourney(false, 'nojs');
});

test('the site switches to English', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.getByRole('link', { name: /english/i }).first().click();
  await page.waitForLoadState();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('main').innerText(), /factor/i);
  await page.screenshot({ path: path.join(shots, 'en-home.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
  await context.close();
});

test('a phone-sized screen shows the search without horizontal scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(base + '/recherche?near=Lyon&radius=30&day=saturday');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll (overflow ${overflow}px)`);
  await page.screenshot({ path: path.join(shots, 'mobile-search.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
  await context.close();
});

test('the bilan: every chart is an SVG, the filters narrow it, the PDF downloads; the press page', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(base + '/bilan');
  assert.match(await page.locator('main').innerText(), /227\s+usines ouvertes/);
  const sources = await page.locator('main img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  assert.ok(sources.length >= 7, `charts on the page: ${sources.length}`);
  for (const src of sources) {
    const response = await page.request.get(base + src);
    assert.equal(response.status(), 200, src);
    assert.equal(response.headers()['content-type'], 'image/svg+xml', src);
  }
  // The first chart is drawn by the browser (decoded, not a broken image).
  await page.locator('main img').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => { const i = document.querySelector('main img'); return i.complete && i.naturalWidth > 0; });
  await page.screenshot({ path: path.join(shots, 'bilan.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');

  await page.getByLabel(/région/i).selectOption('84');
  await Promise.all([page.waitForURL(/region=84/), page.getByRole('button', { name: /afficher/i }).click()]);
  assert.match(await page.locator('main').innerText(), /Auvergne-Rhône-Alpes/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /PDF/ }).click()]);
  assert.match(download.suggestedFilename(), /^bilan-juo-2025-region-84\.pdf$/);
  const pdf = await download.createReadStream();
  const head = await new Promise((resolve) => pdf.once('data', (chunk) => resolve(chunk.subarray(0, 5).toString())));
  assert.equal(head, '%PDF-');

  await page.goto(base + '/presse');
  assert.match(await page.locator('main').innerText(), /227\s+usines ouvertes/);
  await page.screenshot({ path: path.join(shots, 'press.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
  await context.close();
});
