"""Why a contract test failed, when the reason is Prism or the document.

`explain(document, method, path, cause)` names the cause of one failing
operation, or returns None: a failure no rule here explains is the
client's until shown otherwise, and fails CI. Every rule reads what Prism
or the client said AND checks the document for the fact it blames (with
jsonschema where it is about values), so a rule cannot explain a failure
the document does not account for. Rules, each with its test in
scripts/test_contract_causes.py:

Prism's limits (Prism 5.14.2; the client is not the cause):
- no serializer: the operation answers only in a media type Prism cannot
  write (`text/csv`, `application/csv`, ...), and says so;
- ignored header parameters: Prism requires a header parameter named
  `Accept`, `Content-Type` or `Authorization`, which OpenAPI says to
  ignore (a client sends its own, or none);
- unsendable header examples: Prism fails (HTTP 500, `Invalid character in
  header content`) sending the document's example of a response header
  that holds a line break;
- answers Prism cannot make valid: after the document's own examples are
  made to fit, every answer Prism makes breaks the document only where its
  generators fall short: a static answer is `string` for a string whose
  `pattern` has no example to take, and a dynamic one ignores a `format`
  its generator does not know (`url`);
- floats out of range: Prism's answer for a `format: float` number with no
  example is -2^128 (-3.402823669209385e+38), which no 32-bit float holds,
  so the typed answer (`f32`) refuses it as out of range.

The document contradicts itself (no client can pass):
- an overlapping `oneOf`: the answer's `oneOf` has alternatives that one
  of the document's own examples matches more than one of, so answers
  like it break `oneOf` (Prism refuses them);
- a required property the schema does not define: the request schema
  lists it in `required` but not in `properties` (and allows nothing
  else), so the typed request has no field to carry it;
- an object as text: an answer in a `text/` media type whose schema is an
  object or an array, which no text is (Prism fails writing it: `Cannot
  serialise complex objects as text`).
"""

import copy
import re

import example_repair

LIMIT = "Prism's limit"
DOCUMENT = "the document contradicts itself"

IGNORED_HEADERS = ("accept", "content-type", "authorization")


def _unescape(part):
    return part.replace("~1", "/").replace("~0", "~")


class Document:
    """An OpenAPI document, with its references followed and its values
    checked by example_repair's jsonschema checker."""

    def __init__(self, data):
        self.data = data
        self._checker = None

    @property
    def checker(self):
        if self._checker is None:
            self._checker = example_repair._Checker(self.data)
        return self._checker

    def at(self, pointer):
        node = self.data
        for part in pointer.lstrip("#/").split("/") if pointer.strip("#/") else []:
            part = _unescape(part)
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def resolve(self, node, pointer=""):
        """(node, pointer) with local `$ref`s followed."""
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#") or ref in seen:
                break
            seen.add(ref)
            try:
                node, pointer = self.at(ref), ref
            except (KeyError, IndexError, ValueError, TypeError):
                break
        return node, pointer

    def operation(self, method, path):
        """(operation, its pointer, its parameters resolved) or None."""
        item = (self.data.get("paths") or {}).get(path)
        item, _ = self.resolve(item)
        if not isinstance(item, dict):
            return None
        op = item.get(method.lower())
        if not isinstance(op, dict):
            return None
        pointer = "#/paths/" + example_repair._pointer([path, method.lower()])
        params = {}
        for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
            p, _ = self.resolve(raw)
            if isinstance(p, dict):
                params[(p.get("in"), str(p.get("name", "")).lower())] = p
        return op, pointer, list(params.values())

    def responses(self, op):
        """(status, response) of an operation, references followed."""
        for status, response in (op.get("responses") or {}).items():
            response, _ = self.resolve(response)
            if isinstance(response, dict):
                yield str(status), response

    def matches(self, schema, value):
        errors = self.checker.against(schema)(value)
        return errors is not None and not errors


def explain(document, method, path, cause):
    """(kind, explanation) for a failure `cause` of the operation at
    `method` `path`, or None when no rule accounts for it."""
    found = document.operation(method, path)
    if found is None:
        return None
    for rule in RULES:
        explained = rule(document, found, cause)
        if explained:
            return explained
    return None


def no_serializer(document, found, cause):
    match = re.search(r"Cannot find serializer for ([^\s:;]+)", cause)
    if not match:
        return None
    media = match.group(1)
    op, _, _ = found
    statuses = [
        status
        for status, response in document.responses(op)
        if media in (response.get("content") or {})
    ]
    if not statuses:
        return None
    return LIMIT, (
        f"Prism cannot answer in `{media}`: it has no serializer for it, and the document's "
        f"`{statuses[0]}` answer is `{media}`"
    )


def ignored_header(document, found, cause):
    if "request" not in cause.lower() and "HTTP 422" not in cause and "HTTP 400" not in cause:
        return None
    names = "|".join(re.escape(n) for n in IGNORED_HEADERS)
    match = re.search(rf"header[^;:]*:[^;]*?'({names})'", cause, re.I)
    if not match:
        return None
    name = match.group(1).lower()
    _, _, params = found
    declared = [p for p in params if p.get("in") == "header" and str(p.get("name")).lower() == name]
    if not declared or not declared[0].get("required"):
        return None
    return LIMIT, (
        f"Prism requires the header parameter `{declared[0]['name']}`, which OpenAPI says to "
        "ignore (a header parameter named Accept, Content-Type or Authorization): the client "
        "sends its own, or none"
    )


def object_as_text(document, found, cause):
    if "Cannot serialise complex objects as text" not in cause:
        return None
    op, _, _ = found
    for status, response in document.responses(op):
        for media, content in (response.get("content") or {}).items():
            if not media.startswith("text/") or not isinstance(content, dict):
                continue
            schema, _ = document.resolve(content.get("schema"))
            if isinstance(schema, dict) and schema.get("type") in ("object", "array"):
                return DOCUMENT, (
                    f"its `{status}` answer is `{media}` with a schema of type "
                    f"`{schema['type']}`, which no text is: Prism cannot write it"
                )
    return None


def unsendable_header(document, found, cause):
    match = re.search(r'Invalid character in header content \[\\?"([^"\\]+)\\?"\]', cause)
    if not match:
        return None
    name = match.group(1).lower()
    op, _, _ = found
    for status, response in document.responses(op):
        for header_name, header in (response.get("headers") or {}).items():
            header, _ = document.resolve(header)
            if header_name.lower() != name or not isinstance(header, dict):
                continue
            values = [header.get("example"), (header.get("schema") or {}).get("example")]
            values += [e.get("value") for e in (header.get("examples") or {}).values()
                       if isinstance(e, dict)]
            if any(isinstance(v, str) and re.search(r"[\x00-\x08\x0a-\x1f\x7f]", v) for v in values):
                return LIMIT, (
                    f"the document's example of the `{header_name}` header of its `{status}` "
                    "answer holds a line break, which no HTTP header can carry: Prism fails "
                    "sending it"
                )
    return None


def _examples(document, media):
    """(name, value) of a media type's examples."""
    if "example" in media:
        yield "example", media["example"]
    for name, example in (media.get("examples") or {}).items():
        example, _ = document.resolve(example)
        if isinstance(example, dict) and "value" in example:
            yield name, example["value"]


def _one_ofs(document, schema, pointer, depth=0):
    """(oneOf list, pointer) in a schema, through references, allOf and properties."""
    schema, pointer = document.resolve(schema, pointer)
    if not isinstance(schema, dict) or depth > 6:
        return
    if isinstance(schema.get("oneOf"), list):
        yield schema["oneOf"], pointer + "/oneOf"
    for key in ("allOf", "anyOf"):
        for i, sub in enumerate(schema.get(key) or []):
            yield from _one_ofs(document, sub, f"{pointer}/{key}/{i}", depth + 1)


def overlapping_one_of(document, found, cause):
    if "must match exactly one schema in oneOf" not in cause:
        return None
    op, op_pointer, _ = found
    for status, response in document.responses(op):
        if not status.startswith("2"):
            continue
        for media_type, media in (response.get("content") or {}).items():
            if not isinstance(media, dict) or not isinstance(media.get("schema"), dict):
                continue
            where = f"{op_pointer}/responses/{status}/content/{example_repair._pointer([media_type])}/schema"
            for alternatives, pointer in _one_ofs(document, media["schema"], where):
                for name, value in _examples(document, media):
                    matched = [
                        document.resolve(alt, f"{pointer}/{i}")[1].rsplit("/", 1)[-1]
                        for i, alt in enumerate(alternatives)
                        if isinstance(alt, dict) and document.matches(alt, value)
                    ]
                    if len(matched) > 1:
                        return DOCUMENT, (
                            f"the answer's `oneOf` (`{pointer}`) has alternatives that overlap: "
                            f"the document's own example `{name}` matches {len(matched)} of them "
                            f"({', '.join(matched)}), so answers like it break `oneOf` and Prism "
                            "refuses them, from the examples or from the schemas; the fix is the "
                            "document's (`anyOf`, or alternatives that exclude each other)"
                        )
    return None


def _undefined_required(document, schema, name, pointer, seen, depth=0):
    """The pointer of a schema under `schema` that requires `name` without
    defining it or allowing other properties, or None."""
    schema, pointer = document.resolve(schema, pointer)
    if not isinstance(schema, dict) or depth > 12 or id(schema) in seen:
        return None
    seen.add(id(schema))
    properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    if name in (schema.get("required") or []) and name not in properties and not any(
        isinstance(schema.get(k), (dict, list)) for k in ("allOf", "anyOf", "oneOf")
    ) and not isinstance(schema.get("additionalProperties"), dict):
        return pointer
    children = [(f"{pointer}/properties/{example_repair._pointer([k])}", v) for k, v in properties.items()]
    for key in ("allOf", "anyOf", "oneOf"):
        children += [(f"{pointer}/{key}/{i}", v) for i, v in enumerate(schema.get(key) or [])]
    if isinstance(schema.get("items"), dict):
        children.append((f"{pointer}/items", schema["items"]))
    for child_pointer, child in children:
        hit = _undefined_required(document, child, name, child_pointer, seen, depth + 1)
        if hit:
            return hit
    return None


def undefined_required(document, found, cause):
    match = re.search(r"body[^;:]*: [^;]*must have required property '([^']+)'", cause)
    if not match or "request" not in cause.lower() and "HTTP 422" not in cause:
        return None
    name = match.group(1)
    op, op_pointer, _ = found
    body, _ = document.resolve(op.get("requestBody"))
    if not isinstance(body, dict):
        return None
    for media_type, media in (body.get("content") or {}).items():
        if isinstance(media, dict) and isinstance(media.get("schema"), dict):
            where = f"{op_pointer}/requestBody/content/{example_repair._pointer([media_type])}/schema"
            hit = _undefined_required(document, media["schema"], name, where, set())
            if hit:
                return DOCUMENT, (
                    f"`{hit}` lists `{name}` in `required` but defines no such property, so "
                    "the typed request has no field to carry it"
                )
    return None


# The string formats Prism's dynamic answers (json-schema-faker) produce.
FAKER_FORMATS = {
    "date-time", "date", "time", "email", "idn-email", "hostname", "idn-hostname", "ipv4",
    "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer",
    "relative-json-pointer", "regex", "uuid",
}

_VIOLATION = re.compile(
    r"response\.body(?:\.([^:;]+))?: Response body (?:property \S+ )?must match (pattern|format) \"([^\"]+)\""
)


def _schema_at(document, schema, segments, depth=0):
    """The schema of the value at `segments` (property names, item indexes)
    under `schema`, through references and `allOf`."""
    schema, _ = document.resolve(schema)
    if not isinstance(schema, dict) or depth > 40:
        return None
    if not segments:
        return schema
    head, rest = segments[0], segments[1:]
    if head.isdigit() and isinstance(schema.get("items"), dict):
        return _schema_at(document, schema["items"], rest, depth + 1)
    properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    if head in properties:
        return _schema_at(document, properties[head], rest, depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key) or []:
            found = _schema_at(document, sub, segments, depth + 1)
            if found is not None:
                return found
    return None


def generators_fall_short(document, found, cause):
    tiers = re.split(r"; then (?=with )", cause)
    static = [t for t in tiers if t.startswith("with the spec's examples made to fit")
              or t.startswith("with --ignoreExamples")]
    dynamic = [t for t in tiers if t.startswith("with --dynamic")]
    if not static or not dynamic:
        return None
    op, _, _ = found
    schemas = [
        media["schema"]
        for status, response in document.responses(op) if status.startswith("2")
        for media in (response.get("content") or {}).values()
        if isinstance(media, dict) and isinstance(media.get("schema"), dict)
    ]
    shortfalls = {"pattern": set(), "format": set()}
    for tier in static + dynamic:
        violations = _VIOLATION.findall(tier)
        # Every violation Prism reports must be one of its generators'.
        if not violations or tier.count(": Response body") != len(violations):
            return None
        for where, keyword, value in violations:
            segments = where.split(".") if where else []
            schema = next((s for s in (_schema_at(document, r, segments) for r in schemas) if s), None)
            if schema is None or schema.get(keyword) != value:
                return None
            name = ".".join(x for x in segments if not x.isdigit()) or "the body"
            if keyword == "pattern" and tier in static:
                example = schema.get("example", schema.get("default"))
                try:
                    fits = isinstance(example, str) and re.search(value, example)
                except re.error:
                    fits = False
                if fits:
                    return None
                shortfalls["pattern"].add(f"`{name}` (pattern `{value}`)")
            elif keyword == "format" and tier in dynamic and value not in FAKER_FORMATS:
                shortfalls["format"].add(f"`{name}` (`format: {value}`)")
            else:
                return None
    said = []
    if shortfalls["pattern"]:
        said.append("its static answers give `string` for " + ", ".join(sorted(shortfalls["pattern"]))
                    + ", which have no example to take")
    if shortfalls["format"]:
        said.append("its dynamic ones do not know " + ", ".join(sorted(shortfalls["format"])))
    return LIMIT, (
        "Prism makes no answer its own validator accepts, once the document's examples fit: "
        + "; ".join(said) + " (the request passed Prism's checks)"
    )


F32_MAX = 3.4028234663852886e38
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)")


def _has_float(document, schema, depth=0):
    """Whether a `format: float` number is somewhere under `schema`."""
    schema, _ = document.resolve(schema)
    if depth > 40:
        return False
    if isinstance(schema, list):
        return any(_has_float(document, s, depth + 1) for s in schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("format") == "float" and schema.get("type") in ("number", ["number"], None):
        return True
    children = [schema.get(k) for k in ("items", "additionalProperties", "allOf", "anyOf", "oneOf")]
    children += list((schema.get("properties") or {}).values()) if isinstance(schema.get("properties"), dict) else []
    return any(_has_float(document, c, depth + 1) for c in children if c is not None)


def float_out_of_range(document, found, cause):
    if "does not decode into its type: number out of range" not in cause:
        return None
    body = cause.split("body:", 1)[-1]
    beyond = [n for n in _NUMBER.findall(body) if abs(float(n)) > F32_MAX]
    if not beyond:
        return None
    op, _, _ = found
    floats = any(
        _has_float(document, media.get("schema"))
        for status, response in document.responses(op) if status.startswith("2")
        for media in (response.get("content") or {}).values() if isinstance(media, dict)
    )
    if not floats:
        return None
    return LIMIT, (
        f"Prism answers {beyond[0]} for a `format: float` number that has no example, a value "
        "outside the range of a 32-bit float, which the typed answer (`f32`) refuses"
    )


# Prism's limits a copy of the document can take away, saying no more than
# the document says as OpenAPI reads it (`for_prism`).
TAKEN_AWAY = (ignored_header, float_out_of_range)

# Inside the 32-bit range (F32_MAX), written so that Prism answers it as is.
F32_BOUND = 3.4e38


def taken_away(document, method, path, cause):
    """Whether the failure is one of the limits `for_prism` takes away."""
    found = document.operation(method, path)
    return found is not None and any(rule(document, found, cause) for rule in TAKEN_AWAY)


def for_prism(data):
    """(copy, changes): a copy of the document that says, where Prism reads
    it otherwise, what OpenAPI means, with the pointer of each change:

    - a header parameter named `Accept`, `Content-Type` or `Authorization`
      is removed from each parameter list (OpenAPI says to ignore it; Prism
      requires it when it is required);
    - a `format: float` number with no `minimum` (or `maximum`) is given the
      32-bit range as one (the format's own range; Prism answers -2^128 for
      it, which no 32-bit float holds).

    Nothing else changes: every other keyword, example and parameter is the
    document's."""
    fitted = copy.deepcopy(data)
    document = Document(fitted)
    changes = []

    def ignored(parameter):
        parameter, _ = document.resolve(parameter)
        return (isinstance(parameter, dict) and parameter.get("in") == "header"
                and str(parameter.get("name", "")).lower() in IGNORED_HEADERS)

    def walk(node, pointer, depth):
        if depth > 200:
            return
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{pointer}/{i}", depth + 1)
            return
        if not isinstance(node, dict):
            return
        parameters = node.get("parameters")
        if isinstance(parameters, list):
            kept = [p for p in parameters if not ignored(p)]
            if len(kept) < len(parameters):
                changes.extend(f"{pointer}/parameters/{i}" for i, p in enumerate(parameters) if ignored(p))
                node["parameters"] = kept
        if node.get("format") == "float" and node.get("type") in ("number", ["number"]):
            for key, bound in (("minimum", -F32_BOUND), ("maximum", F32_BOUND)):
                if key not in node and f"exclusive{key.capitalize()}" not in node:
                    node[key] = bound
                    changes.append(f"{pointer}/{key}")
        for key, value in node.items():
            walk(value, f"{pointer}/{example_repair._pointer([key])}", depth + 1)

    walk(fitted, "#", 0)
    return fitted, changes


RULES = [
    no_serializer,
    ignored_header,
    unsendable_header,
    object_as_text,
    overlapping_one_of,
    undefined_required,
    generators_fall_short,
    float_out_of_range,
]
