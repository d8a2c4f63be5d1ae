// The multi-instance rush (tests/pg/multi_instance_rush.sh drives it), in two steps:
//
//   node multi_instance_rush.mjs rush WORK    while the instances run (tests/pg/with_instances.sh):
//     every account books every hot session at once with `waitlist`; some send the same
//     Idempotency-Key twice at once, once to each instance; some book one session twice at once, once
//     on each instance. Then half of the confirmed bookings are cancelled, some twice at once (one
//     cancel through each instance), so that waiting-list offers are made; half of the offers are
//     accepted, some twice at once. Then it waits for the e-mail outbox to drain. Every answer goes
//     to WORK/answers.json.
//   node multi_instance_rush.mjs check WORK   once the instances stopped: compares the answers, the
//     database (psql), the outbox and the shared maildir, prints a summary and every violation found,
//     and exits 1 if there is one.
//
// Env: JUO_TEST_PG_URL; for `rush` also JUO_BASE_URL and JUO_INSTANCE_URLS (with_instances.sh),
// JUO_MAILDIR. WORK holds tokens.txt (accounts_fixture) and sessions.txt ("id capacity" lines).
// Loopback only; every wait is bounded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [mode, work] = process.argv.slice(2);
const DB = process.env.JUO_TEST_PG_URL;
const PSQL = path.join(process.env.PG_BIN || '/usr/lib/postgresql/15/bin', 'psql');
const CONCURRENCY = 64;
const DRAIN_SECONDS = 60;

function usage(message) {
  console.error(`multi_instance_rush: ${message}\nusage: node multi_instance_rush.mjs rush|check WORK`);
  process.exit(2);
}
if (!['rush', 'check'].includes(mode) || !work) usage('give a mode and the work folder');
if (!DB) usage('JUO_TEST_PG_URL is not set (run through tests/pg/with_postgres.sh)');

// Rows of a query as arrays of strings (psql's unaligned output, fields split on '|').
function sql(statement) {
  const out = execFileSync(PSQL, [DB, '-AtX', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}
const num = (statement) => Number(sql(statement)[0][0]);

const sessions = fs.readFileSync(path.join(work, 'sessions.txt'), 'utf8').trim().split('\n')
  .map((l) => l.split(' ').map(Number)).map(([id, capacity]) => ({ id, capacity }));
const sessionList = sessions.map((s) => s.id).join(',');

// ---------------------------------------------------------------------------------------------
// rush

async function send(base, method, url, token, { key, body } = {}) {
  const headers = { authorization: `Bearer ${token}` };
  if (key) headers['idempotency-key'] = key;
  if (body) headers['content-type'] = 'application/json';
  let answer;
  let tries = 0;
  // 503 means "nothing was done, try again" (the engine's batch failed): a client retries, the
  // same request to the same place, a few times.
  for (;;) {
    ++tries;
    try {
      const r = await fetch(base + url, {
        method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(20000),
      });
      answer = { status: r.status, body: await r.json().catch(() => null) };
    } catch (e) {
      answer = { status: 0, body: { error: String(e) } };
    }
    if (answer.status !== 503 || tries >= 6) break;
    await new Promise((resolve) => setTimeout(resolve, 100 * tries));
  }
  return { ...answer, tries };
}

async function pool(tasks, run) {
  let next = 0;
  const worker = async () => { while (next < tasks.length) await run(tasks[next++]); };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

// A fixed shuffle (the same order on every run), so that the hot sessions are hit interleaved.
function shuffle(list) {
  let seed = 12345;
  for (let i = list.length - 1; i > 0; --i) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

// The POSTs to /api/v1/… each instance counted (/metrics). An instance counts a request before
// it writes the answer (src/http/metrics.h), so once every answer is in, the counts read here
// include every request it answered: no wait is needed for them to settle.
async function bookingCounts(urls) {
  return Promise.all(urls.map(async (u) => {
    const text = await (await fetch(`${u}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    let n = 0;
    for (const m of text.matchAll(/^juo_http_requests_total\{method="POST",route="([^"]*)",status="\d+"\} (\d+)$/gm))
      if (m[1].startsWith('/api/v1/')) n += Number(m[2]);
    return n;
  }));
}

async function rush() {
  const base = process.env.JUO_BASE_URL;
  const instances = (process.env.JUO_INSTANCE_URLS || '').split(' ').filter(Boolean);
  if (!base || instances.length < 2) usage('JUO_BASE_URL and two JUO_INSTANCE_URLS are needed (with_instances.sh)');
  const tokens = fs.readFileSync(path.join(work, 'tokens.txt'), 'utf8').trim().split('\n');
  const answers = [];  // every final answer: {phase, kind, account, session, target, status, body, tries}
  const record = (a) => { answers.push(a); return a; };
  const before = await bookingCounts(instances);

  // 1. The rush: every account books every hot session.
  const tasks = [];
  tokens.forEach((token, account) => sessions.forEach((s, k) => {
    const people = 1 + ((account + k) % 3);
    const body = { session_id: s.id, people, waitlist: true };
    const key = `rush-${account}-${s.id}`;
    if (account % 10 === 0 && k === 0) tasks.push({ kind: 'same_key_twice', account, s, body, key });
    else if (account % 10 === 1 && k === 1) tasks.push({ kind: 'book_twice', account, s, body, key });
    else tasks.push({ kind: 'book', account, s, body, key });
  }));
  // The pairs go among the first requests, while the sessions still have places: that is when
  // two instances can both pass the engine's checks.
  const normal = shuffle(tasks.filter((t) => t.kind === 'book'));
  const pairs = shuffle(tasks.filter((t) => t.kind !== 'book'));
  const order = [];
  while (pairs.length) order.push(pairs.shift(), ...normal.splice(0, 2));
  order.push(...normal);
  const nginxBefore = await bookingCounts(instances);
  await pool(order, async (t) => {
    const common = { phase: 'rush', kind: t.kind, account: t.account, session: t.s.id, key: t.key };
    const book = (target, key) => send(target, 'POST', '/api/v1/bookings', tokens[t.account], { key, body: t.body });
    if (t.kind === 'book') {
      record({ ...common, target: 'nginx', ...(await book(base, t.key)) });
    } else {
      // Once to each instance, at the same moment: the same key, or two keys for one session.
      const keys = t.kind === 'same_key_twice' ? [t.key, t.key] : [`${t.key}-a`, `${t.key}-b`];
      const pair = await Promise.all(instances.slice(0, 2).map((u, i) => book(u, keys[i])));
      pair.forEach((a, i) => record({ ...common, key: keys[i], target: `instance${i + 1}`, pair: t.key, ...a }));
    }
  });
  const nginxAfter = await bookingCounts(instances);

  // 2. Cancellations: half of the confirmed bookings, a quarter of those twice at once.
  const booked = answers.filter((a) => a.status === 201 && a.body?.booking);
  const cancels = booked.filter((_, i) => i % 2 === 0).map((a, i) => ({ a, twice: i % 4 === 0 }));
  await pool(cancels, async ({ a, twice }) => {
    const id = a.body.booking.id;
    const common = { phase: 'cancel', account: a.account, session: a.session, booking: id, pair: twice ? `c${id}` : undefined };
    const cancel = (target) => send(target, 'POST', `/api/v1/bookings/${id}/cancel`, tokens[a.account]);
    if (!twice) {
      record({ ...common, kind: 'cancel', target: 'nginx', ...(await cancel(base)) });
    } else {
      const pair = await Promise.all(instances.slice(0, 2).map(cancel));
      pair.forEach((r, i) => record({ ...common, kind: 'cancel_twice', target: `instance${i + 1}`, ...r }));
    }
  });

  // 3. Offers made by the cancellations: half of them accepted, a third of those twice at once.
  const owner = new Map(answers.filter((a) => a.status === 202 && a.body?.waitlist_entry)
    .map((a) => [a.body.waitlist_entry.id, a.account]));
  const offered = sql(`SELECT id FROM waitlist_entry WHERE status = 'offered' AND session_id IN (${sessionList}) ORDER BY id`)
    .map((r) => Number(r[0])).filter((id) => owner.has(id));
  const accepts = offered.filter((_, i) => i % 2 === 0).map((id, i) => ({ id, twice: i % 3 === 0 }));
  await pool(accepts, async ({ id, twice }) => {
    const account = owner.get(id);
    const common = { phase: 'accept', account, entry: id, pair: twice ? `a${id}` : undefined };
    const accept = (target) => send(target, 'POST', `/api/v1/waitlist/${id}/accept`, tokens[account]);
    if (!twice) {
      record({ ...common, kind: 'accept', target: 'nginx', ...(await accept(base)) });
    } else {
      const pair = await Promise.all(instances.slice(0, 2).map(accept));
      pair.forEach((r, i) => record({ ...common, kind: 'accept_twice', target: `instance${i + 1}`, ...r }));
    }
  });
  const after = await bookingCounts(instances);

  // 4. The outbox drains: no message left to send (bounded).
  const deadline = Date.now() + DRAIN_SECONDS * 1000;
  let left = num("SELECT count(*) FROM email_outbox WHERE status NOT IN ('sent', 'failed')");
  while (left > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = num("SELECT count(*) FROM email_outbox WHERE status NOT IN ('sent', 'failed')");
  }
  const drained = left === 0 ? (DRAIN_SECONDS * 1000 - (deadline - Date.now())) / 1000 : null;
  // How often the engines met each other's writes (their logs): commands run again after a unique
  // violation, batches run again after a deadlock or serialization failure.
  const logs = instances.map((_, i) => {
    const file = path.join(process.env.JUO_INSTANCES_DIR || '', `serve-${i + 1}.log`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  });
  const metEachOther = {
    commands: logs.map((t) => (t.match(/command met a concurrent write/g) || []).length),
    batches: logs.map((t) => (t.match(/met a concurrent transaction/g) || []).length),
  };
  fs.writeFileSync(path.join(work, 'answers.json'), JSON.stringify({
    answers, drained, undrained: left, metEachOther,
    // POSTs to /api/v1/… counted by each instance (/metrics): in all, and during the rush through nginx.
    served: after.map((n, i) => n - before[i]),
    servedThroughNginxRush: nginxAfter.map((n, i) => n - nginxBefore[i]),
    nginxRushRequests: tasks.filter((t) => t.kind === 'book').length,
  }));
}

// ---------------------------------------------------------------------------------------------
// check

function check() {
  const run = JSON.parse(fs.readFileSync(path.join(work, 'answers.json'), 'utf8'));
  const answers = run.answers;
  const violations = [];
  const fail = (message) => violations.push(message);
  const list = (rows, n = 5) => rows.slice(0, n).map((r) => r.join(' ')).join('; ') + (rows.length > n ? ` … (${rows.length})` : '');

  // The answers themselves: only the statuses the API documents for these requests.
  const expected = { rush: [200, 201, 202, 409], cancel: [200, 409], accept: [201, 409] };
  const odd = answers.filter((a) => !expected[a.phase].includes(a.status));
  if (odd.length)
    fail(`${odd.length} unexpected answers, e.g. ${odd.slice(0, 3).map((a) => `${a.phase} ${a.target} → ${a.status} ${JSON.stringify(a.body)}`).join('; ')}`);

  // Places: the counter is the confirmed people plus the people holding an offer, within capacity.
  for (const s of sessions) {
    const [[taken, capacity]] = sql(`SELECT places_taken, capacity_people FROM session WHERE id = ${s.id}`);
    const confirmed = num(`SELECT coalesce(sum(people), 0) FROM booking WHERE session_id = ${s.id} AND status = 'confirmed'`);
    const held = num(`SELECT coalesce(sum(people), 0) FROM waitlist_entry WHERE session_id = ${s.id} AND status = 'offered'`);
    if (Number(taken) !== confirmed + held)
      fail(`session ${s.id}: places_taken ${taken} but ${confirmed} confirmed people + ${held} held by offers = ${confirmed + held}`);
    if (Number(taken) > Number(capacity)) fail(`session ${s.id}: places_taken ${taken} above its capacity ${capacity}`);
  }

  // One booking per user and session; one live waiting entry; not both.
  const twoBookings = sql(`SELECT session_id, user_id, count(*) FROM booking WHERE status = 'confirmed' AND session_id IN (${sessionList}) GROUP BY 1, 2 HAVING count(*) > 1`);
  if (twoBookings.length) fail(`users with two confirmed bookings on one session (session user count): ${list(twoBookings)}`);
  const twoEntries = sql(`SELECT session_id, user_id, count(*) FROM waitlist_entry WHERE status IN ('waiting', 'offered') AND session_id IN (${sessionList}) GROUP BY 1, 2 HAVING count(*) > 1`);
  if (twoEntries.length) fail(`users with two live waiting-list entries on one session (session user count): ${list(twoEntries)}`);
  // A confirmed booking and a live waiting entry on one tour, given by two servers booking the
  // same visitor at the same moment as the tour fills (201 + 202): seen once in about ten runs
  // before the engine checked for a booking again just before waitlisting (and locked a batch's
  // tours first). Now a violation; set KNOWN_GAP_BOOKED_AND_WAITING to true to see it as a warning.
  const KNOWN_GAP_BOOKED_AND_WAITING = false;
  const warnings = [];
  const both = sql(`SELECT b.session_id, b.user_id FROM booking b JOIN waitlist_entry w ON w.session_id = b.session_id AND w.user_id = b.user_id AND w.status IN ('waiting', 'offered') WHERE b.status = 'confirmed' AND b.session_id IN (${sessionList})`);
  const bothAnswered = answers.filter((a) => a.kind === 'book_twice' && a.status === 202 &&
    answers.some((b) => b.pair === a.pair && b.status === 201)).length;
  if (both.length || bothAnswered) {
    const text = `${bothAnswered} visitors answered 201 on one instance and 202 on the other for one tour at the same moment; ` +
      `${both.length} left with a confirmed booking and a live waiting entry on one tour (session user): ${list(both)}`;
    if (KNOWN_GAP_BOOKED_AND_WAITING) warnings.push(text);
    else fail(text);
  }

  // The outbox: one message per event, every one sent.
  const confirmations = sql(`SELECT b.id, count(e.id) FROM booking b LEFT JOIN email_outbox e ON e.booking_id = b.id AND e.kind = 'booking.confirmed' WHERE b.session_id IN (${sessionList}) GROUP BY b.id HAVING count(e.id) <> 1`);
  if (confirmations.length) fail(`bookings without exactly one confirmation e-mail (booking messages): ${list(confirmations)}`);
  // The cancellations and offers are matched by their text: the outbox keeps no body once sent
  // (no working link at rest, ADR 0017), so the text is read from the delivered message in the
  // maildir (its name ends with _<outbox id>; the text/plain part, base64).
  const mailText = (() => {
    const folder = path.join(process.env.JUO_MAILDIR || path.join(work, 'maildir'), 'new');
    const byId = new Map();
    for (const f of fs.readdirSync(folder)) {
      const raw = fs.readFileSync(path.join(folder, f), 'latin1');
      const part = raw.match(/Content-Type: text\/plain[^\r\n]*\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/);
      byId.set(Number(f.slice(f.lastIndexOf('_') + 1)), part ? Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8') : '');
    }
    return (id) => byId.get(Number(id)) || '';
  })();
  const messagesOf = (kind) => sql(`SELECT id, to_address FROM email_outbox WHERE kind = '${kind}'`);
  const cancelMails = messagesOf('booking.cancelled');
  const cancellations = sql(`SELECT b.id, b.ticket_code, u.email FROM booking b JOIN app_user u ON u.id = b.user_id WHERE b.status = 'cancelled' AND b.session_id IN (${sessionList})`)
    .map(([id, code, email]) => [id, cancelMails.filter(([m, to]) => to === email && mailText(m).includes(` ${code} (`)).length])
    .filter(([, n]) => n !== 1);
  if (cancellations.length) fail(`cancelled bookings without exactly one cancellation e-mail (booking messages): ${list(cancellations)}`);
  const offerMails = messagesOf('waitlist.offer');
  const offers = sql(`SELECT w.id, w.status, u.email FROM waitlist_entry w JOIN app_user u ON u.id = w.user_id WHERE w.session_id IN (${sessionList})`)
    .map(([id, status, email]) => [id, status, offerMails.filter(([m, to]) => to === email && mailText(m).includes(`/liste-attente/offre/${id}?jeton=`)).length])
    .filter(([, status, n]) => n !== (status === 'offered' || status === 'accepted' ? 1 : 0));
  if (offers.length) fail(`waiting-list entries with a wrong number of offer e-mails (entry status messages; one if offered or accepted, none if waiting): ${list(offers)}`);
  const byKind = new Map(sql('SELECT kind, status, count(*) FROM email_outbox GROUP BY 1, 2').map(([k, st, n]) => [`${k} ${st}`, Number(n)]));
  const notSent = [...byKind].filter(([k]) => !k.endsWith(' sent'));
  if (notSent.length) fail(`outbox rows not sent: ${notSent.map(([k, n]) => `${n} ${k}`).join(', ')} (drain waited ${DRAIN_SECONDS} s)`);
  const events = num(`SELECT (SELECT count(*) FROM booking WHERE session_id IN (${sessionList}))
      + (SELECT count(*) FROM booking WHERE status = 'cancelled' AND session_id IN (${sessionList}))
      + (SELECT count(*) FROM waitlist_entry WHERE status IN ('offered', 'accepted') AND session_id IN (${sessionList}))`);
  const outboxRows = num('SELECT count(*) FROM email_outbox');
  if (outboxRows !== events) fail(`${outboxRows} outbox rows for ${events} events (confirmations + cancellations + offers)`);

  // The maildir: one file per sent message (its name ends with _<outbox id>), none twice, none missing.
  const maildir = process.env.JUO_MAILDIR || path.join(work, 'maildir');
  const files = fs.readdirSync(path.join(maildir, 'new'));
  const leftInTmp = fs.readdirSync(path.join(maildir, 'tmp'));
  if (leftInTmp.length) fail(`${leftInTmp.length} files left in the maildir's tmp/`);
  const delivered = new Map();
  for (const f of files) {
    const id = Number(f.slice(f.lastIndexOf('_') + 1));
    delivered.set(id, (delivered.get(id) || 0) + 1);
  }
  const twice = [...delivered].filter(([, n]) => n > 1);
  if (twice.length) fail(`${twice.length} outbox messages delivered more than once, e.g. ids ${twice.slice(0, 5).map(([id, n]) => `${id} (${n} files)`).join(', ')}`);
  const sentIds = sql("SELECT id FROM email_outbox WHERE status = 'sent'").map((r) => Number(r[0]));
  const missing = sentIds.filter((id) => !delivered.has(id));
  if (missing.length) fail(`${missing.length} sent outbox messages with no file in the maildir, e.g. ids ${missing.slice(0, 5).join(', ')}`);
  const sentSet = new Set(sentIds);
  const stray = [...delivered.keys()].filter((id) => !sentSet.has(id));
  if (stray.length) fail(`${stray.length} maildir files for no sent outbox message, e.g. ids ${stray.slice(0, 5).join(', ')}`);

  // The answers agree with the database.
  const created = answers.filter((a) => a.status === 201);
  const createdIds = new Set(created.map((a) => a.body.booking.id));
  if (createdIds.size !== created.length) fail(`${created.length} answers 201 (a new booking) for ${createdIds.size} distinct bookings`);
  const rows = new Map(sql(`SELECT id, status, people, coalesce(idempotency_key, '') FROM booking WHERE session_id IN (${sessionList})`)
    .map(([id, status, people, key]) => [Number(id), { status, people: Number(people), key }]));
  if (rows.size !== created.length) fail(`${rows.size} bookings in the database, ${created.length} answered 201`);
  const unknown = [...createdIds].filter((id) => !rows.has(id));
  if (unknown.length) fail(`bookings answered 201 but not in the database: ${unknown.slice(0, 5).join(', ')}`);
  for (const a of answers.filter((x) => x.phase === 'rush' && x.status === 200)) {
    const row = rows.get(a.body?.booking?.id);
    if (!a.body?.replayed || !row || row.key !== a.key)
      fail(`a 200 to a booking (${a.kind}, key ${a.key}) that is not the replay of the booking with that key: ${JSON.stringify(a.body)}`);
  }
  const waitlisted = answers.filter((a) => a.status === 202);
  const entries = num(`SELECT count(*) FROM waitlist_entry WHERE session_id IN (${sessionList})`);
  if (entries !== waitlisted.length) fail(`${entries} waiting-list entries in the database, ${waitlisted.length} answered 202`);
  const cancelled = answers.filter((a) => a.phase === 'cancel' && a.status === 200);
  const cancelledRows = [...rows.values()].filter((r) => r.status === 'cancelled').length;
  if (cancelledRows !== cancelled.length) fail(`${cancelledRows} cancelled bookings in the database, ${cancelled.length} cancels answered 200`);
  for (const a of cancelled)
    if (rows.get(a.booking)?.status !== 'cancelled') fail(`booking ${a.booking}: cancel answered 200, the database says ${rows.get(a.booking)?.status}`);
  const acceptedRows = new Map(sql(`SELECT id, coalesce(booking_id, 0) FROM waitlist_entry WHERE status = 'accepted' AND session_id IN (${sessionList})`)
    .map(([id, b]) => [Number(id), Number(b)]));
  const accepted = answers.filter((a) => a.phase === 'accept' && a.status === 201);
  if (acceptedRows.size !== accepted.length) fail(`${acceptedRows.size} accepted entries in the database, ${accepted.length} accepts answered 201`);
  for (const a of accepted)
    if (acceptedRows.get(a.entry) !== a.body.booking.id) fail(`entry ${a.entry}: accept answered booking ${a.body.booking.id}, the database says ${acceptedRows.get(a.entry)}`);

  // The pairs sent once to each instance at the same moment.
  const pairs = new Map();
  for (const a of answers.filter((x) => x.pair)) pairs.set(a.pair, [...(pairs.get(a.pair) || []), a]);
  const outcome = { same_key_twice: {}, book_twice: {}, cancel_twice: {}, accept_twice: {} };
  for (const [name, [a, b]] of pairs) {
    const statuses = [a.status, b.status].sort().join('+');
    outcome[a.kind][statuses] = (outcome[a.kind][statuses] || 0) + 1;
    if (a.kind === 'same_key_twice') {
      const ids = new Set([a, b].filter((x) => x.body?.booking).map((x) => x.body.booking.id));
      if (ids.size > 1 || (a.status === 201 && b.status === 201))
        fail(`the same Idempotency-Key ${name} sent to both instances made two bookings: ${statuses}, bookings ${[...ids].join(', ')}`);
    } else if (a.kind === 'book_twice') {
      if (a.status === 201 && b.status === 201) fail(`one account booked session ${a.session} twice at once on two instances: both 201 (${name})`);
    } else if (statuses !== (a.kind === 'cancel_twice' ? '200+409' : '201+409')) {
      fail(`${a.kind} ${name}: answers ${statuses}, expected exactly one success and one 409`);
    }
  }

  // Both instances served requests, nginx spread the rush over both and sent each request once
  // (what each instance counted during the rush, less the pairs sent to it directly).
  const sentTo = (target) => answers.filter((a) => a.phase === 'rush' && a.target === target).reduce((n, a) => n + a.tries, 0);
  const through = run.servedThroughNginxRush.map((n, i) => n - sentTo(`instance${i + 1}`));
  if (through.some((n) => n < run.nginxRushRequests * 0.1))
    fail(`nginx did not spread the rush: ${through.join(' and ')} of ${run.nginxRushRequests} booking requests on the two instances`);
  if (through[0] + through[1] !== sentTo('nginx'))
    fail(`the instances served ${through[0] + through[1]} booking requests from nginx, ${sentTo('nginx')} were sent to it (a POST sent twice?)`);
  if (run.drained === null) fail(`the outbox did not drain within ${DRAIN_SECONDS} s (${run.undrained} messages left)`);

  const count = (f) => answers.filter(f).length;
  const retries = answers.reduce((n, a) => n + a.tries - 1, 0);
  const show = (o) => Object.entries(o).map(([k, n]) => `${n}× ${k}`).join(', ') || 'none';
  console.log(`multi-instance rush: ${answers.length + retries} requests (${retries} retries after 503) to 2 instances ` +
    `(POSTs served: ${run.served.join(' + ')}; the nginx part of the rush: ${through.join(' + ')}), ` +
    `${sessions.length} hot sessions (capacities ${sessions.map((s) => s.capacity).join(', ')})`);
  console.log(`  bookings: ${count((a) => a.phase === 'rush' && a.status === 201)} confirmed, ${count((a) => a.status === 200 && a.phase === 'rush')} replays, ` +
    `${waitlisted.length} waitlisted, ${count((a) => a.phase === 'rush' && a.status === 409)} refused (409)`);
  console.log(`  cancellations: ${cancelled.length} (+${count((a) => a.phase === 'cancel' && a.status === 409)} refused as already cancelled); ` +
    `offers: ${num(`SELECT count(*) FROM waitlist_entry WHERE status IN ('offered', 'accepted') AND session_id IN (${sessionList})`)}; accepted: ${accepted.length}`);
  console.log(`  e-mails: ${sentIds.length} sent (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}), ${files.length} maildir files, outbox drained in ${run.drained ?? '—'} s`);
  const met = run.metEachOther;
  console.log(`  the engines met each other's writes: ${met.commands.join(' + ')} commands and ${met.batches.join(' + ')} batches run again (instance logs)`);
  console.log(`  pairs on both instances at once: same key ${show(outcome.same_key_twice)}; same session ${show(outcome.book_twice)}; ` +
    `cancel ${show(outcome.cancel_twice)}; accept ${show(outcome.accept_twice)}`);
  for (const w of warnings) console.log(`  warning (known gap, not a failure): ${w}`);
  if (violations.length) {
    console.error(`multi-instance rush: ${violations.length} violations:`);
    for (const v of violations) console.error(`  - ${v}`);
    process.exit(1);
  }
  console.log('multi-instance rush: no violation');
}

if (mode === 'rush') await rush();
else check();
