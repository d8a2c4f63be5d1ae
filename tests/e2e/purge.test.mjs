// The retention purge in the browser (issue 21 items 2, 3 and 5, docs/adr/0017): a seeded replica
// purged with `juo purge --before 2025-11-05` (the 2025 edition is over), then `juo serve`:
//   - the organiser (staff: never purged) sets a password from the reset e-mail, read from the
//     maildir — the outbox keeps no body with a token once the message is sent;
//   - the back office's home says, in French first, how long personal data is kept and what the
//     last purge did (its date, the accounts anonymised); at 390 px, screenshot and axe-core;
//   - a visitor of the purged edition can no longer ask for a reset e-mail (no such address).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriousA11yViolations, launchBrowser, linkIn, offlineContext, readMaildir, startServer, stopServer, waitForMail } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const maildir = path.join(out, 'purge-maildir');
let server;
let base;
let browser;
let db;
let purgeOutput = '';
let visitorEmail = '';

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();
const pathOf = (link) => link.replace(/^https?:\/\/[^/]+/, '');

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  db = path.join(out, 'purge.db');
  rmSync(db, { force: true });
  rmSync(maildir, { recursive: true, force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  visitorEmail = sql("SELECT u.email FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'visitor' ORDER BY u.id LIMIT 1");
  purgeOutput = execFileSync(juo, ['purge', '--db', db, '--before', '2025-11-05']).toString();
  ({ child: server, url: base } = await startServer(juo, db, { JUO_MAILDIR: maildir, JUO_RETENTION_MONTHS: '13' }));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
});

test('juo purge anonymised the 2025 visitors and kept the staff', () => {
  assert.match(purgeOutput, /accounts anonymised\s+\d{3,}/);
  assert.equal(sql(`SELECT count(*) FROM app_user WHERE email = '${visitorEmail}'`), '0');
  assert.equal(sql("SELECT count(*) FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'organiser' AND u.deleted_at IS NULL"), '1');
});

test('the organiser sees the retention and the last purge on the back office home, at 390 px', async () => {
  const email = sql("SELECT u.email FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'organiser' LIMIT 1");
  const context = await offlineContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(base + '/compte/mot-de-passe-oublie');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' }).waitFor();
  const reset = await waitForMail(maildir, email, /nouveau-mot-de-passe\?jeton=/);
  // Delivered from the maildir; the outbox row keeps its subject and status, not the link.
  const deadline = Date.now() + 10000;
  while (sql("SELECT count(*) FROM email_outbox WHERE status = 'pending'") !== '0' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  assert.equal(sql("SELECT count(*) FROM email_outbox WHERE body_text LIKE '%jeton=%'"), '0', 'no token at rest');
  assert.equal(sql(`SELECT count(*) FROM email_outbox WHERE to_address = '${email}' AND status = 'sent' AND subject <> ''`), '1');
  await page.goto(base + pathOf(linkIn(reset.text, '/compte/nouveau-mot-de-passe?jeton=')));
  await page.getByLabel('Nouveau mot de passe').fill('organisation-2025');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('heading', { name: 'Mot de passe changé' }).waitFor();
  await page.goto(base + '/compte/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('organisation-2025');
  await Promise.all([page.waitForURL(/\/organisation/), page.getByRole('button', { name: 'Me connecter' }).click()]);
  await page.goto(base + '/organisation');
  const line = await page.locator('[data-retention]').innerText();
  assert.match(line, /conservées 13 mois après la fin de chaque édition/);
  assert.match(line, /Dernière purge\s?:\s.*\b\d{1,2}(er)?\s\S+\s\d{4}, \d[\d\s]* comptes anonymisés\./u);
  await page.screenshot({ path: path.join(shots, 'purge-01-office-home-390.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 390 px (${overflow} px)`);
  assert.deepEqual(await seriousA11yViolations(page), [], 'purge-01: serious or critical accessibility violations');
  // English second.
  await page.goto(base + '/organisation?lang=en');
  assert.match(await page.locator('[data-retention]').innerText(), /kept 13 months after each edition ends.*Last purge:/s);
  await context.close();
});

test('a purged visitor is gone: a reset for the old address sends nothing', async () => {
  const page = await (await offlineContext(browser)).newPage();
  await page.goto(base + '/compte/mot-de-passe-oublie');
  await page.getByLabel('Adresse e-mail').fill(visitorEmail);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' }).waitFor();
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(readMaildir(maildir).filter((m) => m.to.includes(visitorEmail)).length, 0);
  await page.context().close();
});
