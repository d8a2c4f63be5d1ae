#!/usr/bin/env bash
# Installs what JUO needs to build and test on Debian 12, and nothing that is already there:
# Debian packages via apt (when run as root, or through sudo), npm packages via `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

# nginx: Debian's `nginx` (upstream and proxy modules built in; `nginx-light` is only a transitional
# package pulling it in with an extra module). The multi-instance test and benchmark run it from a
# temporary prefix with their own config (tests/pg/with_instances.sh); its system service is not used.
# postgresql-15 brings pgbench (bench/pg_bench.sh). openssl makes the throw-away certificate of
# tests/nginx/check_deploy_conf.sh; libxml2-utils' xmllint checks the sitemap (site_files_test).
# zbar-tools' zbarimg reads the e-mailed QR code back (a standards check); qpdf and libqpdf finish
# the PDF bilan's tagging and metadata and check the file. clang builds the fuzz harnesses (make fuzz).
# zlib1g-dev and libbrotli-dev: the app server's gzip and br (src/http/encoding.cc, docs/adr/0013).
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 postgresql libpq-dev nginx
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev libkainjow-mustache-dev
  coinor-libcbc-dev liblemon-dev libglpk-dev
  libcairo2-dev libpango1.0-dev librsvg2-dev fonts-dejavu-core poppler-utils
  libsodium-dev libqrencode-dev libxlsxwriter-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy clang time
  chromium wrk curl unzip openssl libxml2-utils
  zbar-tools qpdf libqpdf-dev
  zlib1g-dev libbrotli-dev
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
# Node.js and npm: any installation will do (some machines carry a Node.js that bundles npm and
# conflicts with Debian's npm package), so only the commands are checked.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages (package.json): reference data, front end, and HiGHS (`highs`, WebAssembly), the
# MIP solver bench/alloc_prove.sh proves the allocation's optimality with; and the independent
# checkers of the standards tests: swagger-parser and ajv (OpenAPI), ical.js (.ics), SheetJS (xlsx).
# Reinstall only when package-lock.json changed since the last install.
stamp=node_modules/.juo-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
