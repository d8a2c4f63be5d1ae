// The race between nginx reusing an idle connection to an app server and the app server closing
// it (docs/deploy.md, "nginx"): ROUNDS + 1 POSTs through nginx ($JUO_BASE_URL) on one kept-alive
// client connection, each a little less to a little more than IDLE_MS after the previous answer
// (IDLE_MS − 15 ms … IDLE_MS + 15 ms), IDLE_MS being the app server's idle time. Prints the answers by status: a 502 is a POST that
// nginx sent on a connection the app server was closing. Not run by CTest (minutes, and a race);
// run through tests/pg/with_instances.sh with JUO_READ_TIMEOUT_SECONDS=1 and IDLE_MS 1000.
// usage: node tests/nginx/keepalive_race.mjs IDLE_MS ROUNDS
import http from 'node:http';

if (!process.env.JUO_BASE_URL) {
  console.error('keepalive_race: JUO_BASE_URL is not set (run it through tests/pg/with_instances.sh)');
  process.exit(2);
}
const base = new URL(process.env.JUO_BASE_URL);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
  console.error('keepalive_race: loopback addresses only');
  process.exit(2);
}
const idleMs = Number(process.argv[2] || 1000);
const rounds = Number(process.argv[3] || 300);
if (!(idleMs > 15) || !(rounds > 0)) {
  console.error('usage: node keepalive_race.mjs IDLE_MS ROUNDS');
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const post = () => new Promise((resolve) => {
  const body = '{}';
  const req = http.request({
    host: base.hostname.replace(/^\[|\]$/g, ''), port: base.port, method: 'POST', path: '/api/v1/bookings', agent,
    headers: { 'content-type': 'application/json', 'content-length': body.length }, timeout: 10000,
  }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (e) => resolve(`error ${e.code || e.message}`));
  req.end(body);
});
const counts = {};
for (let i = 0; i <= rounds; i++) {
  const status = await post();
  counts[status] = (counts[status] || 0) + 1;
  if (i < rounds) await new Promise((r) => setTimeout(r, idleMs - 15 + (30 * i) / rounds));
}
console.log(JSON.stringify(counts));
