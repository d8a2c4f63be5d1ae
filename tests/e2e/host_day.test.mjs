// Browser test of the host's day (issue 19, items 1 and 2) against a real `juo serve` on a seeded
// replica whose chosen factory has a public tour today (Paris) that has started, with its
// parties, and a school tour tomorrow, which a class asks for; once accepted, that tour is moved to
// today (the test cannot wait a day) and the host checks the class in.
//   - a teacher asks for a group visit of the school tour; the factory's host receives the e-mail
//     "Nouvelle demande", follows its link to the dashboard (its state, the request to decide,
//     today's tours with booked and arrived counts), accepts the request, goes back to the
//     dashboard from the navigation and on to the check-in page, all at 390 px;
//   - at the door: a party checked in by its code typed in lower case with a dash, the group
//     checked in on its line with its headcount, the totals (expected, arrived, no-show) change
//     each time, one check-in is undone (audited, places unchanged), the search finds a name;
//   - the dashboard and the check-in page at 1280 px; axe-core finds no serious or critical
//     violation on either page, and neither scrolls sideways on a phone.
// Run by CTest as e2e_host_day (environment as public_site.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriousA11yViolations, launchBrowser, linkIn, offlineContext, startServer, stopServer, waitForMail } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const maildir = path.join(out, 'host-day-maildir');
const password = 'accueil-du-jour-2025';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };
let server;
let base;
let browser;
let db;
const t = {};

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();
const pathOf = (link) => link.replace(/^https?:\/\/[^/]+/, '');
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86400000).toISOString().slice(0, 10);

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  db = path.join(out, 'host-day.db');
  rmSync(db, { force: true });
  rmSync(maildir, { recursive: true, force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  sql("UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6");
  // A factory with a school tour that takes a class and a public tour with parties.
  const row = sql(
    "SELECT g.id, p.id, g.site_id FROM session g JOIN session_audience ga ON ga.session_id = g.id AND ga.audience = 'school' " +
    "JOIN session p ON p.site_id = g.site_id AND p.status = 'open' JOIN session_audience pa ON pa.session_id = p.id AND pa.audience = 'public' " +
    "WHERE g.status = 'open' AND g.capacity_people - g.places_taken >= 30 AND g.capacity_groups > g.groups_taken " +
    "AND (g.min_level IS NULL OR g.min_level IN ('4e', '3e')) " +
    "AND (SELECT count(*) FROM booking b WHERE b.session_id = p.id AND b.status = 'confirmed' AND b.kind = 'party') >= 2 " +
    "AND EXISTS (SELECT 1 FROM user_role r WHERE r.role = 'host' AND r.site_id = g.site_id) " +
    "ORDER BY (SELECT count(*) FROM booking b WHERE b.session_id = p.id AND b.status = 'confirmed'), g.id LIMIT 1");
  assert.ok(row, 'the replica has a factory with a school tour and a booked public tour');
  [t.group, t.public, t.site] = row.split('|');
  // The public tour today, begun at midnight (its parties not here are no-shows); the school tour
  // tomorrow, open to requests whatever the time of the run. Nobody is checked in yet.
  sql(`UPDATE session SET day_date = '${today}', starts_at = '00:00', ends_at = '23:58' WHERE id = ${t.public};
       UPDATE session SET day_date = '${tomorrow}', starts_at = '10:00', ends_at = '11:30' WHERE id = ${t.group};
       DELETE FROM check_in WHERE booking_id IN (SELECT id FROM booking WHERE session_id IN (${t.public}, ${t.group}))`);
  t.host = sql(`SELECT u.email FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'host' AND r.site_id = ${t.site} ORDER BY u.id LIMIT 1`);
  t.siteName = sql(`SELECT name FROM site WHERE id = ${t.site}`);
  const party = sql(`SELECT b.id, b.ticket_code, b.people, u.display_name FROM booking b JOIN app_user u ON u.id = b.user_id ` +
    `WHERE b.session_id = ${t.public} AND b.status = 'confirmed' AND b.kind = 'party' ORDER BY b.id LIMIT 1`);
  [t.partyId, t.partyCode, t.partyPeople, t.partyName] = party.split('|');
  t.partyPeople = Number(t.partyPeople);
  t.booked = Number(sql(`SELECT coalesce(sum(people), 0) FROM booking WHERE status = 'confirmed' AND session_id IN (${t.public}, ${t.group})`));
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

async function assertNoSideScroll(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= page.viewportSize().width, `${what}: ${width} px wide on a ${page.viewportSize().width} px screen`);
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(shots, name), fullPage: true });
  await assertAccessible(page, name);
  await assertNoSideScroll(page, name);
}

async function signIn(page, email, secret) {
  await page.goto(base + '/compte/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(secret);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/compte/connexion'),
    page.getByRole('button', { name: 'Me connecter' }).click()]);
}

// The totals of the check-in page: { booked, arrived, noShow } in people.
async function totals(page) {
  const read = async (name) => Number(await page.locator(`[data-total="${name}"]`).innerText());
  return { booked: await read('booked'), arrived: await read('arrived'), noShow: await read('no-show') };
}

test('a host goes from the e-mail of a new request to the dashboard and checks in a party and a group', async () => {
  // The host's account was seeded without a password: a reset by e-mail opens it.
  const host = await (await offlineContext(browser, { viewport: phone })).newPage();
  await host.goto(base + '/compte/mot-de-passe-oublie');
  await host.getByLabel('Adresse e-mail').fill(t.host);
  await host.getByRole('button', { name: 'Recevoir le lien' }).click();
  const reset = await waitForMail(maildir, t.host, /nouveau-mot-de-passe\?jeton=/);
  await host.goto(base + pathOf(linkIn(reset.text, '/compte/nouveau-mot-de-passe?jeton=')));
  await host.getByLabel('Nouveau mot de passe').fill(password);
  await host.getByRole('button', { name: 'Enregistrer' }).click();
  await host.getByRole('heading', { name: 'Mot de passe changé' }).waitFor();
  await signIn(host, t.host, password);

  // A teacher asks for the school tour from the factory's page.
  const teacher = await (await offlineContext(browser, { viewport: phone })).newPage();
  const teacherEmail = 'prof.leroy@example.org';
  await teacher.goto(base + '/compte/inscription');
  await teacher.getByLabel('Nom et prénom').fill('Marion Leroy');
  await teacher.getByLabel('Adresse e-mail').fill(teacherEmail);
  await teacher.getByLabel('Mot de passe').fill(password);
  await teacher.getByLabel('Vous êtes').selectOption('teacher');
  await teacher.getByRole('button', { name: 'Créer mon compte' }).click();
  const confirm = await waitForMail(maildir, teacherEmail, /compte\/confirmation\?jeton=/);
  await teacher.goto(base + pathOf(linkIn(confirm.text, '/compte/confirmation?jeton=')));
  await teacher.goto(`${base}/usines/${t.site}`);
  await teacher.locator(`a[href="/groupes/demande?visite=${t.group}"]`).click();
  await teacher.getByLabel('Niveau du groupe').selectOption('3e');
  await teacher.getByLabel('Élèves ou participants').fill('24');
  await teacher.getByLabel('Accompagnateurs').fill('2');
  // Issue 18: the school, here one the teacher adds.
  await teacher.getByText("Mon établissement n'est pas dans la liste").click();
  await teacher.getByLabel("Nom de l'établissement").fill('Collège Jean Moulin');
  await teacher.getByLabel('Commune ou code postal').fill('Lyon');
  await Promise.all([teacher.waitForURL(/\/compte\/demandes\?envoyee=\d+/),
    teacher.getByRole('button', { name: 'Envoyer la demande' }).click()]);
  const requestId = new URL(teacher.url()).searchParams.get('envoyee');
  await teacher.context().close();

  // The host's e-mail, French then English, links to the dashboard.
  const mail = await waitForMail(maildir, t.host, /Une nouvelle demande de visite de groupe/);
  assert.match(mail.text, /3e, 26 personnes/);
  assert.match(mail.text, /A new group visit request/);
  await host.goto(base + pathOf(linkIn(mail.text, '/usine')));
  assert.equal(new URL(host.url()).pathname, '/usine');
  const card = host.locator(`[data-site="${t.site}"]`);
  assert.equal(await card.getAttribute('data-status'), 'approved');
  assert.match(await card.locator('[data-site-state]').innerText(), /validée/);
  assert.ok(Number(await card.locator('[data-figure="requests"]').innerText()) >= 1);
  assert.match(await card.innerText(), /Aujourd'hui/);
  assert.equal(await card.locator(`[data-tour="${t.public}"]`).count(), 1, await card.innerText());
  assert.equal(await card.locator(`[data-tour="${t.group}"]`).count(), 0);  // tomorrow's
  await shoot(host, 'host-day-1-dashboard-390.png');

  // The request, from the dashboard: accepted for tonight's tour.
  await Promise.all([host.waitForURL(/\/accueil\/demandes$/), host.locator('[data-dashboard-requests]').click()]);
  const received = host.locator(`[data-request="${requestId}"]`);
  await received.getByLabel('Visite').selectOption(t.group);
  await Promise.all([host.waitForURL(/fait=acceptee/), received.getByRole('button', { name: 'Accepter' }).click()]);
  // The day of the class's visit has come: its tour moves to today, begun at 00:01.
  sql(`UPDATE session SET day_date = '${today}', starts_at = '00:01', ends_at = '23:59' WHERE id = ${t.group}`);
  const groupCode = sql(`SELECT ticket_code FROM booking WHERE group_request_id = ${requestId} AND status = 'confirmed'`);
  assert.ok(groupCode, 'the group has its booking');
  const placesBefore = Number(sql(`SELECT places_taken FROM session WHERE id = ${t.group}`));

  // Back to the dashboard from the navigation ("Mon espace"), then on to the check-in.
  await Promise.all([host.waitForURL(/\/usine$/), host.getByRole('link', { name: 'Mon espace' }).first().click()]);
  assert.ok(Number(await card.locator('[data-figure="groups"]').innerText()) >= 1);
  assert.equal(await card.locator(`[data-tour="${t.group}"]`).count(), 1);
  await Promise.all([host.waitForURL(/\/accueil\/pointage$/), host.locator('[data-dashboard-checkin]').click()]);
  const start = await totals(host);
  assert.equal(start.booked, t.booked + 26);
  assert.equal(start.arrived, 0);
  assert.equal(start.noShow, t.booked + 26);  // both tours have begun, nobody is checked in
  const partyLine = host.locator(`[data-code="${t.partyCode}"]`);
  assert.equal(await partyLine.getAttribute('data-state'), 'no-show');
  await shoot(host, 'host-day-2-check-in-390.png');

  // A party's code as typed from a ticket: lower case, with a dash.
  const typed = (t.partyCode.slice(0, 4) + '-' + t.partyCode.slice(4)).toLowerCase();
  await host.locator('[data-checkin-code]').getByLabel('Code du billet').fill(typed);
  await Promise.all([host.waitForURL(/fait=pointe/), host.getByRole('button', { name: 'Pointer', exact: true }).click()]);
  assert.match(await host.locator('[data-checked-in]').innerText(), new RegExp(`${t.partyPeople} personne`));
  const afterParty = await totals(host);
  assert.equal(afterParty.arrived, t.partyPeople);
  assert.equal(afterParty.noShow, start.noShow - t.partyPeople);
  assert.equal(await partyLine.getAttribute('data-state'), 'arrived');

  // The group on its line, with its headcount: 25 of the 26 came.
  const groupLine = host.locator(`[data-code="${groupCode}"]`);
  await groupLine.getByLabel('Effectif présent du groupe').fill('25');
  await Promise.all([host.waitForURL(/fait=pointe/), groupLine.getByRole('button', { name: /^Pointer/ }).click()]);
  const afterGroup = await totals(host);
  assert.equal(afterGroup.arrived, t.partyPeople + 25);
  assert.equal(afterGroup.noShow, start.noShow - t.partyPeople - 26);
  assert.equal(sql(`SELECT c.attended FROM check_in c JOIN booking b ON b.id = c.booking_id WHERE b.ticket_code = '${groupCode}'`), '25');
  await shoot(host, 'host-day-3-checked-in-390.png');

  // The party's check-in was a slip: undone, audited, places unchanged.
  await Promise.all([host.waitForURL(/fait=annule/), partyLine.getByRole('button', { name: /^Annuler le pointage/ }).click()]);
  const afterUndo = await totals(host);
  assert.equal(afterUndo.arrived, 25);
  assert.equal(afterUndo.noShow, start.noShow - 26);
  assert.equal(await partyLine.getAttribute('data-state'), 'no-show');
  assert.equal(sql(`SELECT count(*) FROM check_in WHERE booking_id = ${t.partyId}`), '0');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'booking.check_in_undo' AND entity_id = ${t.partyId}`), '1');
  assert.equal(Number(sql(`SELECT places_taken FROM session WHERE id = ${t.group}`)), placesBefore);

  // The search finds the party by its booker's name (the form's GET; the script filters as one types).
  await host.getByLabel('Chercher un nom ou un code').fill(t.partyName);
  assert.ok(await host.locator(`[data-code="${groupCode}"]`).isHidden(), 'the script hides what does not match');
  assert.ok(await partyLine.isVisible());
  await Promise.all([host.waitForURL(/\?q=/), host.getByRole('button', { name: 'Chercher' }).click()]);
  assert.equal(await partyLine.count(), 1);
  assert.equal(await host.locator(`[data-code="${groupCode}"]`).count(), 0);
  assert.equal((await totals(host)).arrived, 25);  // the totals stay the day's
  await shoot(host, 'host-day-4-search-390.png');
  await host.context().close();
});

test('the dashboard and the check-in page at 1280 px', async () => {
  const page = await (await offlineContext(browser, { viewport: desktop })).newPage();
  await signIn(page, t.host, password);
  assert.equal(new URL(page.url()).pathname, '/usine');
  await shoot(page, 'host-day-5-dashboard-1280.png');
  await Promise.all([page.waitForURL(/\/accueil\/pointage$/), page.locator('[data-dashboard-checkin]').click()]);
  assert.equal((await totals(page)).arrived, 25);
  await shoot(page, 'host-day-6-check-in-1280.png');

  // A factory waiting for approval: its dashboard says so, and its public address shows its hosts
  // its state (anyone else: the 404) until the catalogue lists it.
  sql(`UPDATE participation SET status = 'submitted' WHERE site_id = ${t.site} AND edition_id = (SELECT max(id) FROM edition)`);
  await page.getByRole('link', { name: 'Mon espace' }).first().click();
  const card = page.locator(`[data-site="${t.site}"]`);
  assert.equal(await card.getAttribute('data-status'), 'submitted');
  assert.match(await card.locator('[data-site-state]').innerText(), /en attente de validation/);
  const anonymous = await (await offlineContext(browser)).newPage();
  const deadline = Date.now() + 15000;
  for (;;) {  // the catalogue drops the factory at its next refresh (1 s here): anyone gets the 404
    const answer = await anonymous.goto(`${base}/usines/${t.site}`);
    if (answer.status() === 404) break;
    assert.ok(Date.now() < deadline, 'the catalogue still lists the factory after 15 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  await anonymous.context().close();
  await Promise.all([page.waitForURL(new RegExp(`/usines/${t.site}$`)), card.locator('[data-public-page]').click()]);
  assert.equal(await page.locator('h1').innerText(), t.siteName);
  assert.match(await page.locator('main').innerText(), /en attente de validation/);
  await shoot(page, 'host-day-7-pending-factory-1280.png');
  sql(`UPDATE participation SET status = 'approved' WHERE site_id = ${t.site} AND edition_id = (SELECT max(id) FROM edition)`);
  await page.context().close();
});
