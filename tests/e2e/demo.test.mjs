// The demo as a newcomer meets it (issue 22): the database `make demo` builds (the 2025 replica,
// then an edition open today with one demo account per role, `juo seed --open-now
// --demo-accounts`), served with `juo serve --demo`. With only the printed accounts table and the
// pages — no database access, no maildir — in Chromium at 390 px and 1280 px:
//   - a visitor signs in from the printed link, books, and opens the ticket e-mail on
//     /demo/courriels (the QR code shown, the .ics downloadable);
//   - a teacher requests a visit for a class;
//   - the factory's host sees the request;
//   - the organiser sees the back office.
// Every page is checked with axe-core: a serious or critical violation fails the test.
// Run by CTest as: node --test tests/e2e/demo.test.mjs (JUO_BIN, JUO_E2E_OUT, CHROMIUM).
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
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
let server;
let base;
let browser;
const accounts = {};  // role label → { email, password, start }

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  const db = path.join(out, 'demo.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  rmSync(`${db}.maildir`, { recursive: true, force: true });
  // What `make demo` runs, in its order.
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  const printed = execFileSync(juo, ['seed', '--db', db, '--open-now', '--demo-accounts', '--quiet']).toString();
  for (const line of printed.split('\n')) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length === 4 && cells[1].endsWith('@demo.juo.test'))
      accounts[cells[0]] = { email: cells[1], password: cells[2], start: cells[3] };
  }
  for (const role of ['Visiteur', 'Enseignant·e', 'Hôte (usine)', 'Organisation'])
    assert.ok(accounts[role], `the printed table has the ${role} account:\n${printed}`);
  ({ child: server, url: base } = await startServer(juo, db, {}, ['--demo']));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

// The printed start link, on this test's server (the table names the default address).
const startOf = (role) => base + accounts[role].start.replace(/^https?:\/\/[^/]+/, '');

// Fails with the list when axe-core finds a serious or critical violation on the page.
async function assertAccessible(page, what) {
  const found = await seriousA11yViolations(page);
  assert.deepEqual(found, [], `${what}: serious or critical accessibility violations`);
}

// Opens the role's printed link and signs in with the printed password; returns the page, on the
// page the link leads to.
async function signIn(role, options) {
  const context = await offlineContext(browser, options);
  const page = await context.newPage();
  await page.goto(startOf(role));
  await page.getByLabel('Adresse e-mail').fill(accounts[role].email);
  await page.getByLabel('Mot de passe').fill(accounts[role].password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/compte/connexion'),
    page.getByRole('button', { name: 'Me connecter' }).click(),
  ]);
  return page;
}

test('the home page says it is a demo and leads to the e-mails', async () => {
  for (const [name, options] of [['phone', phone], ['desktop', desktop]]) {
    const context = await offlineContext(browser, options);
    const page = await context.newPage();
    await page.goto(base + '/');
    const banner = page.locator('[data-demo-banner]');
    await banner.waitFor();
    assert.match(await banner.innerText(), /démonstration/i);
    assert.ok(await banner.locator('a[href="/demo/courriels"]').count(), 'the banner links to the e-mails');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= options.viewport.width, `the home page fits ${options.viewport.width} px (${width})`);
    await page.screenshot({ path: path.join(shots, `demo-0-home-${name}.png`) });
    await assertAccessible(page, `home (${name})`);
    await context.close();
  }
});

test('a visitor books from the printed link and opens the ticket e-mail', async () => {
  const page = await signIn('Visiteur', phone);
  assert.match(new URL(page.url()).pathname, /^\/usines\/\d+$/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.viewport.width, `the factory page fits a phone (${width} px)`);
  await page.screenshot({ path: path.join(shots, 'demo-1-factory-phone.png'), fullPage: true });
  await assertAccessible(page, 'the factory page');
  const book = page.locator('a[href^="/reserver/"]').first();
  await Promise.all([page.waitForURL(/\/reserver\/\d+$/), book.click()]);
  await page.getByLabel('Nombre de personnes').fill('2');
  await assertAccessible(page, 'the booking form');
  await page.getByRole('button', { name: 'Réserver' }).click();
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('h1').innerText(), 'Réservation confirmée');
  const code = (await page.locator('[data-ticket-code]').innerText()).trim();
  await page.screenshot({ path: path.join(shots, 'demo-1-booked-phone.png'), fullPage: true });
  await assertAccessible(page, 'the confirmation');

  // The e-mail, as the banner leads to it: newest first, with the QR code and the .ics.
  await Promise.all([page.waitForURL(/\/demo\/courriels$/),
    page.locator('[data-demo-banner] a[href="/demo/courriels"]').click()]);
  const mail = page.locator('article', { hasText: code }).first();
  await mail.waitFor();
  assert.match(await mail.innerText(), /visiteur@demo\.juo\.test/);
  const qr = mail.locator('img');
  await qr.waitFor();
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is shown');
  const ics = mail.locator('a[href$=".ics"], a[download][href*="/pieces/"]').filter({ hasText: '.ics' }).first();
  const answer = await page.request.get(new URL(await ics.getAttribute('href'), base).href);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-type'], /^text\/calendar/);
  assert.match(await answer.text(), new RegExp(code));
  await page.screenshot({ path: path.join(shots, 'demo-2-mailbox-phone.png'), fullPage: true });
  await assertAccessible(page, 'the demo mailbox (phone)');
  await page.setViewportSize(desktop.viewport);
  await page.screenshot({ path: path.join(shots, 'demo-2-mailbox-desktop.png') });
  await assertAccessible(page, 'the demo mailbox (desktop)');
  await page.context().close();
});

test('a teacher requests a visit, the host sees it, the organiser sees the back office', async () => {
  const teacher = await signIn('Enseignant·e', desktop);
  await teacher.getByRole('heading', { name: 'Demander une visite de groupe' }).waitFor();
  await assertAccessible(teacher, 'the request form');
  await teacher.getByLabel('Niveau du groupe').selectOption('3e');
  await teacher.getByLabel('Élèves ou participants').fill('23');
  await teacher.getByLabel('Accompagnateurs').fill('2');
  // Issue 18: the school, here one the teacher adds.
  await teacher.getByText("Mon établissement n'est pas dans la liste").click();
  await teacher.getByLabel("Nom de l'établissement").fill('Collège Jean Moulin');
  await teacher.getByLabel('Commune ou code postal').fill('Poitiers');
  await Promise.all([teacher.waitForURL((url) => url.pathname !== '/groupes/demande'),
    teacher.getByRole('button', { name: 'Envoyer la demande' }).click()]);
  const sent = await teacher.locator('main').innerText();
  const number = (sent.match(/Demande n° (\d+) envoyée/) || [])[1];
  assert.ok(number, `the teacher is told the request's number:\n${sent}`);
  await teacher.screenshot({ path: path.join(shots, 'demo-3-request-sent-desktop.png'), fullPage: true });
  await assertAccessible(teacher, 'the request sent');
  await teacher.context().close();

  const host = await signIn('Hôte (usine)', phone);
  assert.equal(new URL(host.url()).pathname, '/accueil/demandes');
  await host.getByText(new RegExp(`n° ${number}\\b`)).first().waitFor();
  await host.screenshot({ path: path.join(shots, 'demo-4-host-requests-phone.png'), fullPage: true });
  await assertAccessible(host, 'the host requests');
  await host.context().close();

  for (const [name, options] of [['desktop', desktop], ['phone', phone]]) {
    const organiser = await signIn('Organisation', options);
    assert.equal(new URL(organiser.url()).pathname, '/organisation');
    await organiser.locator('h1').waitFor();
    const width = await organiser.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= options.viewport.width, `the back office fits ${options.viewport.width} px (${width})`);
    await organiser.screenshot({ path: path.join(shots, `demo-5-back-office-${name}.png`), fullPage: true });
    await assertAccessible(organiser, `the back office (${name})`);
    await organiser.context().close();
  }
});

test('without --demo, juo serve has no demo banner and no /demo/courriels', async () => {
  const db = path.join(out, 'demo.db');
  const { child, url } = await startServer(juo, db);
  try {
    const context = await offlineContext(browser, desktop);
    const page = await context.newPage();
    const mailbox = await page.goto(url + '/demo/courriels');
    assert.equal(mailbox.status(), 404);
    const piece = await page.request.get(url + '/demo/courriels/1/pieces/1');
    assert.equal(piece.status(), 404);
    await page.goto(url + '/');
    assert.equal(await page.locator('[data-demo-banner]').count(), 0);
    await context.close();
  } finally {
    await stopServer(child);
  }
});
