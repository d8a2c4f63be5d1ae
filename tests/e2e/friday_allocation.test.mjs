// The Friday round in the browser (issue 18, item 3), in Chromium at 390 px and 1280 px, on the
// database `make demo` builds (the 2025 replica, then an edition open today: every Friday group
// request pending, no group booking yet, one demo account per role):
//   - the demo teacher, from their start link, asks for a Friday tour at the demo host's factory
//     with a bus;
//   - the organiser starts from /organisation, follows the link to the allocation page, sees every
//     error of a wrong form at once, runs a round, watches its progress and reads the result
//     beside first-come (priority, department, region tables, the map, the buses, the decisions);
//     pins the teacher's placement, solves again from the run page, checks the pin held, and
//     publishes after the confirmation step; the bus operator's CSV downloads;
//   - the teacher, from the e-mail they receive (the demo mailbox's maildir), reads the placement
//     and the bus pickup, and their request page says it is accepted for that factory;
//   - the host, on their dashboard (/usine), sees the group coming, and has the e-mail.
// axe-core finds no serious or critical violation on the pages walked.
// Run by CTest as: node --test tests/e2e/friday_allocation.test.mjs (JUO_BIN, JUO_E2E_OUT, CHROMIUM).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertAccessible, assertNoHorizontalScroll, launchBrowser, linkIn, offlineContext, startServer, stopServer,
  waitForMail } from './lib.mjs';

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
let maildir;
const accounts = {};  // role label → { email, password, start }
let requestId = 0;    // the teacher's request
let siteName = '';    // the factory the teacher asked for (the demo host's)
let hostTown = '';    // its town

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  const db = path.join(out, 'friday_allocation.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  maildir = `${db}.maildir`;
  rmSync(maildir, { recursive: true, force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  const printed = execFileSync(juo, ['seed', '--db', db, '--open-now', '--demo-accounts', '--quiet']).toString();
  for (const line of printed.split('\n')) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length === 4 && cells[1].endsWith('@demo.juo.test'))
      accounts[cells[0]] = { email: cells[1], password: cells[2], start: cells[3] };
  }
  // "L'hôte gère l'usine NAME (TOWN)." — the teacher's class comes from that town.
  hostTown = (printed.match(/L'hôte gère l'usine .* \(([^()]+)\)\./) || [])[1];
  assert.ok(hostTown, `the host's town in:\n${printed}`);
  for (const role of ['Enseignant·e', 'Hôte (usine)', 'Organisation']) assert.ok(accounts[role], `the ${role} account:\n${printed}`);
  ({ child: server, url: base } = await startServer(juo, db, {}, ['--demo']));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

async function signIn(page, account) {
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/compte/connexion'),
    page.getByRole('button', { name: 'Me connecter' }).click(),
  ]);
}

// A person's start: the printed link (a sign-in page that goes on to their first page).
async function startFrom(account, options) {
  const context = await offlineContext(browser, options);
  const page = await context.newPage();
  await page.goto(base + account.start.replace(/^https?:\/\/[^/]+/, ''));
  await signIn(page, account);
  return page;
}

// A round from the page it was started on: the progress (screenshot), then the result.
async function followRound(page, shot) {
  await page.waitForURL(/\/organisation\/repartition\/(calcul\/)?\d+/);
  if (/\/calcul\//.test(page.url())) {
    const progress = page.locator('[data-alloc-progress]');
    if (await progress.count()) {
      assert.match(await progress.innerText(), /Calcul en cours/);
      assert.ok(await page.locator('progress').count(), 'a progress bar');
      await page.screenshot({ path: path.join(shots, shot) });
      await assertAccessible(page, 'the progress page');
    }
  }
  await page.waitForURL(/\/organisation\/repartition\/\d+(\?|$)/, { timeout: 120000 });
  await page.locator('[data-alloc-tiles]').waitFor();
  return Number(page.url().match(/repartition\/(\d+)/)[1]);
}

// The teacher's request among the decisions of the run page, found with the page's search.
async function findRequest(page) {
  await page.getByLabel(/Chercher une demande/).fill(String(requestId));
  await Promise.all([page.waitForURL(/[?&]q=/), page.getByRole('button', { name: 'Chercher' }).click()]);
  const mine = page.locator(`#r-${requestId}`);
  assert.ok(await mine.count(), `the teacher's request ${requestId} among the decisions`);
  return mine;
}

test('the teacher asks for a Friday tour at the demo factory, with a bus', async () => {
  const page = await startFrom(accounts['Enseignant·e'], sizes.phone);
  await page.waitForURL(/\/groupes\/demande/);
  await page.getByLabel('Niveau du groupe').selectOption({ index: 1 });
  await page.getByLabel('Élèves ou participants').fill('24');
  await page.screenshot({ path: path.join(shots, 'friday-0-form-phone.png'), fullPage: true });
  // The school: one the teacher adds (issue 18), in the factory's town.
  await page.getByText("Mon établissement n'est pas dans la liste").click();
  await page.getByLabel("Nom de l'établissement").fill('Collège Jean Moulin');
  await page.getByLabel('Commune ou code postal').fill(hostTown);
  await page.getByLabel("Nous avons besoin d'un bus").check();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  const sent = page.locator('.notice');
  await sent.waitFor();
  const m = (await sent.innerText()).match(/Demande n° (\d+)/);
  assert.ok(m, `the request's number in: ${await sent.innerText()}`);
  requestId = Number(m[1]);
  const card = page.locator(`[data-request="${requestId}"]`);
  siteName = (await card.locator('.wishes li').first().innerText()).split(',')[0].trim();
  assert.ok(siteName, 'the wish names the factory');
  await page.screenshot({ path: path.join(shots, 'friday-1-teacher-request-phone.png'), fullPage: true });
  await page.context().close();
});

test('the organiser runs the round, pins a placement, solves again and publishes', async () => {
  for (const [name, options] of Object.entries(sizes)) {
    const context = await offlineContext(browser, options);
    const page = await context.newPage();
    await page.goto(base + '/');
    await Promise.all([page.waitForURL(/\/compte\/connexion/), page.getByRole('link', { name: 'Mon espace' }).first().click()]);
    await signIn(page, accounts.Organisation);
    if (new URL(page.url()).pathname !== '/organisation')
      await Promise.all([page.waitForURL(/\/organisation$/), page.locator('a[href="/organisation"]').first().click()]);
    await Promise.all([page.waitForURL(/\/organisation\/repartition/),
      page.locator('[data-office-links] a[href="/organisation/repartition"]').click()]);
    assert.match(await page.locator('h1').innerText(), /Répartition des groupes du vendredi/);
    await assertNoHorizontalScroll(page, 'the allocation page', options.viewport.width);
    await page.screenshot({ path: path.join(shots, `friday-2-form-${name}.png`), fullPage: true });
    await assertAccessible(page, `the allocation page (${name})`);
    if (name === 'phone') {
      // Every error of the form at once, each field named.
      await page.getByLabel('Places par bus').fill('0');
      await page.getByLabel('Prix par km (€)').fill('-3');
      await page.getByLabel('Un budget en euros').check();
      await page.getByLabel('Budget (€)').fill('inf');
      await page.getByLabel('Temps de calcul maximal (secondes)').fill('1e9');
      await page.getByRole('button', { name: 'Lancer le tour' }).click();
      const summary = page.locator('[data-alloc-errors]');
      await summary.waitFor();
      assert.equal(await summary.locator('li').count(), 4, await summary.innerText());
      for (const field of ['seats_per_bus', 'eur_per_km', 'budget_eur', 'time_limit_seconds'])
        assert.equal(await page.locator(`#f-${field}`).getAttribute('aria-invalid'), 'true', `${field} marked`);
      await page.screenshot({ path: path.join(shots, 'friday-2-form-errors-phone.png'), fullPage: true });
      await assertAccessible(page, 'the form with its errors');
    }
    // A round with a budget large enough for every bus, 5 seconds at most.
    await page.getByLabel('Places par bus').fill('55');
    await page.getByLabel('Prix fixe par bus (€)').fill('350');
    await page.getByLabel('Prix par km (€)').fill('2.5');
    await page.getByLabel('Un budget en euros').check();
    await page.getByLabel('Budget (€)').fill('500000');
    await page.getByLabel('Temps de calcul maximal (secondes)').fill('5');
    assert.ok(await page.getByLabel(/Garantie prioritaire/).isChecked(), 'the priority guarantee is on by default');
    await page.getByRole('button', { name: 'Lancer le tour' }).click();
    const first = await followRound(page, `friday-3-progress-${name}.png`);

    // The result beside first-come.
    const tiles = await page.locator('[data-alloc-tiles]').innerText();
    assert.match(tiles, /élèves servis/);
    assert.match(tiles, /premier arrivé/);
    const facts = await page.locator('[data-alloc-facts]').innerText();
    assert.match(facts, /Graine/);
    assert.match(facts, /Garantie prioritaire/);
    assert.match(facts, /coûté|aucun coût mesuré/);  // the guarantee's cost, or none measured
    for (const key of ['priority', 'department', 'region'])
      assert.ok(await page.locator(`[data-alloc-breakdown="${key}"] tbody tr`).count() > 0, `rows by ${key}`);
    assert.ok(await page.locator('[data-alloc-buses] tbody tr').count() > 0, 'buses');
    await assertNoHorizontalScroll(page, 'the result', options.viewport.width);
    await page.screenshot({ path: path.join(shots, `friday-4-result-${name}.png`) });
    await page.locator('#alloc-figures').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `friday-4-result-figures-${name}.png`) });
    await page.locator('#alloc-map-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `friday-4-result-map-${name}.png`) });
    await page.locator('#alloc-buses').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `friday-4-result-buses-${name}.png`) });
    await assertAccessible(page, `the result (${name})`);
    const mine = await findRequest(page);
    assert.notEqual(await mine.getAttribute('data-outcome'), 'refused', await mine.innerText());
    assert.ok((await mine.innerText()).includes(siteName), `placed at ${siteName}: ${await mine.innerText()}`);

    // The bus operator's CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-alloc-exports] a').first().click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);

    // Pin the teacher's placement, then solve again from this run.
    await Promise.all([page.waitForURL(/epingler=/), mine.getByRole('link', { name: 'Épingler' }).click()]);
    assert.equal(await page.locator(`#r-${requestId}`).getAttribute('data-pin'), 'pending_pin');
    await mine.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `friday-5-pinned-${name}.png`) });
    await page.locator('[data-alloc-again]').click();
    const second = await followRound(page, `friday-5-progress-again-${name}.png`);
    assert.notEqual(second, first, 'a new run');
    assert.equal(await (await findRequest(page)).getAttribute('data-pin'), 'pinned');
    assert.match(await page.locator('[data-fact="based_on"]').innerText(), new RegExp(`${first}`));

    if (name === 'phone') {
      // Discard the phone's runs: the desktop publishes its own.
      await page.locator('[data-alloc-discard]').click();
      await page.waitForURL(/ecarte=1/);
      assert.match(await page.locator('[role="status"]').innerText(), /écarté/);
      await context.close();
      continue;
    }
    // Publish, after the confirmation step.
    await Promise.all([page.waitForURL(/\/publier$/), page.locator('[data-alloc-publish]').click()]);
    const consequences = await page.locator('[data-alloc-consequences]').innerText();
    assert.match(consequences, /e-mail/);
    assert.match(consequences, /annulés et remplacés/);
    await page.screenshot({ path: path.join(shots, `friday-6-publish-${name}.png`), fullPage: true });
    await assertAccessible(page, 'the publish confirmation');
    await Promise.all([page.waitForURL(/publie=1/), page.locator('[data-alloc-confirm]').click()]);
    assert.match(await page.locator('[data-alloc-notice]').innerText(), /publié/);
    assert.equal(await page.locator('[data-alloc-run]').getAttribute('data-alloc-state'), 'published');
    await page.screenshot({ path: path.join(shots, `friday-6-published-${name}.png`) });
    await context.close();
  }
});

test('the teacher reads the placement and the bus pickup, from the e-mail to the request page', async () => {
  const teacher = accounts['Enseignant·e'];
  const mail = await waitForMail(maildir, teacher.email, /visite du vendredi est confirmée|visitera/);
  assert.ok(mail.text.includes(siteName), `the e-mail names ${siteName}`);
  assert.match(mail.text, /vous prendra à \d{1,2}\u202Fh(\u202F\d{2})? devant /, 'the bus pickup time and place');
  // The link's origin is the server's public URL; the path is what the teacher follows.
  const link = base + linkIn(mail.text, '/compte/demandes');
  for (const [name, options] of Object.entries(sizes)) {
    const context = await offlineContext(browser, options);
    const page = await context.newPage();
    await page.goto(link);
    if (new URL(page.url()).pathname === '/compte/connexion') await signIn(page, teacher);
    await page.waitForURL(/\/compte\/demandes/);
    const card = page.locator(`[data-request="${requestId}"]`);
    assert.equal(await card.getAttribute('data-status'), 'accepted');
    assert.ok((await card.innerText()).includes(siteName), await card.innerText());
    await assertNoHorizontalScroll(page, 'the request page', options.viewport.width);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `friday-7-teacher-${name}.png`) });
    await assertAccessible(page, `the teacher's requests (${name})`);
    await context.close();
  }
});

test('the host sees the group coming on the dashboard, and has the e-mail', async () => {
  const host = accounts['Hôte (usine)'];
  await waitForMail(maildir, host.email, /groupe|group/i);
  for (const [name, options] of Object.entries(sizes)) {
    const context = await offlineContext(browser, options);
    const page = await context.newPage();
    await page.goto(base + '/');
    await Promise.all([page.waitForURL(/\/compte\/connexion/), page.getByRole('link', { name: 'Mon espace' }).first().click()]);
    await signIn(page, host);
    if (new URL(page.url()).pathname !== '/usine')
      await Promise.all([page.waitForURL(/\/usine$/), page.locator('a[href="/usine"]').first().click()]);
    const groups = page.locator('[data-figure="groups"]').first();
    assert.ok(Number((await groups.innerText()).replace(/\D/g, '')) >= 1, 'at least the teacher\'s group is coming');
    await page.screenshot({ path: path.join(shots, `friday-8-host-${name}.png`), fullPage: true });
    await assertAccessible(page, `the host dashboard (${name})`);
    await context.close();
  }
});
