#!/usr/bin/env bash
# Validate the hand-written OpenAPI specs.
#
# Usage: scripts/validate-specs.sh [SPEC.yaml ...]
# With no arguments, validates specs/*.yaml (relative to the repository root).
#
# For every file:
#   1. openapi-spec-validator must accept it;
#   2. every request body and response media type must carry an `example` or
#      `examples` (a response given by `$ref` is checked where it is defined).
# Exits non-zero if any file fails either check.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

OSV_VERSION="0.7.2"
PYYAML_VERSION="6.0.3"

pip_install() {
  # Pinned installs; retry with --break-system-packages on an externally
  # managed (PEP 668) Python.
  python3 -m pip install --quiet "$@" \
    || python3 -m pip install --quiet --break-system-packages "$@"
}

if ! python3 -c 'import openapi_spec_validator' >/dev/null 2>&1; then
  echo "installing openapi-spec-validator==${OSV_VERSION}" >&2
  pip_install "openapi-spec-validator==${OSV_VERSION}"
fi
if ! python3 -c 'import yaml' >/dev/null 2>&1; then
  echo "installing pyyaml==${PYYAML_VERSION}" >&2
  pip_install "pyyaml==${PYYAML_VERSION}"
fi

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  shopt -s nullglob
  files=("${repo_root}"/specs/*.yaml)
  shopt -u nullglob
  if [ "${#files[@]}" -eq 0 ]; then
    echo "no specs found under ${repo_root}/specs" >&2
    exit 1
  fi
fi

status=0
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "FAIL ${f}: no such file" >&2
    status=1
    continue
  fi

  if ! python3 -m openapi_spec_validator "$f"; then
    echo "FAIL ${f}: openapi-spec-validator rejected it" >&2
    status=1
  fi

  if ! python3 - "$f" <<'PY'
import sys

import yaml


class NoDatesLoader(yaml.SafeLoader):
    """SafeLoader that keeps unquoted dates and times as strings."""


NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

path = sys.argv[1]
with open(path, encoding="utf-8") as fh:
    doc = yaml.load(fh, Loader=NoDatesLoader)

problems = []
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def check_content(content, where):
    if not isinstance(content, dict):
        return
    for media_type, media in content.items():
        media = media or {}
        if "example" not in media and "examples" not in media:
            problems.append(f"{where} [{media_type}] has no example or examples")


def check_response(response, where):
    if not isinstance(response, dict) or "$ref" in response:
        return  # checked where the component is defined
    check_content(response.get("content"), where)


def check_request_body(body, where):
    if not isinstance(body, dict) or "$ref" in body:
        return  # checked where the component is defined
    check_content(body.get("content"), where)


for route, item in (doc.get("paths") or {}).items():
    for method in HTTP_METHODS:
        op = (item or {}).get(method)
        if not isinstance(op, dict):
            continue
        name = op.get("operationId") or f"{method.upper()} {route}"
        if "requestBody" in op:
            check_request_body(op["requestBody"], f"{name}: request body")
        for status, response in (op.get("responses") or {}).items():
            check_response(response, f"{name}: response {status}")

components = doc.get("components") or {}
for rname, response in (components.get("responses") or {}).items():
    check_response(response, f"components/responses/{rname}")
for bname, body in (components.get("requestBodies") or {}).items():
    check_request_body(body, f"components/requestBodies/{bname}")

if problems:
    for p in problems:
        print(f"FAIL {path}: {p}", file=sys.stderr)
    sys.exit(1)
PY
  then
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  echo "all ${#files[@]} spec(s) valid, with examples on every request and response body"
fi
exit "$status"
