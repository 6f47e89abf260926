#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md from what it measures:
#   1. generation time and peak memory against the parse floor (whole
#      process, release build), for the four specs and GitHub's description;
#      plus the in-process divan table;
#   2. clean build times and lines per operation for generated/ and for the
#      crate generated from the GitHub spec, with per-API and per-tag features;
#   3. the generated client's throughput against a hand-written reqwest call.
#   4. the GitHub crate against openapi-generator's (scripts/bench_github.sh);
#   5. where rustc's time goes on the GitHub crate (scripts/profile_compile.sh,
#      on the installed nightly).
#
#   scripts/bench.sh            # everything (45 minutes: the GitHub crate is large)
#   QUICK=1 scripts/bench.sh    # sections 1-3 only
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
github="$root/../shared/corpus/large/github_api.github.com.json"
work="$root/target/bench"
mkdir -p "$work"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
json() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

echo "== building (release)"
cargo build -q --release -p codegen --example bench_generation
bench_bin="$root/target/release/examples/bench_generation"

gen_rows=""
for spec in "$github" specs/omno.yaml specs/kadosei.yaml specs/primer.yaml specs/rebilly.yaml; do
  iterations=20
  [ "$spec" = "$github" ] && iterations=3
  floor=$("$bench_bin" floor "$spec" "$iterations")
  full=$("$bench_bin" generate "$spec" "$iterations")
  f_ms=$(json "$floor" median_ms); g_ms=$(json "$full" median_ms)
  f_kib=$(json "$floor" peak_rss_kib); g_kib=$(json "$full" peak_rss_kib)
  name=$(basename "$spec")
  gen_rows+="| $name | $f_ms | $g_ms | $(ratio "$g_ms" "$f_ms")x | $((f_kib / 1024)) | $((g_kib / 1024)) | $(ratio "$g_kib" "$f_kib")x |"$'\n'
  echo "$name: floor ${f_ms} ms, generate ${g_ms} ms"
done

echo "== where the time goes (GitHub)"
cargo build -q --release -p codegen
stages=$(CODEGEN_TIMINGS=1 target/release/codegen generate "$github" --out "$work/github-profile" 2>&1 >/dev/null \
  | sed -n 's/^codegen: \([a-z ]*\): \([0-9.]*\) ms (resident \([0-9]*\) KiB, peak \([0-9]*\) KiB)$/| \1 | \2 | \3 | \4 |/p')
profile="perf is not available here; no profile."
if command -v perf >/dev/null 2>&1 && perf record -q -F 999 --call-graph dwarf,32768 -o "$work/generate.perf" \
    target/release/codegen generate "$github" --out "$work/github-profile" >/dev/null 2>&1; then
  profile=$(perf script -i "$work/generate.perf" 2>/dev/null | python3 scripts/profile_generation.py)
fi

echo "== divan (in-process)"
divan_table=$(cargo bench -q -p codegen --bench generation 2>/dev/null | sed -n '/generation/,$p')

echo "== client overhead"
client=$(cargo bench -q --bench client_overhead -- --bench 2>/dev/null | tail -n 1)

echo "== build times: generated/"
# One trait method per operation, each documented "see [`Client::name`]".
ops_in() { cat "$@" | grep -c 'see \[`Client::'; }
ops_generated=$(ops_in generated/src/*/client.rs)
lines_generated=$(cat generated/src/*.rs generated/src/*/*.rs | wc -l)
cargo build -q -p payment-apis   # dependencies
# build_time PACKAGE COMMAND [MANIFEST]: a clean build of PACKAGE alone, in ms,
# or "fails" when it does not build.
build_time() {
  cargo clean -q -p "$1" ${3:+--manifest-path "$3"}
  local t0; t0=$(now_ms)
  if eval "$2" >&2; then echo $(( $(now_ms) - t0 )); else echo "fails"; fi
}
ratio_or() { case "$1$2" in *fails*) echo "n/a" ;; *) ratio "$1" "$2" ;; esac; }
all_ms=$(build_time payment-apis "cargo build -q -p payment-apis")
one_ms=$(build_time payment-apis "cargo build -q -p payment-apis --no-default-features --features primer")
cargo build -q -p payment-apis

# Notes from one-off measurements below this marker are kept as they are.
marker='<!-- notes kept by scripts/bench.sh -->'
kept=$(sed -n "/^$marker\$/,\$p" BENCHMARKS.md 2>/dev/null || true)
nonblank() { grep -cv '^[[:space:]]*$' || true; }

cat > BENCHMARKS.md <<MD
# Benchmarks

Measured by \`scripts/bench.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD), on this project's machine ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB).
Every number below comes from that run; rerun the script to reproduce them.

## 1. Generation against the parse floor

The floor reads the file and deserializes it into \`openapiv3::OpenAPI\`; generation
loads, lowers, emits and formats everything (nothing is written). Whole process,
release build, median of the runs; memory is the process's peak RSS.
Command: \`target/release/examples/bench_generation floor|generate SPEC N\`.
Budgets: time at most 2x the floor, memory at most 3x.

| spec | floor (ms) | generation (ms) | time ratio | floor peak (MiB) | generation peak (MiB) | memory ratio |
|---|---|---|---|---|---|---|
$gen_rows
Where the time goes on the GitHub description, one run of \`CODEGEN_TIMINGS=1 codegen generate\`
(wall time of each stage; resident and peak memory at its end):

| stage | time (ms) | resident (KiB) | peak (KiB) |
|---|---|---|---|
$stages

And a CPU profile of one run (\`perf record --call-graph dwarf\`, every thread; each sample
charged to the innermost frame of a known part, so allocation is charged to its caller;
\`scripts/profile_generation.py\`):

$profile

In-process timings (\`cargo bench -p codegen --bench generation\`):

\`\`\`text
$divan_table
\`\`\`

## 2. Build time and size of generated code

Clean \`cargo build\` (dev profile) of the generated crate alone, dependencies already built.

| crate | operations | lines | lines per operation | clean build (ms) |
|---|---|---|---|---|
| generated/ (payment-apis), all 4 APIs | $ops_generated | $lines_generated | $((lines_generated / ops_generated)) | $all_ms |
| generated/, \`--no-default-features --features primer\` | | | | $one_ms ($(ratio_or "$one_ms" "$all_ms")x of all) |

The GitHub crate's build times, with all tags and with one, are in section 4.

## 3. Client overhead

Sequential \`getClientSession\` calls against a minimal HTTP server on loopback: the
generated client against a hand-written reqwest + serde call sending the same request
and decoding the same type. Command: \`cargo bench --bench client_overhead -- --bench\`.
Budget: the generated call takes at most 1.05x the hand-written one.

| requests per round | generated (req/s) | hand-written (req/s) | time ratio |
|---|---|---|---|
| $(json "$client" requests) | $(json "$client" generated_rps) | $(json "$client" hand_written_rps) | $(json "$client" ratio) |
MD
if [ -z "${QUICK:-}" ]; then
  echo "== the GitHub crate against openapi-generator"
  bash scripts/bench_github.sh
  gh="$work/ours-github"
  ops_github=$(ops_in "$gh"/src/client.rs "$gh"/src/client/*.rs)
  lines_github=$(find "$gh/src" -name '*.rs' -not -path '*/runtime/*' -exec cat {} + | wc -l)
  code_github=$(find "$gh/src" -name '*.rs' -not -path '*/runtime/*' -exec cat {} + | nonblank)
  echo "== where rustc's time goes"
  bash scripts/profile_compile.sh
  {
    echo
    echo "## 4. The GitHub crate against openapi-generator"
    echo
    echo "\`scripts/bench_github.sh\`: the crate from GitHub's description (\`--tag-features\`) and"
    echo "openapi-generator 7.26.0's (\`-g rust\`), each alone with its dependencies built before by a"
    echo "copy with an empty library; wall time, and peak memory of the compiler (\`/usr/bin/time\`)."
    echo "Both crates are measured in the same run. Ours has $ops_github operations in $lines_github lines"
    echo "($((lines_github / ops_github)) per operation, the vendored runtime not counted), $code_github of them"
    echo "not blank ($((code_github / ops_github)) per operation; before blank lines between items, at 19b9a92,"
    echo "every line was code: 312 per operation)."
    echo
    cat "$work/github.md"
    echo
    echo "## 5. Where rustc's time goes on the GitHub crate"
    echo
    echo "\`scripts/profile_compile.sh\`: the same crate, all features, under \`-Z self-profile\`"
    echo "with query keys. Each query's self time (its duration less the queries it ran) is charged"
    echo "to the part of the generated code its key names: \`types: Deserialize impls\` is the"
    echo "type checking, borrow checking and MIR building of the \`Deserialize\` impls in the types"
    echo "module; queries without an item (parsing, macro expansion, name resolution) are"
    echo "\`whole crate\`. Profiling slows rustc, so these times are longer than section 4's."
    echo
    cat "$work/compile-profile.md"
    echo
    echo "## Earlier runs of section 4"
    echo
    echo "Ours against openapi-generator 7.26.0, by earlier runs of this script (check time,"
    echo "check peak, build time, build peak; ratios ours/theirs):"
    echo
    echo "| commit | what changed | check | check peak | build | build peak |"
    echo "|---|---|---|---|---|---|"
    echo "| 727aecd | async methods, \`Serialize\` on every type | 0.80x | 0.67x | 0.84x | 0.73x |"
    echo "| 4842de4 | methods return \`Call\` | disturbed | 0.62x | 0.58x | 0.71x |"
    echo "| d244347 | only what requests carry implements \`Serialize\` | 0.51x | 0.51x | 0.60x | 0.62x |"
    echo "| 19b9a92 | before the call-site work of issue 27 | 0.40x | 0.44x | 0.49x | 0.52x |"
    echo "| fad862c | issue 27's call sites: setters, shared error enums, one runtime macro per struct's serde | 0.38x | 0.44x | 0.53x | 0.53x |"
    echo "| d797a3f | API traits with provided methods (reverted in 412a2ee) | 0.43x | 0.49x | 0.52x | 0.56x |"
    echo "| fc0caf6 | anyOf impls through the runtime's \`any_of\`; \`raw.json()\` with its type inferred | 0.39x | 0.45x | 0.49x | 0.53x |"
    echo "| 351c1b1 | inline objects of the same shape share one struct | 0.35x | 0.37x | 0.42x | 0.44x |"
    echo "| 20e6a05 | API trait calls as on \`Client\` (per-call options through the trait), sending methods declared \`impl Future<Output = ..> + Send\` | 0.36x | 0.37x | 0.49x | 0.44x |"
  } >> BENCHMARKS.md
fi
if [ -n "$kept" ]; then
  printf '\n%s\n' "$kept" >> BENCHMARKS.md
fi
echo "wrote BENCHMARKS.md"
