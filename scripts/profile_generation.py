#!/usr/bin/env python3
"""Where generation spends its CPU time, from a `perf record --call-graph dwarf`
of one `codegen generate` run (samples of every thread).

Each sample is charged to the innermost frame that belongs to a known part of
the pipeline, so allocator and memcpy time is charged to the code that asked
for it. Prints a Markdown table: part, share of samples, what it is.

    perf record -F 999 --call-graph dwarf,32768 -o gen.data codegen generate SPEC --out DIR
    perf script -i gen.data | scripts/profile_generation.py
"""

import collections
import re
import sys

# Innermost match wins; checked in this order for each frame.
PARTS = [
    ("syn::", "syn: parse token trees into syntax trees (for prettyplease)"),
    ("prettyplease::", "prettyplease: print syntax trees as text"),
    ("proc_macro2::", "token trees: build and drop (quote!, proc_macro2)"),
    ("quote::", "token trees: build and drop (quote!, proc_macro2)"),
    ("codegen::emit::", "emit: model to token trees (codegen's own code)"),
    ("codegen::write::", "emit: model to token trees (codegen's own code)"),
    ("codegen::load::locate::", "positions of diagnostics in the text"),
    ("codegen::load::v31::", "load: 3.1 normalisation"),
    ("codegen::load::bundle::", "load: file references"),
    ("serde_path_to_error::", "load: deserialize into openapiv3 (the floor's work)"),
    ("openapiv3::", "load: deserialize into openapiv3 (the floor's work)"),
    ("serde_json::value::de", "load: deserialize into openapiv3 (the floor's work)"),
    ("serde_json::", "load: parse JSON text"),
    ("serde_yaml::", "load: parse YAML text"),
    ("yaml_serde::", "load: parse YAML text"),
    ("serde::", "load: deserialize into openapiv3 (the floor's work)"),
    ("serde_core::", "load: deserialize into openapiv3 (the floor's work)"),
    ("codegen::lower::", "lower: references, names, types, operations"),
    ("codegen::load::", "load: read, version check"),
    ("drop_in_place<codegen::load::Document>", "free the parsed document"),
    ("drop_in_place<serde_json::value::Value>", "free the parsed document"),
    ("drop_in_place<openapiv3::", "free the parsed document"),
    ("drop_in_place<codegen::model::", "free the model"),
    ("codegen::", "other codegen code"),
]


def frames(sample):
    for line in sample.split("\n")[1:]:
        parts = line.strip().split(None, 1)
        if len(parts) == 2:
            yield re.sub(r"\+0x[0-9a-f]+.*$", "", parts[1])


def classify(sample):
    for frame in frames(sample):
        for needle, part in PARTS:
            if needle in frame:
                return part
    return "other: kernel, start-up, exit, unattributed"


def main():
    counts = collections.Counter()
    total = 0
    for sample in sys.stdin.read().split("\n\n"):
        if not sample.strip():
            continue
        total += 1
        counts[classify(sample.strip())] += 1
    if total == 0:
        print("no samples (is perf allowed here?)")
        return 1
    print("| part | share of CPU samples |")
    print("|---|---|")
    for part, n in counts.most_common():
        print(f"| {part} | {100.0 * n / total:.1f}% |")
    print()
    print(f"{total} samples over all threads.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
