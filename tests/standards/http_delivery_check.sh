#!/usr/bin/env bash
# HTTP delivery as browsers and caches expect (issue 20, docs/adr/0013), checked with curl, an
# independent client, and gzip(1), an independent decoder, against a real `juo serve` on a
# seeded replica (loopback, a port the system picks):
#  - a public page, the JSON API (/api/v1/map) and leaflet.js come gzipped with
#    `curl --compressed` and `Accept-Encoding: gzip`, with Vary: Accept-Encoding, and decode
#    (curl's zlib, and gzip -dc on the raw bytes) to the very bytes sent without Accept-Encoding;
#  - with `Accept-Encoding: br` they come in brotli, decoded by curl's libbrotli (and by Debian's
#    `brotli` program too when it is installed; it is not required);
#  - If-None-Match with the ETag received → 304 without body (also W/-less, in a list, and with
#    the compressed ETag); a different tag → 200;
#  - If-Modified-Since with leaflet.js's Last-Modified → 304 without body; HEAD answers 200.
# Run by CTest (standards_http_delivery) and by hand: tests/standards/http_delivery_check.sh PATH/TO/juo
set -euo pipefail
JUO=$(realpath "${1:?usage: http_delivery_check.sh PATH/TO/juo}")
for tool in curl gzip cmp; do
  command -v "$tool" >/dev/null || { echo "http_delivery_check: $tool is missing" >&2; exit 1; }
done

dir=$(mktemp -d /tmp/juo-http-delivery.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
# Should this script be killed outright (a test timeout's SIGKILL), no trap runs: a watchdog in
# its own session stops the server and removes the folder.
setsid bash -c '
  while kill -0 "$0" 2>/dev/null; do sleep 1; done
  [ -f "$1/serve.pid" ] && kill -KILL "$(cat "$1/serve.pid")" 2>/dev/null
  rm -rf "$1"' "$$" "$dir" >/dev/null 2>&1 </dev/null &

"$JUO" seed --db "$dir/juo.db" --quiet
# Port 0: the system picks a free port when the server binds, so no other suite can take it first.
"$JUO" serve --db "$dir/juo.db" --listen 127.0.0.1:0 >"$dir/serve.log" 2>&1 &
pid=$!
echo "$pid" >"$dir/serve.pid"
base=""
for _ in $(seq 1 200); do
  base=$(grep -o 'on http://127\.0\.0\.1:[0-9]*' "$dir/serve.log" | head -1 | cut -c4-) || true
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "http_delivery_check: juo serve exited:" >&2; cat "$dir/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "http_delivery_check: juo serve did not start" >&2; cat "$dir/serve.log" >&2; exit 1; }

fail=0
checks=0
problem() { echo "http_delivery_check: $*" >&2; fail=1; }
ok() { checks=$((checks + 1)); }
# header NAME FILE: the value of header NAME (any case) in the header dump FILE, CR removed.
header() { tr -d '\r' <"$2" | awk -v n="$(tr 'A-Z' 'a-z' <<<"$1")" 'BEGIN{FS=": "} tolower($1)==n {sub(/^[^:]*: /, ""); print; exit}'; }
status() { tr -d '\r' <"$1" | awk 'NR==1 {print $2}'; }
expect() {  # expect WHAT GOT WANT
  if [ "$2" = "$3" ]; then ok; else problem "$1: got '$2', want '$3'"; fi
}

# The leaflet.js the page links to (its vendor path).
leaflet=$(curl -s "$base/" | grep -o '/static/vendor/leaflet/leaflet\.js' | head -1)
[ -n "$leaflet" ] || problem "the home page links to no /static/vendor/leaflet/leaflet.js"

for path in /a-propos /api/v1/map "${leaflet:-/static/vendor/leaflet/leaflet.js}"; do
  name=$(tr -c 'a-z0-9' '_' <<<"$path")
  plain=$dir/$name.plain
  curl -s -D "$plain.h" -o "$plain" "$base$path"
  expect "GET $path (no Accept-Encoding): status" "$(status "$plain.h")" 200
  expect "GET $path (no Accept-Encoding): Content-Encoding" "$(header content-encoding "$plain.h")" ""
  size=$(wc -c <"$plain")
  [ "$size" -gt 1024 ] && ok || problem "GET $path: only $size bytes, too small to be compressed"
  etag=$(header etag "$plain.h")
  [ -n "$etag" ] && ok || problem "GET $path: no ETag"

  # gzip: curl decodes (--compressed); gzip -dc decodes the raw bytes.
  curl --compressed -s -D "$plain.gz.h" -H 'Accept-Encoding: gzip' -o "$plain.gz.decoded" "$base$path"
  expect "GET $path (gzip): Content-Encoding" "$(header content-encoding "$plain.gz.h")" gzip
  [[ ", $(header vary "$plain.gz.h"), " == *", Accept-Encoding, "* ]] && ok ||
    problem "GET $path (gzip): Vary '$(header vary "$plain.gz.h")' lacks Accept-Encoding"
  cmp -s "$plain" "$plain.gz.decoded" && ok || problem "GET $path (gzip): curl's decoding differs from the identity body"
  curl -s -H 'Accept-Encoding: gzip' -o "$plain.gz" "$base$path"
  if gzip -dc <"$plain.gz" >"$plain.gunzip" 2>"$dir/gzip.err" && cmp -s "$plain" "$plain.gunzip"; then ok
  else problem "GET $path (gzip): gzip -dc does not give the identity body: $(cat "$dir/gzip.err")"; fi
  gz_size=$(wc -c <"$plain.gz")
  [ "$gz_size" -lt "$size" ] && ok || problem "GET $path (gzip): $gz_size bytes, not smaller than $size"
  # Whatever curl sends with --compressed alone (gzip, br, zstd…) decodes to the same bytes.
  curl --compressed -s -o "$plain.any" "$base$path"
  cmp -s "$plain" "$plain.any" && ok || problem "GET $path (curl --compressed): the decoded body differs"

  # br: curl's libbrotli decodes it; Debian's brotli program too, when installed.
  curl --compressed -s -D "$plain.br.h" -H 'Accept-Encoding: br' -o "$plain.br.decoded" "$base$path"
  expect "GET $path (br): Content-Encoding" "$(header content-encoding "$plain.br.h")" br
  cmp -s "$plain" "$plain.br.decoded" && ok || problem "GET $path (br): curl's decoding differs from the identity body"
  if command -v brotli >/dev/null; then
    curl -s -H 'Accept-Encoding: br' -o "$plain.br" "$base$path"
    brotli -dc "$plain.br" | cmp -s "$plain" - && ok || problem "GET $path (br): brotli -dc differs"
  fi

  # Validators: the ETag received (identity or coded) revalidates to a 304 without body.
  gz_etag=$(header etag "$plain.gz.h")
  for inm in "$etag" "\"nope\", $etag" "$gz_etag" "*"; do
    bytes=$(curl --compressed -s -D "$plain.304.h" -H 'Accept-Encoding: gzip' -H "If-None-Match: $inm" \
              -o /dev/null -w '%{size_download}' "$base$path")
    expect "GET $path If-None-Match: $inm: status" "$(status "$plain.304.h")" 304
    expect "GET $path If-None-Match: $inm: body bytes" "$bytes" 0
  done
  curl -s -D "$plain.200.h" -H 'If-None-Match: W/"0000000000000000"' -o /dev/null "$base$path"
  expect "GET $path with another ETag: status" "$(status "$plain.200.h")" 200
  curl -s -I -o "$plain.head.h" "$base$path"
  expect "HEAD $path: status" "$(status "$plain.head.h")" 200
done

# Static files: Last-Modified and If-Modified-Since.
path=${leaflet:-/static/vendor/leaflet/leaflet.js}
curl -s -D "$dir/static.h" -o /dev/null "$base$path"
last_modified=$(header last-modified "$dir/static.h")
[ -n "$last_modified" ] && ok || problem "GET $path: no Last-Modified"
bytes=$(curl -s -D "$dir/ims.h" -H "If-Modified-Since: $last_modified" -o /dev/null -w '%{size_download}' "$base$path")
expect "GET $path If-Modified-Since: status" "$(status "$dir/ims.h")" 304
expect "GET $path If-Modified-Since: body bytes" "$bytes" 0
curl -s -D "$dir/old.h" -H "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT" -o /dev/null "$base$path"
expect "GET $path If-Modified-Since 1970: status" "$(status "$dir/old.h")" 200

[ "$fail" -eq 0 ] && echo "http_delivery_check: $checks checks passed (gzip, br, Vary, ETag/304, Last-Modified/304 on a page, /api/v1/map and leaflet.js)"
exit "$fail"
