# shellcheck shell=bash
# Sourced by sanitize.sh and fuzz.sh (docs/fuzzing.md): the clang build with
# AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/, which also
# holds the libFuzzer programs (PERFCASE_FUZZ=ON), so CI pays for one extra
# build, not two; and the sanitizer options for running what it built.
# Expects $root (the repository).

asan_dir=${PERFCASE_ASAN_DIR:-$root/build-asan}
asan_cxx=${PERFCASE_ASAN_CXX:-$(command -v clang++-14 || command -v clang++ || true)}

configure_asan() {
    [ -n "$asan_cxx" ] || { echo "sanitizer build: clang++ not found (packaging/install-deps.sh)" >&2; exit 1; }
    # -O1: ASan's own advice (usable speed, exact reports). Line tables only:
    # stacks with file:line at a fraction of the link time of -g.
    # -fno-sanitize-recover: an UBSan report fails the test like an ASan one.
    cmake -S "$root" -B "$asan_dir" -G Ninja \
        -DCMAKE_CXX_COMPILER="$asan_cxx" \
        -DCMAKE_BUILD_TYPE=Sanitize \
        -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -gline-tables-only" \
        -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
        -DPERFCASE_FUZZ=ON >/dev/null
}

# halt_on_error/abort: the first report ends the program with a failure.
# detect_leaks: on; packaging/lsan.supp names the leaks of libraries we do
# not build (and only those).
# detect_stack_use_after_return stays off: it costs much and adds little here.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_init_order=1:check_initialization_order=1:detect_odr_violation=2}"
# packaging/ubsan.supp: known bugs, reported, each to remove once fixed.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$root/packaging/ubsan.supp}"
# use_tls=0: LeakSanitizer 14 misreads glibc 2.36's dynamic TLS vector; its
# stop-the-world thread then dereferences a bogus "DTLS" range and the
# process dies at exit ("Tracer caught signal 11 ... LeakSanitizer has
# encountered a fatal error"), for some memory layouts of `perfcase report`.
# Not scanning TLS can only make more leaks appear, not hide ours; the one
# it makes (GLib's per-thread data) is suppressed in lsan.supp.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/packaging/lsan.supp:print_suppressions=0:use_tls=0}"
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
[ -z "$symbolizer" ] || export ASAN_SYMBOLIZER_PATH="$symbolizer"
