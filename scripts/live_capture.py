"""What the live servers really send, recorded as fixtures
(`python3 scripts/live.py --capture`): each file under
tests/live/fixtures/<server>/ holds one exchange, the request made and the
answer as received (status, content type, body), for tests that pin the
client's reading rules on what real servers send. The served OpenAPI
documents are kept beside them (`openapi.json`)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path


def call(origin: str, method: str, path: str, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(origin + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            status, content_type, raw = answer.status, answer.headers.get("content-type"), answer.read()
    except urllib.error.HTTPError as error:
        status, content_type, raw = error.code, error.headers.get("content-type"), error.read()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode("utf-8", "replace")
    return {"status": status, "content_type": content_type, "body": parsed}


class Recorder:
    def __init__(self, folder: Path, origin: str):
        self.folder = folder
        self.origin = origin
        folder.mkdir(parents=True, exist_ok=True)

    def record(self, name: str, what: str, method: str, path: str, body=None, headers=None):
        answer = call(self.origin, method, path, body, headers)
        shown = {k: ("<key>" if k.lower() in ("x-api-key", "authorization") else v)
                 for k, v in (headers or {}).items()}
        exchange = {
            "what": what,
            "request": {"method": method, "path": path, "headers": shown, "body": body},
            "response": answer,
        }
        (self.folder / f"{name}.json").write_text(json.dumps(exchange, indent=2) + "\n")
        return answer

    def document(self, path: str):
        with urllib.request.urlopen(self.origin + path, timeout=30) as answer:
            (self.folder / "openapi.json").write_bytes(answer.read())


def lnbits(r: Recorder):
    r.document("/openapi.json")
    wallet = call(r.origin, "POST", "/api/v1/account", {"name": "fixtures"})["body"]
    inkey = {"X-API-KEY": wallet["inkey"]}
    adminkey = {"X-API-KEY": wallet["adminkey"]}
    created = r.record(
        "create_invoice_201", "201 as documented; `expiry` (format: date-time) has no offset",
        "POST", "/api/v1/payments", {"out": False, "amount": 2100, "memo": "fixture"}, inkey)
    payment_hash = created["body"]["payment_hash"]
    r.record("payment_status_200", "the same invoice read back: here `expiry` has an offset",
             "GET", f"/api/v1/payments/{payment_hash}", None, inkey)
    r.record("error_400_validation", "a validation error as 400 (documented: 422, HTTPValidationError); `detail` is a list of {loc, msg, type}",
             "POST", "/api/v1/payments", {"out": False, "amount": 10, "unit": "XYZ"}, inkey)
    r.record("error_403_invoice_key", "paying with the invoice key: 403 (documented: 401), {detail}",
             "POST", "/api/v1/payments", {"out": True, "bolt11": "lnbc1garbage"}, inkey)
    r.record("error_520_bolt11", "a malformed invoice: 520 (documented without a body), {detail, status}",
             "POST", "/api/v1/payments", {"out": True, "bolt11": "lnbc1garbage"}, adminkey)
    r.record("error_500_unexpected", "a negative expiry: 500 (undocumented), {detail} with an error ID",
             "POST", "/api/v1/payments", {"out": False, "amount": 10, "expiry": -5}, inkey)
    r.record("error_404_wallet", "an unknown key: 404 (undocumented), {detail}",
             "GET", "/api/v1/wallet", None, {"X-API-KEY": "0123456789abcdef0123456789abcdef"})
    r.record("error_404_payment", "an unknown payment: 404 (undocumented), {detail}",
             "GET", "/api/v1/payments/" + "0" * 64, None, inkey)


def prefect(r: Recorder):
    r.document("/api/openapi.json")
    flow = r.record("create_flow_201", "201 where the document declares only 200",
                    "POST", "/api/flows/", {"name": "fixture-flow", "tags": ["nightly"]})
    run = r.record("create_flow_run_201", "201 where the document declares only 200",
                   "POST", "/api/flow_runs/", {"flow_id": flow["body"]["id"], "name": "fixture-run"})
    r.record("set_state_201", "201 where the document declares only 200 (OrchestrationResult)",
             "POST", f"/api/flow_runs/{run['body']['id']}/set_state", {"state": {"type": "RUNNING"}})
    automation = r.record(
        "create_automation_201",
        "201 as documented; `actions` items are one of 17 schemas told apart only by `type: {const}` (no discriminator), `trigger` one of 3 the same way",
        "POST", "/api/automations/",
        {"name": "fixture-automation",
         "trigger": {"type": "event", "posture": "Reactive", "expect": ["prefect.flow-run.Failed"]},
         "actions": [{"type": "do-nothing"}, {"type": "cancel-flow-run"},
                     {"type": "change-flow-run-state", "state": "CANCELLED"},
                     {"type": "pause-work-queue", "source": "inferred"},
                     {"type": "send-notification", "block_document_id": "00000000-0000-0000-0000-000000000001",
                      "subject": "failed", "body": "a flow run failed"}]})
    r.record("read_automation_200", "the automation read back (the const-tagged unions as the server sends them)",
             "GET", f"/api/automations/{automation['body']['id']}")
    r.record("error_422_exception_message",
             "422 as documented, but the body is {exception_message, exception_detail, request_body}, not HTTPValidationError {detail}",
             "POST", "/api/variables/", {"name": "Bad Name!", "value": 1})
    r.record("create_variable_201", "201 as documented", "POST", "/api/variables/", {"name": "fixture_var", "value": 1})
    r.record("error_409_variable", "a duplicate name: 409 (undocumented), {detail}",
             "POST", "/api/variables/", {"name": "fixture_var", "value": 1})
    r.record("error_404_flow", "an unknown flow: 404 (undocumented), {detail}",
             "GET", "/api/flows/00000000-0000-0000-0000-000000000000")


def chroma(r: Recorder):
    r.document("/openapi.json")
    base = "/api/v2/tenants/default_tenant/databases/default_database/collections"
    r.record("create_collection_200", "200 as documented", "POST", base,
             {"name": "fixture-docs", "metadata": {"team": "search"}})
    r.record("error_409_collection", "a duplicate name: 409 (undocumented), {error, message}",
             "POST", base, {"name": "fixture-docs"})
    r.record("error_400_name", "an invalid name: 400 (undocumented), {error, message}", "POST", base, {"name": "x"})
    r.record("get_collection_by_name_200", "GET .../collections/{collection_id} finds the collection by its name (documented: UUID)",
             "GET", f"{base}/fixture-docs")
    r.record("error_404_collection", "an unknown collection: 404 as documented, {error, message}",
             "GET", f"{base}/00000000-0000-0000-0000-000000000000")


def capture(name: str, origin: str, fixtures: Path) -> None:
    {"lnbits": lnbits, "prefect": prefect, "chroma": chroma}[name](Recorder(fixtures / name, origin))
