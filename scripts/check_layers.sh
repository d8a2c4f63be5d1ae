#!/usr/bin/env bash
# The layering rule of DESIGN.md, checked: web → services → store. A file of src/web that is not a
# test neither includes a store/ header nor names store::, and no web target links juo_store.
# Tests (*_test.cc, *_test_kit.h, *_test_fixture.h) may set up data straight in the store.
# Run by CTest (layers_web_never_reads_the_store) and by hand: scripts/check_layers.sh [SRC_DIR].
set -euo pipefail
src=${1:-"$(dirname "$0")/../src"}
web="$src/web"
fail=0
is_test() { case "$1" in *_test.cc|*_test_kit.h|*_test_fixture.h) return 0;; *) return 1;; esac; }
while IFS= read -r -d '' f; do
  is_test "$(basename "$f")" && continue
  if grep -nE '#include[[:space:]]+"store/' "$f"; then
    echo "layers: $f includes a store/ header (web must go through services/)"; fail=1
  fi
  if grep -nE '(^|[^A-Za-z0-9_:])store::' "$f"; then
    echo "layers: $f names store:: (web must go through services/)"; fail=1
  fi
done < <(find "$web" -type f \( -name '*.cc' -o -name '*.h' \) -print0)
while IFS= read -r -d '' f; do
  # Calls span lines: read the file as one line, then each target_link_libraries(juo_web…) call.
  if tr '\n' ' ' < "$f" | grep -oE 'target_link_libraries\([[:space:]]*juo_web[^)]*\)' | grep -wE 'juo_store'; then
    echo "layers: $f links a web library to juo_store"; fail=1
  fi
done < <(find "$web" -name CMakeLists.txt -print0)
if [ "$fail" -ne 0 ]; then exit 1; fi
echo "layers: src/web reads the store only through services/"
