// Crash test of the capacity engine, against real `juo serve` processes: a booking rush on one
// session, `kill -9` of the server in the middle of it, a restart, and the rest of the rush
// (retried with the same Idempotency-Keys). Every booking a client saw confirmed (201) must be in
// the database, confirmed, with its party; the session's counter must equal the confirmed
// people and never exceed the capacity.
//
// Env: JUO_BIN (the juo program), JUO_FIXTURE (tests/tools accounts_fixture), JUO_CRASH_OUT (a
// scratch folder). Loopback only; every wait is bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const JUO = process.env.JUO_BIN;
const FIXTURE = process.env.JUO_FIXTURE;
const OUT = process.env.JUO_CRASH_OUT || '/tmp/juo-crash';
const CAPACITY = 150;
const CLIENTS = 300;
const CONCURRENCY = 40;

function sql(db, statement) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, statement], { encoding: 'utf8' }).trim();
}

function startServer(db, log) {
  const child = spawn(JUO, ['serve', '--db', db, '--listen', '127.0.0.1:0'], {
    env: { ...process.env, JUO_DURABLE: '1', JUO_MAILDIR: path.join(OUT, 'maildir') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('juo serve did not start:\n' + text)), 20000);
    const onData = (chunk) => {
      text += chunk;
      fs.appendFileSync(log, chunk);
      const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${m[1]}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => fs.appendFileSync(log, c));
    child.on('exit', (code) => { clearTimeout(timer); if (!text.includes('http://')) reject(new Error('exited ' + code + '\n' + text)); });
  });
}

async function book(base, session, client) {
  try {
    const r = await fetch(`${base}/api/v1/bookings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${client.token}`,
        'idempotency-key': `crash-${client.index}`,
      },
      body: JSON.stringify({ session_id: session, people: client.people }),
      signal: AbortSignal.timeout(10000),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  } catch (e) {
    return { status: 0, error: String(e) };
  }
}

test('a booking rush survives kill -9: every confirmed booking is kept, none beyond capacity', async () => {
  assert.ok(JUO && FIXTURE, 'JUO_BIN and JUO_FIXTURE must be set');
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const db = path.join(OUT, 'crash.db');
  const log = path.join(OUT, 'serve.log');
  execFileSync(JUO, ['seed', '--db', db, '--quiet']);
  sql(db, "UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL");
  const session = Number(sql(db, "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = 'public' AND s.status = 'open' ORDER BY s.id LIMIT 1"));
  sql(db, `DELETE FROM check_in WHERE booking_id IN (SELECT id FROM booking WHERE session_id = ${session}); DELETE FROM booking WHERE session_id = ${session}; UPDATE session SET capacity_people = ${CAPACITY}, places_taken = 0 WHERE id = ${session}`);
  const tokens = execFileSync(FIXTURE, [db, String(CLIENTS), 'crash'], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(tokens.length, CLIENTS);
  const clients = tokens.map((token, index) => ({ token, index, people: 1 + (index % 3), outcome: null }));

  const confirmed = new Map();  // booking id → people, as the clients saw them
  let server = await startServer(db, log);
  let killed = false;
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const c = clients[next++];
      const r = await book(server.base, session, c);
      if (r.status === 201 || r.status === 200) {
        confirmed.set(r.body.booking.id, r.body.booking.people);
        c.outcome = 'booked';
      } else if (r.status === 409) {
        c.outcome = 'full';
      } else {
        c.outcome = null;  // no answer (the server died): retried after the restart
      }
      if (!killed && confirmed.size >= 40) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  assert.ok(killed, 'the server was killed during the rush');
  const seenBeforeRestart = new Map(confirmed);

  // Restart and finish the rush; the database is checked once the server stopped.
  server = await startServer(db, log);
  // The rest of the rush: the unanswered retry with the same key (a booking made just before the
  // kill but never answered comes back as a replay, not as a second booking).
  const pending = clients.filter((c) => c.outcome === null);
  assert.ok(pending.length > 0, 'some requests were cut by the kill');
  next = 0;
  const retry = async () => {
    while (next < pending.length) {
      const c = pending[next++];
      let r = await book(server.base, session, c);
      // 503 means "nothing done, retry": a client retries with the same key.
      for (let attempt = 0; r.status === 503 && attempt < 5; ++attempt) {
        await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
        r = await book(server.base, session, c);
      }
      assert.ok([200, 201, 409].includes(r.status), `answer ${r.status} ${JSON.stringify(r.body || r.error)}`);
      if (r.status !== 409) confirmed.set(r.body.booking.id, r.body.booking.people);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, retry));
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.on('exit', resolve));

  // Everything confirmed before the kill is there.
  for (const [id, people] of seenBeforeRestart) {
    const row = sql(db, `SELECT status || ':' || people FROM booking WHERE id = ${id}`);
    assert.equal(row, `confirmed:${people}`, `booking ${id} confirmed before kill -9`);
  }
  const taken = Number(sql(db, `SELECT places_taken FROM session WHERE id = ${session}`));
  const people = Number(sql(db, `SELECT coalesce(sum(people), 0) FROM booking WHERE session_id = ${session} AND status = 'confirmed'`));
  const rows = Number(sql(db, `SELECT count(*) FROM booking WHERE session_id = ${session} AND status = 'confirmed'`));
  const sawPeople = [...confirmed.values()].reduce((a, b) => a + b, 0);
  assert.equal(taken, people, 'the counter equals the confirmed people');
  assert.ok(taken <= CAPACITY, `${taken} places taken for a capacity of ${CAPACITY}`);
  assert.ok(taken >= CAPACITY - 2, `the session filled up (${taken} of ${CAPACITY})`);
  assert.equal(rows, confirmed.size, 'every confirmed booking was seen by its client, and only those');
  assert.equal(sawPeople, people);
  const keys = Number(sql(db, `SELECT count(DISTINCT idempotency_key) FROM booking WHERE session_id = ${session}`));
  assert.equal(keys, rows, 'one booking per client');
  fs.writeFileSync(path.join(OUT, 'summary.json'), JSON.stringify({ session, capacity: CAPACITY, taken, confirmedBeforeKill: seenBeforeRestart.size, retried: pending.length }, null, 2));
});
