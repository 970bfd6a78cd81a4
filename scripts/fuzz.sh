#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for a bounded time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; the targets default to all of them
# (validate, ports, locate). Needs a nightly toolchain and cargo-fuzz
# (`rustup toolchain install nightly`, `cargo install cargo-fuzz`).
#
# Each target's corpus lives in fuzz/corpus/TARGET (not committed) and is seeded
# from the payloads under examples/ and tests/fixtures/ on every run. A crash
# stops the script with libFuzzer's report; the input is saved under
# fuzz/artifacts/TARGET/ and `cargo +nightly fuzz run TARGET FILE` replays it.
# Turn every crash into a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
    exit 2
fi
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(validate ports locate)
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "scripts/fuzz.sh: needs a nightly toolchain and cargo-fuzz:" >&2
    echo "  rustup toolchain install nightly && cargo install cargo-fuzz" >&2
    exit 2
fi

# The endpoints in the order of cc_model::Endpoint::ALL: a validate input's
# first byte is `index + 17 * kind` (kind 0 request, 1 response).
endpoints=(batch_create_proc_template update_process_instance update_proc_template
    delete_proc_template create_process_instance get_proc_template list_proc_template
    list_process_instance list_process_detail_by_ids list_process_related_info
    delete_process_instance create_service_template create_service_instance
    list_service_instance delete_service_instance list_service_template_difference
    sync_service_template_to_service_instance)

seed() {
    local corpus=fuzz/corpus
    mkdir -p "$corpus/validate" "$corpus/ports" "$corpus/locate"
    local file name kind index
    while IFS= read -r file; do
        name=$(basename "$file")
        kind=0
        case "$name" in *.response.json) kind=1 ;; esac
        for index in "${!endpoints[@]}"; do
            case "$file" in
            *"${endpoints[$index]}"[./]*)
                {
                    printf "\\$(printf '%03o' $((index + 17 * kind)))"
                    cat "$file"
                } >"$corpus/validate/seed-$index-$kind-$name"
                break
                ;;
            esac
        done
        cp "$file" "$corpus/locate/seed-$name"
    done < <(find examples tests/fixtures -name '*.json' -type f | sort)
    local port
    for port in 80 1 65535 0 65536 080 8000-8010 10-20,21-30 80,80 90-80 "80, 81" \
        1-65535,443 ",," "-" 80,443,8000-8010 99999999999; do
        printf '%s' "$port" >"$corpus/ports/seed-$(printf '%s' "$port" | od -An -tx1 | tr -d ' \n')"
    done
}

seed
root=$PWD
for target in "${targets[@]}"; do
    echo "== fuzz $target for ${seconds}s"
    args=(-max_total_time="$seconds" -print_final_stats=1)
    if [ "$target" = validate ]; then
        args+=(-dict="$root/fuzz/dict/payload.dict" -max_len=16384)
    fi
    (cd fuzz && cargo +nightly fuzz run "$target" "$root/fuzz/corpus/$target" -- "${args[@]}")
done
