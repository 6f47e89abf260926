"""Whether an instance came back the same, for scripts/decode_check.py:
JSON equality after the normalisations its docstring lists, each counted."""

import datetime
import math
import re
import struct


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


def fitting_branches(schema, value, fits, depth=0):
    """The schema and the members of its allOf, and of its anyOf and oneOf
    those `value` is valid against (all of them when it fits none): what
    declares the properties of this object."""
    if not isinstance(schema, dict) or depth > 64:
        return
    yield schema
    for key in ("allOf", "anyOf", "oneOf"):
        members = [m for m in schema.get(key) or [] if isinstance(m, dict)]
        if key != "allOf":
            members = [m for m in members if fits(m, value)] or members
        for member in members:
            yield from fitting_branches(member, value, fits, depth + 1)


class Comparer:
    """Tells a real difference from a form of the same value. `schema`: the
    converted schema (its properties say what is declared where);
    `defaults`: property defaults by name; `legacy`: the schema is draft 4
    (OpenAPI 3.0), else 2020-12."""

    def __init__(self, schema, defaults, legacy=False):
        self.schema = schema
        self.defaults = defaults
        import jsonschema

        self.validator = jsonschema.Draft4Validator if legacy else jsonschema.Draft202012Validator

    def fits(self, schema, value):
        try:
            return self.validator(schema).is_valid(value)
        except Exception:  # a schema jsonschema cannot read: count it as fitting
            return True

    def declared(self, schemas, key, value):
        """Whether a schema of this object declares `key`; of a oneOf or
        anyOf, only the members the object is valid against count: a
        member's property is not declared for a value another member
        matched (the generator decodes it as that member)."""
        return any(isinstance(b.get("properties"), dict) and key in b["properties"]
                   for s in schemas for b in fitting_branches(s, value, self.fits))

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
                    elif not self.declared(schemas, key, before):
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
