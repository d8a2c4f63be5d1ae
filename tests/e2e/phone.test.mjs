// Browser tests of the phone-first visitor pages (issue 17, part D): the factory page's tour
// cards and their full-width booking buttons, the search with its results first and its filters
// folded, the five accessibility kinds, and the states shown instead of a booking (a closed
// edition). At 390 px (a phone) and 1280 px, with screenshots and axe.
// Run: node --test tests/e2e/phone.test.mjs (JUO_BIN, JUO_E2E_OUT, CHROMIUM as in lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, offlineContext, startServer, stopServer, seriousA11yViolations } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let open, closed, browser;

function freshDb(name) {
  const db = path.join(out, name);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  return db;
}

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  // An edition open now (what `make demo` runs), and the plain replica: a closed past edition.
  const openDb = freshDb('phone-open.db');
  execFileSync(juo, ['seed', '--db', openDb, '--quiet']);
  execFileSync(juo, ['seed', '--db', openDb, '--open-now', '--quiet']);
  const closedDb = freshDb('phone-closed.db');
  execFileSync(juo, ['seed', '--db', closedDb, '--quiet']);
  open = await startServer(juo, openDb);
  closed = await startServer(juo, closedDb);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (open) await stopServer(open.child);
  if (closed) await stopServer(closed.child);
});

const overflowOf = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// A factory with a tour the public can book now, from the open edition's API.
async function bookableSite() {
  const answer = await (await fetch(`${open.url}/api/v1/search?audience=public&available=1&per_page=1`)).json();
  assert.ok(answer.results.length > 0, 'the open replica has public tours with places');
  return answer.results[0].id;
}

test('on a phone the factory page shows tour cards with full-width booking buttons', async () => {
  const context = await offlineContext(browser, phone);
  const page = await context.newPage();
  const site = await bookableSite();
  await page.goto(`${open.url}/usines/${site}`);
  assert.ok(await overflowOf(page) <= 1, 'nothing wider than the screen');
  const buttons = page.locator('.tour-card a[href^="/reserver/"]');
  assert.ok(await buttons.count() > 0, 'a booking button');
  for (const button of await buttons.all()) {
    const box = await button.boundingBox();
    const card = await button.locator('xpath=ancestor::li[contains(@class,"tour-card")]').boundingBox();
    assert.ok(box.height >= 44, `button at least 44 px high (${box.height})`);
    assert.ok(box.width >= card.width - 2 * 20, `button as wide as its card (${box.width} of ${card.width})`);
    assert.ok(box.x >= 0 && box.x + box.width <= 390, 'button inside the screen');
  }
  // The accessibility kinds, as text.
  assert.match(await page.locator('main').innerText(), /Accueil des personnes handicapées/);
  await page.screenshot({ path: path.join(shots, 'phone-1-site-390.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
  await context.close();

  const wide = await offlineContext(browser);
  const desk = await wide.newPage();
  await desk.goto(`${open.url}/usines/${site}`);
  assert.ok(await overflowOf(desk) <= 1);
  await desk.screenshot({ path: path.join(shots, 'phone-2-site-1280.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(desk), [], 'serious or critical accessibility violations');
  await wide.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`on a phone the search results come first, the filters fold away (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = await offlineContext(browser, { ...phone, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${open.url}/recherche?near=Lyon&radius=30`);
    assert.ok(await overflowOf(page) <= 1, 'no horizontal scroll');
    const first = await page.locator('.result').first().boundingBox();
    assert.ok(first && first.y < 844, `the first result starts within the first screen (at ${first && first.y} px)`);
    assert.equal(await page.locator('details.filters-fold').getAttribute('open'), null, 'filters folded');
    await page.screenshot({ path: path.join(shots, `phone-3-search-390-${javaScriptEnabled ? 'js' : 'nojs'}.png`) });
    // Unfold, tick two kinds, search: the URL carries them, the boxes stay ticked.
    await page.locator('details.filters-fold > summary').click();
    await page.getByLabel('Handicap moteur').check();
    await page.getByLabel('Handicap visuel').check();
    await Promise.all([page.waitForURL(/accessibility=motor/), page.getByRole('button', { name: /rechercher/i }).click()]);
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('accessibility'), ['motor', 'visual']);
    assert.match(await page.locator('.result').first().innerText(), /Handicaps accueillis\s:\s?moteur, visuel/);
    if (javaScriptEnabled) assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
    await context.close();
  });
}

test('at 1280 px the filters sit beside the results', async () => {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  await page.goto(`${open.url}/recherche?near=Lyon&radius=30`);
  await page.waitForFunction(() => document.querySelector('details.filters-fold').open);
  const filters = await page.locator('form.filters').boundingBox();
  const results = await page.locator('.result').first().boundingBox();
  assert.ok(filters.x + filters.width <= results.x, 'filters on the left of the results');
  await page.screenshot({ path: path.join(shots, 'phone-4-search-1280.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
  await context.close();
});

test('a closed edition shows its state, no booking button and no places left', async () => {
  const context = await offlineContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${closed.url}/`);
  const home = await page.locator('main').innerText();
  assert.match(home, /Les réservations (de cette édition )?sont closes/);
  assert.doesNotMatch(home, /places encore disponibles/);
  const answer = await (await fetch(`${closed.url}/api/v1/search?audience=public&per_page=1`)).json();
  await page.goto(`${closed.url}/usines/${answer.results[0].id}`);
  const text = await page.locator('main').innerText();
  assert.match(text, /Les réservations (de cette édition )?sont closes/);
  assert.match(text, /Cette visite a eu lieu le \w+ \d+ avril 2025\./);
  assert.doesNotMatch(text, /places disponibles/);
  assert.equal(await page.locator('a[href^="/reserver/"]').count(), 0);
  // The map's popup says the edition's state too, not the places left.
  await page.locator('#map .leaflet-marker-icon').first().click();
  // Leaflet fades the popup in: axe measures contrast only once it is fully opaque.
  await page.waitForFunction(() => {
    const shown = document.querySelector('.leaflet-popup');
    return shown && getComputedStyle(shown).opacity === '1';
  });
  const popup = await page.locator('.leaflet-popup-content').innerText();
  assert.match(popup, /Les réservations (de cette édition )?sont closes/);
  assert.doesNotMatch(popup, /places/);
  await page.screenshot({ path: path.join(shots, 'phone-5-closed-site-390.png'), fullPage: true });
  assert.deepEqual(await seriousA11yViolations(page), [], 'serious or critical accessibility violations');
  await context.close();
});
