#!/usr/bin/env bash
# Checks the shipped nginx configuration (deploy/nginx/juo.conf and its snippets/), three ways:
#  1. read: every block with an `add_header` of its own (the server, a location) carries HSTS and
#     the app's security headers, since nginx drops the server's `add_header` lines in a location
#     that has its own; gzip is on, for the text types the app serves; the upstream's idle
#     connections are dropped before the app servers close them;
#  2. `nginx -t` on a copy with the machine's paths replaced by a temporary folder's (a
#     self-signed certificate, the cache folder, web/static as the static folder, Unix
#     sockets in that folder instead of ports 80 and 443);
#  3. nginx run with that copy (Debian's nginx from a temporary prefix, as tests/pg/with_instances.sh
#     does; /etc/nginx is not read): a stylesheet and a script from /static/ come with HSTS, the
#     security headers and gzip; /metrics is refused, with HSTS;
#  4. (issue 21) 13 MB to a route that takes no upload, or to an upload route, is a 413, 2 MB
#     only passes on the upload routes; a burst of sign-ins or bookings from one client ends in
#     429 (after the burst a school behind one NAT needs); GETs are not limited; no jeton=/token=
#     reaches the access log.
# Run by CTest (nginx_deploy_conf) and by hand: tests/nginx/check_deploy_conf.sh
# Needs nginx, openssl and curl (scripts/setup.sh installs them). JUO_NGINX overrides the nginx program (not NGINX: nginx itself
# reads that variable as a list of inherited sockets).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../pg/harness_lib.sh
source "$repo/tests/pg/harness_lib.sh"
conf=$repo/deploy/nginx/juo.conf
snippets=$repo/deploy/nginx/snippets
NGINX=${JUO_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
unset JUO_NGINX
for tool in "$NGINX" openssl curl; do
  command -v "$tool" >/dev/null || { echo "check_deploy_conf: $tool is missing (scripts/setup.sh)" >&2; exit 1; }
done

fail=0
problem() { echo "check_deploy_conf: $*" >&2; fail=1; }

# ---- 1. Read ------------------------------------------------------------------------------
# juo.conf with each `include snippets/X.conf;` replaced by the snippet's lines, comments dropped.
expanded() {
  local line name
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%%#*}
    if [[ "$line" =~ ^[[:space:]]*include[[:space:]]+snippets/([A-Za-z0-9._-]+)[[:space:]]*\; ]]; then
      name=${BASH_REMATCH[1]}
      [ -f "$snippets/$name" ] || { echo "MISSING-SNIPPET $name"; continue; }
      sed 's/#.*//' "$snippets/$name"
    else
      printf '%s\n' "$line"
    fi
  done <"$conf"
}
# One line per block that has add_header: "<block> <proxied|local> <headers…>" (lower-case header
# names; proxied: the block passes requests to the app servers, whose answers carry the security
# headers already).
blocks=$(expanded | awk '
  function flush(i) {
    if (adds[i] != "") print name[i] " " (proxied[i] ? "proxied" : "local") " " adds[i]
    adds[i] = ""; proxied[i] = 0
  }
  {
    line = $0
    while (length(line) > 0) {
      o = index(line, "{"); c = index(line, "}")
      if (o == 0 && c == 0) { chunk = line; line = "" }
      else if (c == 0 || (o > 0 && o < c)) { chunk = substr(line, 1, o - 1); line = substr(line, o + 1) }
      else { chunk = substr(line, 1, c - 1); line = substr(line, c + 1) }
      if (match(chunk, /add_header[ \t]+[A-Za-z-]+/)) {
        h = substr(chunk, RSTART, RLENGTH); sub(/add_header[ \t]+/, "", h); adds[depth] = adds[depth] " " tolower(h)
      }
      if (chunk ~ /(^|[ \t;])proxy_pass[ \t]/) proxied[depth] = 1
      if (o == 0 && c == 0) break
      if (c == 0 || (o > 0 && o < c)) {
        head = chunk; gsub(/^[ \t]+|[ \t]+$/, "", head); gsub(/[ \t]+/, "_", head)
        depth++; name[depth] = head; adds[depth] = ""; proxied[depth] = 0
      } else { flush(depth); depth-- }
    }
  }
  /MISSING-SNIPPET/ { print "missing-snippet - " $2 }')
[ -n "$blocks" ] || problem "no add_header found in $conf (the parse went wrong?)"
while read -r block kind headers; do
  [ -n "$block" ] || continue
  if [ "$block" = missing-snippet ]; then problem "$conf includes snippets/$headers, which does not exist"; continue; fi
  for h in strict-transport-security x-content-type-options referrer-policy x-frame-options; do
    # HSTS everywhere. The others where nginx answers itself: the app servers send them with
    # theirs (the server block's lines reach only the locations without add_header).
    if [ "$block" = server ] || [ "$kind" = proxied ]; then [ "$h" = strict-transport-security ] || continue; fi
    [[ " $headers " == *" $h "* ]] || problem "'$block' has its own add_header but no $h (nginx drops the server's add_header there)"
  done
done <<<"$blocks"
grep -qE '^[[:space:]]*gzip[[:space:]]+on;' "$conf" || problem "gzip is not on in $conf"
# gzip_types (over several lines, up to its ';') names the text types the app serves (src/http/encoding.cc).
# (awk reads to the end: exiting early would break the pipe under pipefail.)
gzip_types=$(expanded | awk '/gzip_types/ && !done {on=1} on {print} on && /;/ {on=0; done=1}' | tr -s ' \t\n;' ' ')
for t in text/css text/javascript application/javascript application/json image/svg+xml text/plain application/xml; do
  [[ " $gzip_types " == *" $t "* ]] || problem "gzip_types lacks $t"
done
# nginx drops an idle connection to the app servers before they close it: the upstream's
# keepalive_timeout below the app's read timeout (its idle time; src/cli/serve_config.h), or a POST
# sent on a connection at the moment the app closes it is answered 502 (juo-upstream.conf).
app_idle=$(sed -n 's/^ *int read_timeout_seconds = \([0-9]*\);.*$/\1/p' "$repo/src/cli/serve_config.h")
upstream_idle=$(sed -n 's/^ *keepalive_timeout \([0-9]*\)s;.*$/\1/p' "$snippets/juo-upstream.conf")
if [ -z "$app_idle" ] || [ -z "$upstream_idle" ]; then
  problem "cannot read the app's read_timeout_seconds ('$app_idle') or the upstream's keepalive_timeout in seconds ('$upstream_idle')"
elif [ "$upstream_idle" -ge "$app_idle" ]; then
  problem "the upstream keeps idle connections ${upstream_idle} s, the app servers close them after ${app_idle} s: nginx would send requests on connections being closed (502)"
fi

# ---- 2. nginx -t on a copy ----------------------------------------------------------------
dir=$(mktemp -d /tmp/juo-nginx-conf.XXXXXX)
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
# Should this script be killed outright (SIGKILL, e.g. by a test timeout), no trap runs: a
# watchdog in its own session stops nginx and removes the folder.
setsid bash -c '
  while kill -0 "$0" 2>/dev/null; do sleep 1; done
  [ -f "$1/nginx.pid" ] && kill -KILL "$(cat "$1/nginx.pid")" 2>/dev/null
  rm -rf "$1"' "$$" "$dir" >/dev/null 2>&1 </dev/null &
mkdir -p "$dir/tls" "$dir/cache" "$dir/tmp" "$dir/logs"
ln -s "$snippets" "$dir/snippets"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=usines-ouvertes.example.fr" \
  -keyout "$dir/tls/privkey.pem" -out "$dir/tls/fullchain.pem" >/dev/null 2>&1
# Unix sockets rather than TCP ports: a port probed free can be taken by another suite before
# nginx binds it (CTest runs suites side by side); a socket in our own folder cannot.
http_sock=$dir/http.sock https_sock=$dir/https.sock
sed -e "s#/etc/letsencrypt/live/usines-ouvertes.example.fr/#$dir/tls/#g" \
    -e "s#/var/cache/nginx/juo#$dir/cache#g" \
    -e "s#/usr/local/share/juo/static/#$repo/web/static/#g" \
    -e "s#/var/log/nginx/#$dir/logs/#g" \
    -e "s#^\([[:space:]]*\)listen 80;#\1listen unix:$http_sock;#" \
    -e "s#^\([[:space:]]*\)listen 443 #\1listen unix:$https_sock #" \
    -e '/listen \[::\]/d' "$conf" >"$dir/juo.conf"
{
  echo "# Generated by tests/nginx/check_deploy_conf.sh around a copy of deploy/nginx/juo.conf."
  echo "worker_processes 1;"
  echo "pid $dir/nginx.pid;"
  echo "error_log $dir/error.log warn;"
  [ "$(id -u)" -ne 0 ] || echo "user $(id -un) $(id -gn);"
  echo "events { worker_connections 64; }"
  echo "http {"
  # What Debian's /etc/nginx/nginx.conf gives the site (mime.types): the types served here.
  echo "  types { text/html html; text/css css; application/javascript js; image/svg+xml svg; image/png png; }"
  echo "  default_type application/octet-stream;"
  echo "  access_log $dir/logs/access.log;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $dir/tmp/$t;"; done
  echo "  include juo.conf;"
  echo "}"
} >"$dir/nginx.conf"
if ! "$NGINX" -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" 2>"$dir/test.log"; then
  problem "nginx -t refuses the configuration:"
  cat "$dir/test.log" >&2
  exit 1
fi

# ---- 3. Run it ----------------------------------------------------------------------------
"$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' 2>>"$dir/error.log" &
nginx_pid=$!
base=https://usines-ouvertes.example.fr
for _ in $(seq 1 100); do
  curl -sk --unix-socket "$https_sock" -o /dev/null -m 2 "$base/static/css/juo.css" && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$dir/error.log" >&2; exit 1; }
  sleep 0.1
done
# The headers of GET `path` with gzip accepted, lower-case names.
headers_of() { curl -sk --unix-socket "$https_sock" --http1.1 -m 5 -H 'Accept-Encoding: gzip' -D - -o /dev/null "$base$1" | tr -d '\r' | tr 'A-Z' 'a-z'; }
# expect_headers PATH HEADERS WANT…: each WANT starts a line of HEADERS.
expect_headers() {
  local path=$1 got=$2 want missing=""
  shift 2
  for want in "$@"; do grep -q "^$want" <<<"$got" || missing+=" '$want'"; done
  [ -z "$missing" ] || problem "GET $path lacks$missing; it answered:"$'\n'"$got"
}
expect_headers /static/css/juo.css "$(headers_of /static/css/juo.css)" "http/1.1 200" \
  "strict-transport-security: max-age=31536000" "x-content-type-options: nosniff" \
  "referrer-policy: strict-origin-when-cross-origin" "x-frame-options: deny" "content-security-policy: " \
  "content-encoding: gzip" "vary: accept-encoding" "cache-control: public"
expect_headers /static/js/map.js "$(headers_of /static/js/map.js)" "http/1.1 200" \
  "strict-transport-security: max-age=31536000" "x-content-type-options: nosniff" "content-encoding: gzip" \
  "vary: accept-encoding" "last-modified: "
expect_headers /metrics "$(headers_of /metrics)" "http/1.1 403" "strict-transport-security: max-age=31536000"
redirect=$(curl -s --unix-socket "$http_sock" -m 5 -D - -o /dev/null "http://usines-ouvertes.example.fr/a-propos" | tr -d '\r')
grep -qi "^location: https://" <<<"$redirect" || problem "plain HTTP is not sent to HTTPS:"$'\n'"$redirect"

# ---- 4. Abuse limits and tokens (issue 21) -------------------------------------------------
# No app server runs behind this nginx: what it lets through answers 502; what it stops itself
# answers 413 or 429.
status_of() { curl -sk --unix-socket "$https_sock" --http1.1 -m 10 -o /dev/null -w '%{http_code}' "$@"; }
head -c $((13 * 1024 * 1024)) /dev/zero >"$dir/13mb.bin"
got=$(status_of -X POST --data-binary @"$dir/13mb.bin" -H 'Content-Type: application/octet-stream' "$base/a-propos")
[ "$got" = 413 ] || problem "13 MB to a route that takes no upload answered $got, not 413"
got=$(status_of -X POST --data-binary @"$dir/13mb.bin" "$base/api/v1/imports/sites")
[ "$got" = 413 ] || problem "13 MB to an upload route answered $got, not 413 (its limit is 12 MiB)"
head -c $((2 * 1024 * 1024)) /dev/zero >"$dir/2mb.bin"
got=$(status_of -X POST --data-binary @"$dir/2mb.bin" "$base/compte/connexion")
[ "$got" = 413 ] || problem "2 MB to the sign-in form answered $got, not 413 (1 MiB outside uploads)"
for upload in /usine/12/photo /organisation/kit /api/v1/imports/media; do
  got=$(status_of -X POST --data-binary @"$dir/2mb.bin" "$base$upload")
  [ "$got" != 413 ] || problem "2 MB to the upload route $upload answered 413"
done
got=$(status_of -X PUT --data-binary @"$dir/2mb.bin" "$base/api/v1/host/sites/3/photo")
[ "$got" != 413 ] || problem "2 MB to PUT /api/v1/host/sites/3/photo answered 413"
# A burst of sign-ins from one client: the first 31 (1 + a burst of 30) pass, then 429.
codes=""
for i in $(seq 1 40); do codes+=" $(status_of -X POST -d 'email=a@b.fr&password=x' "$base/api/v1/sessions")"; done
first=$(awk '{print $1}' <<<"$codes")
[ "$first" != 429 ] || problem "the first sign-in of a client was refused (429)"
grep -qw 429 <<<"$codes" || problem "40 sign-ins at once from one client: none refused with 429:$codes"
passed=$(tr ' ' '\n' <<<"$codes" | grep -cvx '429\|^$' || true)
[ "$passed" -ge 30 ] || problem "only $passed of 40 sign-ins passed: the burst for a school behind one NAT is 30"
# Reading is not limited: 40 GETs of the sign-in form all pass.
codes=""
for i in $(seq 1 40); do codes+=" $(status_of "$base/compte/connexion")"; done
! grep -qw 429 <<<"$codes" || problem "GETs of the sign-in form were limited:$codes"
# A burst of bookings: 1 + 60 pass, then 429.
codes=""
for i in $(seq 1 70); do codes+=" $(status_of -X POST -d '{}' "$base/api/v1/bookings")"; done
grep -qw 429 <<<"$codes" || problem "70 bookings at once from one client: none refused with 429"
# No token in the access log; other queries are kept.
status_of "$base/reservation/5?jeton=SECRET1" >/dev/null
status_of "$base/compte/confirmation?jeton=SECRET2&suite=/x" >/dev/null
status_of "$base/compte/nouveau-mot-de-passe?jeton=SECRET3" >/dev/null
status_of "$base/liste-attente/quitter?jeton=SECRET4" >/dev/null
status_of "$base/liste-attente/offre/7?jeton=SECRET7" >/dev/null  # the offer link (issue 17)
status_of "$base/a-propos?lang=fr&jeton=SECRET5" >/dev/null
status_of "$base/desabonnement?token=SECRET6" >/dev/null
status_of "$base/recherche?q=VISIBLE" >/dev/null
log=$dir/logs/juo.access.log
for _ in $(seq 1 20); do grep -q VISIBLE "$log" 2>/dev/null && break; sleep 0.1; done
grep -q 'recherche?q=VISIBLE' "$log" || problem "the access log lost an ordinary query string (or is not $log)"
if grep -q SECRET "$log"; then problem "a token reached the access log:"$'\n'"$(grep SECRET "$log")"; fi
grep -q '/reservation/5?\[query not logged\]' "$log" || problem "the manage link is not logged with its path"

[ "$fail" -eq 0 ] && echo "check_deploy_conf: $conf is valid; its static files keep HSTS and the security headers, gzipped"
exit "$fail"
