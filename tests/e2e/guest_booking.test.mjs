// Browser tests of guest booking (issue 17, part C1) against a real `juo serve` on a seeded
// replica, at 1280 px and at 390 px (a phone), screenshots kept, axe-core on every page:
//   - a newcomer goes from the home page's search to a guest booking by links only;
//   - a guest books from the factory's page (factory page, form, confirmation: 3 pages) without
//     an account, and the confirmation page shows the QR code, the code, the .ics and map links,
//     the safety rules and the manage link; the confirmation e-mail arrives with the ticket code;
//   - by the manage link, the guest changes the party size, then cancels after a confirmation step;
//     The e-mail carries the QR code, the .ics and the same manage link, which the test follows;
//   - a wrong link opens nothing;
//   - a closed edition shows a sentence instead of the form;
//   - a sign-up started during a booking lands back on that booking, signed in (both widths);
//   - a guest joins the waiting list of a full tour, a booking is cancelled, and the guest accepts
//     the offer by the e-mail's link without an account, landing on the confirmation (both widths).
// Run by CTest as: node --test tests/e2e/guest_booking.test.mjs (environment as people.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriousA11yViolations, launchBrowser, offlineContext, startServer, stopServer, waitForMail } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const maildir = path.join(out, 'guest-maildir');
let server;
let base;
let browser;
let db;
const tours = [];

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();
const placesTaken = (tour) => Number(sql(`SELECT places_taken FROM session WHERE id = ${tour}`));

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  db = path.join(out, 'guest.db');
  rmSync(db, { force: true });
  rmSync(maildir, { recursive: true, force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  sql("UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6");
  for (let skip = 0; skip < 4; ++skip) {  // [waiting-list offer by its link]: tours 2 and 3
    tours.push(sql(
      "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = 'public' " +
      `WHERE s.status = 'open' AND s.capacity_people - s.places_taken >= 10 ORDER BY s.id LIMIT 1 OFFSET ${skip}`));
  }
  // The replica's edition is 2025: its tours move to a day to come, or they would show as past.
  sql(`UPDATE session SET day_date = '2031-10-04' WHERE id IN (${tours.join(',')})`);
  ({ child: server, url: base } = await startServer(juo, db, { JUO_MAILDIR: maildir, JUO_REFRESH_SECONDS: '1' }));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

async function assertAccessible(page, what) {
  assert.deepEqual(await seriousA11yViolations(page), [], `${what}: serious or critical accessibility violations`);
}

async function assertFitsWidth(page, width, what) {
  const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(scroll <= width, `${what}: ${scroll} px wide on a ${width} px screen`);
}

// A guest books `people` on `tour` from its factory's page; returns the confirmation page.
async function guestBooks(page, tour, people, name, email) {
  const site = sql(`SELECT site_id FROM session WHERE id = ${tour}`);
  await page.goto(`${base}/usines/${site}`);                                             // 1. the factory
  await Promise.all([page.waitForURL(new RegExp(`/reserver/${tour}$`)),
    page.locator(`a[href="/reserver/${tour}"]`).first().click()]);                           // 2. the form
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Nom et prénom').fill(name);
  await page.getByLabel('Nombre de personnes').fill(String(people));
  const width = page.viewportSize().width;
  await page.screenshot({ path: path.join(shots, `guest-0-form-${width}.png`), fullPage: true });
  await assertAccessible(page, `the guest booking form at ${width} px`);
  await assertFitsWidth(page, width, 'the guest booking form');
  await Promise.all([page.waitForURL(/\/reservation\/\d+\?jeton=/),
    page.getByRole('button', { name: 'Réserver' }).click()]);                               // 3. booked
  await page.getByRole('heading', { name: 'Réservation confirmée' }).waitFor();
  return page;
}

for (const [width, label] of [[1280, 'desktop'], [390, 'phone']]) {
  test(`a guest books, changes the party size and cancels by the link (${label})`, async () => {
    const tour = tours[width === 1280 ? 0 : 1];
    const email = `invite.${label}@example.org`;
    const context = await offlineContext(browser, { viewport: { width, height: 900 } });
    const page = await context.newPage();
    const before = placesTaken(tour);
    await guestBooks(page, tour, 3, 'Invité Martin', email);
    assert.equal(placesTaken(tour), before + 3);
    const code = (await page.locator('[data-ticket-code]').first().innerText()).trim();
    assert.match(code, /^[2-9A-HJKMNP-Z]{10}$/);
    const qrWidth = await page.locator('.ticket-qr img').evaluate((img) => img.naturalWidth);
    assert.ok(qrWidth > 0, 'the QR code loads');
    assert.match(await page.locator('[data-map-link]').getAttribute('href'), /^https:\/\/www\.openstreetmap\.org\/\?mlat=/);
    assert.match(await page.locator('[data-ics-link]').getAttribute('href'), /\/agenda\.ics\?jeton=/);
    assert.ok(await page.getByRole('heading', { name: 'Consignes de sécurité' }).isVisible());
    const manage = await page.locator('a[data-manage-link]').getAttribute('href');
    assert.match(manage, /\/reservation\/\d+\?jeton=[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: path.join(shots, `guest-1-booked-${label}.png`), fullPage: true });
    await assertAccessible(page, `guest-1-booked-${label}`);
    await assertFitsWidth(page, width, 'the confirmation page');

    // The e-mail: the ticket code, the QR code as an image, the .ics, and the manage link (the
    // same as the page's).
    const mail = await waitForMail(maildir, email, new RegExp(code));
    assert.match(mail.text, /Invité Martin/);
    const raw = readFileSync(path.join(maildir, 'new', mail.file), 'latin1');
    assert.match(raw, /Content-Type: image\/png/i, 'the QR code is attached');
    assert.match(raw, /Content-Type: text\/calendar/i, 'the .ics is attached');
    const mailed = mail.text.match(/\/reservation\/\d+\?jeton=[A-Za-z0-9_-]{43}/);
    assert.ok(mailed, `the e-mail carries the manage link:\n${mail.text}`);
    assert.equal(mailed[0], manage.replace(/^https?:\/\/[^/]+/, ''));

    // By the e-mail's manage link (a fresh browser, no cookie): change to 2, then cancel after
    // confirming.
    const other = await (await offlineContext(browser, { viewport: { width, height: 900 } })).newPage();
    // The e-mail names the configured public address; the test server is elsewhere.
    await other.goto(base + mailed[0]);
    await other.getByRole('spinbutton', { name: 'Nombre de personnes' }).fill('2');
    await other.getByRole('button', { name: 'Enregistrer le nombre de personnes' }).click();
    await other.getByText('Nombre de personnes modifié.').waitFor();
    assert.equal(await other.locator('[data-people]').innerText(), '2 personnes');
    assert.equal(placesTaken(tour), before + 2);
    await other.getByRole('link', { name: 'Annuler cette réservation' }).click();
    await other.getByRole('heading', { name: 'Annuler cette réservation ?' }).waitFor();
    assert.equal(placesTaken(tour), before + 2, 'nothing is cancelled before the confirmation');
    await other.screenshot({ path: path.join(shots, `guest-2-cancel-confirm-${label}.png`), fullPage: true });
    await assertAccessible(other, `guest-2-cancel-confirm-${label}`);
    await other.getByRole('button', { name: 'Oui, annuler la réservation' }).click();
    await other.getByText('Réservation annulée : les places sont libérées.').waitFor();
    assert.equal(placesTaken(tour), before);
    await other.screenshot({ path: path.join(shots, `guest-3-cancelled-${label}.png`), fullPage: true });
    await context.close();
  });
}

// A newcomer's whole way, following links only: the home page's search (the factory's town),
// the results, the factory, the form, the confirmation.
for (const [width, label] of [[1280, 'desktop'], [390, 'phone']]) {
  test(`a newcomer goes from the home page to a guest booking by links only (${label})`, async () => {
    const tour = tours[width === 1280 ? 0 : 1];
    const site = sql(`SELECT site_id FROM session WHERE id = ${tour}`);
    const town = sql(`SELECT commune_name FROM site WHERE id = ${site}`);
    const context = await offlineContext(browser, { viewport: { width, height: 900 } });
    const page = await context.newPage();
    const before = placesTaken(tour);
    await page.goto(`${base}/`);
    await page.getByLabel(/ville|code postal/i).first().fill(town);
    await page.getByLabel(/rayon|distance/i).first().selectOption('10');
    await Promise.all([page.waitForURL(/\/recherche\?/),
      page.getByRole('button', { name: /rechercher/i }).first().click()]);
    await page.screenshot({ path: path.join(shots, `guest-9-search-${label}.png`), fullPage: true });
    await assertAccessible(page, `the search results at ${width} px`);
    await assertFitsWidth(page, width, 'the search results');
    const result = page.locator(`main a[href="/usines/${site}"]`).first();
    assert.ok(await result.count(), `the search around ${town} lists factory ${site}`);
    await Promise.all([page.waitForURL(new RegExp(`/usines/${site}$`)), result.click()]);
    await assertAccessible(page, `the factory page at ${width} px`);
    await assertFitsWidth(page, width, 'the factory page');
    await Promise.all([page.waitForURL(new RegExp(`/reserver/${tour}$`)),
      page.locator(`a[href="/reserver/${tour}"]`).first().click()]);
    await page.getByLabel('Adresse e-mail').fill(`venu.${label}@example.org`);
    await page.getByLabel('Nom et prénom').fill('Nouveau Venu');
    await page.getByLabel('Nombre de personnes').fill('1');
    await Promise.all([page.waitForURL(/\/reservation\/\d+\?jeton=/),
      page.getByRole('button', { name: 'Réserver' }).click()]);
    await page.getByRole('heading', { name: 'Réservation confirmée' }).waitFor();
    assert.equal(placesTaken(tour), before + 1);
    await page.screenshot({ path: path.join(shots, `guest-9-booked-${label}.png`), fullPage: true });
    await context.close();
  });
}

test('a wrong manage link opens nothing', async () => {
  const page = await (await offlineContext(browser)).newPage();
  const response = await page.goto(`${base}/reservation/1?jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
  assert.equal(response.status(), 403);
  await page.getByText('Ce lien ne permet pas de gérer cette réservation').waitFor();
});

// A visitor who starts booking, then chooses to create an account, comes back to that booking:
// form → "J'ai un compte" → "Pas encore de compte ? En créer un" → sign-up → the e-mail's link
// confirms the address, signs them in and lands on the booking form, which they send.
for (const [width, label] of [[1280, 'desktop'], [390, 'phone']]) {
  test(`a sign-up started during a booking lands back on that booking (${label})`, async () => {
    const tour = tours[width === 1280 ? 0 : 1];
    const email = `nouveau.${label}@example.org`;
    const page = await (await offlineContext(browser, { viewport: { width, height: 900 } })).newPage();
    const site = sql(`SELECT site_id FROM session WHERE id = ${tour}`);
    await page.goto(`${base}/usines/${site}`);
    await Promise.all([page.waitForURL(new RegExp(`/reserver/${tour}$`)),
      page.locator(`a[href="/reserver/${tour}"]`).first().click()]);
    await page.getByRole('link', { name: "J'ai un compte : me connecter" }).click();
    await page.getByRole('link', { name: 'Pas encore de compte ? En créer un' }).click();
    await page.getByLabel('Nom et prénom').fill('Nouvelle Personne');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('visite-usine-2027');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' }).waitFor();
    await assertAccessible(page, `sign-up sent (${label})`);
    const mail = await waitForMail(maildir, email, /compte\/confirmation\?jeton=/);
    const link = mail.text.match(/\/compte\/confirmation\?[^\s]*/);
    await page.goto(base + link[0]);
    await page.waitForURL(new RegExp(`/reserver/${tour}$`));
    // Signed in: the form asks for no e-mail, and booking needs nothing more.
    assert.equal(await page.getByLabel('Adresse e-mail').count(), 0);
    await page.screenshot({ path: path.join(shots, `guest-5-back-to-booking-${label}.png`), fullPage: true });
    await assertAccessible(page, `back on the booking form (${label})`);
    await assertFitsWidth(page, width, 'the signed-in booking form');
    const before = placesTaken(tour);
    await page.getByLabel('Nombre de personnes').fill('2');
    await Promise.all([page.waitForURL(/\/reservation\/\d+\?jeton=/), page.getByRole('button', { name: 'Réserver' }).click()]);
    await page.getByRole('heading', { name: 'Réservation confirmée' }).waitFor();
    assert.equal(placesTaken(tour), before + 2);
    assert.equal(sql(`SELECT count(*) FROM booking b JOIN app_user u ON u.id = b.user_id WHERE u.email = '${email}' AND b.status = 'confirmed'`), '1');
  });
}

// [block: waiting-list offer by its link] Issue 17: a guest accepts a waiting-list offer from the
// e-mail, without an account. A first guest books the last 2 places of a tour; a second guest joins
// its waiting list from the factory's page; the first cancels by the manage link; the second
// follows the offer e-mail's link, sees the offer, accepts, and lands on the confirmation.
for (const [width, label] of [[1280, 'desktop'], [390, 'phone']]) {
  test(`a guest accepts a waiting-list offer by the e-mail's link (${label})`, async () => {
    const tour = tours[width === 1280 ? 2 : 3];
    sql(`UPDATE session SET capacity_people = places_taken + 2 WHERE id = ${tour}`);
    const first = await (await offlineContext(browser, { viewport: { width, height: 900 } })).newPage();
    await guestBooks(first, tour, 2, 'Première Invitée', `premiere.${label}@example.org`);
    const taken = placesTaken(tour);

    // The tour is full: the second guest joins the waiting list through the same pages.
    const email = `attente.${label}@example.org`;
    const context = await offlineContext(browser, { viewport: { width, height: 900 } });
    const page = await context.newPage();
    const site = sql(`SELECT site_id FROM session WHERE id = ${tour}`);
    await page.goto(`${base}/usines/${site}`);
    await Promise.all([page.waitForURL(new RegExp(`/reserver/${tour}$`)),
      page.locator(`a[href="/reserver/${tour}"]`).first().click()]);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Nom et prénom').fill('Invité En Attente');
    await page.getByLabel('Nombre de personnes').fill('2');
    // The form may still show the tour as it was a second ago (its reuse): either button waits.
    await page.locator('form.form button[type="submit"]').click();
    await page.getByRole('heading', { name: "Inscription sur la liste d'attente" }).waitFor();
    assert.equal(sql(`SELECT w.status FROM waitlist_entry w JOIN app_user u ON u.id = w.user_id WHERE u.email = '${email}'`),
      'waiting');

    // The first guest cancels by the manage link: the places are offered to the waiting guest.
    await first.getByRole('link', { name: 'Annuler cette réservation' }).click();
    await first.getByRole('button', { name: 'Oui, annuler la réservation' }).click();
    await first.getByText('Réservation annulée : les places sont libérées.').waitFor();
    assert.equal(placesTaken(tour), taken, 'the freed places are held for the offer');

    const mail = await waitForMail(maildir, email, /liste-attente\/offre\//);
    assert.match(mail.text, /\(heure de Paris\)/);
    const link = mail.text.match(/\/liste-attente\/offre\/\d+\?jeton=[A-Za-z0-9_-]{43}/);
    assert.ok(link, `the offer e-mail carries the accept link:\n${mail.text}`);

    // Another browser, no cookie, no account: the e-mail's link.
    const guest = await (await offlineContext(browser, { viewport: { width, height: 900 } })).newPage();
    const shown = await guest.goto(base + link[0]);
    assert.equal(shown.status(), 200);
    await guest.getByRole('heading', { name: 'Des places pour vous' }).waitFor();
    await guest.getByText("Places réservées pour 2 personnes jusqu'au").waitFor();
    await guest.screenshot({ path: path.join(shots, `guest-6-offer-${label}.png`), fullPage: true });
    await assertAccessible(guest, `the offer page (${label})`);
    await assertFitsWidth(guest, width, 'the offer page');
    await Promise.all([guest.waitForURL(/\/reservation\/\d+\?jeton=[^&]+&fait=reservee/),
      guest.getByRole('button', { name: 'Accepter ces places' }).click()]);
    await guest.getByRole('heading', { name: 'Réservation confirmée' }).waitFor();
    const qrWidth = await guest.locator('.ticket-qr img').evaluate((img) => img.naturalWidth);
    assert.ok(qrWidth > 0, 'the QR code loads');
    await guest.screenshot({ path: path.join(shots, `guest-7-offer-accepted-${label}.png`), fullPage: true });
    await assertAccessible(guest, `the confirmation after the offer (${label})`);
    assert.equal(placesTaken(tour), taken, 'the held places became the booking');
    assert.equal(sql(`SELECT count(*) FROM booking b JOIN app_user u ON u.id = b.user_id WHERE u.email = '${email}' AND b.status = 'confirmed'`), '1');

    // The link again: the offer is taken, and the page leads to the booking.
    const again = await guest.goto(base + link[0]);
    assert.equal(again.status(), 409);
    await guest.getByText('Vous avez déjà accepté cette offre').waitFor();
    await guest.screenshot({ path: path.join(shots, `guest-8-offer-again-${label}.png`), fullPage: true });
    await assertAccessible(guest, `the offer already accepted (${label})`);
    await Promise.all([guest.waitForURL(/\/reservation\/\d+\?jeton=/),
      guest.getByRole('link', { name: 'Voir ma réservation' }).click()]);
    assert.match((await guest.locator('[data-ticket-code]').first().innerText()).trim(), /^[2-9A-HJKMNP-Z]{10}$/);
    await context.close();
  });
}

test('a wrong offer link opens nothing', async () => {
  const page = await (await offlineContext(browser)).newPage();
  const response = await page.goto(`${base}/liste-attente/offre/1?jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
  assert.equal(response.status(), 403);
  await page.getByText("Ce lien ne permet pas d'accepter une offre").waitFor();
  await assertAccessible(page, 'a wrong offer link');
});
// [end of block: waiting-list offer by its link]

// Last: it closes the edition (the public pages follow within a second or two).
test('a closed edition shows a sentence instead of the form', async () => {
  sql("UPDATE edition SET status = 'closed'");
  try {
    const page = await (await offlineContext(browser, { viewport: { width: 390, height: 900 } })).newPage();
    await page.goto(`${base}/reserver/${tours[0]}`);
    await page.getByText('Cette édition est terminée').waitFor();
    assert.equal(await page.locator('form.form').count(), 0);
    await page.screenshot({ path: path.join(shots, 'guest-4-closed-phone.png'), fullPage: true });
    await assertAccessible(page, 'guest-4-closed-phone');
  } finally {
    sql("UPDATE edition SET status = 'open'");
  }
});
