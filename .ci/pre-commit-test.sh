#!/usr/bin/env bash
# Tests the pre-commit hook the way users run it: `pre-commit try-repo` against a
# snapshot of this repository (committed, changed and untracked files alike, so it
# also tests uncommitted work), from a temporary git repository holding one valid
# and one broken payload. Asserts exit codes and output.
#
# Then runs the hook once more the way the README configures it
# (.pre-commit-config.yaml with `files: ^payloads/`).
#
# Needs python3 (pre-commit, pinned below, is installed from PyPI into
# target/ci/), git and cargo. The hook builds cc-lint in release mode on its first
# run (minutes on a clean machine): CC_LINT_HOOK_TARGET_DIR keeps that build in
# target/ci/, so that the later runs here reuse it, and later runs of this script
# rebuild only the workspace's own crates.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pre_commit_version="4.7.0"
tools="$root/target/ci/pre-commit-$pre_commit_version"
export CC_LINT_HOOK_TARGET_DIR="$root/target/ci/hook-build"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
    echo "pre-commit hook test failed: $*" >&2
    exit 1
}

# pre-commit, into a directory of its own (no virtualenv or system install needed).
if [ ! -x "$tools/bin/pre-commit" ]; then
    rm -rf "$tools"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
        --target "$tools/lib" \
        "pre-commit==$pre_commit_version"
    mkdir -p "$tools/bin"
    printf '#!/bin/sh\nPYTHONPATH="%s/lib${PYTHONPATH:+:$PYTHONPATH}" exec python3 -m pre_commit "$@"\n' \
        "$tools" >"$tools/bin/pre-commit"
    chmod +x "$tools/bin/pre-commit"
fi
pre_commit="$tools/bin/pre-commit"
"$pre_commit" --version

git_commit() {
    git -C "$1" -c user.name=ci -c user.email=ci@example.invalid -c commit.gpgsign=false \
        commit --quiet --no-verify -m "$2"
}

# A snapshot of this repository as a git repository of its own: every tracked and
# untracked, not ignored file that exists.
hook_repo="$work/hook-repo"
mkdir "$hook_repo"
(
    cd "$root"
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' file; do
            if [ -f "$file" ]; then printf '%s\0' "$file"; fi
        done |
        tar --null --files-from=- -cf - |
        tar -xf - -C "$hook_repo"
)
git -C "$hook_repo" init --quiet
git -C "$hook_repo" add --all
git_commit "$hook_repo" "snapshot"

# The user's repository: one valid and one broken payload.
user_repo="$work/user-repo"
mkdir -p "$user_repo/payloads"
# The valid payload gives every field of its process: a partial one gets
# raw-process-edit's warning (the linter cannot tell how the server writes it).
cat >"$user_repo/payloads/update_process_instance.valid.json" <<'JSON'
{
  "bk_biz_id": 1,
  "processes": [
    {
      "bk_process_id": 43,
      "bk_process_name": "nginx",
      "bk_func_name": "nginx",
      "bk_start_param_regex": "",
      "proc_num": 2,
      "priority": 1,
      "timeout": 30,
      "bk_start_check_secs": 5,
      "auto_start": false,
      "start_cmd": "",
      "stop_cmd": "",
      "restart_cmd": "",
      "face_stop_cmd": "",
      "reload_cmd": "",
      "pid_file": "",
      "work_path": "",
      "user": "",
      "description": "",
      "bind_info": []
    }
  ]
}
JSON
cp "$root/examples/update_process_instance.out-of-range.json" "$user_repo/payloads/update_process_instance.broken.json"
git -C "$user_repo" init --quiet
git -C "$user_repo" add --all
git_commit "$user_repo" "payloads"

run_hook() { # run_hook OUTPUT_FILE FILE...: the exit status of try-repo
    local output="$1"
    shift
    local status=0
    (cd "$user_repo" && "$pre_commit" try-repo "$hook_repo" cc-lint --color never --files "$@") \
        >"$output" 2>&1 || status=$?
    echo "$status"
}

echo "== the valid payload passes (the first run builds cc-lint)"
start=$SECONDS
status="$(run_hook "$work/valid.out" payloads/update_process_instance.valid.json)"
cat "$work/valid.out"
echo "(took $((SECONDS - start))s)"
[ "$status" = 0 ] || fail "expected exit status 0 for the valid payload, got $status"
grep -Eq '^cc-lint\.+Passed$' "$work/valid.out" || fail "no 'cc-lint...Passed' line"

echo "== the broken payload fails, and only it is reported"
start=$SECONDS
status="$(run_hook "$work/broken.out" payloads/update_process_instance.valid.json \
    payloads/update_process_instance.broken.json)"
cat "$work/broken.out"
echo "(took $((SECONDS - start))s)"
[ "$status" = 1 ] || fail "expected exit status 1 with the broken payload, got $status"
grep -Eq '^cc-lint\.+Failed$' "$work/broken.out" || fail "no 'cc-lint...Failed' line"
grep -Fq -- '- exit code: 1' "$work/broken.out" || fail "the hook did not exit with status 1"
grep -Fq 'payloads/update_process_instance.broken.json:6:19: error[schema]: `priority` must be between -100 and 10000, got 20000' \
    "$work/broken.out" || fail "the broken payload's error is not reported"
if grep -F 'update_process_instance.valid.json:' "$work/broken.out"; then
    fail "the valid payload has findings"
fi
grep -Fq 'found 1 error and 0 warnings in 2 files' "$work/broken.out" ||
    fail "the summary does not say both files were linted"

echo "== the README's configuration lints the payloads, and only them"
rev="$(git -C "$hook_repo" rev-parse HEAD)"
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: cc-lint\n        files: ^payloads/\n' \
    "$hook_repo" "$rev" >"$user_repo/.pre-commit-config.yaml"
echo '{"compilerOptions": {}}' >"$user_repo/tsconfig.json"
git -C "$user_repo" add --all
git_commit "$user_repo" "configuration"
status=0
(cd "$user_repo" && PRE_COMMIT_HOME="$work/pre-commit-home" "$pre_commit" run --all-files --color never) \
    >"$work/config.out" 2>&1 || status=$?
cat "$work/config.out"
[ "$status" = 1 ] || fail "expected exit status 1 from pre-commit run, got $status"
grep -Fq 'payloads/update_process_instance.broken.json:6:19: error[schema]' "$work/config.out" ||
    fail "the broken payload's error is not reported"
grep -Fq 'found 1 error and 0 warnings in 2 files' "$work/config.out" ||
    fail "files: ^payloads/ did not keep tsconfig.json out"

echo "pre-commit hook test passed"
