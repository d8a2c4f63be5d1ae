// The OpenAPI document against the live server (issue 20): swagger-parser (npm, not ours) validates
// docs/api/openapi.yaml, then a seeded `juo serve` answers every documented GET and the main
// changes (bookings, waiting list, check-in, group requests, a host's site, an edition's PATCH
// with If-Match) and error cases, and each answer is checked against the document:
//   - its status is one the operation documents (an undocumented status is drift);
//   - its body validates with ajv (+ ajv-formats) against the schema of that status and content
//     type (the main objects forbid undocumented members: a new member is drift too);
//   - its documented required headers are there (Retry-After...).
// Every documented GET is either called or listed in SKIPPED_GETS with the reason; an operation
// that is neither fails the test, so that a new route cannot go unchecked.
//
// Accounts: the replica's own organiser, relay, host, teacher and visitor, each given a session
// written straight into auth_session (the SHA-256 of a random id, as auth/sessions.cc stores it)
// and sent as "Authorization: Bearer <id>": no password hash, no e-mail round trip.
// Run by CTest as standards_openapi: node --test tests/standards/openapi.test.mjs, with JUO_BIN
// (the juo program) and JUO_STANDARDS_OUT (a scratch folder). JUO_OPENAPI_PROBE=DIR also writes
// every answer into DIR and checks nothing (for writing the schemas).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
const specFile = path.resolve(here, '../../docs/api/openapi.yaml');
const juo = process.env.JUO_BIN;
const out = process.env.JUO_STANDARDS_OUT || mkdtempSync(path.join(tmpdir(), 'juo-openapi-'));
const probe = process.env.JUO_OPENAPI_PROBE;
const SHIFT_DAYS = 728;  // the replica's days move 104 weeks ahead (same weekdays): tours to come

// The documented GETs the test does not call, with the reason. Keep it short: each is a hole.
const SKIPPED_GETS = {
};

let spec;         // the dereferenced document
let server;
let base;
let db;
const tokens = {};  // role -> Bearer session id
const ids = {};     // ids read from the replica and from earlier answers
const called = new Set();  // "GET /api/v1/…" operations called
const calledAll = new Set();  // every operation called, whatever its method
const statusesSeen = new Set();
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('binary', true);
const validators = new Map();

const sql = (query) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query]).toString().trim();

// Starts `juo serve` on a free loopback port (port 0: the kernel picks it; the server prints it).
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

// A session for `userId`, as auth::SessionStore::Create writes it.
function openSession(userId) {
  const id = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(id).digest('hex');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const now = Date.now();
  sql(`INSERT INTO auth_session (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent)
       VALUES ('${hash}', ${userId}, '${iso(now)}', '${iso(now)}', '${iso(now + 86400000)}', 'openapi test')`);
  return id;
}

before(async () => {
  assert.ok(juo, 'JUO_BIN must name the juo program');
  // Throws on an invalid document; dereferences it. A probe reads it as it is.
  spec = probe ? await SwaggerParser.dereference(specFile) : await SwaggerParser.validate(specFile);
  mkdirSync(out, { recursive: true });
  if (probe) mkdirSync(probe, { recursive: true });
  db = path.join(out, 'openapi.db');
  rmSync(db, { force: true });
  execFileSync(juo, ['seed', '--db', db, '--quiet']);
  sql("UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6");
  // The edition's year follows its days (an edition's PATCH checks its days fall in its year).
  sql(`UPDATE edition SET year = year + 2;
       UPDATE edition_day SET day_date = date(day_date, '+${SHIFT_DAYS} days');
       UPDATE session SET day_date = date(day_date, '+${SHIFT_DAYS} days')`);
  const userWith = (role, extra = '') => sql(
    `SELECT r.user_id FROM user_role r WHERE r.role = '${role}' ${extra} ORDER BY r.user_id LIMIT 1`);
  const publicTour = (skip) => sql(
    "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = 'public' " +
    `WHERE s.status = 'open' AND s.capacity_people - s.places_taken >= 10 ORDER BY s.id LIMIT 1 OFFSET ${skip}`);
  ids.tour = publicTour(0);
  ids.scarceTour = publicTour(1);
  sql(`UPDATE session SET capacity_people = places_taken + 2 WHERE id = ${ids.scarceTour}`);
  ids.groupTour = sql(
    "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = 'school' " +
    "WHERE s.status = 'open' AND s.capacity_people - s.places_taken >= 30 AND s.capacity_groups > s.groups_taken " +
    "AND (s.min_level IS NULL OR s.min_level IN ('4e', '3e')) ORDER BY s.id LIMIT 1");
  ids.groupSite = sql(`SELECT site_id FROM session WHERE id = ${ids.groupTour}`);
  ids.site = sql(`SELECT site_id FROM session WHERE id = ${ids.tour}`);
  ids.year = sql('SELECT year FROM edition ORDER BY year DESC LIMIT 1');
  ids.editionId = sql('SELECT id FROM edition ORDER BY year DESC LIMIT 1');
  const users = {
    organiser: userWith('organiser'),
    relay: userWith('relay'),
    host: userWith('host', `AND r.site_id = ${ids.groupSite}`),
    teacher: userWith('teacher'),
    visitor: userWith('visitor'),
  };
  ids.relayDepartment = sql(`SELECT department_code FROM user_role WHERE user_id = ${users.relay} AND role = 'relay' LIMIT 1`);
  ids.user = users.visitor;
  for (const [role, id] of Object.entries(users)) {
    assert.ok(id, `the replica has a ${role}`);
    tokens[role] = openSession(id);
  }
  for (const [k, v] of Object.entries(ids)) assert.ok(v, `the replica gives ${k}`);
  ({ child: server, url: base } = await startServer({ JUO_MAILDIR: path.join(out, 'openapi-maildir') }));
});

after(async () => {
  await stopServer(server);
});

// The operation `key` ("GET /api/v1/sites/{id}") of the document.
function operation(key) {
  const [method, template] = key.split(' ');
  const op = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${key} is not documented`);
  return op;
}

function validatorFor(key, status, type, schema) {
  const id = `${key} ${status} ${type}`;
  if (!validators.has(id)) validators.set(id, ajv.compile(schema));
  return validators.get(id);
}

// Calls operation `key` with path parameters `params` (and a query string `query`) as `as`
// (a role, or undefined: anonymous), checks the answer against the document and returns
// { status, headers, body, json }. `expect`: the status the test wants (checked after the
// document's checks).
async function call(key, { params = {}, query = '', as, body, type, headers = {}, expect } = {}) {
  const [method, template] = key.split(' ');
  operation(key);  // fails at once for an undocumented operation
  const url = base + template.replace(/\{(\w+)\}/g, (_, name) => {
    assert.ok(params[name] !== undefined, `${key}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  }) + (query ? `?${query}` : '');
  const h = { ...headers };
  if (as) h.authorization = `Bearer ${tokens[as]}`;
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    h['content-type'] = type || 'application/json';
  }
  const res = await fetch(url, { method, headers: h, body: payload });
  const buffer = Buffer.from(await res.arrayBuffer());
  return check(key, url, res, buffer, expect);
}

// Checks an answer to operation `key` against the document (see the file's header); `res` has
// status and headers.get(name).
function check(key, url, res, buffer, expect) {
  const method = key.split(' ')[0];
  const op = operation(key);
  const ctype = (res.headers.get('content-type') || '').split(';')[0].trim();
  let json;
  if (ctype === 'application/json') json = JSON.parse(buffer.toString('utf8'));
  if (method === 'GET') called.add(key);
  calledAll.add(key);
  statusesSeen.add(res.status);
  if (probe) {
    const name = `${key.replace(/[^a-z0-9]+/gi, '_')}_${res.status}_${Date.now() % 100000}.json`;
    writeFileSync(path.join(probe, name), json ? JSON.stringify(json, null, 2) : `${ctype} ${buffer.length} bytes`);
    return { status: res.status, headers: res.headers, body: buffer, json };  // a probe checks nothing
  }
  const what = `${key} (${url.slice(base.length)}) answered ${res.status}`;
  const response = op.responses[String(res.status)];
  assert.ok(response, `${what}, a status the document does not give (documented: ${Object.keys(op.responses).join(', ')})` +
    (json ? `: ${JSON.stringify(json).slice(0, 300)}` : ''));
  for (const [name, header] of Object.entries(response.headers || {})) {
    if (header.required) assert.ok(res.headers.get(name), `${what} without its documented ${name} header`);
  }
  if (buffer.length > 0 && res.status !== 304) {
    const media = response.content?.[ctype];
    assert.ok(media, `${what} with a ${ctype || 'typeless'} body the document does not give for ${res.status}` +
      ` (documented: ${Object.keys(response.content || {}).join(', ') || 'none'})`);
    if (json !== undefined && media.schema) {
      const validate = validatorFor(key, res.status, ctype, media.schema);
      assert.ok(validate(json), `${what}; the body does not match the document: ` +
        `${ajv.errorsText(validate.errors, { separator: '\n  ' })}\n  body: ${JSON.stringify(json).slice(0, 600)}`);
    }
  }
  if (expect !== undefined) {
    assert.equal(res.status, expect, `${what}, the test wanted ${expect}` + (json ? `: ${JSON.stringify(json).slice(0, 300)}` : ''));
  }
  return { status: res.status, headers: res.headers, body: buffer, json };
}

test('the document is valid OpenAPI 3 (swagger-parser) and declares the session cookie the server uses', () => {
  assert.match(spec.openapi, /^3\.0\./);
  const schemes = spec.components.securitySchemes;
  assert.equal(schemes.bearer.scheme, 'bearer');
  assert.equal(schemes.sessionCookie.in, 'cookie');
  assert.equal(schemes.sessionCookie.name, 'juo_session');  // auth/cookies.h kSessionCookieName
});

test('the public reads answer as documented', async () => {
  const editions = await call('GET /api/v1/editions', { expect: 200 });
  assert.ok(editions.json.editions.length > 0);
  await call('GET /api/v1/editions/{year}', { params: { year: ids.year }, expect: 200 });
  await call('GET /api/v1/editions/{year}', { params: { year: 2099 }, expect: 404 });
  await call('GET /api/v1/editions/{year}', { params: { year: 'abc' }, expect: 400 });
  const search = await call('GET /api/v1/search', { query: 'near=Lyon&radius=50&per_page=5', expect: 200 });
  assert.ok(search.json.results.length > 0);
  await call('GET /api/v1/search', { query: 'accessibility=flying', expect: 400 });
  const sites = await call('GET /api/v1/sites', { query: 'per_page=3', expect: 200 });
  await call('GET /api/v1/sites/{id}', { params: { id: sites.json.results[0].id }, expect: 200 });
  await call('GET /api/v1/sites/{id}', { params: { id: 999999 }, expect: 404 });
  await call('GET /api/v1/sites/{id}/sessions', { params: { id: ids.site }, expect: 200 });
  await call('GET /api/v1/sessions/{id}', { params: { id: ids.tour }, expect: 200 });
  await call('GET /api/v1/sectors', { expect: 200 });
  await call('GET /api/v1/communes', { query: 'q=Lyo&limit=3', expect: 200 });
  await call('GET /api/v1/communes', { expect: 400 });
  await call('GET /api/v1/map', { expect: 200 });
  await call('GET /api/v1/teaching-kit', { expect: 200 });
});

test('signed-in routes answer 401 anonymous and 403 without the role; an unknown method 405', async () => {
  await call('GET /api/v1/me', { expect: 401 });
  await call('GET /api/v1/me/bookings', { expect: 401 });
  await call('GET /api/v1/users', { as: 'visitor', expect: 403 });
  await call('GET /api/v1/audit', { as: 'host', expect: 403 });
  // 405: a method the path does not take (Allow lists the ones it does).
  const res = await fetch(`${base}/api/v1/map`, { method: 'DELETE' });
  const json = await res.json();
  assert.equal(res.status, 405);
  assert.ok(res.headers.get('allow'));
  const documented = spec.components.responses.MethodNotAllowed;
  for (const [name, header] of Object.entries(documented.headers)) {
    if (header.required) assert.ok(res.headers.get(name), `405 without its documented ${name} header`);
  }
  const validate = ajv.compile(documented.content['application/json'].schema);
  assert.ok(validate(json), ajv.errorsText(validate.errors));
  assert.equal(json.error.code, 'method_not_allowed');
  statusesSeen.add(405);
});

test('a visitor books, replays, changes, waits, cancels', async () => {
  await call('GET /api/v1/me', { as: 'visitor', expect: 200 });
  const key = `openapi-${Date.now()}`;
  const first = await call('POST /api/v1/bookings', { as: 'visitor', body: { session_id: Number(ids.tour), people: 2 }, headers: { 'idempotency-key': key }, expect: 201 });
  const again = await call('POST /api/v1/bookings', { as: 'visitor', body: { session_id: Number(ids.tour), people: 2 }, headers: { 'idempotency-key': key }, expect: 200 });
  assert.equal(again.json.booking.id, first.json.booking.id);
  assert.equal(again.json.replayed, true);
  const booking = first.json.booking.id;
  await call('POST /api/v1/bookings', { as: 'visitor', body: { session_id: Number(ids.tour), people: 0 }, expect: 400 });
  await call('POST /api/v1/bookings', { as: 'visitor', body: 'people=2', type: 'application/x-www-form-urlencoded', expect: 415 });
  await call('POST /api/v1/bookings', { body: { session_id: Number(ids.tour), people: 1 }, expect: 401 });
  await call('POST /api/v1/bookings/{id}/people', { as: 'visitor', params: { id: booking }, body: { people: 3 }, expect: 200 });
  await call('POST /api/v1/bookings/{id}/people', { as: 'visitor', params: { id: 999999 }, body: { people: 3 }, expect: 404 });
  const waiting = await call('POST /api/v1/bookings', { as: 'visitor', body: { session_id: Number(ids.scarceTour), people: 5, waitlist: true }, expect: 202 });
  await call('POST /api/v1/bookings', { as: 'visitor', body: { session_id: Number(ids.scarceTour), people: 5 }, expect: 409 });
  const mine = await call('GET /api/v1/me/bookings', { as: 'visitor', expect: 200 });
  assert.ok(mine.json.bookings.length > 0);
  await call('POST /api/v1/waitlist/{id}/accept', { as: 'visitor', params: { id: waiting.json.waitlist_entry.id }, expect: 409 });
  // [block: waiting-list offer by its link] issue 17: by the e-mail's token, no account
  await call('POST /api/v1/waitlist/offers/accept', { body: { entry_id: waiting.json.waitlist_entry.id, token: 'A'.repeat(43) }, expect: 403 });
  await call('POST /api/v1/waitlist/offers/accept', { body: { entry_id: waiting.json.waitlist_entry.id }, expect: 400 });
  // [end of block: waiting-list offer by its link]
  await call('POST /api/v1/waitlist/{id}/leave', { as: 'visitor', params: { id: waiting.json.waitlist_entry.id }, expect: 200 });
  await call('POST /api/v1/waitlist/leave', { body: { token: 'nope' }, expect: 404 });
  await call('POST /api/v1/bookings/{id}/cancel', { as: 'visitor', params: { id: booking }, expect: 200 });
  await call('POST /api/v1/bookings/{id}/cancel', { as: 'visitor', params: { id: booking }, expect: 409 });
  await call('POST /api/v1/bookings/{id}/cancel', { as: 'visitor', params: { id: 'x' }, expect: 400 });
  ids.visitorBooking = booking;
});

test('a teacher asks for a group visit; the host sees it, the tour\'s bookings and checks a ticket in', async () => {
  const asked = await call('POST /api/v1/group-requests', { as: 'teacher', body: { level: '3e', pupils: 20, adults: 2, place: 'Lyon', wishes: [Number(ids.groupTour)] }, expect: 201 });
  await call('POST /api/v1/group-requests', { as: 'teacher', body: { level: 'zzz', pupils: 20, place: 'Lyon', wishes: [Number(ids.groupTour)] }, expect: 400 });
  await call('GET /api/v1/me/group-requests', { as: 'teacher', expect: 200 });
  await call('GET /api/v1/host/group-requests', { as: 'host', expect: 200 });
  const accepted = await call('POST /api/v1/group-requests/{id}/accept', { as: 'host', params: { id: asked.json.group_request.id }, body: { session_id: Number(ids.groupTour), message: 'Bienvenue' }, expect: 201 });
  await call('POST /api/v1/group-requests/{id}/refuse', { as: 'host', params: { id: asked.json.group_request.id }, body: { message: 'Non' }, expect: 409 });
  const list = await call('GET /api/v1/host/sessions/{id}/bookings', { as: 'host', params: { id: ids.groupTour }, expect: 200 });
  assert.ok(list.json.bookings.length > 0);
  await call('GET /api/v1/host/sessions/{id}/bookings', { as: 'host', params: { id: ids.tour }, expect: ids.site === ids.groupSite ? 200 : 403 });
  const ticket = accepted.json.booking.ticket_code;
  await call('POST /api/v1/check-ins', { as: 'host', body: { ticket_code: `JUO:${ticket}`, attended: 20 }, expect: 200 });
  await call('POST /api/v1/check-ins', { as: 'host', body: { ticket_code: 'JUO:', attended: 1 }, expect: 400 });
  await call('POST /api/v1/check-ins', { as: 'host', body: { ticket_code: 'ZZZZZZZZZZ', attended: 1 }, expect: 404 });
  // [block: offline check-in, issue 19 item 3] the day's list, a phone's queue sent twice, undo
  await call('GET /api/v1/host/check-ins/day', { as: 'host', expect: 200 });
  await call('GET /api/v1/host/check-ins/day', { as: 'host', query: 'q=zz', expect: 200 });
  await call('GET /api/v1/host/check-ins/day', { as: 'visitor', expect: 403 });
  const batch = { scans: [{ nonce: 'openapi-scan-000000001', ticket_code: ticket, attended: 20, scanned_at: new Date().toISOString() },
    { nonce: 'openapi-scan-000000002', ticket_code: 'ZZZZ-ZZZZ-ZZ', attended: -1, scanned_at: new Date().toISOString() }] };
  const synced = await call('POST /api/v1/check-ins/sync', { as: 'host', body: batch, expect: 200 });
  assert.deepEqual(synced.json.results.map((r) => r.status), ['conflict', 'refused']);  // checked in above
  await call('POST /api/v1/check-ins/sync', { as: 'host', body: { scans: [] }, expect: 400 });
  const booking = accepted.json.booking.id;
  await call('DELETE /api/v1/bookings/{id}/check-in', { as: 'host', params: { id: booking }, expect: 200 });
  await call('DELETE /api/v1/bookings/{id}/check-in', { as: 'host', params: { id: booking }, expect: 404 });
  const offline = await call('POST /api/v1/check-ins/sync', { as: 'host', body: batch, expect: 200 });
  assert.deepEqual(offline.json.results.map((r) => r.status), ['checked_in', 'refused']);
  const again = await call('POST /api/v1/check-ins/sync', { as: 'host', body: batch, expect: 200 });
  assert.deepEqual(again.json.counts, { already_synced: 1, checked_in: 0, conflict: 0, refused: 1, retry: 0 });
  // [end of block: offline check-in]
});

// [block: friday requests API, issue 18]
test('issue 18: the school search, every error at once, edit and cancel, a wish marked unavailable', async () => {
  const found = await call('GET /api/v1/schools', { as: 'teacher', query: 'q=college', expect: 200 });
  assert.ok(found.json.schools.length > 0, 'schools found by an unaccented word');
  const school = found.json.schools[0].id;
  const bad = await call('POST /api/v1/group-requests', { as: 'teacher', body: { level: 'zzz', pupils: 0, school_id: school, wishes: [] }, expect: 400 });
  assert.ok(bad.json.error.fields.length >= 3, 'every error at once');
  const made = await call('POST /api/v1/group-requests', { as: 'teacher', body: { level: '3e', pupils: 20, adults: 2, school_id: school, wishes: [Number(ids.groupTour)], radius_km: 30 }, expect: 201 });
  const id = made.json.group_request.id;
  assert.equal(made.json.group_request.school_id, school);
  await call('PATCH /api/v1/group-requests/{id}', { as: 'teacher', params: { id }, body: { level: '3e', pupils: 22, school_id: school, wishes: [Number(ids.groupTour)] }, expect: 200 });
  await call('POST /api/v1/group-requests/{id}/wishes/{rank}/unavailable', { as: 'host', params: { id, rank: 1 }, expect: 200 });
  await call('POST /api/v1/group-requests/{id}/wishes/{rank}/unavailable', { as: 'host', params: { id, rank: 1 }, expect: 409 });
  await call('DELETE /api/v1/group-requests/{id}', { as: 'teacher', params: { id }, expect: 200 });
  await call('DELETE /api/v1/group-requests/{id}', { as: 'teacher', params: { id }, expect: 409 });
});
// [end of block: friday requests API]

test('a host\'s space: sites, tours, visitors, profile with If-Match, internships', async () => {
  const mine = await call('GET /api/v1/host/sites', { as: 'host', expect: 200 });
  assert.ok(mine.json.sites.length > 0);
  const site = ids.groupSite;
  const tours = await call('GET /api/v1/host/sites/{id}/sessions', { as: 'host', params: { id: site }, expect: 200 });
  // Issue 19: a tour changed, then a new one published and deleted.
  const tour = tours.json.sessions.find((x) => x.status === 'open');
  assert.ok(tour, 'the site has an open tour');
  const changed = await call('PATCH /api/v1/host/sites/{id}/sessions/{session_id}', { as: 'host',
    params: { id: site, session_id: tour.id }, body: { capacity_people: tour.capacity_people + 5 }, expect: 200 });
  assert.equal(changed.json.session.capacity_people, tour.capacity_people + 5);
  assert.equal(changed.json.moved, false);
  await call('PATCH /api/v1/host/sites/{id}/sessions/{session_id}', { as: 'host', params: { id: site, session_id: tour.id },
    body: { capacity_people: 0 }, expect: 400 });
  await call('PATCH /api/v1/host/sites/{id}/sessions/{session_id}', { as: 'host', params: { id: site, session_id: 999999 },
    body: { capacity_people: 10 }, expect: 404 });
  const added = await call('POST /api/v1/host/sites/{id}/sessions', { as: 'host', params: { id: site },
    body: { day: tour.day, starts_at: '17:00', ends_at: '18:00', capacity_people: 12, capacity_groups: tour.capacity_groups,
      audiences: tour.audiences }, expect: 201 });
  const gone = await call('DELETE /api/v1/host/sites/{id}/sessions/{session_id}', { as: 'host',
    params: { id: site, session_id: added.json.session.id }, expect: 200 });
  assert.equal(gone.json.bookings_cancelled, 0);
  await call('DELETE /api/v1/host/sites/{id}/sessions/{session_id}', { as: 'host',
    params: { id: site, session_id: added.json.session.id }, expect: 404 });
  await call('GET /api/v1/host/sites/{id}/visitors', { as: 'host', params: { id: site }, expect: 200 });
  await call('GET /api/v1/host/sites/{id}/visitors', { as: 'host', params: { id: site }, query: 'format=csv', expect: 200 });
  await call('GET /api/v1/host/sites/{id}/visitors', { as: 'host', params: { id: site }, query: 'format=pdf', expect: 400 });
  const profile = await call('GET /api/v1/host/sites/{id}/profile', { as: 'host', params: { id: site }, expect: 200 });
  const etag = profile.headers.get('etag');
  assert.ok(etag, 'the profile has an ETag');
  await call('PATCH /api/v1/host/sites/{id}/profile', { as: 'host', params: { id: site }, headers: { 'if-match': etag }, body: { description: 'Visite de la ligne de production.' }, expect: 200 });
  await call('PATCH /api/v1/host/sites/{id}/profile', { as: 'host', params: { id: site }, headers: { 'if-match': etag }, body: { description: 'Trop tard.' }, expect: 412 });
  await call('GET /api/v1/host/sites/{id}/profile', { as: 'host', params: { id: 999999 }, expect: 404 });
  await call('GET /api/v1/host/sites/{id}/internships', { as: 'host', params: { id: site }, expect: 200 });
  await call('POST /api/v1/host/sites/{id}/internships', { as: 'host', params: { id: site }, body: { kind: 'stage_3e', title: 'Stage de découverte', places: 2 }, expect: 201 });
  const created = await call('POST /api/v1/host/sites', { as: 'host', body: { company: 'Usine Exemple', division: '29', address: '1 rue de la Forge', place: 'Lyon' }, expect: 201 });
  ids.newSite = created.json.site.id;
  await call('POST /api/v1/host/sites', { as: 'host', body: { company: '', division: '29', address: '', place: 'Lyon' }, expect: 400 });
});

test('the organiser\'s and the relay\'s reads and an edition PATCH with If-Match', async () => {
  const list = await call('GET /api/v1/organisation/editions', { as: 'organiser', expect: 200 });
  const edition = list.json.editions[0].id;
  const one = await call('GET /api/v1/organisation/editions/{id}', { as: 'organiser', params: { id: edition }, expect: 200 });
  const etag = one.headers.get('etag');
  assert.ok(etag);
  await call('PATCH /api/v1/organisation/editions/{id}', { as: 'organiser', params: { id: edition }, headers: { 'if-match': etag }, body: { target_sites: 250 }, expect: 200 });
  await call('PATCH /api/v1/organisation/editions/{id}', { as: 'organiser', params: { id: edition }, headers: { 'if-match': etag }, body: { target_sites: 260 }, expect: 412 });
  await call('PATCH /api/v1/organisation/editions/{id}', { as: 'organiser', params: { id: edition }, body: { colour: 'blue' }, expect: 400 });
  await call('GET /api/v1/organisation/editions/{id}', { as: 'organiser', params: { id: 999999 }, expect: 404 });
  const users = await call('GET /api/v1/users', { as: 'organiser', query: 'q=usine', expect: 200 });
  await call('GET /api/v1/users/{id}', { as: 'organiser', params: { id: users.json.users[0].id }, expect: 200 });
  await call('GET /api/v1/users/{id}', { as: 'organiser', params: { id: 999999 }, expect: 404 });
  for (const list of ['sites', 'sessions', 'requests', 'bookings', 'media', 'answers']) {
    await call('GET /api/v1/exports/{list}', { as: 'organiser', params: { list }, expect: 200 });
  }
  await call('GET /api/v1/exports/{list}', { as: 'relay', params: { list: 'sites' }, query: 'format=csv', expect: 200 });
  await call('GET /api/v1/exports/{list}', { as: 'organiser', params: { list: 'sessions' }, query: 'format=xlsx', expect: 200 });
  await call('GET /api/v1/exports/{list}', { as: 'organiser', params: { list: 'nothing' }, expect: 404 });
  await call('GET /api/v1/media-mentions', { as: 'organiser', expect: 200 });
  await call('GET /api/v1/social-mentions', { as: 'organiser', expect: 200 });
  await call('GET /api/v1/moderation/sessions', { as: 'organiser', expect: 200 });
  await call('GET /api/v1/moderation', { as: 'relay', expect: 200 });
  await call('GET /api/v1/moderation', { as: 'organiser', expect: 200 });
  await call('GET /api/v1/organisation/teaching-kit', { as: 'organiser', expect: 200 });
  await call('GET /api/v1/organisation/figures', { as: 'organiser', expect: 200 });
  await call('GET /api/v1/organisation/figures', { as: 'relay', query: 'lang=en', expect: 200 });
  await call('GET /api/v1/audit', { as: 'organiser', query: 'action=booking.', expect: 200 });
  await call('GET /api/v1/audit', { as: 'organiser', query: 'page=0', expect: 400 });
  await call('POST /api/v1/imports/sites', { as: 'organiser', query: 'dry_run=1', body: 'entreprise;siret\nx;y\n', type: 'text/csv', expect: 422 });
});

test('surveys: the organiser writes one to the hosts, a host reads its form and answers', async () => {
  const sent = await call('POST /api/v1/surveys', { as: 'organiser', body: { title: 'Bilan des hôtes', audience: 'hosts', questions: ['note: Satisfaction [satisfaction]', 'texte: Un mot ?'] }, expect: 201 });
  const survey = sent.json.survey.id;
  await call('GET /api/v1/surveys', { as: 'organiser', expect: 200 });
  const form = await call('GET /api/v1/surveys/{id}/form', { as: 'host', params: { id: survey }, expect: 200 });
  const [rating, text] = form.json.survey.questions;
  await call('POST /api/v1/surveys/{id}/responses', { as: 'host', params: { id: survey }, body: { answers: { [rating.id]: 5, [text.id]: 'Très bien' } }, expect: 201 });
  await call('GET /api/v1/surveys/{id}', { as: 'organiser', params: { id: survey }, expect: 200 });
  await call('GET /api/v1/surveys/{id}', { as: 'organiser', params: { id: 999999 }, expect: 404 });
});

test('the back office\'s changes: media and social mentions, roles, tours, moderation, surveys, quotes', async () => {
  const mention = await call('POST /api/v1/media-mentions', { as: 'organiser', body: { kind: 'web', outlet: 'Le Progrès', title: 'Portes ouvertes', published_on: `${ids.year}-04-05`, department: '69' }, expect: 201 });
  const mentionId = mention.json.media_mention.id;
  await call('PATCH /api/v1/media-mentions/{id}', { as: 'organiser', params: { id: mentionId }, body: { title: 'Portes ouvertes à Lyon' }, expect: 200 });
  await call('POST /api/v1/media-mentions', { as: 'organiser', body: { kind: 'radio', outlet: 'X', published_on: '2025-04-05' }, expect: 400 });
  await call('DELETE /api/v1/media-mentions/{id}', { as: 'organiser', params: { id: mentionId }, expect: 200 });
  await call('DELETE /api/v1/media-mentions/{id}', { as: 'organiser', params: { id: mentionId }, expect: 404 });
  const social = await call('POST /api/v1/social-mentions', { as: 'organiser', body: { network: 'linkedin', period_start: `${ids.year}-03-01`, period_end: `${ids.year}-03-07`, mentions: 12 }, expect: 201 });
  const socialId = social.json.social_mentions.id;
  await call('DELETE /api/v1/social-mentions/{id}', { as: 'organiser', params: { id: socialId }, expect: 200 });
  await call('POST /api/v1/imports/media', { as: 'organiser', query: 'dry_run=1', body: 'type;média\nweb;X\n', type: 'text/csv', expect: 422 });
  await call('POST /api/v1/imports/media', { as: 'organiser', body: '{}', type: 'application/json', expect: 415 });
  const granted = await call('POST /api/v1/users/{id}/roles', { as: 'organiser', params: { id: ids.user }, body: { role: 'relay', department: '69' }, expect: 201 });
  await call('POST /api/v1/users/{id}/roles', { as: 'organiser', params: { id: ids.user }, body: { role: 'relay', department: '69' }, expect: 409 });
  await call('DELETE /api/v1/users/{id}/roles/{grant_id}', { as: 'organiser', params: { id: ids.user, grant_id: granted.json.grant_id }, expect: 200 });
  // A host publishes a tour on the new site's day, copies it; the organiser approves the site.
  const days = (await call('GET /api/v1/organisation/editions', { as: 'organiser', expect: 200 })).json.editions[0].days;
  const saturday = days.find((d) => d.audiences.includes('public')).date;
  const tour = await call('POST /api/v1/host/sites/{id}/sessions', { as: 'host', params: { id: ids.groupSite }, body: { day: saturday, starts_at: '14:00', ends_at: '15:30', capacity_people: 12, audiences: ['public'] }, expect: 201 });
  await call('POST /api/v1/host/sites/{id}/sessions', { as: 'host', params: { id: ids.groupSite }, body: { copy_of: tour.json.session.id }, expect: 201 });
  await call('POST /api/v1/host/sites/{id}/sessions', { as: 'host', params: { id: ids.groupSite }, body: { day: '1999-01-01', starts_at: '14:00', ends_at: '15:30', capacity_people: 12, audiences: ['public'] }, expect: 400 });
  await call('POST /api/v1/moderation/sessions/{id}/withdraw', { as: 'organiser', params: { id: tour.json.session.id }, body: { reason: 'Doublon' }, expect: 200 });
  await call('POST /api/v1/moderation/sessions/{id}/withdraw', { as: 'organiser', params: { id: tour.json.session.id }, body: { reason: 'Doublon' }, expect: 409 });
  await call('POST /api/v1/host/sites/{id}/resubmit', { as: 'host', params: { id: ids.groupSite }, expect: 409 });
  await call('POST /api/v1/host/sites/{id}/re-enrolment', { as: 'host', params: { id: ids.groupSite }, expect: 409 });
  const registration = (await call('GET /api/v1/moderation', { as: 'organiser', expect: 200 })).json.registrations[0];
  await call('POST /api/v1/moderation/{id}', { as: 'organiser', params: { id: registration.participation_id }, body: { decision: 'maybe' }, expect: 400 });
  await call('POST /api/v1/moderation/{id}', { as: 'organiser', params: { id: registration.participation_id }, body: { decision: 'approve' }, expect: 200 });
  await call('POST /api/v1/moderation/{id}', { as: 'organiser', params: { id: registration.participation_id }, body: { decision: 'approve' }, expect: 409 });
  const offers = await call('GET /api/v1/host/sites/{id}/internships', { as: 'host', params: { id: ids.groupSite }, expect: 200 });
  await call('PATCH /api/v1/host/sites/{id}/internships/{offer_id}', { as: 'host', params: { id: ids.groupSite, offer_id: offers.json.internships[0].id }, body: { filled: 1 }, expect: 200 });
  await call('PATCH /api/v1/host/sites/{id}/internships/{offer_id}', { as: 'host', params: { id: ids.groupSite, offer_id: offers.json.internships[0].id }, body: { filled: 99 }, expect: 400 });
  const kit = await call('GET /api/v1/organisation/teaching-kit', { as: 'organiser', expect: 200 });
  await call('PATCH /api/v1/organisation/teaching-kit/{id}', { as: 'organiser', params: { id: kit.json.documents[0].id }, body: { published: true }, expect: kit.json.documents[0].url === null ? 409 : 200 });
  await call('PATCH /api/v1/organisation/teaching-kit/{id}', { as: 'organiser', params: { id: 999999 }, body: { published: true }, expect: 404 });
  // A draft survey, sent afterwards; a free-text answer quoted once.
  const draft = await call('POST /api/v1/surveys', { as: 'organiser', body: { title: 'Brouillon', audience: 'teachers', questions: 'texte: Un mot ?', send: false }, expect: 201 });
  await call('POST /api/v1/surveys/{id}/send', { as: 'organiser', params: { id: draft.json.survey.id }, expect: 200 });
  await call('POST /api/v1/surveys/{id}/send', { as: 'organiser', params: { id: draft.json.survey.id }, expect: 409 });
  const surveys = (await call('GET /api/v1/surveys', { as: 'organiser', expect: 200 })).json.surveys;
  const answered = await Promise.all(surveys.map((x) => call('GET /api/v1/surveys/{id}', { as: 'organiser', params: { id: x.id }, expect: 200 })));
  const text = answered.map((a) => a.json.survey).flatMap((x) => (x.text_answers || []).map((t) => ({ ...t, survey_id: x.id }))).find((t) => !t.quoted);
  assert.ok(text, 'a free-text answer to quote');
  const quote = { survey_id: text.survey_id, response_id: text.response_id, question_id: text.question_id };
  await call('POST /api/v1/quotes', { as: 'organiser', body: quote, expect: 201 });
  await call('POST /api/v1/quotes', { as: 'organiser', body: quote, expect: 409 });
  await call('POST /api/v1/organisation/editions/{id}/invitations', { as: 'organiser', params: { id: ids.editionId }, expect: 404 });
  // Uploads and the clone, refused (their success paths are the e2e tests'): a photo that is no
  // image, a kit document that is no PDF, a clone of an edition that does not exist.
  await call('PUT /api/v1/host/sites/{id}/photo', { as: 'host', params: { id: ids.groupSite }, body: 'pas une image', type: 'image/png', expect: 400 });
  await call('POST /api/v1/organisation/teaching-kit', { as: 'organiser', query: 'title=Kit&audience=both', body: 'pas un PDF', type: 'application/pdf', expect: 400 });
  await call('POST /api/v1/organisation/editions/clone', { as: 'organiser', body: { from_year: 2030 }, expect: 404 });
});

test('accounts: sign-up, a wrong sign-in, a reset throttled with Retry-After, sign-out', async () => {
  await call('POST /api/v1/accounts', { body: { email: 'nouvelle@example.org', display_name: 'Nouvelle', password: 'une-phrase-longue' }, expect: 201 });
  await call('POST /api/v1/accounts', { body: { email: 'courte@example.org', display_name: 'Courte', password: 'court' }, expect: 400 });
  await call('POST /api/v1/accounts/confirm', { body: { token: 'inconnu' }, expect: 404 });
  await call('POST /api/v1/sessions', { body: { email: 'nouvelle@example.org', password: 'pas-la-bonne-phrase' }, expect: 401 });
  let throttled;
  for (let i = 0; i < 6 && !throttled; i++) {
    const r = await call('POST /api/v1/password-resets', { body: { email: 'oubli@example.org' } });
    if (r.status === 429) throttled = r;
  }
  assert.ok(throttled, 'the reset throttle answers 429 within 6 requests');
  let resend;
  for (let i = 0; i < 6 && !resend; i++) {
    const r = await call('POST /api/v1/accounts/confirmation-emails', { body: { email: 'perdu@example.org' } });
    if (r.status === 429) resend = r;
  }
  assert.ok(resend, 'the confirmation resend throttle answers 429 within 6 requests');
  await call('POST /api/v1/password-resets/confirm', { body: { token: 'inconnu', password: 'une-phrase-longue' }, expect: 404 });
  const session = openSession(ids.user);
  const res = await fetch(`${base}/api/v1/sessions`, { method: 'DELETE', headers: { authorization: `Bearer ${session}` } });
  assert.equal(res.status, 200);
  tokens.leaving = session;
  await call('DELETE /api/v1/sessions', { as: 'leaving', expect: 401 });
});

test('a body over the limit is a 413, one in another content type a 415; a GET with its own ETag in If-None-Match a 304 or a 200, as documented', async () => {
  // A Content-Length of 13 MiB (the limit is 12) and no body: the server answers from the header.
  const url = `${base}/api/v1/bookings`;
  const { status, headers, body } = await new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${tokens.visitor}`, 'content-type': 'application/json', 'content-length': String(13 << 20) } });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => { resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }); req.destroy(); });
    });
    req.on('error', reject);
    req.flushHeaders();
  });
  check('POST /api/v1/bookings', url, { status, headers: { get: (name) => headers[name.toLowerCase()] } }, body, 413);
  // A body in another content type than the operation takes: 415, for JSON and for CSV.
  const notJson = await call('POST /api/v1/bookings', { as: 'visitor', body: '{"session_id": 1, "people": 1}', type: 'text/plain', expect: 415 });
  assert.equal(notJson.json.error.code, 'unsupported_media_type');
  await call('POST /api/v1/imports/sites', { as: 'organiser', body: '{}', expect: 415 });
  for (const [key, params] of [['GET /api/v1/sites/{id}', { id: ids.site }], ['GET /api/v1/map', {}], ['GET /api/v1/editions', {}]]) {
    const first = await call(key, { params });
    const etag = first.headers.get('etag');
    if (etag) await call(key, { params, headers: { 'if-none-match': etag } });
  }
});

// [block: allocation API, issue 18 (O)] A round started, polled to its end, its run read (the
// organiser's and a relay's), exported, refused publication (check-ins exist), discarded.
test('allocation rounds: start (202 + Location), progress, runs, a run, the bus export, publish refused, discard', async () => {
  await call('POST /api/v1/organisation/allocations', { as: 'relay', body: { year: Number(ids.year) }, expect: 403 });
  const huge = await call('POST /api/v1/organisation/allocations', { as: 'organiser', body: { year: Number(ids.year), budget_eur: 1e17 }, expect: 400 });
  assert.match(huge.json.error.message, /budget_eur/);
  await call('POST /api/v1/organisation/allocations', { as: 'organiser', body: { year: Number(ids.year), time_limit_seconds: 1e9 }, expect: 400 });
  const started = await call('POST /api/v1/organisation/allocations',
    { as: 'organiser', body: { year: Number(ids.year), max_buses: 20, time_limit_seconds: 2, pinned: [] }, expect: 202 });
  assert.equal(started.headers.get('location'), `/api/v1/organisation/allocations/jobs/${started.json.id}`);
  let job = started.json;
  for (let i = 0; i < 300 && !job.finished; i++) {
    await new Promise((r) => setTimeout(r, 200));
    job = (await call('GET /api/v1/organisation/allocations/jobs/{id}', { as: 'organiser', params: { id: started.json.id }, expect: 200 })).json;
  }
  assert.equal(job.stage, 'done', JSON.stringify(job));
  await call('GET /api/v1/organisation/allocations/jobs/{id}', { as: 'relay', params: { id: job.id }, expect: 200 });
  await call('GET /api/v1/organisation/allocations/jobs/{id}', { as: 'organiser', params: { id: 999999 }, expect: 404 });
  const list = await call('GET /api/v1/organisation/allocations', { as: 'organiser', query: `edition=${ids.year}`, expect: 200 });
  assert.ok(list.json.runs.some((r) => r.id === job.run_id));
  await call('GET /api/v1/organisation/allocations', { as: 'visitor', expect: 403 });
  const run = await call('GET /api/v1/organisation/allocations/{id}', { as: 'organiser', params: { id: job.run_id }, expect: 200 });
  assert.equal(run.json.status, 'draft');
  assert.ok(run.json.buses <= 20);
  const theirs = await call('GET /api/v1/organisation/allocations/{id}', { as: 'relay', params: { id: job.run_id }, expect: 200 });
  assert.ok(theirs.json.decisions.every((d) => d.department === ids.relayDepartment));
  await call('GET /api/v1/organisation/allocations/{id}', { as: 'organiser', params: { id: 999999 }, expect: 404 });
  const csv = await call('GET /api/v1/organisation/allocations/{id}/buses.csv', { as: 'organiser', params: { id: job.run_id }, expect: 200 });
  assert.match(csv.headers.get('content-disposition'), /juo-\d{4}-cars-\d+\.csv/);
  await call('GET /api/v1/organisation/allocations/{id}/buses.xlsx', { as: 'relay', params: { id: job.run_id }, expect: 200 });
  const refused = await call('POST /api/v1/organisation/allocations/{id}/publish', { as: 'organiser', params: { id: job.run_id }, expect: 409 });
  assert.match(refused.json.error.message, /checked in/);
  await call('POST /api/v1/organisation/allocations/{id}/publish', { as: 'relay', params: { id: job.run_id }, expect: 403 });
  const discarded = await call('POST /api/v1/organisation/allocations/{id}/discard', { as: 'organiser', params: { id: job.run_id }, expect: 200 });
  assert.equal(discarded.json.status, 'discarded');
  await call('POST /api/v1/organisation/allocations/{id}/discard', { as: 'organiser', params: { id: job.run_id }, expect: 409 });
});
// [end of block: allocation API]

// [block: personal data] Issue 21 (docs/adr/0015): export and erasure, by the person and on request.
test('personal data: the export, the erasure by the person and by the organiser, refusals', async () => {
  const visitorOf = (email) => {
    sql(`INSERT INTO app_user (email, display_name, created_at, email_confirmed_at)
         VALUES ('${email}', 'Données', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    const id = sql(`SELECT id FROM app_user WHERE email = '${email}'`);
    sql(`INSERT INTO user_role (user_id, role) VALUES (${id}, 'visitor')`);
    return id;
  };
  const mine = visitorOf('donnees-moi@example.org');
  tokens.dataSubject = openSession(mine);
  await call('POST /api/v1/bookings', { as: 'dataSubject', body: { session_id: Number(ids.tour), people: 1 }, expect: 201 });
  const exported = await call('GET /api/v1/me/export', { as: 'dataSubject', expect: 200 });
  assert.match(exported.headers.get('content-disposition'), /^attachment; filename="juo-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
  assert.equal(exported.json.bookings.length, 1);
  await call('GET /api/v1/me/export', { expect: 401 });
  await call('GET /api/v1/users/{id}/export', { as: 'visitor', params: { id: mine }, expect: 403 });
  await call('GET /api/v1/users/{id}/export', { as: 'organiser', params: { id: mine }, expect: 200 });
  await call('GET /api/v1/users/{id}/export', { as: 'organiser', params: { id: 999999 }, expect: 404 });
  await call('DELETE /api/v1/users/{id}', { as: 'visitor', params: { id: mine }, expect: 403 });
  const erased = await call('DELETE /api/v1/me', { as: 'dataSubject', expect: 200 });
  assert.equal(erased.json.bookings_kept_anonymous, 1);
  await call('DELETE /api/v1/me', { as: 'dataSubject', expect: 401 });
  const other = visitorOf('donnees-demande@example.org');
  await call('DELETE /api/v1/users/{id}', { as: 'organiser', params: { id: other }, expect: 200 });
  await call('DELETE /api/v1/users/{id}', { as: 'organiser', params: { id: other }, expect: 404 });
});
// [end of block: personal data]

test('every /api/v1 route of the route × role table (auth/authorisation.cc) is documented, and only those', () => {
  const table = readFileSync(path.resolve(here, '../../src/auth/authorisation.cc'), 'utf8');
  const routes = [...table.matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)", "(\/api\/v1[^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.ok(routes.length > 50, 'the table was read');
  const documented = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) if (item[method]) documented.push(`${method.toUpperCase()} ${template}`);
  }
  assert.deepEqual(routes.filter((r) => !documented.includes(r)), [], 'routes the document leaves out');
  assert.deepEqual(documented.filter((r) => !routes.includes(r)), [], 'documented operations the server does not have');
});

test('every documented GET was called or is listed as skipped, with a reason', () => {
  const gets = [];
  for (const [template, item] of Object.entries(spec.paths)) if (item.get) gets.push(`GET ${template}`);
  const missing = gets.filter((k) => !called.has(k) && !SKIPPED_GETS[k]);
  assert.deepEqual(missing, [], 'documented GETs neither called nor skipped');
  for (const k of Object.keys(SKIPPED_GETS)) assert.ok(gets.includes(k), `${k} is skipped but not documented`);
  const operations = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) if (item[m]) operations.push(`${m.toUpperCase()} ${template}`);
  }
  console.log(`called ${called.size} of ${gets.length} documented GETs, ${calledAll.size} of ${operations.length} operations ` +
    `(not called: ${operations.filter((k) => !calledAll.has(k)).join(', ')}); statuses seen: ${[...statusesSeen].sort().join(', ')}`);
});
