// The e-mails of a live `juo serve` read by tools we did not write (issue 20, ADR 0014):
//   - a guest books on the demo host's factory; the confirmation e-mail's QR code (the PNG attached)
//     is decoded by Debian's zbarimg, and POST /api/v1/check-ins with exactly that content, as the
//     factory's host, checks the ticket in;
//   - another guest books, changes the party size and cancels by the manage link; ical.js (npm)
//     reads the three .ics files as one event (same UID), SEQUENCE rising at each step, the last one
//     METHOD:CANCEL and STATUS:CANCELLED;
//   - Python's `email` package (tests/tools/check_email.py) reads the confirmation and a survey
//     invitation from the maildir with no defect;
//   - the survey invitation (a bulk e-mail) carries List-Unsubscribe with an https URL and
//     List-Unsubscribe-Post; following it, GET changes nothing, the one-click POST (RFC 8058, no
//     cookie, no CSRF token) unsubscribes, and the next survey is not mailed to that address.
// Reminders are sent by the engine the day before a tour, not on demand: their List-Unsubscribe is
// checked at the C++ level (mail_test, services_mail_opt_outs_test).
// Run by CTest (standards_mail) as: node --test tests/standards/mail_standards.test.mjs, with
// JUO_BIN naming the juo program and JUO_E2E_OUT a work folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { startServer, stopServer } from '../e2e/lib.mjs';

const juo = process.env.JUO_BIN;
const out = path.join(process.env.JUO_E2E_OUT || mkdtempSync(path.join(tmpdir(), 'juo-standards-')), 'mail-standards');
const maildir = path.join(out, 'maildir');
const db = path.join(out, 'mail.db');
const publicUrl = 'https://juo.test';  // https: the one-click header is written for https only
const accounts = {};
let server;
let base;
let hostSite;
const tours = [];

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();
// A link of an e-mail, on this test's server (the e-mails name the configured public address).
const local = (url) => base + url.replace(/^https?:\/\/[^/]+/, '');

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const printed = execFileSync(juo, ['seed', '--db', db, '--open-now', '--demo-accounts', '--quiet']).toString();
  for (const line of printed.split('\n')) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length === 4 && cells[1].endsWith('@demo.juo.test')) accounts[cells[0]] = { email: cells[1], password: cells[2] };
  }
  for (const role of ['Hôte (usine)', 'Organisation']) assert.ok(accounts[role], `no ${role} account in:\n${printed}`);
  hostSite = sql(`SELECT r.site_id FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.role = 'host' AND u.email = '${accounts['Hôte (usine)'].email}'`);
  assert.match(hostSite, /^\d+$/);
  const rows = sql(
    "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = 'public' " +
    `WHERE s.site_id = ${hostSite} AND s.status = 'open' AND s.capacity_people - s.places_taken >= 6 ORDER BY s.id LIMIT 2`);
  tours.push(...rows.split('\n').filter(Boolean));
  assert.ok(tours.length >= 1, 'the demo factory has a public tour with room');
  if (tours.length === 1) tours.push(tours[0]);
  ({ child: server, url: base } = await startServer(juo, db, {
    JUO_MAILDIR: maildir, JUO_PUBLIC_URL: publicUrl, JUO_REFRESH_SECONDS: '1',
    JUO_SECRET: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  }));
});

after(async () => { await stopServer(server); });

// ---- a small MIME reader: enough to take parts out (the checking is done by the tools) ---------

function parseHeaders(block) {
  const headers = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

// The leaves of a message: [{ type, filename, headers, bytes }], recursively through multiparts.
function leaves(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const type = (headers['content-type'] || 'text/plain').split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headers['content-type'].match(/boundary="?([^";]+)"?/)[1];
    return body.split(`--${boundary}`).slice(1, -1).flatMap((part) => leaves(part.replace(/^\r\n/, '')));
  }
  const bytes = /base64/i.test(headers['content-transfer-encoding'] || '')
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'latin1');
  const filename = ((headers['content-disposition'] || '').match(/filename="([^"]+)"/) || [])[1] || '';
  return [{ type, filename, headers, bytes }];
}

// The messages of the maildir, each { file, raw, headers, parts, text }.
function mailbox() {
  const folder = path.join(maildir, 'new');
  if (!existsSync(folder)) return [];
  return readdirSync(folder).sort().map((file) => {
    const raw = readFileSync(path.join(folder, file), 'latin1');
    const parts = leaves(raw);
    const text = (parts.find((p) => p.type === 'text/plain') || { bytes: Buffer.from('') }).bytes.toString('utf8');
    return { file: path.join(folder, file), raw, headers: parseHeaders(raw.slice(0, raw.indexOf('\r\n\r\n'))), parts, text };
  });
}

// Waits (up to 20 s) for a message to `address` whose text matches `pattern`.
async function mailTo(address, pattern) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const found = mailbox().find((m) => m.headers.to.includes(address) && pattern.test(m.text));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${address} matching ${pattern} within 20 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- the visitor's side, as a browser would do it, with fetch ---------------------------------

const hidden = (html, name) => (html.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1];
const form = (fields) => ({
  method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

// A guest books `people` on `tour`; returns { id, manage } (the manage page's path with its token).
async function guestBooks(tour, email, people) {
  const page = await (await fetch(`${base}/reserver/${tour}`)).text();
  const csrf = hidden(page, 'csrf');
  assert.ok(csrf, 'the booking form carries its token');
  const r = await fetch(`${base}/reserver/${tour}`, form({
    csrf, form_key: hidden(page, 'form_key') || `k-${email}`, email, display_name: 'Invitée Standard', people: String(people),
  }));
  assert.equal(r.status, 303, await r.text());
  const manage = r.headers.get('location');
  const m = manage.match(/\/reservation\/(\d+)\?jeton=([A-Za-z0-9_-]{43})/);
  assert.ok(m, manage);
  return { id: m[1], manage: `/reservation/${m[1]}?jeton=${m[2]}`, token: m[2] };
}

// A change on the manage page (the page's own form: its anonymous token, the link's token).
async function manageAction(booking, fields) {
  const page = await (await fetch(base + booking.manage)).text();
  const r = await fetch(`${base}/reservation/${booking.id}`, form({ csrf: hidden(page, 'csrf'), jeton: booking.token, ...fields }));
  assert.equal(r.status, 303, await r.text());
}

async function signIn(role) {
  const r = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: accounts[role].email, password: accounts[role].password }),
  });
  const body = await r.json();
  assert.ok(r.status === 200 || r.status === 201, JSON.stringify(body));
  assert.ok(body.session_id, JSON.stringify(body));
  return { authorization: `Bearer ${body.session_id}`, 'content-type': 'application/json' };
}

function pythonCheck(file, kind) {
  return execFileSync('python3', [path.join('tests', 'tools', 'check_email.py'), file, kind]).toString().trim();
}

// ---- the tests ---------------------------------------------------------------------------------

let checkedInGuest;

test('zbarimg decodes the e-mailed QR code, and that content checks the ticket in', async () => {
  checkedInGuest = 'qr.standard@example.org';
  const booking = await guestBooks(tours[0], checkedInGuest, 3);
  const mail = await mailTo(checkedInGuest, /Réservation|réservation/);
  const png = mail.parts.find((p) => p.type === 'image/png');
  assert.ok(png, 'the confirmation carries the QR code as a PNG');
  const pngFile = path.join(out, png.filename || 'ticket.png');
  writeFileSync(pngFile, png.bytes);
  const decoded = execFileSync('zbarimg', ['--raw', '-q', pngFile], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  console.log(`zbarimg: ${decoded}`);
  const code = sql(`SELECT ticket_code FROM booking WHERE id = ${booking.id}`);
  assert.equal(decoded, `JUO:${code}`);
  console.log(`python email: ${pythonCheck(mail.file, 'confirmation')}`);

  const host = await signIn('Hôte (usine)');
  const r = await fetch(`${base}/api/v1/check-ins`, {
    method: 'POST', headers: host, body: JSON.stringify({ ticket_code: decoded, attended: 3 }),
  });
  const answer = await r.json();
  assert.ok(r.status === 200 || r.status === 201, JSON.stringify(answer));
  console.log(`check-in: ${r.status} ${JSON.stringify(answer)}`);
  assert.equal(sql(`SELECT attended FROM check_in WHERE booking_id = ${booking.id}`), '3');
  // The same QR code again: already checked in.
  const again = await fetch(`${base}/api/v1/check-ins`, {
    method: 'POST', headers: host, body: JSON.stringify({ ticket_code: decoded, attended: 3 }),
  });
  assert.equal(again.status, 409);
});

test('ical.js reads the confirmation, the change and the cancellation as one event', async () => {
  const email = 'ics.standard@example.org';
  const booking = await guestBooks(tours[1], email, 3);
  await manageAction(booking, { action: 'change', people: '2' });
  await manageAction(booking, { action: 'cancel', confirm: '1' });
  const confirmed = await mailTo(email, /confirmée/);
  const changed = await mailTo(email, /passe de 3 personnes à 2 personnes/);
  const cancelled = await mailTo(email, /est annulée/);
  const calendar = (m) => {
    const part = m.parts.find((p) => p.type === 'text/calendar');
    assert.ok(part, `an .ics in:\n${m.text}`);
    const component = new ICAL.Component(ICAL.parse(part.bytes.toString('utf8')));
    const vevent = component.getFirstSubcomponent('vevent');
    const event = new ICAL.Event(vevent);
    return {
      file: part.filename, method: component.getFirstPropertyValue('method'), uid: event.uid,
      sequence: event.sequence, status: vevent.getFirstPropertyValue('status'), start: event.startDate.toString(),
    };
  };
  const [first, second, third] = [calendar(confirmed), calendar(changed), calendar(cancelled)];
  console.log(`ical.js: ${JSON.stringify([first, second, third])}`);
  assert.equal(first.method, 'PUBLISH');
  assert.equal(second.uid, first.uid);
  assert.equal(third.uid, first.uid);
  assert.equal(second.sequence, first.sequence + 1, 'a change is SEQUENCE + 1');
  assert.ok(third.sequence > second.sequence, 'the cancellation comes after the change');
  assert.equal(third.method, 'CANCEL');
  assert.equal(third.status, 'CANCELLED');
  assert.equal(third.start, first.start, 'the same visit');
  assert.ok(!cancelled.parts.some((p) => p.type === 'image/png'), 'a cancelled ticket is not sent again');
  // Transactional e-mails: no List-Unsubscribe.
  for (const m of [confirmed, changed, cancelled]) assert.equal(m.headers['list-unsubscribe'], undefined);
});

test('a survey e-mail carries a one-click List-Unsubscribe that works', async () => {
  assert.ok(checkedInGuest, 'runs after the check-in test (visitors who came get the survey)');
  const organiser = await signIn('Organisation');
  const send = async (title) => {
    const r = await fetch(`${base}/api/v1/surveys`, {
      method: 'POST', headers: organiser,
      body: JSON.stringify({ title, audience: 'visitors', questions: 'note: Avez-vous aimé la visite ?', send: true }),
    });
    const body = await r.json();
    assert.equal(r.status, 201, JSON.stringify(body));
    return body.recipients_mailed;
  };
  assert.equal(await send('Votre visite'), 1, 'the one visitor checked in');
  const mail = await mailTo(checkedInGuest, /Votre visite/);
  console.log(`python email: ${pythonCheck(mail.file, 'bulk')}`);
  const header = mail.headers['list-unsubscribe'];
  const url = (header.match(/<(https:\/\/[^>]+)>/) || [])[1];
  assert.ok(url, `an https URL in List-Unsubscribe: ${header}`);
  assert.ok(url.startsWith(`${publicUrl}/desabonnement?`), url);
  assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  assert.ok(mail.text.includes(url), 'the text says it too');
  const html = mail.parts.find((p) => p.type === 'text/html').bytes.toString('utf8');
  assert.ok(html.includes(url.replace(/&/g, '&amp;')), 'and the HTML');

  const optOuts = () => Number(sql('SELECT count(*) FROM mail_opt_out'));
  // A scanner fetching the link, then the person: the page asks, nothing changes.
  for (let i = 0; i < 2; ++i) {
    const page = await fetch(local(url));
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /<section lang="fr"/);
    assert.match(text, /<section lang="en"/);
    assert.match(text, /data-unsubscribe/);
  }
  assert.equal(optOuts(), 0, 'GET changes nothing');
  // The mail client's one-click POST (RFC 8058): that URL, that body, no cookie, no CSRF token.
  const oneClick = await fetch(local(url), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(oneClick.status, 200);
  assert.equal(optOuts(), 1);
  assert.equal(sql('SELECT address || \' \' || list FROM mail_opt_out'), `${checkedInGuest} survey`);
  // A forged token unsubscribes nobody.
  const forged = await fetch(local(url).replace(/jeton=[^&]+/, 'jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(forged.status, 403);
  // The next survey skips the address.
  assert.equal(await send('Deuxième enquête'), 0);
});
