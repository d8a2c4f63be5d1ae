// The load client of bench/opening_day.sh: one role per process, so that a probe's latency is not
// the load generator's own event-loop delay. Every role runs for --seconds, keeps --concurrency
// virtual people busy (each waits for its answer before its next request: a closed loop), and
// prints one JSON object on stdout: the counts of answers by status, the latency percentiles by
// request kind, what the role confirmed, and its own CPU time (cpu_ms).
//
//   node bench/opening_day.mjs ROLE --base URL --seconds N [--concurrency C] [options]
//
// Roles:
//   api-book    POST /api/v1/bookings with the Bearer sessions of --tokens (accounts_fixture), each
//               person booking the tours of --sessions in turn (one party of 1–4 per tour).
//   page-book   the same people through the page: `juo_session` cookie, one GET of the booking form
//               for its CSRF token, then POST /reserver/{id} for each tour (what a signed-in
//               visitor's browser sends).
//   guest-book  guests: each one a new client address (127.x.y.z) and e-mail: GET the form of a
//               tour, then POST it with e-mail, name and party size.
//   signup      each sign-up a new client address and e-mail: GET /compte/inscription, then POST it.
//   probe       GET --path (default /a-propos) --rate times a second on one kept-alive connection.
//   mix         the opening-day mix (see MIX below): visitors landing, searching, opening factory
//               pages and booking as guests or signed in, through the waiting room when it answers;
//               some sign up or sign in; teachers send group requests; hosts check visitors in.
//
// Loopback only; every request has a timeout (--timeout ms, default 20000).
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';

const [role, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i < rest.length; i += 2) {
  if (!rest[i].startsWith('--') || rest[i + 1] === undefined) usage(`bad option ${rest[i]}`);
  opt[rest[i].slice(2)] = rest[i + 1];
}
function usage(message) {
  console.error(`opening_day.mjs: ${message}\nusage: node opening_day.mjs ROLE --base URL --seconds N [...]`);
  process.exit(2);
}
if (!opt.base || !opt.seconds) usage('--base and --seconds are required');
const base = new URL(opt.base);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) usage('loopback addresses only');
const seconds = Number(opt.seconds);
const concurrency = Number(opt.concurrency || 32);
const timeoutMs = Number(opt.timeout || 20000);
const runId = opt.run || crypto.randomBytes(4).toString('hex');
const lines = (file) => (file ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
const tokens = lines(opt.tokens);
const sessions = (opt.sessions || '').split(/[ ,]+/).filter(Boolean).map(Number);
// --teachers: "token postcode id,id,id" lines; --hosts: "token code,code,…" lines (opening_day.sh).
const teachers = lines(opt.teachers).map((l) => { const [token, postcode, w] = l.split(' '); return { token, postcode, wishes: w.split(',').map(Number) }; });
const hosts = lines(opt.hosts).map((l) => { const [token, codes = ''] = l.split(' '); return { token, codes: codes.split(',').filter(Boolean) }; });
let teacherIndex = 0;
let hostIndex = 0;
const sites = (opt.sites || '').split(/[ ,]+/).filter(Boolean).map(Number);

// ---------------------------------------------------------------------------------------------
// Measuring

const stats = { role, run: runId, seconds, concurrency, status: {}, kinds: {}, errors: [], done: {} };
function record(kind, status, ms) {
  stats.status[status] = (stats.status[status] || 0) + 1;
  (stats.kinds[kind] ||= []).push(ms);
}
function count(what, n = 1) { stats.done[what] = (stats.done[what] || 0) + n; }
function note(error) { if (stats.errors.length < 20) stats.errors.push(String(error).slice(0, 300)); }
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function summary() {
  const kinds = {};
  for (const [k, v] of Object.entries(stats.kinds)) {
    v.sort((a, b) => a - b);
    kinds[k] = { n: v.length, p50: round(percentile(v, 50)), p99: round(percentile(v, 99)), max: round(v[v.length - 1]) };
  }
  return { ...stats, kinds };
}
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);

// ---------------------------------------------------------------------------------------------
// HTTP: one kept-alive agent per client address; answers as {status, headers, body}. The people
// of a role without addresses of their own (api-book, page-book, probe) share the default address's
// agent, which keeps one connection per person (--concurrency): with fewer (it had 4 until
// 2026-12-06), their requests queued in this client, and its latencies and rates were the queue's.

const agents = new Map();
function agentFor(address) {
  const key = address || 'default';
  let a = agents.get(key);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: address ? 4 : concurrency, localAddress: address });
    agents.set(key, a);
  }
  return a;
}
function dropAgent(address) {
  const a = agents.get(address);
  if (a) { a.destroy(); agents.delete(address); }
}
let nextAddress = 0;
const addressBase = Number(opt['address-base'] || 0);
// A fresh client address in 127.0.0.0/8, never the same twice in a run (last byte 1..254):
// another person, another limit.
function newAddress() {
  const n = addressBase + (nextAddress++);
  const rest = Math.floor(n / 254);
  return `127.${(rest >> 8) & 255}.${rest & 255}.${1 + (n % 254)}`;
}

// A GET sent on a kept-alive connection that the server closed at that very moment (its idle
// timeout: 15 s, as long as the waiting room's Refresh) fails with ECONNRESET before any answer;
// it is sent again once on a new connection, as browsers do (Node's documentation of
// request.reusedSocket), and counted ("GET sent again").
function request(kind, method, path, options = {}, retried = false) {
  const { headers = {}, body, address, cookie } = options;
  return new Promise((resolve) => {
    const h = { ...headers, 'accept-language': 'fr' };
    if (cookie) h.cookie = cookie;
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    const started = performance.now();
    const req = http.request({
      host: base.hostname.replace(/^\[|\]$/g, ''), port: base.port, method, path,
      headers: h, agent: agentFor(address), timeout: timeoutMs,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - started;
        record(kind, res.statusCode, ms);
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      if (method === 'GET' && !retried && req.reusedSocket && e.code === 'ECONNRESET') {
        count('GET sent again');
        resolve(request(kind, method, path, options, true));
        return;
      }
      record(kind, 'error', performance.now() - started);
      note(`${kind} ${method} ${path}: ${e.message}`);
      resolve({ status: 0, headers: {}, body: '' });
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const form = (fields) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
function hidden(html, name) {
  const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return m ? m[1].replace(/&amp;/g, '&') : '';
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A page behind the waiting room: follows redirects to the room (honouring its Refresh delay,
// scaled by --room-wait-scale for short runs) until the page itself answers.
async function throughRoom(kind, path, init) {
  let r = await request(kind, 'GET', path, init);
  let waited = 0;
  while ((r.status === 302 || r.status === 303) && /file-d-attente/.test(r.headers.location || '')) {
    const room = r.headers.location;
    let page = await request('waiting room', 'GET', room, init);
    for (;;) {
      const refresh = Number(String(page.headers.refresh || '').split(';')[0]) || 2;
      if (Date.now() >= deadline) return page;
      await sleep(Math.max(200, refresh * 1000 * Number(opt['room-wait-scale'] || 1)));
      waited++;
      page = await request('waiting room', 'GET', room, init);
      if (page.status === 302 || page.status === 303) break;
    }
    count('room passes');
    r = await request(kind, 'GET', path, { ...init, cookie: mergeCookies(init.cookie, page.headers['set-cookie']) });
  }
  if (waited) count('room refreshes', waited);
  return r;
}
function mergeCookies(cookie, setCookie) {
  const jar = new Map();
  for (const c of (cookie ? cookie.split('; ') : [])) { const [k, v] = c.split('='); jar.set(k, v); }
  for (const c of setCookie || []) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

// ---------------------------------------------------------------------------------------------
// Roles

let deadline = 0;
let tokenIndex = 0;
const nextToken = () => (tokenIndex < tokens.length ? tokens[tokenIndex++] : null);
const booked = (r) => r.status === 201 || r.status === 303 || r.status === 302;

async function apiBooker() {
  for (let t = nextToken(); t && Date.now() < deadline; t = nextToken()) {
    for (const s of sessions) {
      if (Date.now() >= deadline) return;
      const body = JSON.stringify({ session_id: s, people: 1 + (tokenIndex % 4) });
      const r = await request('api booking', 'POST', '/api/v1/bookings', {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t}`, 'idempotency-key': `od-${runId}-${t}-${s}` },
        body,
      });
      if (r.status === 201) count('bookings'); else if (r.status >= 500 || r.status === 0) count('failed');
    }
  }
}

async function pageBooker() {
  for (let t = nextToken(); t && Date.now() < deadline; t = nextToken()) {
    const cookie = `juo_session=${t}`;
    const f = await request('booking form', 'GET', `/reserver/${sessions[0]}`, { cookie });
    const csrf = hidden(f.body, 'csrf');
    if (!csrf) { count('failed'); note(`no CSRF token in the booking form (${f.status})`); continue; }
    for (const s of sessions) {
      if (Date.now() >= deadline) return;
      const r = await request('page booking', 'POST', `/reserver/${s}`, {
        cookie, headers: formHeaders,
        body: form({ csrf, form_key: `od-${runId}-${t}-${s}`, people: String(1 + (tokenIndex % 4)) }),
      });
      if (booked(r)) count('bookings'); else if (r.status >= 500 || r.status === 0) count('failed');
    }
  }
}

let guestCount = 0;
async function guestBooking(session, address, kind = 'guest booking') {
  const n = ++guestCount;
  const f = await throughRoom('booking form', `/reserver/${session}`, { address });
  const csrf = hidden(f.body, 'csrf');
  if (!csrf) { count('failed'); note(`no CSRF token in the guest form (${f.status})`); return false; }
  const fields = { csrf, email: `invite-${runId}-${n}@example.org`, display_name: `Invité ${n}`, name: `Invité ${n}`, people: String(1 + (n % 4)) };
  const key = hidden(f.body, 'form_key');
  if (key) fields.form_key = key;
  const r = await request(kind, 'POST', `/reserver/${session}`, { address, cookie: mergeCookies('', f.headers['set-cookie']), headers: formHeaders, body: form(fields) });
  if (booked(r)) { count('bookings'); return true; }
  if (r.status >= 500 || r.status === 0) count('failed');
  return false;
}
async function guestBooker() {
  while (Date.now() < deadline) {
    const address = newAddress();
    await guestBooking(sessions[guestCount % sessions.length], address);
    dropAgent(address);
  }
}

let signupCount = 0;
async function signUp(address) {
  const n = ++signupCount;
  const f = await request('sign-up form', 'GET', '/compte/inscription', { address });
  const csrf = hidden(f.body, 'csrf');
  if (!csrf) { count('failed'); note(`no CSRF token in the sign-up form (${f.status})`); return; }
  const r = await request('sign-up', 'POST', '/compte/inscription', {
    address, headers: formHeaders,
    body: form({ csrf, email: `inscrit-${runId}-${n}@example.org`, display_name: `Inscrit ${n}`, password: `mot-de-passe-${runId}-${n}` }),
  });
  if (r.status === 201 || r.status === 200 || r.status === 303) count('sign-ups');
  else if (r.status === 503) count('sign-ups refused (503)');
  else if (r.status === 429) count('sign-ups throttled (429)');
  else { count('failed'); note(`sign-up answered ${r.status}`); }
}
async function signUpper() {
  while (Date.now() < deadline) {
    const address = newAddress();
    await signUp(address);
    dropAgent(address);
  }
}

async function prober() {
  const rate = Number(opt.rate || 20);
  const path = opt.path || '/a-propos';
  while (Date.now() < deadline) {
    const t0 = Date.now();
    await request(`probe ${path}`, 'GET', path);
    await sleep(Math.max(0, 1000 / rate - (Date.now() - t0)));
  }
}

// MIX: each virtual person picks a journey by weight.
//   60 % a visitor: home, search, a factory page, then books as a guest (2 in 3) or signed in;
//   15 % a visitor who only browses (home, search, two factory pages);
//    5 % a newcomer who signs up;
//   10 % a teacher who sends a group request (API, Bearer);
//    5 % a host checking in a visitor of its site (API, Bearer, the QR code's text);
//    5 % someone reading a light page (/a-propos).
async function mixPerson() {
  const searches = ['/recherche?q=usine', '/recherche?q=lyon', '/recherche?departement=69', '/recherche?q=chimie'];
  while (Date.now() < deadline) {
    const dice = Math.random() * 100;
    const address = newAddress();
    const site = sites[Math.floor(Math.random() * sites.length)];
    const session = sessions[Math.floor(Math.random() * sessions.length)];
    if (dice < 75) {
      await request('home', 'GET', '/', { address });
      await request('search', 'GET', searches[Math.floor(Math.random() * searches.length)], { address });
      await request('factory page', 'GET', `/usines/${site}`, { address });
      if (dice < 60) {
        const t = Math.random() < 1 / 3 ? nextToken() : null;
        if (t) {
          const cookie = `juo_session=${t}`;
          const f = await throughRoom('booking form', `/reserver/${session}`, { address, cookie });
          const csrf = hidden(f.body, 'csrf');
          if (csrf) {
            const r = await request('page booking (signed in)', 'POST', `/reserver/${session}`, {
              address, cookie, headers: formHeaders, body: form({ csrf, form_key: `od-${runId}-${t}-${session}`, people: '2' }),
            });
            if (booked(r)) count('bookings'); else if (r.status >= 500 || r.status === 0) count('failed');
          } else count('failed');
        } else {
          await guestBooking(session, address, 'page booking (guest)');
        }
      } else {
        await request('factory page', 'GET', `/usines/${sites[Math.floor(Math.random() * sites.length)]}`, { address });
      }
    } else if (dice < 80) {
      await signUp(address);
    } else if (dice < 90) {
      const t = teachers.length ? teachers[teacherIndex++ % teachers.length] : null;
      if (t) {
        const r = await request('group request (API)', 'POST', '/api/v1/group-requests', {
          address, headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
          body: JSON.stringify({ level: '3e', pupils: 20 + (teacherIndex % 10), adults: 2, bus_needed: teacherIndex % 3 === 0, place: t.postcode, wishes: t.wishes }),
        });
        if (r.status === 201) count('group requests'); else { count('failed'); note(`group request answered ${r.status}: ${r.body.slice(0, 200)}`); }
      }
    } else if (dice < 95) {
      const h = hosts.length ? hosts[hostIndex++ % hosts.length] : null;
      const code = h && h.codes.pop();
      if (code) {
        const r = await request('check-in (API)', 'POST', '/api/v1/check-ins', {
          address, headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}` },
          body: JSON.stringify({ ticket_code: `JUO:${code}`, attended: 1 }),
        });
        if (r.status === 200) count('check-ins'); else { count('failed'); note(`check-in answered ${r.status}: ${r.body.slice(0, 200)}`); }
      }
    } else {
      await request('light page', 'GET', '/a-propos', { address });
    }
    dropAgent(address);
  }
}

const roles = { 'api-book': apiBooker, 'page-book': pageBooker, 'guest-book': guestBooker, signup: signUpper, probe: prober, mix: mixPerson };
if (!roles[role]) usage(`unknown role ${role}`);
const startAt = Number(opt['start-at'] || 0);  // epoch ms: every role of a run starts together
if (startAt) await sleep(Math.max(0, startAt - Date.now()));
const started = Date.now();
deadline = started + seconds * 1000;
const people = role === 'probe' ? 1 : concurrency;
await Promise.all(Array.from({ length: people }, () => roles[role]()));
stats.elapsed = (Date.now() - started) / 1000;
const cpu = process.cpuUsage();  // this client's own CPU, for the per-booking costs of opening_day.sh
stats.cpu_ms = Math.round((cpu.user + cpu.system) / 1000);
for (const a of agents.values()) a.destroy();
process.stdout.write(JSON.stringify(summary()) + '\n');
