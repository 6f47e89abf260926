"""OpenAPI schemas as JSON Schema, for scripts/decode_check.py: references
followed in place (a recursive one unrolled twice, then cut), OpenAPI's
formats and discriminators as constraints, annotations dropped."""

import urllib.parse
from collections import defaultdict

from oas_schema import as_json_schema_node

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
        shared = self.shared_parts(pointer)
        if shared:
            node = {"allOf": [*shared, node]}
        return self.convert(node, [pointer])

    def shared_parts(self, pointer):
        """What a member of a oneOf or anyOf takes besides itself, as the
        generator's type of it holds (lower/schemas/spread.rs): the
        keywords beside the list (`{properties: P, oneOf: [A, B]}` makes
        `P + A`), and the other members of an allOf holding the list
        (`allOf: [P, {oneOf: [A, B]}]`)."""
        parts = pointer.split("/")
        if len(parts) < 3 or parts[-2] not in ("oneOf", "anyOf") or not parts[-1].isdigit():
            return []
        holder_at = "/".join(parts[:-2])
        try:
            holder = resolve_pointer(self.document, holder_at)
        except Unresolvable:
            return []
        if not isinstance(holder, dict):
            return []
        shared = []
        beside = {k: v for k, v in holder.items()
                  if k not in ("oneOf", "anyOf", "discriminator") and k not in ANNOTATIONS}
        if any(k in beside for k in ("properties", "required", "additionalProperties")):
            shared.append(beside)
        if len(parts) >= 5 and parts[-4] == "allOf" and parts[-3].isdigit():
            try:
                whole = resolve_pointer(self.document, "/".join(parts[:-4]))
            except Unresolvable:
                whole = None
            if isinstance(whole, dict) and isinstance(whole.get("allOf"), list):
                shared += [m for i, m in enumerate(whole["allOf"]) if i != int(parts[-3])]
        return shared

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
        return as_json_schema_node(out, self.legacy)

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
