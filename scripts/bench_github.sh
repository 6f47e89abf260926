#!/usr/bin/env bash
# Our crate from GitHub's 13 MB description against openapi-generator's
# (`-g rust`, 7.26.0 from PyPI; Java is on the machine), side by side in one
# run: lines, `cargo check` and `cargo build` of each crate alone (its
# dependencies built before, by a copy of the crate with an empty library),
# wall time and peak memory of the compiler; and ours with one tag enabled.
# Writes a Markdown fragment to target/bench/github.md (bench.sh includes it).
#
#   scripts/bench_github.sh           # about 30 minutes on 2 cores
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
github="$root/../shared/corpus/large/github_api.github.com.json"
work="$root/target/bench"
mkdir -p "$work"
[ -f "$github" ] || { echo "no GitHub description at $github" >&2; exit 2; }

echo "== openapi-generator 7.26.0"
venv="$work/ogc-venv"
if [ ! -x "$venv/bin/openapi-generator-cli" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q openapi-generator-cli==7.26.0
fi
rm -rf "$work/ogc-github"
"$venv/bin/openapi-generator-cli" generate -g rust -i "$github" -o "$work/ogc-github" \
  --skip-validate-spec --additional-properties=packageName=github-ogc >"$work/ogc-generate.log" 2>&1
# Its own workspace: it is written inside this repository's target/.
printf '\n[workspace]\n' >>"$work/ogc-github/Cargo.toml"

echo "== ours"
cargo build -q --release -p codegen
rm -rf "$work/ours-github"
target/release/codegen generate "$github" --out "$work/ours-github" --crate-name github-ours \
  --tag-features 2>/dev/null
cp Cargo.lock "$work/ours-github/Cargo.lock"

lines() { find "$1/src" -name '*.rs' -not -path '*/runtime/*' -exec cat {} + | wc -l; }
# deps CRATE_DIR TARGET: builds (check and build) the crate's dependencies
# through a copy whose library is empty.
deps() {
  local shell="$work/deps-$(basename "$1")"
  rm -rf "$shell" && mkdir -p "$shell/src" && cp "$1/Cargo.toml" "$shell/"
  if [ -f "$1/Cargo.lock" ]; then cp "$1/Cargo.lock" "$shell/"; fi
  touch "$shell/src/lib.rs"
  # Default features, as measured (features change what dependencies are built with).
  (cd "$shell" && CARGO_TARGET_DIR="$2" cargo check -q && CARGO_TARGET_DIR="$2" cargo build -q) >&2
  # Both crates build with the versions the shell resolved.
  cp "$shell/Cargo.lock" "$1/Cargo.lock"
}
# measure DIR TARGET COMMAND...: "seconds peak_MiB" of COMMAND on the crate
# alone (its own artefacts removed first), or "fails fails".
measure() {
  local dir="$1" target="$2"; shift 2
  local name; name=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -n1)
  (cd "$dir" && CARGO_TARGET_DIR="$target" cargo clean -q -p "$name") >&2
  local out="$work/time.$$"
  if (cd "$dir" && CARGO_TARGET_DIR="$target" /usr/bin/time -f '%e %M' -o "$out" "$@" >&2); then
    awk '{printf "%s %d\n", $1, $2 / 1024}' "$out"
  else
    echo "fails fails"
  fi
}

ours_target="$work/github-ours-target"
ogc_target="$work/github-ogc-target"
deps "$work/ours-github" "$ours_target"
deps "$work/ogc-github" "$ogc_target"

ours_lines=$(lines "$work/ours-github")
ogc_lines=$(lines "$work/ogc-github")
one_tag=tag-meta
big_tag=tag-repos
tags=$(grep -c '^tag-' "$work/ours-github/Cargo.toml")

echo "== cargo check"
read -r ogc_check ogc_check_mem < <(measure "$work/ogc-github" "$ogc_target" cargo check -q)
read -r ours_check ours_check_mem < <(measure "$work/ours-github" "$ours_target" cargo check -q)
read -r one_check one_check_mem < <(measure "$work/ours-github" "$ours_target" cargo check -q --no-default-features --features "$one_tag")
read -r big_check big_check_mem < <(measure "$work/ours-github" "$ours_target" cargo check -q --no-default-features --features "$big_tag")
echo "== cargo build"
read -r ogc_build ogc_build_mem < <(measure "$work/ogc-github" "$ogc_target" cargo build -q)
read -r ours_build ours_build_mem < <(measure "$work/ours-github" "$ours_target" cargo build -q)
read -r one_build one_build_mem < <(measure "$work/ours-github" "$ours_target" cargo build -q --no-default-features --features "$one_tag")

r() { case "$1$2" in *fails*) echo "n/a" ;; *) python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}x')" "$1" "$2" ;; esac; }

cat >"$work/github.md" <<MD
| crate | lines | \`cargo check\` (s) | check peak (MiB) | \`cargo build\` (s) | build peak (MiB) |
|---|---|---|---|---|---|
| openapi-generator 7.26.0 \`-g rust\` | $ogc_lines | $ogc_check | $ogc_check_mem | $ogc_build | $ogc_build_mem |
| ours, all $tags features | $ours_lines | $ours_check | $ours_check_mem | $ours_build | $ours_build_mem |
| ours, \`$one_tag\` only | | $one_check | $one_check_mem | $one_build | $one_build_mem |
| ours, \`$big_tag\` only (the largest tag) | | $big_check | $big_check_mem | | |

Ratios (budgets in brackets): check time ours/theirs $(r "$ours_check" "$ogc_check") [<= 0.5x],
check memory $(r "$ours_check_mem" "$ogc_check_mem") [<= 0.5x], build time $(r "$ours_build" "$ogc_build") [<= 0.5x],
build memory $(r "$ours_build_mem" "$ogc_build_mem") [<= 0.5x]; one tag of all: check $(r "$one_check" "$ours_check"),
build $(r "$one_build" "$ours_build") [<= 0.15x]; the largest tag alone: check $(r "$big_check" "$ours_check").
MD
cat "$work/github.md"
