"""The causes of decode failures, for scripts/decode_check.py: what a
failure's message and its schema say went wrong, and what each cause means
for the generator."""

import re

from decode_schema import ANNOTATIONS, Unresolvable, resolve_pointer

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
