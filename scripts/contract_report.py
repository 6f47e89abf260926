"""The Markdown report of a contract run (docs/CONTRACT.md), for
scripts/contract.py: pass rates by group, the failures with their causes,
and what passed only once a document's defect or Prism's limit was taken
away."""

from pathlib import Path


def group_of(name):
    if name.startswith("directory/"):
        return "payment documents of the public API directory (`--directory`)"
    if name.startswith("shared/corpus/"):
        return "the corpus's payment documents (`../shared/corpus/payments`)"
    if name.startswith("specs/"):
        return "this repository's specs (`specs/`)"
    return "documents named on the command line"


def counts(rows):
    """(operations, passed, explained failures, unexplained failures)."""
    results = [r for row in rows for r in row["results"].values()]
    passed = sum(r["ok"] for r in results)
    explained = sum(not r["ok"] and "kind" in r for r in results)
    return len(results), passed, explained, len(results) - passed - explained


def rate(passed, total):
    return f"{100.0 * passed / max(total, 1):.1f}%"


def cell(text, limit=400):
    text = str(text).replace("|", "\\|").replace("\n", " ")
    return text[:limit] + "…" if len(text) > limit else text


def rules_text():
    """The rule list of contract_causes' docstring, as the report gives it."""
    import contract_causes

    doc = contract_causes.__doc__
    return doc[doc.index("Prism's limits"):].strip().splitlines()


def write_report(path, rows, command, seconds):
    groups = {}
    for row in rows:
        groups.setdefault(group_of(row["name"]), []).append(row)
    lines = [
        "# Contract tests against Prism",
        "",
        f"Made by `{command}` (the figures below are the script's, from one run). For each",
        "document, a crate generated with `--contract-tests` calls every operation through the",
        "generated client against a Prism 5.14.2 mock of the same document started with",
        "`--errors`. An operation passes when Prism reports no violation and the answer decodes",
        "into the operation's typed response. Prism checks content (types, required fields,",
        "enums, formats, JSON bodies) but not encodings; the exact bytes of every parameter",
        "style and body encoding are pinned by the runtime's own tests (`runtime/src/wire`,",
        "`runtime/tests`).",
        "",
        "Samples satisfy every constraint of their schemas (a spec example is kept where it",
        "does; each part that breaks a length, pattern, format, range, item count or enum is",
        "replaced by a made value), and every security scheme gets a stand-in credential of its",
        "own form (schemes the client cannot apply itself, such as a custom HTTP scheme, a",
        "stand-in `Authorization` header). A failure is explained only when",
        "`scripts/contract_causes.py` finds, in the document, the fact that accounts for it:",
        "one of Prism's known limits, or the document contradicting itself. Any other failure",
        "is the client's until shown otherwise, and fails the run. A document with an overlay",
        "in `OVERLAYS` (scripts/contract_run.py), which repairs its own defect without editing it,",
        "is run as the overlay makes it, by the client and Prism both; the table of documents",
        "names the overlay.",
        "",
        "| documents | operations | passed | rate | explained failures | unexplained |",
        "|---|---|---|---|---|---|",
    ]
    for group, members in groups.items():
        total, passed, explained, unexplained = counts(members)
        lines.append(f"| {group} | {total} | {passed} | **{rate(passed, total)}** | {explained} | {unexplained} |")
    total, passed, explained, unexplained = counts(rows)
    lines += [
        f"| all | {total} | {passed} | **{rate(passed, total)}** | {explained} | {unexplained} |",
        "",
        f"The run took {seconds / 60:.0f} min on this machine (2 shared cores); each document's",
        "time, with its crate's compilation, is in the table of documents. `.ci/run` runs",
        "`scripts/contract.py --all --directory ci --min-pass 99`: it fails on any failure",
        "no rule explains, or when under 99% of a group's operations pass.",
        "",
        "## How failures are explained",
        "",
        "`scripts/contract_causes.py` (its tests: `scripts/test_contract_causes.py`) holds",
        "the rules, reviewed like any code; there is no hand-kept list of failures. Each rule",
        "reads what Prism or the client said and checks the document for the fact it blames:",
        "",
        *rules_text(),
        "",
    ]
    failures = [(row["name"], op, r) for row in rows for op, r in sorted(row["results"].items()) if not r["ok"]]
    if failures:
        lines += ["## Failures", "", "| document | operation | cause | what the run saw |", "|---|---|---|---|"]
        for name, op, r in failures:
            why = f"{r['kind']}: {r['why']}" if "kind" in r else "**not explained**"
            lines.append(f"| `{name}` | `{op}` | {cell(why, 900)} | {cell(r['detail'], 300)} |")
        lines.append("")
    lines += ["## Documents", "", "| document | operations | passed | seconds | note |", "|---|---|---|---|---|"]
    for row in rows:
        total, passed, _, _ = counts([row])
        lines.append(f"| `{row['name']}` | {total} | {passed} | {row['seconds']:.0f} | {cell(row['note'])} |")
    lines += passed_again(
        rows, "how", "Passed once the document's broken examples were set aside",
        ["Prism's answer from the document's own example broke the document's schema (a",
         "defect of the document: Prism rejects its own answer with a 500, serves a JSON",
         "document quoted as a string, or serves an example that jsonschema finds breaks",
         "its schema, which the typed client then cannot decode). The operation was run",
         "again, and passed, against Prism on a copy of the document whose examples and",
         "defaults are made to fit their schemas (`scripts/example_repair.py`: JSON text",
         "read as its value, refused parts removed, header examples no header can carry",
         "removed, and strings with a pattern but no example given one that matches, as",
         "Prism's static answers otherwise say `string`; every schema keyword stays the",
         "document's), or with Prism's `--ignoreExamples` or `--dynamic` answers, which",
         "follow the schemas. The column says which."],
        ["passed with", "the example's defect"],
        lambda r: [r["how"], cell(r["defect"], 200)])
    lines += passed_again(
        rows, "limit", "Passed once Prism's limits were taken away",
        ["Prism failed the operation on one of its limits (above), and the operation was",
         "run again, and passed, against Prism serving a copy of the document that says what",
         "OpenAPI means where Prism reads it otherwise (`for_prism` in",
         "`scripts/contract_causes.py`): header parameters named Accept, Content-Type or",
         "Authorization removed, as OpenAPI says to ignore them, and `format: float`",
         "numbers without bounds given the 32-bit range, the format's own. Every other",
         "keyword, example and parameter is the document's (with its examples made to fit,",
         "as above)."],
        ["Prism's limit"],
        lambda r: [cell(r["limit"], 300)])
    Path(path).write_text("\n".join(lines) + "\n")


def passed_again(rows, key, title, text, columns, values):
    """The section of operations that passed when run again (those whose
    result carries `key`): its title, what was done, and a table of them."""
    passed = [(row["name"], op, r) for row in rows for op, r in sorted(row["results"].items())
              if r["ok"] and key in r]
    if not passed:
        return []
    lines = ["", f"## {title}", "", *text, "",
             "| " + " | ".join(["document", "operation", *columns]) + " |",
             "|" + "---|" * (2 + len(columns))]
    for name, op, r in passed:
        lines.append("| " + " | ".join([f"`{name}`", f"`{op}`", *values(r)]) + " |")
    return lines
