#!/usr/bin/env bash
# The entry of the `cc-lint` pre-commit hook (see .pre-commit-hooks.yaml and the
# README's "pre-commit" section). pre-commit runs it from the user's repository with
# the hook's arguments and the staged JSON files. The first run of a hook revision
# builds cc-lint from pre-commit's checkout of it; later runs only start the binary.
#
# The build goes to `target/pre-commit/` in the checkout, or to
# CC_LINT_HOOK_TARGET_DIR when that is set: a directory kept across revisions, so
# that a new revision rebuilds only cc-lint's own crates. A stamp there records the
# commit the binary was built from.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CC_LINT_HOOK_TARGET_DIR:-$repo/target/pre-commit}"
stamp="$target/cc-lint-hook.rev"

binary() {
    if [ -x "$target/release/cc-lint.exe" ]; then
        echo "$target/release/cc-lint.exe"
    else
        echo "$target/release/cc-lint"
    fi
}

# pre-commit's checkouts are git clones of one commit. Run from a git hook, the
# environment names the user's repository (GIT_DIR, GIT_INDEX_FILE ...): ask about
# the checkout explicitly. Without an answer, build every time (cargo then only
# checks that the binary is fresh).
rev="$(env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE -u GIT_OBJECT_DIRECTORY \
    -u GIT_ALTERNATE_OBJECT_DIRECTORIES -u GIT_COMMON_DIR \
    git --git-dir="$repo/.git" rev-parse --verify --quiet HEAD 2>/dev/null || true)"
if [ -z "$rev" ] || [ ! -x "$(binary)" ] || [ "$(cat "$stamp" 2>/dev/null || true)" != "$rev" ]; then
    if ! command -v cargo >/dev/null 2>&1; then
        echo "cc-lint: the pre-commit hook builds cc-lint with cargo, which is not on PATH;" >&2
        echo "cc-lint: install Rust 1.95 or later (https://rustup.rs) and run pre-commit again" >&2
        exit 2
    fi
    echo "cc-lint: building cc-lint (once per hook revision; takes a few minutes)" >&2
    (
        # Build with this checkout's toolchain file and cargo configuration, not
        # those of the user's repository, into a directory this script knows.
        cd "$repo"
        unset CARGO_BUILD_TARGET
        CARGO_TARGET_DIR="$target" cargo build --release --quiet --package cc-lint --bin cc-lint
    ) >&2
    if [ -n "$rev" ]; then
        printf '%s\n' "$rev" >"$stamp"
    fi
fi

exec "$(binary)" "$@"
