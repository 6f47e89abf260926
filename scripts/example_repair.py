"""A copy of an OpenAPI document whose examples and defaults fit its schemas.

Prism answers a mock request with the document's own example, or, with
`--ignoreExamples`, with an answer it builds from the schema's property
`example`s and `default`s. Where those annotations break the schema they sit
in, Prism rejects its own answer (HTTP 500), and the client cannot be tried.

`repair(document)` returns a copy in which every such annotation fits its
schema, and a list of what it changed. Only annotations change: `type`,
`required`, `enum`, `pattern`, `oneOf` and every other keyword Prism checks
requests and answers against stay as the document has them. Each example
and default is validated with `jsonschema` (the validator of the document's
JSON Schema dialect, after turning OpenAPI 3.0's `nullable` into a `null`
type):

1. a value written as JSON text (`"example": "{ \"Id\": 1 }"`, `"default":
   "false"` on a boolean) is replaced by the value the text holds, when
   that value fits;
2. otherwise each value the schema refuses is removed where the schema lets
   it be absent: an optional property, an item of an array. A refused value
   that must be there takes its enclosing value with it;
3. an annotation with nothing valid left is removed;
4. an example of a header (a response header, a header parameter) holding a
   line break or another control character, which no HTTP header can carry,
   is removed (Prism fails sending it).

Formats are checked as a mock server checks them (`date`, `date-time`,
`time`, `uri`, `email`, `uuid`, `ipv4`, `ipv6`): a date-time in a `format:
date` field breaks its schema.
"""

import copy
import datetime
import ipaddress
import json
import re

import jsonschema

from oas_schema import as_json_schema_node

_DATE = re.compile(r"^\d{4}-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")


def _date(value):
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _date_time(value):
    if not isinstance(value, str):
        return True
    date, sep, time = value.replace("t", "T").replace(" ", "T").partition("T")
    return bool(sep) and _date(date) and bool(_TIME.match(time))


def _ip(kind):
    def check(value):
        if not isinstance(value, str):
            return True
        try:
            return isinstance(ipaddress.ip_address(value), kind)
        except ValueError:
            return False

    return check


def _matches(pattern):
    return lambda value: not isinstance(value, str) or bool(pattern.match(value))


def _formats():
    """The formats Prism checks, with the checks written out here (the ones
    jsonschema ships need packages of their own for some formats)."""
    checker = jsonschema.FormatChecker(formats=())
    for name, check in {
        "date": _date,
        "date-time": _date_time,
        "time": _matches(_TIME),
        "uri": _matches(_URI),
        "email": _matches(_EMAIL),
        "uuid": _matches(_UUID),
        "ipv4": _ip(ipaddress.IPv4Address),
        "ipv6": _ip(ipaddress.IPv6Address),
    }.items():
        checker.checks(name)(check)
    return checker


_FORMATS = _formats()


def _pointer(path):
    return "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path)


_SCHEMA_MAPS = ("properties", "patternProperties", "definitions", "$defs", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_SCHEMA_ONE = ("items", "additionalProperties", "additionalItems", "not", "if", "then", "else",
               "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems")


def _as_json_schema(node, legacy):
    """A schema as the validator must read it, every node as
    `oas_schema.as_json_schema_node` says (3.0's `nullable: true` as a
    `null` type, object keywords without a `type` as an object), which is
    how the generated types read it."""
    if not isinstance(node, dict):
        return node
    node = dict(node)
    for key in _SCHEMA_MAPS:
        if isinstance(node.get(key), dict):
            node[key] = {name: _as_json_schema(sub, legacy) for name, sub in node[key].items()}
    for key in _SCHEMA_LISTS:
        if isinstance(node.get(key), list):
            node[key] = [_as_json_schema(sub, legacy) for sub in node[key]]
    for key in _SCHEMA_ONE:
        if isinstance(node.get(key), dict):
            node[key] = _as_json_schema(node[key], legacy)
    return as_json_schema_node(node, legacy)


class _Checker:
    """Validates values against the document's schemas."""

    def __init__(self, document):
        self.legacy = str(document.get("openapi", "3.0")).startswith("3.0")
        self.validator_class = (
            jsonschema.Draft4Validator if self.legacy else jsonschema.Draft202012Validator
        )
        components = dict(document.get("components") or {})
        schemas = components.get("schemas")
        if isinstance(schemas, dict):
            components["schemas"] = {
                name: _as_json_schema(schema, self.legacy) for name, schema in schemas.items()
            }
        self.root = {"components": components}

    def against(self, schema):
        """A function giving the schema's complaints about a value, or None
        when the schema cannot be used (a broken reference, a keyword of the
        wrong shape). The schema is read once, for every value checked."""
        schema = _as_json_schema(schema, self.legacy)
        whole = dict(self.root)
        if "$ref" in schema:
            whole["allOf"] = [schema]
        else:
            whole.update(schema)
        validator = self.validator_class(whole, format_checker=_FORMATS)

        def errors(value):
            try:
                return list(validator.iter_errors(value))
            except Exception:  # noqa: BLE001 - an unusable schema, of whatever kind
                return None

        return errors


def _remove(value, path):
    """Removes the value at `path` (not empty) from `value`. Returns False when
    `path` no longer leads anywhere."""
    parent = value
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    try:
        del parent[last]
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _fit(errors_of, value, rounds=400):
    """`value` with every part `errors_of` refuses removed, or None when
    nothing fits."""
    value = copy.deepcopy(value)
    for _ in range(rounds):
        errors = errors_of(value)
        if errors is None:
            return None
        if not errors:
            return value
        # The deepest refused value goes first. Where it was required, the
        # next round finds its enclosing value refused, and that goes.
        error = min(errors, key=lambda e: (-len(e.absolute_path), list(map(str, e.absolute_path))))
        path = list(error.absolute_path)
        if not path or not _remove(value, path):
            return None
    return None


def _unquoted(text):
    """The value a JSON text holds, unless it is no JSON or just a string."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return None if isinstance(parsed, str) else parsed


def repair(document):
    """(copy of `document` with fitting annotations, [change, ...])."""
    document = copy.deepcopy(document)
    checker = _Checker(document)
    changes = []

    def settle(holder, key, schema, where):
        value = holder[key]
        errors_of = checker.against(schema)
        errors = errors_of(value)
        if not errors:
            return
        done = []
        parsed = _unquoted(value)
        if parsed is not None:
            value = parsed
            done.append("JSON text read as its value")
            errors = errors_of(value)
        if errors:
            first = errors[0].message[:120]
            value = _fit(errors_of, value)
            done.append(f"removed ({first})" if value is None else f"refused parts removed ({first})")
        if value is None:
            del holder[key]
        else:
            holder[key] = value
        changes.append(f"{where}/{key}: " + "; ".join(done))

    def unsendable(node, where):
        """Removes a header's examples that no HTTP header can carry."""

        def broken(value):
            return isinstance(value, str) and any(
                (ord(c) < 32 and c != "\t") or ord(c) == 127 for c in value
            )

        message = "removed (holds a line break or control character, which no HTTP header can carry)"
        if broken(node.get("example")):
            del node["example"]
            changes.append(f"{where}/example: {message}")
        examples = node.get("examples")
        if isinstance(examples, dict):
            for name in list(examples):
                example = examples[name]
                if isinstance(example, dict) and broken(example.get("value")):
                    del examples[name]
                    changes.append(f"{where}/examples/{_pointer([name])}: {message}")
        schema = node.get("schema")
        for key in ("example", "default"):
            if isinstance(schema, dict) and broken(schema.get(key)):
                del schema[key]
                changes.append(f"{where}/schema/{key}: {message}")

    def walk(node, path, in_schema):
        if isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, [*path, index], in_schema)
            return
        if not isinstance(node, dict):
            return
        where = "#/" + _pointer(path)
        schema = node.get("schema")
        header = (len(path) >= 2 and path[-2] == "headers") or node.get("in") == "header"
        if isinstance(schema, dict) and not in_schema and header:
            unsendable(node, where)
        if isinstance(schema, dict) and not in_schema:
            # A media type or parameter: its examples are of its schema.
            if "example" in node:
                settle(node, "example", schema, where)
            examples = node.get("examples")
            if isinstance(examples, dict):
                for name, example in examples.items():
                    if isinstance(example, dict) and "value" in example:
                        settle(example, "value", schema, f"{where}/examples/{_pointer([name])}")
        if in_schema:
            bare = {k: v for k, v in node.items() if k not in ("example", "default", "examples")}
            for key in ("example", "default"):
                if key in node:
                    settle(node, key, bare, where)
        for key, value in node.items():
            # Examples are values, not parts of the document to walk.
            if key in ("example", "examples", "default"):
                continue
            child_in_schema = in_schema or key == "schema" or (
                key == "schemas" and path == ["components"]
            )
            if in_schema and key == "properties" and isinstance(value, dict):
                for name, property_schema in value.items():
                    walk(property_schema, [*path, key, name], True)
                continue
            if key == "schemas" and path == ["components"] and isinstance(value, dict):
                for name, component in value.items():
                    walk(component, [*path, key, name], True)
                continue
            walk(value, [*path, key], child_in_schema)

    walk(document, [], False)
    return document, changes


def fill_patterns(document):
    """(copy of `document`, [addition, ...]): every string schema with a
    `pattern` and no example, default, enum or const gets an example, the
    first string `exrex` gives for the pattern, kept only when jsonschema
    finds it fits the whole schema. Prism's static answers take a
    property's example; without one they give `string`, which breaks the
    pattern, and Prism refuses its own answer. Nothing else changes."""
    import re

    import exrex

    document = copy.deepcopy(document)
    checker = _Checker(document)
    added = []

    def walk(node, path):
        if isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, [*path, index])
            return
        if not isinstance(node, dict):
            return
        pattern = node.get("pattern")
        if (
            isinstance(pattern, str)
            and node.get("type", "string") == "string"
            and "in" not in node
            and not any(k in node for k in ("example", "examples", "default", "enum", "const", "$ref"))
        ):
            try:
                value = next(exrex.generate(pattern, limit=20), None)
                fits = value is not None and re.search(pattern, value) is not None
            except Exception:  # noqa: BLE001 - a pattern Python cannot read is left alone
                fits = False
            if fits and checker.against(node)(value) == []:
                node["example"] = value
                added.append(f"#/{_pointer(path)}/example: {json.dumps(value)} added (matches {pattern})")
        for key, value in node.items():
            if key not in ("example", "examples", "default", "enum", "const"):
                walk(value, [*path, key])

    walk(document, [])
    return document, added
