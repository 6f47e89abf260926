#!/usr/bin/env python3
"""Rewrites tests/fixtures/v32/<api>.yaml from tests/fixtures/v31/<api>.yaml:
the OpenAPI 3.2 twin of each spec, which must generate exactly the Rust of
its 3.0 original (codegen/tests/openapi32.rs).

Usage: scripts/v32_twins.py [API ...]   (default: every spec in specs/)

Run scripts/v31_twins.py first when a spec changed. The rewrite uses only
3.2 constructs that mean what the original says:
- `openapi: 3.2.0`, and a `$self` the references are written against:
  every other local `$ref` becomes absolute (`$self#/...`), the rest
  relative to the document's own name (`<api>.yaml#/...`);
- each server gets a `name`, the one its description gives the constructor;
- response media types move to `components/mediaTypes`, referenced;
- `example` of media types and parameters becomes an Example Object with
  `dataValue`.
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]


def examples(obj):
    """`example: X` of a media type or parameter becomes `examples` with dataValue."""
    if isinstance(obj, dict) and "example" in obj and "$ref" not in obj:
        value = obj.pop("example")
        obj["examples"] = {"example": {"dataValue": value}}


def content(owner):
    for media in (owner.get("content") or {}).values():
        examples(media)


def twin(doc, api):
    self_uri = f"https://specs.example.com/payment-apis/{api}.yaml"
    out = {"openapi": "3.2.0", "$self": self_uri}
    out.update({k: v for k, v in doc.items() if k != "openapi"})
    for server in out.get("servers", []):
        if "description" in server and "name" not in server:
            server["name"] = server["description"]
    components = out.setdefault("components", {})
    media_types = {}
    for path, item in (out.get("paths") or {}).items():
        for p in item.get("parameters", []):
            examples(p)
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            for p in op.get("parameters", []):
                examples(p)
            if "requestBody" in op:
                content(op["requestBody"])
            name = op.get("operationId") or f"{method}{path}".replace("/", "_")
            for status, response in (op.get("responses") or {}).items():
                content(response)
                for media_name, media in list((response.get("content") or {}).items()):
                    if "$ref" in media:
                        continue
                    key = f"{name}.{status}.{len(media_types)}"
                    media_types[key] = media
                    response["content"][media_name] = {"$ref": f"#/components/mediaTypes/{key}"}
    for kind in ["parameters", "requestBodies", "responses", "headers"]:
        for entry in (components.get(kind) or {}).values():
            examples(entry)
            content(entry)
    if media_types:
        components["mediaTypes"] = media_types
    count = 0

    def refs(value):
        nonlocal count
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                value["$ref"] = (self_uri if count % 2 == 0 else f"{api}.yaml") + ref
                count += 1
            for v in value.values():
                refs(v)
        elif isinstance(value, list):
            for v in value:
                refs(v)

    refs(out)
    return out


class Loader(yaml.SafeLoader):
    """YAML as our loader reads it: timestamps stay strings."""


Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main():
    apis = sys.argv[1:] or sorted(p.stem for p in (ROOT / "specs").glob("*.yaml"))
    (ROOT / "tests/fixtures/v32").mkdir(exist_ok=True)
    for api in apis:
        text = (ROOT / "tests/fixtures/v31" / f"{api}.yaml").read_text(encoding="utf-8")
        doc = twin(yaml.load(text, Loader=Loader), api)
        target = ROOT / "tests/fixtures/v32" / f"{api}.yaml"
        target.write_text(
            yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
