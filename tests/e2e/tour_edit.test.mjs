// Browser test of a host changing and then deleting a booked tour (issue 19 item 1) against a real
// `juo serve` on a seeded replica, at 390 px, then the pages at 1280 px:
//   - the host opens the e-mailed reset link, signs in, goes from the dashboard to the factory's
//     tours, opens "Modifier" on a booked public tour and moves it to 15:00–16:30: the page says
//     how many people were e-mailed, and a booked visitor receives the new time (ticket kept);
//   - a capacity below the places booked is refused on the form, nothing changed;
//   - "Supprimer" says how many bookings will be cancelled; once confirmed the tour leaves the list,
//     its bookings are cancelled with their places released, and the visitor is e-mailed;
//   - on the dashboard, the host chooses one digest a day for their e-mails;
//   - axe-core finds no serious or critical violation on any page, and none scrolls sideways.
// Run by CTest as e2e_tour_edit (environment as public_site.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, offlineContext, setPasswordByEmail, shootChecked, signIn, startServer, stopServer,
  waitForMail } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const maildir = path.join(out, 'tour-edit-maildir');
const password = 'visites-modifiees-2025';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };
let server;
let base;
let browser;
let db;
const t = {};

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  db = path.join(out, 'tour-edit.db');
  rmSync(db, { force: true });
  rmSync(maildir, { recursive: true, force: true });
  // Last year's edition, then this year's, open, with its tours still to come.
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  execFileSync(juo, ['seed', '--db', db, '--open-now', '--quiet']);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
  // A public tour (public only, so that an audience change is not in play) of a factory with a
  // host, with at least two parties booked, none checked in.
  const row = sql(
    "SELECT s.id, s.site_id FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = 'public' " +
    `WHERE s.status = 'open' AND s.day_date > '${today}' AND s.edition_id = (SELECT max(id) FROM edition) ` +
    "AND (SELECT count(*) FROM session_audience x WHERE x.session_id = s.id) = 1 " +
    "AND (SELECT count(*) FROM booking b WHERE b.session_id = s.id AND b.status = 'confirmed' AND b.kind = 'party') >= 2 " +
    "AND EXISTS (SELECT 1 FROM user_role r WHERE r.role = 'host' AND r.site_id = s.site_id) " +
    "ORDER BY s.id LIMIT 1");
  assert.ok(row, 'the replica has a booked public tour of a factory with a host');
  [t.tour, t.site] = row.split('|');
  sql(`DELETE FROM check_in WHERE booking_id IN (SELECT id FROM booking WHERE session_id = ${t.tour})`);
  t.host = sql(`SELECT u.email FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'host' AND r.site_id = ${t.site} ORDER BY u.id LIMIT 1`);
  const visitor = sql(`SELECT u.email, b.ticket_code FROM booking b JOIN app_user u ON u.id = b.user_id ` +
    `WHERE b.session_id = ${t.tour} AND b.status = 'confirmed' AND b.kind = 'party' ORDER BY b.id LIMIT 1`);
  [t.visitor, t.ticket] = visitor.split('|');
  t.bookings = Number(sql(`SELECT count(*) FROM booking WHERE session_id = ${t.tour} AND status = 'confirmed'`));
  t.taken = Number(sql(`SELECT places_taken FROM session WHERE id = ${t.tour}`));
  ({ child: server, url: base } = await startServer(juo, db, { JUO_MAILDIR: maildir }));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

const shoot = (page, name) => shootChecked(page, path.join(shots, name));

test('a host moves a booked tour, then deletes it, and its visitors are e-mailed each time', async () => {
  const host = await (await offlineContext(browser, { viewport: phone })).newPage();
  await setPasswordByEmail(host, base, maildir, t.host, password);
  await signIn(host, base, t.host, password);

  // From the dashboard to the factory's tours.
  await host.goto(base + '/usine');
  const card = host.locator(`[data-site="${t.site}"]`);
  await Promise.all([host.waitForURL(new RegExp(`/usine/${t.site}/visites$`)),
    card.getByRole('link', { name: 'Gérer les visites' }).click()]);
  const tourCard = host.locator(`[data-tour="${t.tour}"]`);
  assert.equal(await tourCard.count(), 1);
  await shoot(host, 'tour-edit-1-tours-390.png');

  // "Modifier": the form holds the tour's values and says how many places are booked.
  await Promise.all([host.waitForURL(/\/modifier$/), tourCard.locator(`[data-edit-tour="${t.tour}"]`).click()]);
  assert.match(await host.locator('main').innerText(), new RegExp(`${t.taken} places sont déjà réservées`));
  await shoot(host, 'tour-edit-2-form-390.png');

  // A capacity below the places booked is refused, with nothing changed.
  const before = sql(`SELECT starts_at, capacity_people FROM session WHERE id = ${t.tour}`);
  await host.getByLabel('Places').fill(String(t.taken - 1));
  await host.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await host.locator('.error-summary').waitFor();
  assert.match(await host.locator('.error-summary').innerText(), /la capacité ne peut pas descendre en dessous/);
  assert.equal(sql(`SELECT starts_at, capacity_people FROM session WHERE id = ${t.tour}`), before);
  await shoot(host, 'tour-edit-3-refused-390.png');

  // Moved to 15:00–16:30, with its capacity as it was.
  await host.getByLabel('Places').fill(before.split('|')[1]);
  await host.getByLabel('Début').fill('15:00');
  await host.getByLabel('Fin').fill('16:30');
  await Promise.all([host.waitForURL(/modifie=\d+/), host.getByRole('button', { name: 'Enregistrer les modifications' }).click()]);
  const notice = await host.locator('.notice').innerText();
  const mailed = Number(new URL(host.url()).searchParams.get('modifie'));
  assert.ok(mailed >= t.bookings, `${mailed} people e-mailed for ${t.bookings} bookings`);
  assert.match(notice, /Visite modifiée\s*;\s.* prévenues par e-mail du nouvel horaire/);
  assert.equal(sql(`SELECT starts_at || '-' || ends_at FROM session WHERE id = ${t.tour}`), '15:00-16:30');
  assert.match(await host.locator(`[data-tour="${t.tour}"]`).innerText(), /15\sh\s–\s16\sh\s30/);
  await shoot(host, 'tour-edit-4-moved-390.png');
  const moved = await waitForMail(maildir, t.visitor, /L'usine a changé l'horaire/);
  assert.match(moved.text, /Maintenant : .*15\u202Fh – 16\u202Fh\u202F30/);
  assert.match(moved.text, new RegExp(`billet ${t.ticket}`));

  // "Supprimer": what it will do, then done.
  await Promise.all([host.waitForURL(/\/supprimer$/), host.locator(`[data-delete-tour="${t.tour}"]`).click()]);
  assert.match(await host.locator('main').innerText(), new RegExp(`${t.bookings} réservations \\(\\d+ personnes\\) seront annulées`));
  await shoot(host, 'tour-edit-5-delete-390.png');
  await Promise.all([host.waitForURL(/supprime=\d+/), host.getByRole('button', { name: 'Supprimer la visite' }).click()]);
  assert.match(await host.locator('.notice').innerText(), new RegExp(`Visite supprimée\\s*;\\s${t.bookings} réservations annulées`));
  assert.equal(await host.locator(`[data-tour="${t.tour}"]`).count(), 0);
  assert.equal(sql(`SELECT status || ' ' || places_taken FROM session WHERE id = ${t.tour}`), 'cancelled 0');
  assert.equal(Number(sql(`SELECT count(*) FROM booking WHERE session_id = ${t.tour} AND status = 'confirmed'`)), 0);
  await shoot(host, 'tour-edit-6-deleted-390.png');
  const cancelled = await waitForMail(maildir, t.visitor, /est annulée/);
  assert.match(cancelled.text, new RegExp(t.ticket));

  // Back on the dashboard, the host chooses one digest a day for their e-mails.
  await host.goto(base + '/usine');
  const choice = host.locator('[data-mail-choice]');
  await choice.getByLabel('Un résumé par jour, à 18 h').check();
  await Promise.all([host.waitForURL(/courriels=resume/), choice.getByRole('button', { name: 'Enregistrer mon choix' }).click()]);
  assert.match(await host.locator('.notice').innerText(), /un résumé par jour/);
  assert.equal(await host.locator('[data-mail-choice]').getByLabel('Un résumé par jour, à 18 h').isChecked(), true);
  assert.equal(sql(`SELECT host_mail_digest FROM app_user WHERE email = '${t.host}'`), '1');
  await shoot(host, 'tour-edit-7-mail-choice-390.png');
  await host.context().close();
});

test('the tours, the change and the deletion pages at 1280 px', async () => {
  const page = await (await offlineContext(browser, { viewport: desktop })).newPage();
  await signIn(page, base, t.host, password);
  await page.goto(`${base}/usine/${t.site}/visites`);
  await shoot(page, 'tour-edit-8-tours-1280.png');
  const other = page.locator('[data-edit-tour]').first();
  assert.equal(await other.count(), 1, 'the factory has another tour');
  await Promise.all([page.waitForURL(/\/modifier$/), other.click()]);
  await shoot(page, 'tour-edit-9-form-1280.png');
  await page.goBack();
  await Promise.all([page.waitForURL(/\/supprimer$/), page.locator('[data-delete-tour]').first().click()]);
  await shoot(page, 'tour-edit-10-delete-1280.png');
  await page.context().close();
});
