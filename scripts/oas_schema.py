"""An OpenAPI schema object as a JSON Schema validator or data generator
must read it, one node at a time (the callers walk the tree): what
decode_schema (generated instances) and example_repair (the document's
examples) both need, so both read a schema as the generator does."""


def as_json_schema_node(node, legacy):
    """`node` (a dict the caller may change) with the object keywords
    typed and, in OpenAPI 3.0 (`legacy`), `nullable` as a `null` type.

    A schema with `properties` or `additionalProperties` and no `type` is
    an object, else one with `items` and no `type` an array (README: how
    the generator reads them). `nullable: true` widens the type to
    `[type, "null"]` (and an enum by `None`); with no single type, or
    beside a `$ref` (whose siblings draft 4 ignores), the node becomes
    `anyOf: [node, {type: null}]`. `nullable: false` is dropped."""
    if "type" not in node and "$ref" not in node and (
        isinstance(node.get("properties"), dict)
        or isinstance(node.get("additionalProperties"), (dict, bool))
    ):
        node["type"] = "object"
    elif "type" not in node and "$ref" not in node and isinstance(node.get("items"), (dict, bool, list)):
        node["type"] = "array"
    if legacy and "nullable" in node and node.pop("nullable") is True:
        kind = node.get("type")
        if isinstance(kind, str) and "$ref" not in node:
            node["type"] = [kind, "null"]
            if isinstance(node.get("enum"), list) and None not in node["enum"]:
                node["enum"] = [*node["enum"], None]
        else:
            return {"anyOf": [node, {"type": "null"}]}
    return node
