// What the browser tests share: a `juo serve` child process on loopback, Debian's Chromium
// through Playwright-core (never a downloaded browser), and reading the e-mails the server
// delivered into its maildir.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Starts `juo serve --db DB` (with `args`, e.g. ['--demo']) on a free loopback port; resolves
// { child, url }.
export function startServer(juo, db, env = {}, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(juo, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const timer = setTimeout(() => reject(new Error('juo serve did not start within 20 s')), 20000);
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`juo serve exited with ${code}`)); });
  });
}

// Stops the server gracefully (SIGTERM) and waits for it.
export async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  const stopped = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await stopped;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// A browser context that never reaches the network beyond loopback (map tiles are cut).
export async function offlineContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, ...options });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

// The messages of a maildir (new/), each { file, to, text } with the text part decoded.
export function readMaildir(maildir) {
  const folder = path.join(maildir, 'new');
  if (!existsSync(folder)) return [];
  return readdirSync(folder).sort().map((file) => {
    const raw = readFileSync(path.join(folder, file), 'latin1');
    const to = (raw.match(/^To: *(.*)$/mi) || [])[1] || '';
    const part = raw.match(/Content-Type: text\/plain[^\r\n]*\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/);
    const text = part ? Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8') : '';
    return { file, to, text };
  });
}

// Waits (up to 15 s) for a message to `address` whose text matches `pattern`; returns it.
export async function waitForMail(maildir, address, pattern) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const found = readMaildir(maildir).find((m) => m.to.includes(address) && pattern.test(m.text));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${address} matching ${pattern} within 15 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The first link of `text` starting with `prefix` (the server's base URL and a path).
export function linkIn(text, prefix) {
  const m = text.match(new RegExp(prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[^\\s]*'));
  if (!m) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return m[0];
}

// The serious and critical accessibility violations axe-core (npm, pinned) finds on the page as it
// is now, each { id, impact, help, targets }. axe is evaluated through the DevTools protocol, so
// the page's CSP (script-src 'self') does not block it.
export async function seriousA11yViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// [block: e2e helpers of the host's day, issue 19] What host_day.test.mjs and
// offline_check_in.test.mjs share.

// A full-page screenshot into `file`, then the checks every page passes: no serious or critical
// axe-core violation, no sideways scroll.
export async function shootChecked(page, file) {
  await page.screenshot({ path: file, fullPage: true });
  const name = path.basename(file);
  assert.deepEqual(await seriousA11yViolations(page), [], `${name}: serious or critical accessibility violations`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= page.viewportSize().width, `${name}: ${width} px wide on a ${page.viewportSize().width} px screen`);
}

// Signs in with the form of /compte/connexion; resolves once the server has sent the page on.
export async function signIn(page, base, email, secret) {
  await page.goto(base + '/compte/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(secret);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/compte/connexion'),
    page.getByRole('button', { name: 'Me connecter' }).click()]);
}

// Gives a seeded account (no password) the password `secret` by the reset e-mail's link.
export async function setPasswordByEmail(page, base, maildir, email, secret) {
  await page.goto(base + '/compte/mot-de-passe-oublie');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  const reset = await waitForMail(maildir, email, /nouveau-mot-de-passe\?jeton=/);
  await page.goto(base + linkIn(reset.text, '/compte/nouveau-mot-de-passe?jeton=').replace(/^https?:\/\/[^/]+/, ''));
  await page.getByLabel('Nouveau mot de passe').fill(secret);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('heading', { name: 'Mot de passe changé' }).waitFor();
}

// The totals of the check-in page: { booked, arrived, noShow } in people.
export async function checkInTotals(page) {
  const read = async (name) => Number(await page.locator(`[data-total="${name}"]`).innerText());
  return { booked: await read('booked'), arrived: await read('arrived'), noShow: await read('no-show') };
}
// [end of block: e2e helpers of the host's day]
// [block: shared assertions (issue 18, friday_allocation)] What most walks assert on each page:
// no serious or critical axe-core violation, and no horizontal scroll at the viewport's width.
export async function assertAccessible(page, what) {
  assert.deepEqual(await seriousA11yViolations(page), [], `${what}: serious or critical accessibility violations`);
}

export async function assertNoHorizontalScroll(page, what, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${what} at ${width} px: no horizontal scroll (overflow ${overflow} px)`);
}
// [end of block: shared assertions]
