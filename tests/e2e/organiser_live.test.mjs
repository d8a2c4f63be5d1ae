// The organiser's live view (issue 19, item 4), in Chromium at 390 px and 1280 px, on the
// database `make demo` builds (the 2025 replica, then an edition open today with one demo account
// per role):
//   - the organiser signs in from the home page ("Mon espace") and sees the edition's figures on
//     the back office's home;
//   - a visitor books 2 places through the pages; the organiser's home then shows 2 more places
//     booked and 2 fewer left (the page, and the JSON the page polls on an event day);
//   - the journal, reached from the home's link, names the person and says the action in French,
//     in Paris time;
//   - the bilan dashboard, reached from the home's link, has no horizontal scroll at 390 px.
// axe-core finds no serious or critical violation on the home, the journal and the bilan.
// Run by CTest as: node --test tests/e2e/organiser_live.test.mjs (JUO_BIN, JUO_E2E_OUT, CHROMIUM).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, offlineContext, seriousA11yViolations, startServer, stopServer } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const sizes = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 } },
};
let server;
let base;
let browser;
const accounts = {};  // role label → { email, password, start }

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  const db = path.join(out, 'organiser_live.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  rmSync(`${db}.maildir`, { recursive: true, force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  const printed = execFileSync(juo, ['seed', '--db', db, '--open-now', '--demo-accounts', '--quiet']).toString();
  for (const line of printed.split('\n')) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length === 4 && cells[1].endsWith('@demo.juo.test'))
      accounts[cells[0]] = { email: cells[1], password: cells[2], start: cells[3] };
  }
  for (const role of ['Visiteur', 'Organisation']) assert.ok(accounts[role], `the ${role} account:\n${printed}`);
  ({ child: server, url: base } = await startServer(juo, db, {}, ['--demo']));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

async function assertAccessible(page, what) {
  assert.deepEqual(await seriousA11yViolations(page), [], `${what}: serious or critical accessibility violations`);
}

async function assertNoHorizontalScroll(page, what, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${what} at ${width} px: no horizontal scroll (overflow ${overflow} px)`);
}

// The number a [data-figure] cell shows ("1 234" with a no-break space, French style).
async function figure(page, key) {
  const text = await page.locator(`[data-figure="${key}"]`).first().innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

// The organiser, signed in from the home page's "Mon espace" link; the page is on /organisation.
async function organiserHome(options) {
  const context = await offlineContext(browser, options);
  const page = await context.newPage();
  await page.goto(base + '/');
  await Promise.all([page.waitForURL(/\/compte\/connexion/), page.getByRole('link', { name: 'Mon espace' }).first().click()]);
  await page.getByLabel('Adresse e-mail').fill(accounts.Organisation.email);
  await page.getByLabel('Mot de passe').fill(accounts.Organisation.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/compte/connexion'),
    page.getByRole('button', { name: 'Me connecter' }).click(),
  ]);
  if (new URL(page.url()).pathname !== '/organisation') {
    // Signed in on the account's page: the back office is a link away.
    await Promise.all([page.waitForURL(/\/organisation$/), page.locator('a[href="/organisation"]').first().click()]);
  }
  await page.locator('[data-office-figures]').waitFor();
  return page;
}

let before_booked = 0;
let before_left = 0;

test('the organiser signs in from the home page and sees the figures', async () => {
  for (const [name, options] of Object.entries(sizes)) {
    const page = await organiserHome(options);
    const text = await page.locator('[data-office-figures]').innerText();
    assert.match(text, /Édition \d{4} en chiffres/);
    for (const label of ['Validées', 'Visites proposées', 'Places réservées', 'Places restantes', 'Demandes en attente',
      'Répartition', 'Bus financés', 'Budget', 'Alertes'])
      assert.ok(text.includes(label), `the figures say ${label}`);
    assert.ok(await figure(page, 'sites_approved') > 0, 'approved factories');
    assert.ok(await figure(page, 'tours') > 0, 'tours');
    // Every Friday request of the open edition is pending and nothing is allocated yet.
    assert.ok(await figure(page, 'requests_pending') > 0, 'pending requests');
    assert.equal(await page.locator('[data-figure="allocation"]').innerText(), 'pas encore lancée');
    before_booked = await figure(page, 'places_booked');
    before_left = await figure(page, 'places_left');
    assert.ok(await page.locator('[data-office-links] a').count() >= 10, 'the screens are still linked');
    await assertNoHorizontalScroll(page, 'the back office home', options.viewport.width);
    await page.screenshot({ path: path.join(shots, `organiser-1-home-${name}.png`), fullPage: true });
    await assertAccessible(page, `the back office home (${name})`);
    await page.context().close();
  }
});

test('a visitor books and the organiser\'s figures change; the journal says who and what', async () => {
  // The visitor books 2 places from the printed link (their factory's page).
  const context = await offlineContext(browser, sizes.phone);
  const visitor = await context.newPage();
  await visitor.goto(base + accounts.Visiteur.start.replace(/^https?:\/\/[^/]+/, ''));
  await visitor.getByLabel('Adresse e-mail').fill(accounts.Visiteur.email);
  await visitor.getByLabel('Mot de passe').fill(accounts.Visiteur.password);
  await Promise.all([visitor.waitForURL((url) => url.pathname !== '/compte/connexion'),
    visitor.getByRole('button', { name: 'Me connecter' }).click()]);
  await Promise.all([visitor.waitForURL(/\/reserver\/\d+$/), visitor.locator('a[href^="/reserver/"]').first().click()]);
  await visitor.getByLabel('Nombre de personnes').fill('2');
  await visitor.getByRole('button', { name: 'Réserver' }).click();
  await visitor.locator('h1').waitFor();
  assert.equal(await visitor.locator('h1').innerText(), 'Réservation confirmée');
  const visitorName = 'Camille Visiteur (démo)';  // the demo visitor's name (services/demo_accounts.cc)
  await context.close();

  for (const [name, options] of Object.entries(sizes)) {
    const page = await organiserHome(options);
    assert.equal(await figure(page, 'places_booked'), before_booked + 2, `places booked after the booking (${name})`);
    assert.equal(await figure(page, 'places_left'), before_left - 2, `places left after the booking (${name})`);
    // The JSON the page polls on an event day says the same.
    const json = await page.evaluate(() => fetch('/api/v1/organisation/figures', { headers: { Accept: 'application/json' } })
      .then((r) => r.json()));
    assert.equal(json.places_booked, before_booked + 2);
    assert.equal(json.allocation, 'not_started');
    assert.equal(json.event_day, false);
    await page.screenshot({ path: path.join(shots, `organiser-2-home-after-${name}.png`), fullPage: true });

    // The journal, from the home's link.
    await Promise.all([page.waitForURL(/\/organisation\/journal$/),
      page.locator('[data-office-links] a[href="/organisation/journal"]').click()]);
    const row = page.locator('[data-audit-action="booking.create"]').first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Réservation/, 'a French label');
    assert.doesNotMatch(text, /booking\.create|user:\d+/, 'no raw keys');
    assert.ok(text.includes(visitorName), `the visitor's name ${visitorName} in: ${text}`);
    assert.match(text, /\d{4}\s+à\s+\d{1,2}\s*h/u, 'a French date and Paris time');
    assert.ok(await row.locator('a[href^="/usine/"]').count(), 'the booking links to its factory');
    await assertNoHorizontalScroll(page, 'the journal', options.viewport.width);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `organiser-3-journal-${name}.png`) });
    await assertAccessible(page, `the journal (${name})`);
    await page.context().close();
  }
});

test('the bilan dashboard, from the home, reflows on a phone', async () => {
  for (const [name, options] of Object.entries(sizes)) {
    const page = await organiserHome(options);
    await Promise.all([page.waitForURL(/\/bilan$/), page.locator('[data-office-links] a[href="/bilan"]').click()]);
    await page.locator('.bilan-tiles').waitFor();
    // The first chart decoded (the others load lazily as they scroll in), all within the screen.
    await page.locator('.bilan-chart img').first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => { const i = document.querySelector('.bilan-chart img'); return i.complete && i.naturalWidth > 0; });
    await assertNoHorizontalScroll(page, 'the bilan', options.viewport.width);
    const widest = await page.locator('.bilan-chart img').evaluateAll((imgs) => Math.max(...imgs.map((i) => i.getBoundingClientRect().right)));
    assert.ok(widest <= options.viewport.width, `the charts fit (${widest} px)`);
    const tiles = await page.locator('.bilan-tiles').innerText();
    assert.doesNotMatch(tiles, /^\+/m, 'no headline reads as a change');
    assert.match(tiles, /usines ouvertes/);
    await page.screenshot({ path: path.join(shots, `organiser-4-bilan-${name}.png`), fullPage: true });
    await page.locator('.bilan-tiles').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `organiser-4-bilan-tiles-${name}.png`) });
    await page.locator('.bilan-chart').nth(3).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `organiser-4-bilan-charts-${name}.png`) });
    await assertAccessible(page, `the bilan (${name})`);
    await page.context().close();
  }
});
