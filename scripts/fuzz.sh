#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang, ASan and UBSan, and
# runs each for a while; fails when any of them finds something (a crash, a
# sanitizer report, a failed check, an input slower than 10 s, 2 GB of memory).
# `make fuzz` runs it.
#
#   fuzz.sh BUILD_DIR SECONDS JOBS [cmake arguments...]
#
# SECONDS per target (0: only replay the corpora), JOBS targets at a time.
# Everything it writes is in BUILD_DIR/fuzz/<target>/: log.txt, corpus/ (the
# inputs it found, which the next run starts from) and what it found
# (crash-*, leak-*, timeout-*, oom-*: run the target on that file to see it
# again). The committed seeds in tests/fuzz/corpus/<target>/ are only read.
set -eu
cd "$(dirname "$0")/.."
build=$1
seconds=$2
jobs=$3
shift 3

case "$(uname -s)" in
Darwin)
    # Apple's clang has no libFuzzer; Homebrew's llvm has.
    llvm=$(brew --prefix llvm 2>/dev/null || true)
    if [ -z "$llvm" ] || [ ! -x "$llvm/bin/clang++" ]; then
        echo "fuzz: skipped: Apple's clang has no libFuzzer (brew install llvm, then make fuzz again)"
        exit 0
    fi
    cxx=$llvm/bin/clang++
    ;;
*)
    cxx=${FUZZ_CXX:-clang++}
    ;;
esac
if ! command -v "$cxx" >/dev/null 2>&1; then
    echo "fuzz: $cxx not found (scripts/install-deps.sh --fuzz installs clang)" >&2
    exit 1
fi
mkdir -p "$build"
probe="$build/libfuzzer-probe"
if ! printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' |
    "$cxx" -x c++ -fsanitize=fuzzer,address,undefined -o "$probe" - >"$probe.log" 2>&1; then
    cat "$probe.log" >&2
    echo "fuzz: $cxx cannot link libFuzzer (Debian, Ubuntu: its runtime is in libclang-rt-dev)" >&2
    exit 1
fi

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DMERIDIAN_FUZZ=ON -DMERIDIAN_BUILD_GUI=OFF -DBUILD_TESTING=OFF "$@" >"$build/configure.log" ||
    { cat "$build/configure.log"; exit 1; }
cmake --build "$build" -j "$jobs" --target fuzzers

targets=$(cd tests/fuzz/corpus && ls)
mkdir -p "$build/fuzz"

run() {
    target=$1
    out="$build/fuzz/$target"
    rm -rf "$out/found"
    mkdir -p "$out/corpus" "$out/found"
    if [ "$seconds" = 0 ]; then limit=-runs=0; else limit=-max_total_time=$seconds; fi
    dict=""
    if [ -f "tests/fuzz/$target.dict" ]; then dict="-dict=tests/fuzz/$target.dict"; fi
    # The first folder is where new inputs go; the committed seeds are read only.
    # shellcheck disable=SC2086
    TMPDIR="$out" "$build/tests/fuzz/fuzz_$target" $limit $dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/found/" "$out/corpus" "tests/fuzz/corpus/$target" >"$out/log.txt" 2>&1
}

echo "fuzz: $(echo "$targets" | wc -w) targets, ${seconds} s each, $jobs at a time (logs in $build/fuzz)"
started=0
for target in $targets; do
    (if run "$target"; then echo 0; else echo $?; fi >"$build/fuzz/$target.status") &
    started=$((started + 1))
    if [ "$started" -ge "$jobs" ]; then
        wait
        started=0
    fi
done
wait

failed=0
for target in $targets; do
    out="$build/fuzz/$target"
    status=$(cat "$out.status" 2>/dev/null || echo "?")
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log.txt")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log.txt")
    seeds=$(find "tests/fuzz/corpus/$target" -type f | wc -l)
    found=$(find "$out/corpus" -type f | wc -l)
    if [ "$status" = 0 ]; then
        echo "fuzz_$target: ok, ${runs:-?} runs (${rate:-?}/s), corpus: $((seeds)) seeds + $((found)) found"
    else
        failed=1
        echo "fuzz_$target: FAILED (exit status $status), $out/log.txt says:"
        grep -E 'check failed|ERROR|runtime error|SUMMARY|Test unit written' "$out/log.txt" | head -n 12 | sed 's/^/    /'
        for input in "$out"/found/*; do
            [ -e "$input" ] && echo "    input: $input (again: $build/tests/fuzz/fuzz_$target $input)"
        done
    fi
done
exit $failed
