// Browser tests of the people pages (issue 4) against a real `juo serve` on a seeded replica,
// its edition open for registrations, e-mails delivered into a maildir that the test reads:
//   - a visitor signs up, confirms the address from the e-mail, books for a family of 4, gets
//     the confirmation e-mail with the ticket code, and cancels;
//   - a teacher asks for a Friday group visit; the factory's host (a seeded account, signed in
//     after a password reset by e-mail) accepts it; the teacher sees it accepted and is told;
//   - a party that does not fit waits on the list, is offered the places freed by a
//     cancellation (by e-mail) and accepts them;
//     the host checks the group in and reads the factory's visitor list back from its XLSX;
//   - a new host registers a factory, the organiser approves it, the host publishes two tours
//     (one copied from the other) and they appear on the public map and the factory's page;
//   - the organiser imports media mentions from CSV, and sends a survey that a host answers;
//   - the host adds a photo, drags the site's pin on the map and posts an internship offer;
//   - the organiser uploads the teaching kit's PDF and publishes it; anyone downloads it; the
//     sessions' XLSX export opens;
//   - the back office's and the host space's screens fit a phone's width;
//   - the organiser prepares next year's edition and invites last year's hosts; a host re-enrols
//     the factory with last year's tours.
// Run by CTest as: node --test tests/e2e/people.test.mjs (environment as public_site.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriousA11yViolations, launchBrowser, linkIn, offlineContext, readMaildir, startServer, stopServer, waitForMail } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const maildir = path.join(out, 'people-maildir');
const password = 'visite-usine-2025';
const SHIFT_DAYS = 728;
const shifted = (day) => new Date(Date.parse(day) + SHIFT_DAYS * 86400000).toISOString().slice(0, 10);
let server;
let base;
let browser;
let db;
const tours = {};

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  db = path.join(out, 'people.db');
  rmSync(db, { force: true });
  rmSync(maildir, { recursive: true, force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  sql("UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6");
  // Issue 17: a past tour shows its state instead of a form. The replica's days move 104 weeks
  // ahead (the same weekdays), so that its tours are still to come.
  sql(`UPDATE edition_day SET day_date = date(day_date, '+${SHIFT_DAYS} days');
       UPDATE session SET day_date = date(day_date, '+${SHIFT_DAYS} days')`);
  const publicTour = (skip) => sql(
    "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = 'public' " +
    `WHERE s.status = 'open' AND s.capacity_people - s.places_taken >= 10 ORDER BY s.id LIMIT 1 OFFSET ${skip}`);
  tours.family = publicTour(0);
  tours.scarce = publicTour(1);
  sql(`UPDATE session SET capacity_people = places_taken + 3 WHERE id = ${tours.scarce}`);
  tours.group = sql(
    "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = 'school' " +
    "WHERE s.status = 'open' AND s.capacity_people - s.places_taken >= 30 AND s.capacity_groups > s.groups_taken " +
    "AND (s.min_level IS NULL OR s.min_level IN ('4e', '3e')) ORDER BY s.id LIMIT 1");
  tours.groupSite = sql(`SELECT site_id FROM session WHERE id = ${tours.group}`);
  tours.host = sql("SELECT u.email FROM app_user u JOIN user_role r ON r.user_id = u.id " +
    `WHERE r.role = 'host' AND r.site_id = ${tours.groupSite} LIMIT 1`);
  for (const [k, v] of Object.entries(tours)) assert.ok(v, `the replica has a tour for ${k}`);
  ({ child: server, url: base } = await startServer(juo, db, { JUO_MAILDIR: maildir, JUO_REFRESH_SECONDS: '1' }));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

// Fails with the list when axe-core finds a serious or critical violation on the page.
async function assertAccessible(page, what) {
  assert.deepEqual(await seriousA11yViolations(page), [], `${what}: serious or critical accessibility violations`);
}

const pathOf = (link) => link.replace(/^https?:\/\/[^/]+/, '');

// Signs up with `role`, confirms the address from the e-mail, signs in; returns the page.
async function newAccount(name, email, role) {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  await page.goto(base + '/compte/inscription');
  await page.getByLabel('Nom et prénom').fill(name);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByLabel('Vous êtes').selectOption(role);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' }).waitFor();
  const mail = await waitForMail(maildir, email, /compte\/confirmation\?jeton=/);
  // Confirming the address signs the person in and takes them to their home (issue 17).
  await page.goto(base + pathOf(linkIn(mail.text, '/compte/confirmation?jeton=')));
  await page.locator('h1').waitFor();
  assert.match(new URL(page.url()).pathname, /^\/(compte\/(reservations|demandes)|usine)/, page.url());
  return page;
}

async function signIn(page, email, secret) {
  await page.goto(base + '/compte/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(secret);
  // Each lands on their home: bookings, group requests, factories or the moderation queue.
  const home = (url) => url.pathname !== '/compte/connexion' && /^\/(compte\/|usine|organisation)/.test(url.pathname);
  await Promise.all([page.waitForURL(home), page.getByRole('button', { name: 'Me connecter' }).click()]);
}

// Books `people` on `tour` from the factory's page; returns the page after the answer.
async function bookFromSitePage(page, tour, people, waitlist) {
  const site = sql(`SELECT site_id FROM session WHERE id = ${tour}`);
  await page.goto(`${base}/usines/${site}`);
  await Promise.all([page.waitForURL(new RegExp(`/reserver/${tour}$`)), page.locator(`a[href="/reserver/${tour}"]`).click()]);
  await page.getByLabel('Nombre de personnes').fill(String(people));
  const box = page.getByLabel(/liste d'attente/);
  if (await box.count()) {
    if (waitlist) await box.check(); else await box.uncheck();
    await page.getByRole('button', { name: 'Réserver' }).click();
  } else {
    // Issue 17: a full tour says so and offers only the waiting list.
    assert.ok(waitlist, 'the tour is full');
    await page.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
  }
  await page.locator('h1').waitFor();
}

const placesTaken = (tour) => Number(sql(`SELECT places_taken FROM session WHERE id = ${tour}`));

test('a visitor signs up, books for a family of 4, receives the e-mail and cancels', async () => {
  const email = 'famille.martin@example.org';
  const page = await newAccount('Camille Martin', email, 'visitor');
  const before = placesTaken(tours.family);
  await bookFromSitePage(page, tours.family, 4, false);
  assert.equal(await page.locator('h1').innerText(), 'Réservation confirmée');
  const code = (await page.locator('[data-ticket-code]').innerText()).trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{10}$/);
  assert.equal(placesTaken(tours.family), before + 4);
  await page.screenshot({ path: path.join(shots, 'people-1-booked.png'), fullPage: true });
  await assertAccessible(page, 'people-1-booked.png');

  const mail = await waitForMail(maildir, email, new RegExp(code));
  assert.match(mail.text, /4 personnes/);

  await page.goto(base + '/compte/reservations');
  const card = page.locator('[data-booking][data-status="confirmed"]');
  assert.equal(await card.count(), 1);
  await page.screenshot({ path: path.join(shots, 'people-2-my-bookings.png'), fullPage: true });
  await assertAccessible(page, 'people-2-my-bookings.png');
  await card.getByRole('button', { name: 'Annuler cette réservation' }).click();
  // Issue 17: cancelling asks for a confirmation first.
  await page.getByRole('button', { name: 'Oui, annuler la réservation' }).click();
  await page.getByText('Réservation annulée : les places sont libérées.').waitFor();
  assert.equal(await page.locator('[data-booking][data-status="cancelled"]').count(), 1);
  assert.equal(placesTaken(tours.family), before);
  await waitForMail(maildir, email, /annul/i);
  await page.context().close();
});

test("a teacher's group request is accepted by the factory's host", async () => {
  const teacherEmail = 'prof.durand@example.org';
  const teacher = await newAccount('Alex Durand', teacherEmail, 'teacher');
  const site = tours.groupSite;
  await teacher.goto(`${base}/usines/${site}`);
  await teacher.locator(`a[href="/groupes/demande?visite=${tours.group}"]`).click();
  await teacher.getByRole('heading', { name: 'Demander une visite de groupe' }).waitFor();
  assert.equal(await teacher.getByLabel('Vœu 1').inputValue(), tours.group);
  await teacher.getByLabel('Niveau du groupe').selectOption('3e');
  await teacher.getByLabel('Élèves ou participants').fill('24');
  await teacher.getByLabel('Accompagnateurs').fill('2');
  // Issue 18: the school, here one the teacher adds.
  await teacher.getByText("Mon établissement n'est pas dans la liste").click();
  await teacher.getByLabel("Nom de l'établissement").fill('Collège Jean Moulin');
  await teacher.getByLabel('Commune ou code postal').fill('Lyon');
  await teacher.getByLabel("Nous avons besoin d'un bus").check();
  await Promise.all([teacher.waitForURL(/\/compte\/demandes\?envoyee=\d+/),
    teacher.getByRole('button', { name: 'Envoyer la demande' }).click()]);
  const requestId = new URL(teacher.url()).searchParams.get('envoyee');
  const mine = teacher.locator(`[data-request="${requestId}"]`);
  assert.equal(await mine.getAttribute('data-status'), 'pending');
  // No deadline in this edition: first come, first served, so the factories answer (no round).
  assert.match(await teacher.locator('.notice').innerText(), /Les usines de vos vœux l'acceptent ou la refusent/);
  assert.equal(await teacher.locator('.friday-process ol').count(), 0, 'one sentence, not a numbered list of one');
  await teacher.screenshot({ path: path.join(shots, 'people-3-request-sent.png'), fullPage: true });
  await assertAccessible(teacher, 'people-3-request-sent.png');

  // The host has a seeded account without a password: a reset by e-mail opens it.
  const host = await seededAccount(tours.host, 'accueil-usine-2025');
  await host.goto(base + '/accueil/demandes');
  const received = host.locator(`[data-request="${requestId}"]`);
  await received.waitFor();
  await host.screenshot({ path: path.join(shots, 'people-4-host-requests.png'), fullPage: true });
  await assertAccessible(host, 'people-4-host-requests.png');
  const placesBefore = placesTaken(tours.group);
  await received.getByLabel('Visite').selectOption(tours.group);
  await received.getByLabel('Message au demandeur (facultatif)').fill('Rendez-vous à l’accueil, chaussures fermées.');
  await Promise.all([host.waitForURL(/fait=acceptee/), received.getByRole('button', { name: 'Accepter' }).click()]);
  assert.equal(await host.locator(`[data-request="${requestId}"]`).getAttribute('data-status'), 'accepted');
  assert.equal(placesTaken(tours.group), placesBefore + 26);

  await teacher.goto(base + '/compte/demandes');
  assert.equal(await mine.getAttribute('data-status'), 'accepted');
  assert.match(await mine.innerText(), /Acceptée pour/);
  await teacher.screenshot({ path: path.join(shots, 'people-5-request-accepted.png'), fullPage: true });
  await assertAccessible(teacher, 'people-5-request-accepted.png');
  const told = await waitForMail(maildir, teacherEmail, /demande de visite de groupe est acceptée/);
  assert.match(told.text, /chaussures fermées/);
  const groupCode = (await mine.locator('strong').last().innerText()).trim();
  assert.match(told.text, new RegExp(groupCode));

  // On the day, the host checks the group in: 25 of the 26 came.
  await host.goto(base + '/accueil/pointage');
  await host.getByLabel('Code du billet').fill('JUO:' + groupCode.toLowerCase());
  await host.getByLabel('Personnes présentes').fill('25');
  await host.getByRole('button', { name: 'Pointer', exact: true }).click();
  await host.locator('[data-checked-in]').waitFor();
  assert.match(await host.locator('[data-checked-in]').innerText(), /25 personnes/);
  await host.screenshot({ path: path.join(shots, 'people-5b-check-in.png'), fullPage: true });
  await assertAccessible(host, 'people-5b-check-in.png');
  assert.equal(sql(`SELECT c.attended FROM check_in c JOIN booking b ON b.id = c.booking_id WHERE b.ticket_code = '${groupCode}'`), '25');
  await host.getByLabel('Code du billet').fill(groupCode);
  await host.getByRole('button', { name: 'Pointer', exact: true }).click();
  await host.getByText('ce billet a déjà été pointé').waitFor();

  // The visitor list of the factory, from its tours page, as XLSX: read it back.
  await host.goto(`${base}/usine/${tours.groupSite}/visites`);
  const href = await host.locator('a[data-export="xlsx"]').getAttribute('href');
  const answer = await host.request.get(base + href);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-type'], /spreadsheetml/);
  const xlsx = path.join(out, 'visitors.xlsx');
  writeFileSync(xlsx, await answer.body());
  const strings = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml']).toString();
  assert.match(strings, /Alex Durand/);
  assert.match(strings, new RegExp(groupCode));
  const sheet = execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml']).toString();
  assert.match(sheet, /<v>25<\/v>/);  // the attended headcount, a number
  await teacher.context().close();
  await host.context().close();
});

test('a waitlisted party is offered freed places and accepts them', async () => {
  const first = await newAccount('Sam Petit', 'sam.petit@example.org', 'visitor');
  await bookFromSitePage(first, tours.scarce, 3, false);
  assert.equal(await first.locator('h1').innerText(), 'Réservation confirmée');

  const waitingEmail = 'lou.bernard@example.org';
  const waiting = await newAccount('Lou Bernard', waitingEmail, 'visitor');
  await bookFromSitePage(waiting, tours.scarce, 2, true);
  assert.equal(await waiting.locator('h1').innerText(), "Inscription sur la liste d'attente");
  await waiting.goto(base + '/compte/reservations');
  assert.equal(await waiting.locator('[data-waiting]').count(), 1);

  await first.goto(base + '/compte/reservations');
  await first.locator('[data-booking][data-status="confirmed"]').getByRole('button', { name: 'Annuler cette réservation' }).click();
  await first.getByRole('button', { name: 'Oui, annuler la réservation' }).click();
  await first.getByText('Réservation annulée').waitFor();

  // The e-mail's signed link works signed in or not (issue 17); "Mes réservations" shows the offer too.
  const offer = await waitForMail(maildir, waitingEmail, /liste-attente\/offre\/\d+\?jeton=/);
  await waiting.goto(base + '/compte/reservations');
  assert.equal(await waiting.locator('[data-offer]').count(), 1);
  await waiting.goto(base + pathOf(linkIn(offer.text, '/liste-attente/offre/')));
  await waiting.getByRole('heading', { name: 'Des places pour vous' }).waitFor();
  await waiting.screenshot({ path: path.join(shots, 'people-6-offer.png'), fullPage: true });
  await assertAccessible(waiting, 'people-6-offer.png');
  await Promise.all([waiting.waitForURL(/\/reservation\/\d+\?jeton=[^&]+&fait=reservee/),
    waiting.getByRole('button', { name: 'Accepter ces places' }).click()]);
  await waiting.getByRole('heading', { name: 'Réservation confirmée' }).waitFor();
  await waiting.goto(base + '/compte/reservations');
  assert.equal(await waiting.locator('[data-booking][data-status="confirmed"]').count(), 1);
  assert.equal(Number(sql(`SELECT count(*) FROM booking WHERE session_id = ${tours.scarce} AND status = 'confirmed' ` +
    `AND user_id = (SELECT id FROM app_user WHERE email = '${waitingEmail}')`)), 1);
  await waiting.context().close();
  await first.context().close();
  assert.ok(readMaildir(maildir).length >= 10);
});

// A host or an organiser of the seed, who has no password: a reset by e-mail opens the account.
async function seededAccount(email, secret) {
  const page = await (await offlineContext(browser)).newPage();
  await page.goto(base + '/compte/mot-de-passe-oublie');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' }).waitFor();
  const reset = await waitForMail(maildir, email, /nouveau-mot-de-passe\?jeton=/);
  await page.goto(base + pathOf(linkIn(reset.text, '/compte/nouveau-mot-de-passe?jeton=')));
  await page.getByLabel('Nouveau mot de passe').fill(secret);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('heading', { name: 'Mot de passe changé' }).waitFor();
  await signIn(page, email, secret);
  return page;
}

// The seeded organiser, signed in (their password is set by e-mail the first time).
let organiserReady = false;
async function organiserPage() {
  const email = sql("SELECT u.email FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'organiser' LIMIT 1");
  if (!organiserReady) {
    organiserReady = true;
    return seededAccount(email, 'organisation-2025');
  }
  const page = await (await offlineContext(browser)).newPage();
  await signIn(page, email, 'organisation-2025');
  return page;
}

test('a new host registers a factory, the organiser approves it, its two tours reach the map', async () => {
  const hostEmail = 'direction@fonderie-test.example.org';
  const host = await newAccount('Dominique Forge', hostEmail, 'host');
  assert.match(host.url(), /\/usine$/);
  await host.getByRole('link', { name: 'Inscrire une usine' }).click();
  await host.getByLabel('Entreprise').fill('Fonderie du Test');
  await host.getByLabel('SIRET (facultatif)').fill('12345678901234');
  await host.getByLabel("Secteur d'activité").selectOption('24');
  await host.getByLabel('Adresse', { exact: true }).fill('1 rue de la Forge');
  await host.getByLabel('Code postal ou commune').fill('69003');
  await host.getByLabel('Accessible en fauteuil roulant').check();
  await host.getByRole('button', { name: "Envoyer l'inscription" }).click();
  await host.getByText("n'a pas 14 chiffres avec une clé valide").first().waitFor();  // the SIRET's key
  await host.getByLabel('SIRET (facultatif)').fill('');
  await Promise.all([host.waitForURL(/\/usine\?inscrit=\d+/), host.getByRole('button', { name: "Envoyer l'inscription" }).click()]);
  const site = new URL(host.url()).searchParams.get('inscrit');
  const card = host.locator(`[data-site="${site}"]`);
  assert.equal(await card.getAttribute('data-status'), 'submitted');
  await host.screenshot({ path: path.join(shots, 'people-8-host-registered.png'), fullPage: true });
  await assertAccessible(host, 'people-8-host-registered.png');

  const organiser = await organiserPage();
  assert.match(organiser.url(), /\/organisation$/);  // the back office's home: its links and the queue's length
  assert.match(await organiser.locator('[data-waiting]').innerText(), /attend|attendent/);
  await Promise.all([organiser.waitForURL(/\/organisation\/moderation$/),
    organiser.locator('[data-office-links]').getByRole('link', { name: 'Inscriptions à valider' }).click()]);
  const queued = organiser.locator(`[data-site="${site}"]`);
  await queued.waitFor();
  await organiser.screenshot({ path: path.join(shots, 'people-9-moderation.png'), fullPage: true });
  await assertAccessible(organiser, 'people-9-moderation.png');
  await Promise.all([organiser.waitForURL(/fait=approve/), queued.getByRole('button', { name: 'Valider' }).click()]);
  assert.equal(await organiser.locator(`[data-site="${site}"]`).count(), 0);
  await waitForMail(maildir, hostEmail, /est validée/);

  await host.goto(base + '/usine');
  await host.locator(`[data-site="${site}"]`).getByRole('link', { name: 'Gérer les visites' }).click();
  await host.getByLabel('Jour').selectOption(shifted('2025-04-05'));
  await host.getByLabel('Début').fill('10:00');
  await host.getByLabel('Fin').fill('11:30');
  await host.getByLabel('Places').fill('15');
  await host.getByLabel('Grand public').check();
  await Promise.all([host.waitForURL(/fait=\d+/), host.getByRole('button', { name: 'Publier la visite' }).click()]);
  await host.getByRole('button', { name: 'Copier cette visite (juste après)' }).click();
  await host.locator('[data-tour]').nth(1).waitFor();  // the URL already says fait=…: wait for the copy
  assert.equal(await host.locator('[data-tour]').count(), 2);
  assert.match(await host.locator('main').innerText(), /11\s?h\s?30 – 13\s?h/);
  await host.screenshot({ path: path.join(shots, 'people-10-host-tours.png'), fullPage: true });
  await assertAccessible(host, 'people-10-host-tours.png');

  // The catalogue is rebuilt within a second or two of a change (JUO_REFRESH_SECONDS=1): wait
  // until it holds both tours.
  const visitor = await (await offlineContext(browser)).newPage();
  let onMap = false, bookable = 0;
  for (let i = 0; i < 50 && !(onMap && bookable === 2); ++i) {
    const points = await (await fetch(base + '/api/v1/map')).json();
    onMap = JSON.stringify(points).includes(`[${site},`);
    if (onMap) {
      await visitor.goto(`${base}/usines/${site}`);
      bookable = await visitor.locator('a[href^="/reserver/"]').count();
    }
    if (!(onMap && bookable === 2)) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(onMap, `site ${site} is on the public map`);
  assert.equal(bookable, 2);
  assert.match(await visitor.locator('main').innerText(), /Fonderie du Test/);
  await visitor.screenshot({ path: path.join(shots, 'people-11-public-page.png'), fullPage: true });
  await assertAccessible(visitor, 'people-11-public-page.png');
  await visitor.context().close();
  await organiser.context().close();
  await host.context().close();
});

test('the organiser imports 50 media mentions from CSV and sees the counts', async () => {
  const organiser = await organiserPage();
  await organiser.goto(base + '/organisation/medias');
  const count = async (kind) => Number((await organiser.locator(`[data-kind="${kind}"] td`).innerText()).replace(/\s/g, ''));
  const before = { print: await count('print'), web: await count('web'), broadcast: await count('broadcast') };
  // A broken file first: every bad line is named, nothing is imported.
  await organiser.getByLabel('Contenu du fichier CSV').fill('type;média;date\npresse;Le Progrès;2025-04-05\npigeon;X;2025-04-05\nweb;Y;31/02/2025\n');
  await organiser.getByRole('button', { name: 'Importer' }).click();
  await organiser.locator('[data-problem-line="3"]').waitFor();
  assert.equal(await organiser.locator('[data-problem-line]').count(), 2);
  assert.equal(await count('print'), before.print);
  await organiser.screenshot({ path: path.join(shots, 'people-12-media-problems.png'), fullPage: true });
  await assertAccessible(organiser, 'people-12-media-problems.png');

  const kinds = ['presse', 'web', 'radio', 'tv', 'presse'];
  let csv = 'type,média,titre,date,url,département\n';
  for (let i = 0; i < 50; ++i)
    csv += `${kinds[i % 5]},Média ${i},"Les usines ouvrent, épisode ${i}",${String(1 + (i % 28)).padStart(2, '0')}/03/2025,,69\n`;
  await organiser.getByLabel('Contenu du fichier CSV').fill(csv);
  await Promise.all([organiser.waitForURL(/importees=50/), organiser.getByRole('button', { name: 'Importer' }).click()]);
  assert.equal(await count('print'), before.print + 20);
  assert.equal(await count('web'), before.web + 10);
  assert.equal(await count('broadcast'), before.broadcast + 20);
  await organiser.screenshot({ path: path.join(shots, 'people-13-media-imported.png'), fullPage: true });
  await assertAccessible(organiser, 'people-13-media-imported.png');
  await organiser.context().close();
});

test('a survey is sent to the factories and a host answers it', async () => {
  const organiser = await organiserPage();
  await organiser.goto(base + '/organisation/enquetes');
  await organiser.getByLabel('Destinataires').selectOption('hosts');
  await Promise.all([organiser.waitForURL(/envoyee=\d+/), organiser.getByRole('button', { name: "Envoyer l'enquête" }).click()]);
  const recipients = Number(new URL(organiser.url()).searchParams.get('envoyee'));
  assert.ok(recipients > 200, `${recipients} hosts of approved factories`);
  const card = organiser.locator('[data-survey]').first();
  assert.equal(await card.getAttribute('data-responses'), '0');

  const invitation = await waitForMail(maildir, tours.host, /\/enquetes\/\d+/);
  const host = await (await offlineContext(browser)).newPage();
  await signIn(host, tours.host, 'accueil-usine-2025');
  await host.goto(base + pathOf(linkIn(invitation.text, '/enquetes/')));
  await host.getByLabel(/satisfait/).selectOption('5');
  await host.getByLabel(/prochaine édition/).selectOption('1');
  await host.getByLabel(/Un mot pour la suite/).fill('Une belle journée, les élèves ont posé mille questions.');
  await host.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await host.getByRole('heading', { name: 'Merci !' }).waitFor();
  await host.goto(base + pathOf(linkIn(invitation.text, '/enquetes/')));
  await host.getByText('Vous avez déjà répondu').waitFor();  // once per person

  await organiser.reload();
  assert.equal(await card.getAttribute('data-responses'), '1');
  const results = await card.innerText();
  assert.match(results, /moyenne 5 sur 5/);
  assert.match(results, /100 % de oui/);
  await organiser.screenshot({ path: path.join(shots, 'people-14-survey-results.png'), fullPage: true });
  await assertAccessible(organiser, 'people-14-survey-results.png');

  // The host's free answer becomes a quote of the bilan, shown on the press page.
  await card.locator('summary').click();
  await card.getByRole('button', { name: 'Citer dans le bilan' }).first().click();
  await organiser.getByText('Citation ajoutée au bilan.').waitFor();
  let quoted = false;
  for (let i = 0; i < 30 && !quoted; ++i) {  // the dashboard keeps each bilan 10 s
    quoted = (await (await fetch(base + '/presse')).text()).includes('les élèves ont posé mille questions');
    if (!quoted) await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(quoted, 'the quote is on the press page');

  // The audit log shows who sent it.
  await organiser.goto(base + '/organisation/journal?action=survey.');
  const rows = organiser.locator('[data-audit-action="survey.send"]');
  assert.equal(await rows.count(), 1);
  // Issue 19 (4): the person's name and a French label; the address stays in the row's data.
  const who = sql("SELECT u.display_name FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'organiser' LIMIT 1");
  assert.ok((await rows.first().innerText()).includes(who), `the journal names ${who}`);
  assert.match(await rows.first().innerText(), /Enquête envoyée/);
  assert.match(await rows.first().locator('[data-audit-actor]').getAttribute('data-audit-actor'), /organisation@/);
  await organiser.screenshot({ path: path.join(shots, 'people-15-audit.png'), fullPage: true });
  await assertAccessible(organiser, 'people-15-audit.png');
  await host.context().close();
  await organiser.context().close();
});

test("the host adds a photo, drags the factory's pin on the map and posts an internship", async () => {
  const site = tours.groupSite;
  const host = await (await offlineContext(browser)).newPage();
  await signIn(host, tours.host, 'accueil-usine-2025');
  await host.locator(`[data-site="${site}"]`).getByRole('link', { name: 'Fiche du site' }).click();
  await host.waitForURL(new RegExp(`/usine/${site}/fiche`));
  // A real PNG, drawn by the browser itself.
  const png = await host.screenshot({ clip: { x: 0, y: 0, width: 640, height: 400 } });
  await host.getByLabel('Photo du site').setInputFiles({ name: 'usine.png', mimeType: 'image/png', buffer: png });
  await Promise.all([host.waitForURL(/fait=photo/), host.getByRole('button', { name: 'Envoyer la photo' }).click()]);
  await host.getByText('Photo enregistrée.').waitFor();

  // The pin: dragged up and right on the map; the coordinates follow, and are saved.
  const before = Number(await host.getByLabel('Latitude').inputValue());
  const marker = host.locator('#pin-map .leaflet-marker-icon');
  await marker.waitFor();
  await marker.scrollIntoViewIfNeeded();
  const box = await marker.boundingBox();
  await host.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await host.mouse.down();
  await host.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 - 60, { steps: 10 });
  await host.mouse.up();
  const after = Number(await host.getByLabel('Latitude').inputValue());
  assert.ok(after > before, `the latitude follows the pin north: ${before} → ${after}`);
  await Promise.all([host.waitForURL(/fait=save/), host.getByRole('button', { name: 'Enregistrer la fiche' }).click()]);
  assert.ok(Math.abs(Number(sql(`SELECT latitude FROM site WHERE id = ${site}`)) - after) < 1e-6);
  await host.screenshot({ path: path.join(shots, 'people-16-site-profile.png'), fullPage: true });
  await assertAccessible(host, 'people-16-site-profile.png');

  // The factory's public page shows the photo once the catalogue has reloaded.
  const visitor = await (await offlineContext(browser)).newPage();
  let width = 0;
  for (let i = 0; i < 50 && width === 0; ++i) {
    await visitor.goto(`${base}/usines/${site}`);
    const img = visitor.locator('img.site__photo');
    if (await img.count()) width = await img.evaluate((el) => el.complete ? el.naturalWidth : 0);
    if (width === 0) await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(width, 640);
  await visitor.screenshot({ path: path.join(shots, 'people-17-public-photo.png') });
  await assertAccessible(visitor, 'people-17-public-photo.png');
  await visitor.context().close();

  await host.goto(`${base}/usine/${site}/stages`);
  await host.getByLabel('Type').selectOption('stage_3e');
  await host.getByLabel('Intitulé').fill('Découverte de la maintenance');
  await host.getByLabel('Nombre de places').fill('3');
  await Promise.all([host.waitForURL(/fait=add/), host.getByRole('button', { name: "Publier l'offre" }).click()]);
  const offer = host.locator('[data-offer]', { hasText: 'Découverte de la maintenance' });
  await offer.getByLabel('Places pourvues').fill('2');
  await Promise.all([host.waitForURL(/fait=filled/), offer.getByRole('button', { name: 'Mettre à jour' }).click()]);
  assert.equal(sql(`SELECT filled FROM internship_offer WHERE site_id = ${site} AND title = 'Découverte de la maintenance'`), '2');
  await host.screenshot({ path: path.join(shots, 'people-18-internships.png'), fullPage: true });
  await assertAccessible(host, 'people-18-internships.png');
  await host.context().close();
});

test('the organiser publishes the teaching kit, anyone downloads it, and the XLSX export opens', async () => {
  // A two-page PDF printed by the browser.
  const printer = await (await offlineContext(browser)).newPage();
  await printer.setContent('<h1>Livret enseignant</h1><p>Préparer la visite.</p><p style="break-before: page">Après la visite.</p>');
  const pdf = await printer.pdf({ format: 'A4' });
  await printer.context().close();

  const organiser = await organiserPage();
  await organiser.goto(base + '/organisation/kit');
  await organiser.getByLabel('Titre').fill('Livret enseignant');
  await organiser.getByLabel('Pour qui').selectOption('teachers');
  await organiser.getByLabel('Fichier PDF').setInputFiles({ name: 'livret.pdf', mimeType: 'application/pdf', buffer: pdf });
  await Promise.all([organiser.waitForURL(/fait=upload/), organiser.getByRole('button', { name: 'Envoyer le document' }).click()]);
  const card = organiser.locator('[data-document]', { hasText: 'Livret enseignant' });
  assert.match(await card.innerText(), /2 pages/);  // read from the PDF
  await Promise.all([organiser.waitForURL(/fait=publish/), card.getByRole('button', { name: 'Publier' }).click()]);
  await organiser.screenshot({ path: path.join(shots, 'people-19-kit-admin.png'), fullPage: true });
  await assertAccessible(organiser, 'people-19-kit-admin.png');

  const anyone = await (await offlineContext(browser)).newPage();
  await anyone.goto(base + '/');
  await anyone.locator('footer').getByRole('link', { name: 'Kit pédagogique' }).click();
  const link = anyone.getByRole('link', { name: 'Livret enseignant' });
  const href = await link.getAttribute('href');
  const file = Buffer.from(await (await fetch(base + href)).arrayBuffer());
  assert.ok(file.equals(pdf), 'the downloaded PDF is the uploaded one');
  assert.equal(sql("SELECT downloads FROM teaching_kit_document WHERE title = 'Livret enseignant'"), '1');
  await anyone.screenshot({ path: path.join(shots, 'people-20-kit-public.png'), fullPage: true });
  await assertAccessible(anyone, 'people-20-kit-public.png');
  await anyone.context().close();

  // Every list exports; the tours' workbook opens and holds the factory registered above.
  await organiser.goto(base + '/organisation/exports');
  const [download] = await Promise.all([organiser.waitForEvent('download'),
    organiser.locator('[data-export="sessions"] a[href*="format=xlsx"]').click()]);
  const xlsx = path.join(out, 'sessions.xlsx');
  await download.saveAs(xlsx);
  const strings = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml']).toString();
  assert.match(strings, /Fonderie du Test/);
  await organiser.screenshot({ path: path.join(shots, 'people-21-exports.png'), fullPage: true });
  await assertAccessible(organiser, 'people-21-exports.png');
  await organiser.context().close();
});

test("the back office's and the host space's screens fit a phone's width", async () => {
  const context = await offlineContext(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await context.newPage();
  const email = sql("SELECT u.email FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'organiser' LIMIT 1");
  await signIn(page, email, 'organisation-2025');
  const site = tours.groupSite;
  const screens = ['/organisation', '/organisation/moderation', '/organisation/editions', '/organisation/utilisateurs',
    '/organisation/exports', '/organisation/usines/import', '/organisation/medias', '/organisation/kit',
    '/organisation/enquetes', '/organisation/journal', '/kit', '/usine', `/usine/${site}/fiche`,
    `/usine/${site}/visites`, `/usine/${site}/stages`];
  for (const screen of screens) {
    const answer = await page.goto(base + screen);
    assert.equal(answer.status(), 200, screen);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${screen} scrolls sideways by ${overflow} px`);
    const name = screen.replace(/^\//, '').replace(/\//g, '-') || 'home';
    await page.screenshot({ path: path.join(shots, `phone-${name}.png`), fullPage: true });
    await assertAccessible(page, `phone-${name}.png`);
  }
  await context.close();
});

test('a phone-sized screen shows the booking form without horizontal scrolling', async () => {
  const context = await offlineContext(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(base + '/compte/inscription');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
  await page.screenshot({ path: path.join(shots, 'people-7-phone-signup.png'), fullPage: true });
  await assertAccessible(page, 'people-7-phone-signup.png');
  await context.close();
});

// Last: it opens the next edition, which becomes the current one.
test("the organiser prepares next year's edition, invites last year's hosts, and a host re-enrols", async () => {
  // The 2025 edition's days back where the replica has them (see before()): 2026 is made from them.
  sql(`UPDATE edition_day SET day_date = date(day_date, '-${SHIFT_DAYS} days');
       UPDATE session SET day_date = date(day_date, '-${SHIFT_DAYS} days')`);
  const organiser = await organiserPage();
  await organiser.goto(base + '/organisation/editions');
  await Promise.all([organiser.waitForURL(/cree=1/),
    organiser.getByRole('button', { name: "Préparer l'édition 2026 à partir de 2025" }).click()]);
  await organiser.goto(base + '/organisation/editions');
  const next = organiser.locator('[data-year="2026"]');
  assert.equal(await next.getAttribute('data-status'), 'draft');
  await Promise.all([organiser.waitForURL(/invites=\d+/),
    next.getByRole('button', { name: 'Inviter les hôtes de 2025' }).click()]);
  await organiser.getByText(/hôte\(s\) invité\(s\)/).waitFor();
  await organiser.screenshot({ path: path.join(shots, 'people-22-editions.png'), fullPage: true });
  await assertAccessible(organiser, 'people-22-editions.png');
  const invited = Number(sql("SELECT count(*) FROM email_outbox WHERE kind LIKE 'edition.invite.%'"));
  assert.ok(invited > 200, `${invited} hosts invited`);
  // Twice: nobody is mailed again. (Once the invitations are out: a page's write transaction
  // that starts while the e-mail sender commits can fail with "database busy" — a known issue,
  // see the closing note of 2026-11-29 — and this step checks the rule, not that race.)
  for (let i = 0; i < 100 && Number(sql("SELECT count(*) FROM email_outbox WHERE status = 'pending'")) > 0; ++i)
    await new Promise((r) => setTimeout(r, 200));
  await Promise.all([organiser.waitForURL(/invites=0&deja=\d+/),
    organiser.locator('[data-year="2026"]').getByRole('button', { name: 'Inviter les hôtes de 2025' }).click()])
    .catch(async (e) => { throw new Error(`${e.message}\n${organiser.url()}\n${await organiser.locator('main').innerText()}`); });
  assert.equal(Number(sql("SELECT count(*) FROM email_outbox WHERE kind LIKE 'edition.invite.%'")), invited);

  // Two tabs of the edit form: the later save, made from the older page, is refused and the form
  // comes back with the edition as saved (not with the refused values).
  const id = sql("SELECT id FROM edition WHERE year = 2026");
  const tabs = [organiser, await organiser.context().newPage()];
  for (const tab of tabs) await tab.goto(`${base}/organisation/editions/${id}`);
  await tabs[0].getByLabel("Objectif d'usines").fill('260');
  await Promise.all([tabs[0].waitForURL(/fait=1/), tabs[0].getByRole('button', { name: 'Enregistrer' }).click()]);
  await tabs[1].getByLabel('Objectif de visiteurs').fill('9000');
  await tabs[1].getByRole('button', { name: 'Enregistrer' }).click();
  await tabs[1].getByText("Quelqu'un d'autre a enregistré cette édition").waitFor();
  assert.equal(await tabs[1].getByLabel("Objectif d'usines").inputValue(), '260');
  assert.notEqual(await tabs[1].getByLabel('Objectif de visiteurs').inputValue(), '9000');
  await tabs[1].screenshot({ path: path.join(shots, 'people-22b-edition-saved-meanwhile.png'), fullPage: true });
  assert.equal(sql(`SELECT target_sites FROM edition WHERE id = ${id}`), '260');
  await tabs[1].close();

  await waitForMail(maildir, tours.host, /réinscrivez votre usine/);
  const site = tours.groupSite;
  const lastYear = Number(sql(`SELECT count(*) FROM session s JOIN edition e ON e.id = s.edition_id WHERE e.year = 2025 AND s.site_id = ${site} AND s.status <> 'cancelled'`));
  const host = await (await offlineContext(browser)).newPage();
  await signIn(host, tours.host, 'accueil-usine-2025');
  await Promise.all([host.waitForURL(/reinscrit=\d+/),
    host.locator(`[data-site="${site}"]`).getByRole('button', { name: 'Réinscrire pour 2026' }).click()]);
  const copied = Number(new URL(host.url()).searchParams.get('reinscrit'));
  assert.ok(copied > 0 && copied <= lastYear, `${copied} of ${lastYear} tours copied`);
  assert.equal(Number(sql(`SELECT count(*) FROM session s JOIN edition e ON e.id = s.edition_id WHERE e.year = 2026 AND s.site_id = ${site}`)), copied);
  assert.equal(await host.locator(`[data-site="${site}"]`).getAttribute('data-status'), 'submitted');
  await host.screenshot({ path: path.join(shots, 'people-23-reenrolled.png'), fullPage: true });
  await assertAccessible(host, 'people-23-reenrolled.png');
  await host.context().close();
  await organiser.context().close();
});
