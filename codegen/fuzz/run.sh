#!/usr/bin/env bash
# Fuzzes spec loading and generation with libFuzzer (cargo-fuzz, nightly).
#   codegen/fuzz/run.sh [seconds]     # default 600
# Seeds the corpus with the repository's specs and fixtures; crashes land
# in codegen/fuzz/artifacts/generate/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/generate
cp ../specs/*.yaml ../tests/fixtures/*.yaml fuzz/corpus/generate/
cargo +nightly fuzz run generate fuzz/corpus/generate -- -max_total_time="$seconds" -max_len=65536 -dict=fuzz/openapi.dict
