#!/usr/bin/env bash
# `make lint`: clang-format check and clang-tidy on the C++ files changed since LINT_BASE
# (default: the working tree against HEAD, or the last commit when the tree is clean).
# Usage: scripts/lint.sh BUILD_DIR   (BUILD_DIR holds compile_commands.json)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build/default}
base=${LINT_BASE:-HEAD}
files=$( (git diff --name-only "$base"; git ls-files --others --exclude-standard) | sort -u | grep -E '\.(cc|h)$' || true)
if [ -z "$files" ] && [ -z "${LINT_BASE:-}" ]; then
  files=$(git diff --name-only HEAD~1 HEAD 2>/dev/null | grep -E '\.(cc|h)$' || true)
fi
files=$(for f in $files; do [ -f "$f" ] && echo "$f"; done)
if [ -z "$files" ]; then echo "lint: no changed C++ files"; exit 0; fi
echo "lint: clang-format on $(echo "$files" | wc -l) file(s)"
clang-format --dry-run --Werror $files
sources=$(echo "$files" | grep -E '\.cc$' || true)
if [ -n "$sources" ]; then
  echo "lint: clang-tidy"
  clang-tidy -p "$BUILD_DIR" --quiet $sources
fi
echo "lint: ok"
