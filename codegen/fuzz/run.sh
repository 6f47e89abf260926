#!/usr/bin/env bash
# Fuzzes spec loading and generation with libFuzzer (cargo-fuzz, nightly).
#   codegen/fuzz/run.sh [seconds] [jobs]     # default 600 s, 1 job
# Fork mode (-fork=JOBS -ignore_crashes=1): a crash is saved and the run goes
# on. The corpus is seeded with the repository's specs and fixtures and the
# small documents (<= 64 KiB) of ../shared/corpus; crashes land in
# codegen/fuzz/artifacts/generate/. The last lines of the log give the
# executions (`#N`) and crashes (`crashes: N`).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
jobs="${2:-1}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/generate fuzz/artifacts/generate
cp ../specs/*.yaml ../tests/fixtures/*.yaml fuzz/corpus/generate/
if [ -d ../../shared/corpus ]; then
    find ../../shared/corpus -type f \( -name '*.json' -o -name '*.yaml' \) -size -64k \
        -exec cp {} fuzz/corpus/generate/ \;
fi
cargo +nightly fuzz run generate fuzz/corpus/generate -- \
    -fork="$jobs" -ignore_crashes=1 -max_total_time="$seconds" -max_len=65536 \
    -dict=fuzz/openapi.dict -artifact_prefix=fuzz/artifacts/generate/
echo "crash inputs saved: $(find fuzz/artifacts/generate -type f | wc -l)"
