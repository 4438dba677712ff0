#!/usr/bin/env bash
# Builds the libFuzzer programs (clang, ASan + UBSan, in build-asan/) and runs
# each target for N seconds (docs/fuzzing.md):
#
#   packaging/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS also comes from PERFCASE_FUZZ_SECONDS (default 60); TARGETs are
# fuzz_* names (default: all). PERFCASE_FUZZ_BUILD=0 runs what is built. Seeds: small files of tests/fixtures and
# ../shared/corpus, read where they are and cut to the target's -max_len,
# plus small case files made here with the perfcase just built. The corpus
# each run grows is kept in build-asan/fuzz/corpus/TARGET and seeds the next
# run. Any crash, leak, timeout or out-of-memory fails the script (exit 1)
# and prints the path of the input that caused it: keep it (minimised) in
# fuzz/regressions/TARGET/ once fixed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=packaging/sanitizer-build.sh
. packaging/sanitizer-build.sh

seconds=${1:-${PERFCASE_FUZZ_SECONDS:-60}}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS must be a positive integer" >&2; exit 2; }
shift $(($# > 0 ? 1 : 0))
all=(fuzz_text_log fuzz_jsonl_log fuzz_csv fuzz_prometheus_json fuzz_kube_text fuzz_k8s_json
     fuzz_chrome_trace fuzz_har fuzz_explain_text fuzz_case_file)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

corpus=$root/../shared/corpus
fixtures=$root/tests/fixtures
scenarios=$root/resources/scenarios
work=$asan_dir/fuzz
phase() { printf '\n== fuzz: %s (%ss since start)\n' "$1" "$SECONDS"; }

if [ "${PERFCASE_FUZZ_BUILD:-1}" = 1 ]; then
    phase "build"
    [ -f "$asan_dir/build.ninja" ] || configure_asan
    cmake --build "$asan_dir" -j"$(nproc)" --target fuzz perfcase
fi

# Largest input per target: enough for the structures a format has, small
# enough that a run does thousands of inputs a minute under ASan.
max_len() {
    case $1 in
    fuzz_chrome_trace | fuzz_har | fuzz_case_file) echo 262144 ;;
    fuzz_prometheus_json | fuzz_k8s_json) echo 131072 ;;
    fuzz_explain_text) echo 32768 ;;
    *) echo 65536 ;;
    esac
}

# Seed files per target (globs; missing ones are skipped).
seed_globs() {
    case $1 in
    fuzz_text_log) echo "$corpus/app_logs/* $corpus/celery_logs/* $corpus/gunicorn_logs/*
        $corpus/nginx_access/* $corpus/postgres_logs/*.log $corpus/postgres_logs/*.gz
        $corpus/postgres_logs/*.bz2 $corpus/uvicorn_logs/* $corpus/socketio_logs/*
        $corpus/k8s/*logs*.txt $fixtures/*.log $fixtures/playbook-cases/*/app.log
        $fixtures/playbook-cases/*/server.log $scenarios/*/access.log" ;;
    fuzz_jsonl_log) echo "$corpus/jsonlines/* $corpus/postgres_logs/cnpg.log.gz
        $scenarios/*/*.jsonl" ;;
    fuzz_csv) echo "$corpus/pg_stat_statements/* $fixtures/metrics/*.csv $fixtures/metrics/*.tsv
        $fixtures/playbook-cases/*/pg_stat_statements.csv" ;;
    fuzz_prometheus_json) echo "$corpus/prometheus/*.json" ;;
    fuzz_kube_text) echo "$corpus/k8s/kubectl_top_* $corpus/k8s/kubectl_events_* $fixtures/k8s/*.txt
        $fixtures/metrics/kubectl_top_* $fixtures/playbook-cases/k8s-hpa-ceiling/*.txt" ;;
    fuzz_k8s_json) echo "$corpus/k8s/*.json $fixtures/k8s/*.json
        $fixtures/playbook-cases/k8s-hpa-ceiling/*_2*.json $scenarios/backend/events.json
        $scenarios/backend/hpa_*.json" ;;
    fuzz_chrome_trace) echo "$corpus/chrome_traces/* $fixtures/trace/*.json" ;;
    fuzz_har) echo "$corpus/har/* $fixtures/har/*.har $fixtures/playbook-cases/*/*.har*
        $scenarios/*/page.har" ;;
    fuzz_explain_text) echo "$fixtures/db/*.txt $fixtures/playbook-cases/*/explain.txt" ;;
    fuzz_case_file) echo "$work/cases/*.perfcase" ;;
    esac
}

# A few small case files for fuzz_case_file: made by `perfcase new` and
# `perfcase import`, then rewritten with 512-byte pages (sqlite3 VACUUM), so
# that 42 empty tables take 21 KB instead of 688 KB.
make_case_seeds() {
    local cases=$work/cases perfcase=$asan_dir/bin/perfcase
    rm -rf "$cases" && mkdir -p "$cases"
    # Leaks are the sanitizer suite's business; here they must not stop the seeds.
    local env=(env XDG_CONFIG_HOME="$cases/config" ASAN_OPTIONS=detect_leaks=0)
    make_case() {
        local name=$1
        shift
        "${env[@]}" "$perfcase" new "$cases/$name.perfcase" >/dev/null
        [ $# -eq 0 ] || "${env[@]}" "$perfcase" import "$cases/$name.perfcase" "$@" >/dev/null 2>&1 || true
    }
    make_case empty
    make_case logs "$fixtures/python_logging_app.log" "$corpus/jsonlines/pino_otel_demo.jsonl" \
        "$corpus/nginx_access/combined_small.log"
    make_case metrics "$fixtures/metrics/generic_comma_crlf.csv" "$fixtures/metrics/kubectl_top_pods_containers.txt" \
        "$corpus/prometheus/grafana_range_missing.result.json"
    make_case k8s "$fixtures/k8s/events_k8s_io_v1.json" "$fixtures/k8s/hpa_v1_single.json" \
        "$fixtures/k8s/events_all_namespaces.txt"
    make_case browser "$fixtures/trace/handmade_table_page.json" "$corpus/har/mitmproxy_har_files_insomnia.har"
    make_case db "$fixtures/db/explain_nested_loop.txt" "$fixtures/playbook-cases/slow-reports-n-plus-one/pg_stat_statements.csv"
    # Stored verdicts and findings too.
    "${env[@]}" "$perfcase" check "$cases/logs.perfcase" --playbook slow-reports >/dev/null 2>&1 || true
    for file in "$cases"/*.perfcase; do
        sqlite3 "$file" "PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;" >/dev/null
    done
    rm -rf "$cases/config"
}

collect_seeds() {
    local target=$1 limit seeds=$work/seeds/$1
    limit=$(max_len "$target")
    rm -rf "$seeds" && mkdir -p "$seeds"
    for file in $(seed_globs "$target"); do
        [ -f "$file" ] || continue
        local size
        size=$(stat -c %s "$file")
        if [ "$size" -le "$limit" ]; then
            cp "$file" "$seeds/"
        elif ! head -c 3 "$file" | od -An -tx1 | tr -d ' \n' | grep -q '^1f8b\|^425a68'; then
            # The start of a large file still seeds its structures.
            head -c "$limit" "$file" >"$seeds/$(basename "$file")"
        fi
    done
}

phase "seeds"
if printf '%s\n' "${targets[@]}" | grep -qx fuzz_case_file; then make_case_seeds; fi
for target in "${targets[@]}"; do collect_seeds "$target"; done

# The targets write each input to a file and import it into a case: in
# memory (/dev/shm) that runs about twice as fast as on disk.
if [ -z "${PERFCASE_FUZZ_TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
elif [ -n "${PERFCASE_FUZZ_TMPDIR:-}" ]; then
    export TMPDIR=$PERFCASE_FUZZ_TMPDIR
fi

# One target: its log in logs/, its exit status in status/.
fuzz_one() {
    local target=$1 status=0
    local grown=$work/corpus/$target findings=$work/findings/$target log=$work/logs/$target.log
    mkdir -p "$grown" "$findings"
    # -timeout: one input taking longer is a finding (a hang); rss 2 GB is
    # the brief's limit for "huge allocation".
    "$asan_dir/fuzz/$target" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
        -timeout=30 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$findings/" "$grown" "$work/seeds/$target" "$root/fuzz/regressions/$target" \
        >"$log" 2>&1 || status=$?
    echo "$status" >"$work/status/$target"
}

# One target per core at a time: each is a single process.
rm -rf "$work/status" && mkdir -p "$work/status" "$work/logs"
phase "${#targets[@]} targets, ${seconds}s each, $(nproc) at a time"
for target in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
    fuzz_one "$target" &
done
wait

phase "summary"
failed=()
for target in "${targets[@]}"; do
    log=$work/logs/$target.log
    status=$(cat "$work/status/$target" 2>/dev/null || echo '?')
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    size=$(find "$work/corpus/$target" -type f | wc -l)
    printf '%-22s %10s runs %6s/s  corpus %5s  exit %s\n' "$target" "${runs:-?}" "${speed:-?}" "$size" "$status"
    if [ "$status" != 0 ]; then
        failed+=("$target")
        tail -n 60 "$log" | sed "s/^/    $target: /"
        crasher=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        echo "fuzz.sh: $target failed (exit $status); input: ${crasher:-see $log}" >&2
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: findings in ${failed[*]} (logs in $work/logs, inputs in $work/findings)" >&2
    exit 1
fi
