#!/usr/bin/env python3
"""Rewrites tests/fixtures/v31/<api>.yaml from specs/<api>.yaml: the OpenAPI
3.1 twin of each spec, which must generate exactly the Rust of its original
(codegen/tests/openapi31.rs).

Usage: scripts/v31_twins.py [API ...]   (default: every spec in specs/)

The rewrite is textual, for the block style the specs are written in:
`openapi: 3.1.0`; and under components/schemas, `example: X` becomes
`examples: [X]`, `type: T` beside `nullable: true` becomes `type: [T, 'null']`,
`allOf: [$ref]` becomes a `$ref` with siblings, or, beside `nullable: true`,
a `oneOf` of the reference and `{type: 'null'}`.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def indent(line):
    return len(line) - len(line.lstrip(" "))


def block_end(lines, start, level):
    """The index after the lines deeper than `level` that follow `start`."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > level):
        end += 1
    return end


def convert_mapping(lines, level):
    """Rewrites the keys at `level` of one mapping (a list of lines)."""
    keys = [i for i, l in enumerate(lines) if l.strip() and indent(l) == level]
    text = {i: lines[i].strip() for i in keys}
    nullable = any(text[i] == "nullable: true" for i in keys)
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i not in text:
            out.append(line)
            i += 1
            continue
        end = block_end(lines, i, level)
        body = lines[i + 1 : end]
        pad = " " * level
        key = text[i]
        if key == "nullable: true" and any(
            text[k].startswith("type: ") or text[k] == "allOf:" for k in keys
        ):
            pass
        elif nullable and key.startswith("type: ") and not key.startswith("type: ["):
            out.append(f"{pad}type: [{key[len('type: '):]}, 'null']")
            out.extend(body)
        elif key.startswith("example:"):
            value = key[len("example:") :].strip()
            out.append(f"{pad}examples:")
            if value:
                out.append(f"{pad}  - {value}")
                out.extend(l for l in body if not l.strip())
            else:
                content = [l for l in body if l.strip()]
                for n, l in enumerate(content):
                    shifted = "  " + l
                    if n == 0:
                        shifted = pad + "  - " + l.lstrip(" ")
                    out.append(shifted)
        elif key == "allOf:" and len([l for l in body if l.strip()]) == 1 and body[0].strip().startswith("- $ref:"):
            ref = body[0].strip()[2:]
            if nullable:
                out.append(f"{pad}oneOf:")
                out.append(f"{pad}  - {ref}")
                out.append(f"{pad}  - type: 'null'")
            else:
                out.append(f"{pad}{ref}")
        else:
            out.append(line)
            out.extend(convert_children(body, level))
        i = end
    return out


def convert_children(lines, level):
    """Converts every mapping nested in a block of lines below `level`."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            out.append(line)
            i += 1
            continue
        child = indent(line)
        if line.strip().startswith("- "):
            # A list item: its mapping starts two columns in.
            end = block_end(lines, i, child)
            item = [" " * (child + 2) + line.strip()[2:]] + lines[i + 1 : end]
            converted = convert_mapping(item, child + 2)
            converted[0] = " " * child + "- " + converted[0].lstrip(" ")
            out.extend(converted)
            i = end
            continue
        end = i
        while end < len(lines) and (not lines[end].strip() or indent(lines[end]) >= child):
            if lines[end].strip() and indent(lines[end]) == child and lines[end].strip().startswith("- "):
                break
            end += 1
        out.extend(convert_mapping(lines[i:end], child))
        i = end
    return out


def twin(text):
    lines = text.split("\n")
    lines = [re.sub(r"^openapi: 3\.0\.\d+$", "openapi: 3.1.0", l) for l in lines]
    start = lines.index("  schemas:") + 1
    end = start
    while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > 2):
        end += 1
    return "\n".join(lines[:start] + convert_children(lines[start:end], 2) + lines[end:])


def main():
    apis = sys.argv[1:] or sorted(p.stem for p in (ROOT / "specs").glob("*.yaml"))
    for api in apis:
        text = (ROOT / "specs" / f"{api}.yaml").read_text(encoding="utf-8")
        (ROOT / "tests/fixtures/v31" / f"{api}.yaml").write_text(twin(text), encoding="utf-8")
        print(f"tests/fixtures/v31/{api}.yaml")


if __name__ == "__main__":
    main()
