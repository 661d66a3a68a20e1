#!/usr/bin/env bash
# Build a libFuzzer target with AddressSanitizer and run it (docs/fuzzing.md).
#
#   scripts/fuzz.sh [FuzzYAML|FuzzRulePack|all] [seconds]     default: all, 600 s per target
#
# The build uses its own scratch path (.build-fuzz), so it never disturbs .build. Seeds come from
# ../shared/yaml-test-suite (when present), examples/, policies/ and the test fixtures, copied into
# .build-fuzz/corpus/<target> (never committed). Crashes, timeouts and leaks are written to
# .build-fuzz/artifacts/<target>/; minimize one with
#   .build-fuzz/debug/<target> -minimize_crash=1 -runs=10000 <crash-file>
# and commit it under Tests/Fixtures/fuzz-regressions/<yaml|rulepack>/.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-all}"
seconds="${2:-600}"
scratch=.build-fuzz

if [ "$target" = all ]; then
    for one in FuzzYAML FuzzRulePack; do "$0" "$one" "$seconds"; done
    exit 0
fi
case "$target" in
    FuzzYAML) regressions=Tests/Fixtures/fuzz-regressions/yaml ;;
    FuzzRulePack) regressions=Tests/Fixtures/fuzz-regressions/rulepack ;;
    *) echo "unknown target '$target' (FuzzYAML, FuzzRulePack or all)" >&2; exit 2 ;;
esac

echo "== building $target with -sanitize=fuzzer,address"
swift build -c debug --scratch-path "$scratch" --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DPOLICYKOLL_FUZZING

corpus="$scratch/corpus/$target"
artifacts="$scratch/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
suite=../shared/yaml-test-suite
if [ -d "$suite" ]; then
    for file in "$suite"/*/in.yaml; do
        [ -f "$file" ] && cp "$file" "$corpus/suite-$(basename "$(dirname "$file")").yaml"
    done
else
    echo "note: $suite is absent; seeding from the repository only"
fi
find examples policies Tests/Fixtures/cli -name '*.yaml' -print0 |
    while IFS= read -r -d '' file; do cp "$file" "$corpus/repo-$(echo "$file" | tr '/' '_')"; done
[ -d "$regressions" ] && cp "$regressions"/* "$corpus/" 2>/dev/null || true

# Let libFuzzer and AddressSanitizer report a crash, not Swift's backtracer.
export SWIFT_BACKTRACE=enable=no
echo "== fuzzing $target for $seconds s (corpus $corpus, artifacts $artifacts)"
"$scratch/debug/$target" "$corpus" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="$artifacts/" -print_final_stats=1
