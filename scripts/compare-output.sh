#!/usr/bin/env bash
# Compares two cc-lint binaries' output on every JSON file of examples/ and
# tests/fixtures/ (as git lists them): each file alone in the JSON format, then
# all of them at once in the JSON, human and SARIF formats, with exit codes.
# Used to show that a refactoring changes no output:
#   scripts/compare-output.sh OLD_CC_LINT NEW_CC_LINT
# Exits 0 when every output is byte-identical, 1 (with a diff) otherwise.
set -euo pipefail
old=$1 new=$2
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(git ls-files 'examples/*.json' 'tests/fixtures/*.json' | sort)
run() {
  local bin=$1 out=$2 i=0
  mkdir -p "$out"
  for file in "${files[@]}"; do
    i=$((i + 1))
    { "$bin" --format json "$file" || echo "exit $?"; } >"$out/$i.json" 2>&1
  done
  for format in json human sarif; do
    { "$bin" --format "$format" "${files[@]}" || echo "exit $?"; } >"$out/all.$format" 2>&1
  done
}
run "$old" "$work/old"
run "$new" "$work/new"
if diff -r "$work/old" "$work/new"; then
  echo "identical output on ${#files[@]} files"
else
  exit 1
fi
