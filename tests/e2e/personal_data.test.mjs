// Browser test of a person's rights (issue 21, docs/adr/0015) against a real `juo serve` on a
// seeded replica: a visitor (signed up through the API, address confirmed) signs in from the home
// page, reaches "Mes données" by links, downloads the JSON, and erases the account after typing
// their address; then the sign-in refuses them. At 390 px and 1280 px, with axe-core on each page.
// Run by CTest as e2e_personal_data (environment as people.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriousA11yViolations, launchBrowser, offlineContext, startServer, stopServer } from './lib.mjs';

const juo = process.env.JUO_BIN;
const out = process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-e2e-'));
const shots = path.join(out, 'screenshots');
const password = 'mes-donnees-2025';
let server;
let base;
let browser;
let db;
const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(shots, { recursive: true });
  db = path.join(out, 'personal_data.db');
  rmSync(db, { force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  ({ child: server, url: base } = await startServer(juo, db, { JUO_MAILDIR: path.join(out, 'personal-data-maildir') }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

async function noSeriousViolations(page, what) {
  const found = await seriousA11yViolations(page);
  assert.deepEqual(found, [], `${what}: ${JSON.stringify(found)}`);
}

for (const width of [390, 1280]) {
  test(`a visitor downloads their data and erases the account (${width} px)`, async () => {
    const email = `donnees-${width}@example.org`;
    const signup = await fetch(`${base}/api/v1/accounts`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, display_name: `Camille ${width}`, password }),
    });
    assert.equal(signup.status, 201);
    sql(`UPDATE app_user SET email_confirmed_at = '2026-01-01T00:00:00Z' WHERE email = '${email}'`);
    const context = await offlineContext(browser, { viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Mon espace' }).first().click();
    await page.fill('#f-email', email);
    await page.fill('#f-password', password);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.locator('[data-mydata-link]').first().click();
    await page.waitForURL(/\/compte\/donnees/);
    await page.screenshot({ path: path.join(shots, `personal-data-${width}.png`), fullPage: true });
    await noSeriousViolations(page, 'Mes données');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-link]')]);
    assert.match(download.suggestedFilename(), /^juo-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(data.account.email, email);
    for (const k of ['roles', 'bookings', 'waiting_list', 'group_requests', 'survey_answers', 'sessions', 'audit', 'emails'])
      assert.ok(Array.isArray(data[k]), k);
    await page.click('[data-erase-link]');
    await page.waitForURL(/\/compte\/supprimer/);
    await noSeriousViolations(page, 'the erase form');
    await page.fill('#f-email', 'pas-moi@example.org');
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await page.locator('.error-summary').waitFor();
    await page.fill('#f-email', email);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est supprimé' }).waitFor();
    await page.screenshot({ path: path.join(shots, `personal-data-erased-${width}.png`), fullPage: true });
    await noSeriousViolations(page, 'the erased notice');
    assert.equal(sql(`SELECT count(*) FROM app_user WHERE email = '${email}'`), '0');
    // Signed out, and never again.
    await page.goto(`${base}/compte/connexion`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', password);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.locator('.error-summary').waitFor();
    await context.close();
  });
}
