#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md from what it measures:
#   1. generation time and peak memory against the parse floor (whole
#      process, release build), for the four specs and GitHub's description;
#      plus the in-process divan table;
#   2. clean build times and lines per operation for generated/ and for the
#      crate generated from the GitHub spec, with per-API and per-tag features;
#   3. the generated client's throughput against a hand-written reqwest call.
#   4. the GitHub crate against openapi-generator's (scripts/bench_github.sh).
#
#   scripts/bench.sh            # everything (an hour: the GitHub crate is large)
#   QUICK=1 scripts/bench.sh    # skip the GitHub crate's build times
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
ops_generated=$(grep -c "pub async fn" generated/src/*/client.rs | awk -F: '{s+=$2} END {print s}')
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

github_rows=""
if [ -z "${QUICK:-}" ]; then
  echo "== build times: the GitHub crate"
  gh="$work/github"
  t0=$(now_ms)
  target/release/codegen generate "$github" --out "$gh" --crate-name github-client --tag-features --runtime-path "$root/runtime" 2>/dev/null \
    || cargo run -q --release -p codegen -- generate "$github" --out "$gh" --crate-name github-client --tag-features --runtime-path "$root/runtime" 2>/dev/null
  cp Cargo.lock "$gh/Cargo.lock"
  tags=$(grep -c '^tag-' "$gh/Cargo.toml")
  one_tag=$(grep -m1 -o '^tag-meta' "$gh/Cargo.toml" || grep -m1 -o '^tag-[a-z-]*' "$gh/Cargo.toml")
  export CARGO_TARGET_DIR="$work/target"
  ops_github=$(cat "$gh"/src/client.rs "$gh"/src/client/*.rs | grep -c "pub async fn")
  lines_github=$(find "$gh/src" -name '*.rs' -not -path '*/runtime/*' -exec cat {} + | wc -l)
  cargo build -q --manifest-path "$gh/Cargo.toml" --no-default-features   # dependencies
  gh_all_ms=$(build_time github-client "cargo build -q --manifest-path $gh/Cargo.toml" "$gh/Cargo.toml")
  gh_one_ms=$(build_time github-client "cargo build -q --manifest-path $gh/Cargo.toml --no-default-features --features $one_tag" "$gh/Cargo.toml")
  unset CARGO_TARGET_DIR
  github_rows="| GitHub crate, all $tags tags | $ops_github | $lines_github | $((lines_github / ops_github)) | $gh_all_ms |
| GitHub crate, \`$one_tag\` only | | | | $gh_one_ms ($(ratio_or "$gh_one_ms" "$gh_all_ms")x of all) |"
fi

cat > BENCHMARKS.md <<MD
# Benchmarks

Measured by \`scripts/bench.sh\` on $(date -u +%Y-%m-%d), on this project's machine ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB).
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
$github_rows

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
  {
    echo
    echo "## 4. The GitHub crate against openapi-generator"
    echo
    echo "\`scripts/bench_github.sh\`: each crate alone, its dependencies built before; wall time and peak memory of the compiler."
    echo
    cat "$work/github.md"
  } >> BENCHMARKS.md
fi
echo "wrote BENCHMARKS.md"
