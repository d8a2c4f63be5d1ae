// The ownership walk (issue 21): every route of the route × role table (src/auth/authorisation.cc)
// whose path takes an id is called by ANOTHER user with the same role as the one the id belongs
// to — visitor B on visitor A's booking, host B on host A's site and tours, a relay of another
// department on a site or tour outside theirs… — and must answer 403 or 404 and change nothing:
// a fingerprint of the database (every table's rows, the session table aside, whose last_seen_at
// moves with each request, and the outbox counted rather than read, as the sender marks rows
// sent in the background) is the same before and after each call.
// A route of the table with an id that is neither walked (WALK) nor skipped with a reason (SKIP)
// fails the test: a new route cannot go unwalked.
// A second test calls every GET route of the table with huge page, per_page, limit and offset
// parameters: never a 5xx (page parameters bounded everywhere).
//
// Accounts: the replica's own users, each given a session written straight into auth_session (as
// tests/standards/openapi.test.mjs does) and sent as "Authorization: Bearer <id>" (no CSRF for a
// bearer session, so page POSTs are walked too).
// Run by CTest as standards_ownership: node --test tests/standards/ownership_walk.test.mjs, with
// JUO_BIN and JUO_STANDARDS_OUT.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tableFile = path.resolve(here, '../../src/auth/authorisation.cc');
const juo = process.env.JUO_BIN;
const out = process.env.JUO_STANDARDS_OUT || mkdtempSync(path.join(tmpdir(), 'juo-ownership-'));
const SHIFT_DAYS = 728;  // the replica's days move 104 weeks ahead: tours to come

let server;
let base;
let db;
const tokens = {};  // who -> Bearer session id
const ids = {};

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();

function startServer(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(juo, ['serve', '--db', db, '--listen', '127.0.0.1:0'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const timer = setTimeout(() => reject(new Error('juo serve did not start within 20 s')), 20000);
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`juo serve exited with ${code}`)); });
  });
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  const stopped = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await stopped;
}

function openSession(userId) {
  const id = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(id).digest('hex');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const now = Date.now();
  sql(`INSERT INTO auth_session (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent)
       VALUES ('${hash}', ${userId}, '${iso(now)}', '${iso(now)}', '${iso(now + 86400000)}', 'ownership walk')`);
  return id;
}

// Every table's rows (auth_session aside; email_outbox counted), hashed per table.
function fingerprint() {
  const tables = sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .split('\n').filter((t) => t && t !== 'auth_session');
  const prints = {};
  for (const t of tables) {
    const rows = t === 'email_outbox' ? sql(`SELECT count(*) FROM ${t}`)
      : execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, `SELECT * FROM "${t}" ORDER BY rowid`],
        { maxBuffer: 1 << 28 }).toString();
    prints[t] = createHash('sha256').update(rows).digest('hex').slice(0, 16);
  }
  return prints;
}

function changedTables(before, afterPrint) {
  return Object.keys({ ...before, ...afterPrint }).filter((t) => before[t] !== afterPrint[t]);
}

// The routes of the table whose path takes an id ({...}), as "METHOD /pattern".
function routesWithIds() {
  const text = readFileSync(tableFile, 'utf8');
  const routes = [];
  for (const m of text.matchAll(/\{"([A-Z]+)",\s*"([^"]*\{[^"]*)"/g)) routes.push(`${m[1]} ${m[2]}`);
  return routes;
}

// Routes with an id that nobody else's resource stands behind, or whose only role sees
// everything: not walked, each with its reason.
const SKIP = {
  'GET /usines/{id}': 'public read of a published factory',
  'GET /usines/{id}/photo': 'public read of a published factory\'s photo',
  'GET /kit/{id}': 'public read of a teaching-kit document',
  'GET /api/v1/editions/{year}': 'public read (a year, not a resource of anyone)',
  'GET /api/v1/sites/{id}': 'public read of the catalogue',
  'GET /api/v1/sites/{id}/sessions': 'public read of the catalogue',
  'GET /api/v1/sessions/{id}': 'public read of the catalogue',
  'GET /reserver/{session_id}': 'the booking form of a public tour: the caller books for themselves',
  'POST /reserver/{session_id}': 'books for the caller themselves (no one else\'s resource)',
  'GET /demo/courriels/{id}/pieces/{n}': 'exists only under juo serve --demo (404 here)',
  'GET /enquetes/{id}': 'a survey is addressed to an audience, not owned: the answer made is the caller\'s own',
  'POST /enquetes/{id}': 'a survey is addressed to an audience, not owned: the answer made is the caller\'s own',
  'GET /api/v1/surveys/{id}/form': 'a survey is addressed to an audience, not owned',
  'POST /api/v1/surveys/{id}/responses': 'a survey is addressed to an audience, not owned: the answer made is the caller\'s own',
  'GET /organisation/exports/{list}': 'a list\'s name, not an id; a relay\'s rows are filtered by department (exports tests)',
  'GET /api/v1/exports/{list}': 'a list\'s name, not an id; a relay\'s rows are filtered by department (exports tests)',
  // [block: allocation page (issue 18)] A run or a round belongs to the edition, not to a person:
  // organisers see and change all; a relay reads every run filtered to their departments
  // (services::RunScopeOf, ReadRun and BusOperatorTable filter the rows), never another's.
  'GET /organisation/repartition/calcul/{id}': 'a round of the edition, not a person\'s: organiser and relays read its progress only',
  'GET /organisation/repartition/calcul/{id}/etat': 'a round of the edition, not a person\'s: organiser and relays read its progress only',
  'GET /organisation/repartition/{id}': 'a run of the edition; a relay\'s view is filtered to their departments by RunScopeOf',
  'POST /organisation/repartition/{id}': 'organiser only: one global role',
  'GET /organisation/repartition/{id}/publier': 'organiser only: one global role',
  'POST /organisation/repartition/{id}/publier': 'organiser only: one global role',
  'GET /organisation/repartition/{id}/export': 'a run of the edition; a relay\'s rows are filtered to their departments by RunScopeOf',
  // [end of block: allocation page]
  // The organiser's role is one and global: another organiser has the same rights over everything.
  'GET /organisation/editions/{id}': 'organiser only: one global role',
  'POST /organisation/editions/{id}': 'organiser only: one global role',
  'POST /organisation/editions/{id}/invitations': 'organiser only: one global role',
  'POST /organisation/editions/{id}/date-limite-demandes': 'organiser only: one global role',  // issue 18
  'GET /organisation/utilisateurs/{id}': 'organiser only: one global role',
  'POST /organisation/utilisateurs/{id}': 'organiser only: one global role',
  'GET /api/v1/organisation/editions/{id}': 'organiser only: one global role',
  'PATCH /api/v1/organisation/editions/{id}': 'organiser only: one global role',
  'POST /api/v1/organisation/editions/{id}/invitations': 'organiser only: one global role',
  'GET /api/v1/users/{id}': 'organiser only: one global role',
  // [block: allocation API, issue 18 (O)] A run covers the whole edition: the organiser's (one
  // global role); a relay reads it filtered to their departments (services allocation_rounds_test).
  'GET /api/v1/organisation/allocations/jobs/{id}': 'a round of the whole edition: organiser (global) or any relay, who sees progress only',
  'GET /api/v1/organisation/allocations/{id}': 'a run of the whole edition: a relay reads their departments only (allocation_rounds_test)',
  'POST /api/v1/organisation/allocations/{id}/publish': 'organiser only: one global role',
  'POST /api/v1/organisation/allocations/{id}/discard': 'organiser only: one global role',
  'GET /api/v1/organisation/allocations/{id}/buses.csv': 'a run of the whole edition: a relay reads their departments\' buses only',
  'GET /api/v1/organisation/allocations/{id}/buses.xlsx': 'a run of the whole edition: a relay reads their departments\' buses only',
  // [end of block: allocation API]
  // A person's data on request (issue 21): organisers only; personal_data_test checks that every
  // other role gets 403 and that nothing changes.
  'GET /api/v1/users/{id}/export': 'organiser only: one global role',
  'DELETE /api/v1/users/{id}': 'organiser only: one global role',
  'GET /organisation/utilisateurs/{id}/donnees': 'organiser only: one global role',
  'GET /organisation/utilisateurs/{id}/supprimer': 'organiser only: one global role',
  'POST /organisation/utilisateurs/{id}/supprimer': 'organiser only: one global role',
  'POST /api/v1/users/{id}/roles': 'organiser only: one global role',
  'DELETE /api/v1/users/{id}/roles/{grant_id}': 'organiser only: one global role',
  'PATCH /api/v1/media-mentions/{id}': 'organiser only: one global role',
  'DELETE /api/v1/media-mentions/{id}': 'organiser only: one global role',
  'DELETE /api/v1/social-mentions/{id}': 'organiser only: one global role',
  'PATCH /api/v1/organisation/teaching-kit/{id}': 'organiser only: one global role',
  'GET /api/v1/surveys/{id}': 'organiser only: one global role',
  'POST /api/v1/surveys/{id}/send': 'organiser only: one global role',
};

// Each walked route: who calls it (B), the path's values (A's), and a body.
const json = (o) => ({ type: 'application/json', body: JSON.stringify(o) });
const form = (o) => ({ type: 'application/x-www-form-urlencoded', body: new URLSearchParams(o).toString() });
const WALK = {
  'POST /api/v1/bookings/{id}/cancel': () => ({ as: 'visitorB', params: { id: ids.bookingA }, ...json({}) }),
  'POST /api/v1/bookings/{id}/people': () => ({ as: 'visitorB', params: { id: ids.bookingA }, ...json({ people: 1 }) }),
  'POST /api/v1/waitlist/{id}/leave': () => ({ as: 'visitorB', params: { id: ids.waitlistA }, ...json({}) }),
  'POST /api/v1/waitlist/{id}/accept': () => ({ as: 'visitorB', params: { id: ids.offerA }, ...json({}) }),
  // [block: waiting-list offer by its link] issue 17: B without A's link's token
  'GET /liste-attente/offre/{id}': () => ({ as: 'visitorB', params: { id: ids.offerA } }),
  'POST /liste-attente/offre/{id}': () => ({ as: 'visitorB', params: { id: ids.offerA }, ...form({ jeton: 'A'.repeat(43) }) }),
  // [end of block: waiting-list offer by its link]
  'GET /reservation/{id}': () => ({ as: 'visitorB', params: { id: ids.bookingA } }),
  'POST /reservation/{id}': () => ({ as: 'visitorB', params: { id: ids.bookingA }, ...form({ action: 'cancel' }) }),
  'GET /reservation/{id}/agenda.ics': () => ({ as: 'visitorB', params: { id: ids.bookingA } }),
  'POST /api/v1/group-requests/{id}/accept': () => ({ as: 'hostB', params: { id: ids.requestA },
    ...json({ session_id: Number(ids.requestTourA), message: 'x' }) }),
  'POST /api/v1/group-requests/{id}/refuse': () => ({ as: 'hostB', params: { id: ids.requestA }, ...json({ message: 'x' }) }),
  // [block: friday requests, issue 18] Teacher B on teacher A's request; host B on its wish 1.
  'GET /groupes/demande/{id}': () => ({ as: 'teacherB', params: { id: ids.requestA } }),
  'POST /groupes/demande/{id}': () => ({ as: 'teacherB', params: { id: ids.requestA },
    ...form({ level: '3e', pupils: '20', adults: '2', place: 'Lyon', wish1: ids.requestTourA, action: 'send' }) }),
  'POST /groupes/demande/{id}/annuler': () => ({ as: 'teacherB', params: { id: ids.requestA }, ...form({ confirm: '1' }) }),
  'PATCH /api/v1/group-requests/{id}': () => ({ as: 'teacherB', params: { id: ids.requestA },
    ...json({ level: '3e', pupils: 20, place: 'Lyon', wishes: [Number(ids.requestTourA)] }) }),
  'DELETE /api/v1/group-requests/{id}': () => ({ as: 'teacherB', params: { id: ids.requestA } }),
  'POST /api/v1/group-requests/{id}/wishes/{rank}/unavailable': () => ({ as: 'hostB', params: { id: ids.requestA, rank: 1 } }),
  // [end of block: friday requests]
  'GET /api/v1/host/sessions/{id}/bookings': () => ({ as: 'hostB', params: { id: ids.tourA } }),
  'GET /usine/{id}/visites': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'POST /usine/{id}/visites': () => ({ as: 'hostB', params: { id: ids.siteA },
    ...form({ day: '2027-04-02', starts_at: '10:00', ends_at: '11:00', capacity: '10' }) }),
  // Issue 19: another host's tour, by its site or through the caller's own site.
  'GET /usine/{id}/visites/{tour}/modifier': () => ({ as: 'hostB', params: { id: ids.siteA, tour: ids.tourA } }),
  'POST /usine/{id}/visites/{tour}/modifier': () => ({ as: 'hostB', params: { id: ids.siteA, tour: ids.tourA },
    ...form({ day: '2027-04-02', starts: '10:00', ends: '11:00', capacity: '10', audience: 'public' }) }),
  'POST /usine/{id}/visites/{tour}/modifier (own site)': () => ({ as: 'hostB', params: { id: ids.siteB, tour: ids.tourA },
    ...form({ day: '2027-04-02', starts: '10:00', ends: '11:00', capacity: '10', audience: 'public' }) }),
  'GET /usine/{id}/visites/{tour}/supprimer': () => ({ as: 'hostB', params: { id: ids.siteA, tour: ids.tourA } }),
  'POST /usine/{id}/visites/{tour}/supprimer': () => ({ as: 'hostB', params: { id: ids.siteA, tour: ids.tourA }, ...form({}) }),
  'POST /usine/{id}/visites/{tour}/supprimer (own site)': () => ({ as: 'hostB', params: { id: ids.siteB, tour: ids.tourA },
    ...form({}) }),
  'PATCH /api/v1/host/sites/{id}/sessions/{session_id}': () => ({ as: 'hostB', params: { id: ids.siteA, session_id: ids.tourA },
    ...json({ capacity_people: 10 }) }),
  'PATCH /api/v1/host/sites/{id}/sessions/{session_id} (own site)': () => ({ as: 'hostB',
    params: { id: ids.siteB, session_id: ids.tourA }, ...json({ capacity_people: 10 }) }),
  'DELETE /api/v1/host/sites/{id}/sessions/{session_id}': () => ({ as: 'hostB', params: { id: ids.siteA, session_id: ids.tourA } }),
  'DELETE /api/v1/host/sites/{id}/sessions/{session_id} (own site)': () => ({ as: 'hostB',
    params: { id: ids.siteB, session_id: ids.tourA } }),
  'GET /usine/{id}/visiteurs': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'GET /usine/{id}/fiche': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'POST /usine/{id}/fiche': () => ({ as: 'hostB', params: { id: ids.siteA }, ...form({ name: 'Pris', address: 'x' }) }),
  'POST /usine/{id}/photo': () => ({ as: 'hostB', params: { id: ids.siteA }, type: 'image/png', body: 'not a photo' }),
  'POST /usine/{id}/reinscription': () => ({ as: 'hostB', params: { id: ids.siteA }, ...form({ copy: 'all' }) }),
  'GET /usine/{id}/stages': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'POST /usine/{id}/stages': () => ({ as: 'hostB', params: { id: ids.siteA },
    ...form({ kind: 'stage_3e', title: 'x', places: '2' }) }),
  'GET /api/v1/host/sites/{id}/profile': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'PATCH /api/v1/host/sites/{id}/profile': () => ({ as: 'hostB', params: { id: ids.siteA }, ...json({ name: 'Pris' }) }),
  'POST /api/v1/host/sites/{id}/resubmit': () => ({ as: 'hostB', params: { id: ids.siteA }, ...json({}) }),
  'PUT /api/v1/host/sites/{id}/photo': () => ({ as: 'hostB', params: { id: ids.siteA }, type: 'image/png', body: 'not a photo' }),
  'POST /api/v1/host/sites/{id}/re-enrolment': () => ({ as: 'hostB', params: { id: ids.siteA }, ...json({ copy_tours: true }) }),
  'GET /api/v1/host/sites/{id}/internships': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'POST /api/v1/host/sites/{id}/internships': () => ({ as: 'hostB', params: { id: ids.siteA },
    ...json({ kind: 'stage_3e', title: 'x', places: 2 }) }),
  'PATCH /api/v1/host/sites/{id}/internships/{offer_id}': () => ({ as: 'hostB',
    params: { id: ids.siteA, offer_id: ids.offerOfA }, ...json({ filled: 1 }) }),
  // Host B naming their own site with host A's offer: still refused.
  'PATCH /api/v1/host/sites/{id}/internships/{offer_id} (own site)': () => ({ as: 'hostB',
    params: { id: ids.siteB, offer_id: ids.offerOfA }, ...json({ filled: 1 }) }),
  'GET /api/v1/host/sites/{id}/sessions': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'POST /api/v1/host/sites/{id}/sessions': () => ({ as: 'hostB', params: { id: ids.siteA },
    ...json({ day: '2027-04-02', starts_at: '10:00', ends_at: '11:00', capacity_people: 10 }) }),
  'GET /api/v1/host/sites/{id}/visitors': () => ({ as: 'hostB', params: { id: ids.siteA } }),
  'POST /api/v1/moderation/sessions/{id}/withdraw': () => ({ as: 'relayB', params: { id: ids.tourA },
    ...json({ reason: 'x' }) }),
  'POST /api/v1/moderation/{id}': () => ({ as: 'relayB', params: { id: ids.participationA },
    ...json({ decision: 'withdraw', reason: 'x' }) }),
  // [block: offline check-in, issue 19 item 3] host B undoing a check-in at host A's site
  'DELETE /api/v1/bookings/{id}/check-in': () => ({ as: 'hostB', params: { id: ids.checkedInA } }),
  // [end of block: offline check-in]
};

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  mkdirSync(out, { recursive: true });
  db = path.join(out, 'ownership.db');
  rmSync(db, { force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  sql("UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6");
  sql(`UPDATE edition SET year = year + 2;
       UPDATE edition_day SET day_date = date(day_date, '+${SHIFT_DAYS} days');
       UPDATE session SET day_date = date(day_date, '+${SHIFT_DAYS} days')`);
  const edition = sql('SELECT id FROM edition ORDER BY year DESC LIMIT 1');
  // Visitor A: a confirmed public booking in the open edition; visitor B: another visitor.
  const booking = sql(`SELECT b.id, b.user_id, b.session_id FROM booking b JOIN user_role r ON r.user_id = b.user_id
    AND r.role = 'visitor' WHERE b.status = 'confirmed' AND b.kind = 'party' AND b.edition_id = ${edition}
    AND b.id NOT IN (SELECT booking_id FROM check_in)
    ORDER BY b.id LIMIT 1`).split('|');
  [ids.bookingA, ids.visitorA] = booking;
  ids.visitorB = sql(`SELECT user_id FROM user_role WHERE role = 'visitor' AND user_id <> ${ids.visitorA}
    AND user_id NOT IN (SELECT user_id FROM user_role WHERE role <> 'visitor') ORDER BY user_id LIMIT 1`);
  // Visitor A waits on a tour, and holds an offer on another.
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const later = new Date(Date.now() + 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
  const tours = sql(`SELECT id FROM session WHERE edition_id = ${edition} AND status = 'open' ORDER BY id LIMIT 2`).split('\n');
  sql(`INSERT INTO waitlist_entry (session_id, user_id, people, status, leave_token, created_at)
       VALUES (${tours[0]}, ${ids.visitorA}, 1, 'waiting', 'walk-wait-${randomBytes(6).toString('hex')}', '${now}')`);
  ids.waitlistA = sql('SELECT max(id) FROM waitlist_entry');
  sql(`INSERT INTO waitlist_entry (session_id, user_id, people, status, offer_expires_at, leave_token, created_at)
       VALUES (${tours[1]}, ${ids.visitorA}, 1, 'offered', '${later}', 'walk-offer-${randomBytes(6).toString('hex')}', '${now}')`);
  ids.offerA = sql('SELECT max(id) FROM waitlist_entry');
  // Host A: the host of a site with a pending group request wishing it (a refused one of the
  // replica made pending again); host B: a host of another site only.
  const request = sql(`SELECT r.id, coalesce(w.site_id, s.site_id), coalesce(w.session_id, '') FROM group_request r
    JOIN group_request_wish w ON w.request_id = r.id LEFT JOIN session s ON s.id = w.session_id
    WHERE r.status IN ('pending', 'refused') AND r.edition_id = ${edition}
    AND coalesce(w.site_id, s.site_id) IN (SELECT site_id FROM user_role WHERE role = 'host')
    ORDER BY r.id LIMIT 1`).split('|');
  [ids.requestA, ids.siteA] = request;
  assert.ok(ids.requestA, 'the replica has a group request wishing a hosted site');
  sql(`UPDATE group_request SET status = 'pending' WHERE id = ${ids.requestA}`);
  ids.requestTourA = request[2] || sql(`SELECT min(id) FROM session WHERE site_id = ${ids.siteA} AND edition_id = ${edition}`);
  ids.tourA = sql(`SELECT min(id) FROM session WHERE site_id = ${ids.siteA} AND edition_id = ${edition}`);
  ids.participationA = sql(`SELECT id FROM participation WHERE site_id = ${ids.siteA} AND edition_id = ${edition}`);
  ids.hostA = sql(`SELECT min(user_id) FROM user_role WHERE role = 'host' AND site_id = ${ids.siteA}`);
  ids.hostB = sql(`SELECT min(user_id) FROM user_role WHERE role = 'host' AND site_id <> ${ids.siteA}
    AND user_id NOT IN (SELECT user_id FROM user_role WHERE role = 'host' AND site_id = ${ids.siteA})
    AND user_id NOT IN (SELECT user_id FROM user_role WHERE role IN ('organiser', 'relay', 'adviser'))
    AND site_id NOT IN (SELECT site_id FROM group_request_wish w WHERE w.request_id = ${ids.requestA} AND site_id IS NOT NULL)
    AND site_id NOT IN (SELECT s.site_id FROM group_request_wish w JOIN session s ON s.id = w.session_id WHERE w.request_id = ${ids.requestA})`);
  ids.siteB = sql(`SELECT min(site_id) FROM user_role WHERE role = 'host' AND user_id = ${ids.hostB}`);
  sql(`INSERT INTO internship_offer (edition_id, site_id, kind, title, places, filled, created_at)
       VALUES (${edition}, ${ids.siteA}, 'stage_3e', 'Stage de A', 3, 0, '${now}')`);
  ids.offerOfA = sql('SELECT max(id) FROM internship_offer');
  // Relay B: a relay of a department that is not site A's (and of no other role).
  const department = sql(`SELECT department_code FROM site WHERE id = ${ids.siteA}`);
  ids.relayB = sql(`SELECT min(user_id) FROM user_role WHERE role = 'relay' AND user_id NOT IN
    (SELECT user_id FROM user_role WHERE role <> 'relay' OR department_code = '${department}')`);
  // [block: offline check-in] a booking at site A, checked in
  ids.checkedInA = sql(`SELECT min(b.id) FROM booking b JOIN session s ON s.id = b.session_id
    WHERE s.site_id = ${ids.siteA} AND b.status = 'confirmed'`);
  if (ids.checkedInA) {
    sql(`INSERT INTO check_in (booking_id, attended, checked_in_at) SELECT ${ids.checkedInA}, 1, '${now}'
         WHERE NOT EXISTS (SELECT 1 FROM check_in WHERE booking_id = ${ids.checkedInA})`);
  }
  // [end of block: offline check-in]
  // [block: friday requests, issue 18] Teacher B: a teacher (of no other role) who did not make request A.
  ids.teacherB = sql(`SELECT min(user_id) FROM user_role WHERE role = 'teacher'
    AND user_id NOT IN (SELECT coalesce(requester_user_id, 0) FROM group_request WHERE id = ${ids.requestA})
    AND user_id NOT IN (SELECT user_id FROM user_role WHERE role <> 'teacher')`);
  // [end of block: friday requests]
  for (const [k, v] of Object.entries(ids)) assert.ok(v, `the replica gives ${k}`);
  for (const who of ['visitorB', 'hostB', 'relayB', 'teacherB']) tokens[who] = openSession(ids[who]);
  tokens.organiser = openSession(sql("SELECT min(user_id) FROM user_role WHERE role = 'organiser'"));
  ({ child: server, url: base } = await startServer({ JUO_MAILDIR: path.join(out, 'ownership-maildir') }));
});

after(async () => {
  await stopServer(server);
});

async function callRoute(method, template, { as, params = {}, type, body, query = '' }) {
  const url = base + template.replace(/\{(\w+)\}/g, (_, name) => {
    assert.ok(params[name] !== undefined, `${method} ${template}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  }) + (query ? `?${query}` : '');
  const headers = { authorization: `Bearer ${tokens[as]}` };
  if (type) headers['content-type'] = type;
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, text };
}

test('every route of the table with an id is walked or skipped with a reason', () => {
  const routes = routesWithIds();
  assert.ok(routes.length > 40, `the table's routes were read (${routes.length})`);
  const unknown = routes.filter((r) => !(r in WALK) && !(r in SKIP));
  assert.deepEqual(unknown, [], 'routes with an id neither walked nor skipped: add them to WALK or SKIP');
  const stale = [...Object.keys(WALK), ...Object.keys(SKIP)]
    .filter((k) => !routes.includes(k.replace(/ \(.*\)$/, '')));
  assert.deepEqual(stale, [], 'WALK or SKIP names a route the table no longer has');
  for (const [route, reason] of Object.entries(SKIP)) assert.ok(reason.length > 10, `${route}: say why it is skipped`);
});

test('another user with the same role gets 403 or 404, and nothing changes', async () => {
  const failures = [];
  for (const [key, make] of Object.entries(WALK)) {
    const [method, template] = key.replace(/ \(.*\)$/, '').split(' ');
    const before = fingerprint();
    const { status, text } = await callRoute(method, template, make());
    const changed = changedTables(before, fingerprint());
    if (status !== 403 && status !== 404) failures.push(`${key} as ${make().as}: ${status} ${text.slice(0, 200)}`);
    if (changed.length) failures.push(`${key} as ${make().as} changed ${changed.join(', ')}`);
  }
  assert.deepEqual(failures, []);
  // A's things are still there, unchanged by B.
  assert.equal(sql(`SELECT status FROM booking WHERE id = ${ids.bookingA}`), 'confirmed');
  assert.equal(sql(`SELECT status FROM waitlist_entry WHERE id = ${ids.offerA}`), 'offered');
  assert.equal(sql(`SELECT status FROM group_request WHERE id = ${ids.requestA}`), 'pending');
});

test('huge page, per_page, limit and offset parameters never make a GET fail with a 5xx', async () => {
  const text = readFileSync(tableFile, 'utf8');
  const gets = [...text.matchAll(/\{"GET",\s*"([^"]+)"/g)].map((m) => m[1]);
  const values = { id: ids.siteA, session_id: ids.tourA, tour: ids.tourA, year: 2027, list: 'sites', n: 1, grant_id: 1,
    offer_id: ids.offerOfA };
  const failures = [];
  for (const template of gets) {
    for (const big of ['99999999999999999999999', '-1', '2147483648', '1e9']) {
      const query = `page=${big}&per_page=${big}&limit=${big}&offset=${big}`;
      const { status, text: body } = await callRoute('GET', template, {
        as: 'organiser', params: Object.fromEntries(Object.keys(values).map((k) => [k, values[k]])), query });
      if (status >= 500) failures.push(`GET ${template}?${query}: ${status} ${body.slice(0, 120)}`);
    }
  }
  assert.deepEqual(failures, []);
});
