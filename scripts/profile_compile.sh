#!/usr/bin/env bash
# Where rustc's time goes when it compiles the crate from GitHub's 13 MB
# description (`--tag-features`, all features on): `cargo check` and
# `cargo build` of the crate alone (dependencies built before), each under
# the installed nightly's `-Z self-profile` with query keys, summed by the
# part of the generated code each query worked on (scripts/compile-profile,
# which reads the traces with rust-lang's analyzeme).
# Writes a Markdown fragment to target/bench/compile-profile.md (bench.sh
# includes it).
#
#   scripts/profile_compile.sh     # about 8 minutes on 2 cores
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
github="$root/../shared/corpus/large/github_api.github.com.json"
work="$root/target/bench"
mkdir -p "$work"
[ -f "$github" ] || { echo "no GitHub description at $github" >&2; exit 2; }
rustup run nightly rustc --version >/dev/null 2>&1 || { echo "no nightly toolchain: rustup toolchain install nightly" >&2; exit 2; }

echo "== the profile reader"
CARGO_TARGET_DIR="$work/compile-profile-target" cargo build -q --release --locked \
  --manifest-path scripts/compile-profile/Cargo.toml
reader="$work/compile-profile-target/release/compile-profile"

echo "== the GitHub crate"
cargo build -q --release -p codegen
crate="$work/profile-github"
rm -rf "$crate"
target/release/codegen generate "$github" --out "$crate" --crate-name github-ours --tag-features 2>/dev/null
cp Cargo.lock "$crate/Cargo.lock"
target="$work/profile-github-target"
# Dependencies first (the crate with no feature on is a few seconds).
(cd "$crate" && CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 cargo +nightly check -q --no-default-features \
  && CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 cargo +nightly build -q --no-default-features) >&2

# profile PROFILE: a self-profile trace of rustc on the crate alone; prints its stem.
profile() {
  local dir="$work/self-profile-$1"
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$crate" && CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 cargo +nightly rustc -q --profile="$1" -- \
    -Z self-profile="$dir" -Z self-profile-events=default,query-keys) >&2
  local trace; trace=$(ls "$dir"/*.mm_profdata)
  echo "${trace%.mm_profdata}"
}
echo "== cargo check, profiled"
check=$(profile check)
echo "== cargo build, profiled"
build=$(profile dev)

{
  echo "\`cargo check\` ($(rustup run nightly rustc --version)):"
  echo
  "$reader" "$check" github-ours
  echo
  echo "\`cargo build\` (dev profile):"
  echo
  "$reader" "$build" github-ours
} >"$work/compile-profile.md"
rm -rf "$work/self-profile-check" "$work/self-profile-dev"
cat "$work/compile-profile.md"
