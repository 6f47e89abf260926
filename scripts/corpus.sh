#!/usr/bin/env bash
# Generates a crate from every OpenAPI document in the public corpus and runs
# `cargo check` and `cargo doc` (rustdoc lints denied) on each, with one
# shared target directory, then writes a table of the results to
# docs/CORPUS.md.
#
#   scripts/corpus.sh                 # every document listed in INDEX.tsv
#   scripts/corpus.sh oai progenitor  # only these folders
#
# CORPUS (default ../shared/corpus) names the corpus; documents are read in
# place and never modified. Output goes to target/corpus/.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS:-$root/../shared/corpus}"
work="$root/target/corpus"
export CARGO_TARGET_DIR="$work/target"
mkdir -p "$work/crates"

if [ ! -f "$corpus/INDEX.tsv" ]; then
  echo "no corpus at $corpus (set CORPUS)" >&2
  exit 2
fi

cargo build -q --release -p codegen --manifest-path "$root/Cargo.toml" || exit 1
codegen="$CARGO_TARGET_DIR/release/codegen"

folders=("$@")
table="$work/results.tsv"
: > "$table"
tail -n +2 "$corpus/INDEX.tsv" | while IFS=$'\t' read -r file version bytes ops schemas; do
  folder="${file%%/*}"
  if [ ${#folders[@]} -gt 0 ] && [[ ! " ${folders[*]} " == *" $folder "* ]]; then continue; fi
  name="$(basename "$file" | sed -E 's/\.(json|yaml|yml)$//; s/[^A-Za-z0-9]+/-/g' | tr 'A-Z' 'a-z')"
  out="$work/crates/$name"
  log="$work/$name.log"
  start=$(date +%s%N)
  if "$codegen" generate "$corpus/$file" --out "$out" --crate-name "corpus-$name" \
      --runtime-dep "{ path = \"$root/runtime\" }" > "$log" 2>&1; then
    ms=$(( ($(date +%s%N) - start) / 1000000 )); gen_secs=$(printf "%d.%03d" $((ms / 1000)) $((ms % 1000)))
    gen_warnings=$(grep -c ': warning: ' "$log")
    # Same dependency versions as the workspace, so the shared target is reused.
    cp "$root/Cargo.lock" "$out/Cargo.lock"
    if cargo check -q --manifest-path "$out/Cargo.toml" --message-format short >> "$log" 2>&1; then
      rust_warnings=$(grep -c 'warning:' "$log")
      rust_warnings=$((rust_warnings - gen_warnings))
      result="compiles"
      [ "$rust_warnings" -gt 0 ] && result="compiles with $rust_warnings warnings"
      detail=""
      # Documented with rustdoc's lints denied (broken links, bare URLs, HTML).
      if ! RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --manifest-path "$out/Cargo.toml" >> "$log" 2>&1; then
        result="compiles; docs warn"
        detail=$(grep -m1 -E '^error' "$log" | cut -c1-160)
      fi
    else
      result="does not compile"
      detail=$(grep -m1 -E '^(error|[^ ]+: error)' "$log" | cut -c1-160)
    fi
  else
    ms=$(( ($(date +%s%N) - start) / 1000000 )); gen_secs=$(printf "%d.%03d" $((ms / 1000)) $((ms % 1000)))
    gen_warnings=$(grep -c ': warning: ' "$log")
    result="not generated"
    detail=$(grep -m1 ': error: ' "$log" | sed "s|$corpus/||" | cut -c1-200)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$version" "$ops" "$result" "$gen_warnings" "$gen_secs" "$detail" >> "$table"
  echo "$file: $result"
done

{
  echo "# Corpus results"
  echo
  echo "Made by \`scripts/corpus.sh\` on $(date -u +%Y-%m-%d): every document of \`shared/corpus\` generated"
  echo "with \`codegen generate\`, checked with \`cargo check\` and documented with"
  echo "\`RUSTDOCFLAGS=\"-D warnings\" cargo doc\` (one shared target directory)."
  echo "Logs are in \`target/corpus/<name>.log\`."
  echo
  echo "| document | OpenAPI | operations | result | generator warnings | generation (s) | first problem |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r file version ops result warnings secs detail; do
    echo "| $file | $version | $ops | $result | $warnings | $secs | ${detail//|/\\|} |"
  done < "$table"
  echo
  total=$(wc -l < "$table")
  ok=$(grep -c $'\tcompiles\t' "$table")
  echo "$ok of $total documents generate, compile and document without warnings."
} > "$root/docs/CORPUS.md"
echo "wrote docs/CORPUS.md"
