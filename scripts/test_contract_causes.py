"""Tests of contract_causes: `python3 scripts/test_contract_causes.py`.

Each rule explains a failure only when the document holds the fact it
blames: every test has a document that does and one that does not."""

import copy
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_run import ensure_module  # noqa: E402

ensure_module("jsonschema", "jsonschema==4.26.0")

import contract_causes  # noqa: E402
from contract_causes import DOCUMENT, LIMIT, Document, explain  # noqa: E402

OBJECT = {"type": "object", "properties": {"id": {"type": "string"}}}


def document(operation, components=None):
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/things": {"post": operation}},
        "components": components or {},
    }


def answer(media, schema=None, **extra):
    return {"responses": {"200": {"description": "ok", "content": {media: {"schema": schema or OBJECT, **extra}}}}}


class Causes(unittest.TestCase):
    def test_floats_out_of_range(self):
        floats = {"type": "array", "items": {"type": "object", "properties": {
            "balance": {"type": "number", "format": "float"}}}}
        seen = ("HTTP 200: the answer does not decode into its type: number out of range at line 1 "
                'column 43; body: [{"balance":-3.402823669209385e+38}]')
        kind, why = explain(Document(document(answer("application/json", floats))), "POST", "/things", seen)
        self.assertEqual(kind, LIMIT)
        self.assertIn("-3.402823669209385e+38", why)
        doubles = copy.deepcopy(floats)
        doubles["items"]["properties"]["balance"]["format"] = "double"
        self.assertIsNone(explain(Document(document(answer("application/json", doubles))), "POST", "/things", seen))
        small = seen.replace("-3.402823669209385e+38", "-3.5e+3")
        self.assertIsNone(explain(Document(document(answer("application/json", floats))), "POST", "/things", small))

    def test_media_types_prism_cannot_write(self):
        seen = "HTTP 500: the mock reports Cannot find serializer for application/csv: "
        kind, why = explain(Document(document(answer("application/csv"))), "POST", "/things", seen)
        self.assertEqual(kind, LIMIT)
        self.assertIn("`application/csv`", why)
        # The document answers in JSON: Prism's complaint is not about it.
        self.assertIsNone(explain(Document(document(answer("application/json"))), "POST", "/things", seen))

    def test_header_parameters_openapi_ignores(self):
        op = answer("application/json")
        op["parameters"] = [{"in": "header", "name": "Content-Type", "required": True,
                             "schema": {"type": "string"}}]
        seen = ("HTTP 422: the mock reports Invalid request: header: Request header must have "
                "required property 'content-type'")
        kind, why = explain(Document(document(op)), "POST", "/things", seen)
        self.assertEqual(kind, LIMIT)
        self.assertIn("`Content-Type`", why)
        optional = copy.deepcopy(op)
        optional["parameters"][0]["required"] = False
        self.assertIsNone(explain(Document(document(optional)), "POST", "/things", seen))
        other = ("HTTP 422: the mock reports Invalid request: header: Request header must have "
                 "required property 'x-request-id'")
        self.assertIsNone(explain(Document(document(op)), "POST", "/things", other))

    def test_header_examples_no_header_can_carry(self):
        op = answer("application/json")
        response = op["responses"]["200"]
        seen = ('HTTP 500: a status the spec does not document; body: {"type":"TypeError","title":'
                '"Invalid character in header content [\\"Location\\"]","status":500,"detail":""}')
        response["headers"] = {"Location": {"schema": {"type": "string"}, "example": "a\nb"}}
        kind, why = explain(Document(document(op)), "POST", "/things", seen)
        self.assertEqual(kind, LIMIT)
        self.assertIn("`Location`", why)
        response["headers"]["Location"]["example"] = "https://example.com/a"
        self.assertIsNone(explain(Document(document(op)), "POST", "/things", seen))

    def test_overlapping_one_of(self):
        def alternative(*required):
            return {"type": "object", "required": list(required),
                    "properties": {"status": {"type": "string"}, "_links": {"type": "object"}}}

        components = {"schemas": {"A": alternative("status", "_links"), "B": alternative("status")}}
        schema = {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}
        both = {"status": "done", "_links": {}}
        seen = ("HTTP 500: the mock reports Request/Response not valid: response.body: Response body "
                "must match exactly one schema in oneOf")
        doc = document(answer("application/json", schema, examples={"done": {"value": both}}), components)
        kind, why = explain(Document(doc), "POST", "/things", seen)
        self.assertEqual(kind, DOCUMENT)
        self.assertIn("matches 2 of them (A, B)", why)
        # An example that matches one alternative proves nothing.
        doc = document(answer("application/json", schema, example={"status": "done"}), components)
        self.assertIsNone(explain(Document(doc), "POST", "/things", seen))

    def test_required_properties_the_schema_does_not_define(self):
        request = {"type": "object", "required": ["location_ids"],
                   "properties": {"query": {"type": "object"}}}
        op = answer("application/json")
        op["requestBody"] = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Search"}}}}
        seen = ("HTTP 422: the mock reports Invalid request: body: Request body must have required "
                "property 'location_ids'")
        doc = document(op, {"schemas": {"Search": request}})
        kind, why = explain(Document(doc), "POST", "/things", seen)
        self.assertEqual(kind, DOCUMENT)
        self.assertIn("`#/components/schemas/Search` lists `location_ids`", why)
        # Defined: the client should have sent it, and the failure is its own.
        request["properties"]["location_ids"] = {"type": "array"}
        self.assertIsNone(explain(Document(doc), "POST", "/things", seen))

    def test_answers_prism_cannot_make_valid(self):
        schema = {"type": "object", "properties": {
            "state": {"type": "string", "pattern": "[A-Z]{2}"},
            "logo": {"type": "string", "format": "url", "example": "https://example.com/l.png"},
        }}
        doc = Document(document(answer("application/json", schema)))
        static = ("HTTP 500: the mock reports Request/Response not valid: response.body.state: Response "
                  'body property state must match pattern "[A-Z]{2}"')
        dynamic = ("HTTP 500: the mock reports Request/Response not valid: response.body.logo: Response "
                   'body property logo must match format "url"')
        seen = (f"with the document: {static}; then with the spec's examples made to fit their schemas: "
                f"{static}; then with --dynamic --seed 1 (on the copy whose examples fit): {dynamic}")
        kind, why = explain(doc, "POST", "/things", seen)
        self.assertEqual(kind, LIMIT)
        self.assertIn("`state` (pattern `[A-Z]{2}`)", why)
        self.assertIn("`logo` (`format: url`)", why)
        # A format Prism's generator knows, or a pattern with an example, is not Prism's fault.
        known = seen.replace('format \\"url\\"', 'format \\"uri\\"').replace('"url"', '"uri"')
        schema["properties"]["logo"]["format"] = "uri"
        self.assertIsNone(explain(doc, "POST", "/things", known))
        schema["properties"]["logo"]["format"] = "url"
        schema["properties"]["state"]["example"] = "DE"
        self.assertIsNone(explain(doc, "POST", "/things", seen))
        # Another violation beside them is not explained.
        other = seen + '; response.body.id: Response body property id must be string'
        del schema["properties"]["state"]["example"]
        self.assertIsNone(explain(doc, "POST", "/things", other))

    def test_an_object_answered_as_text(self):
        seen = "HTTP 500: the mock reports Cannot serialise complex objects as text: Cannot serialise complex objects as text"
        kind, why = explain(Document(document(answer("text/plain", {"type": "object"}))), "POST", "/things", seen)
        self.assertEqual(kind, DOCUMENT)
        self.assertIn("`text/plain`", why)
        self.assertIsNone(explain(Document(document(answer("text/plain", {"type": "string"}))), "POST", "/things", seen))
        self.assertIsNone(explain(Document(document(answer("application/json"))), "POST", "/things", seen))

    def test_an_unknown_operation_or_cause_is_not_explained(self):
        doc = Document(document(answer("application/csv")))
        self.assertIsNone(explain(doc, "GET", "/things", "Cannot find serializer for application/csv"))
        self.assertIsNone(explain(doc, "POST", "/things", "HTTP 200: the answer does not decode"))
        self.assertEqual(len(contract_causes.RULES), 8)


class ForPrism(unittest.TestCase):
    def test_the_copy_takes_away_what_openapi_means_and_nothing_else(self):
        op = answer("application/json", {"type": "object", "properties": {
            "rate": {"type": "number", "format": "float"},
            "low": {"type": "number", "format": "float", "minimum": 0},
            "wide": {"type": "number", "format": "double"}}})
        op["parameters"] = [
            {"name": "Content-Type", "in": "header", "required": True, "schema": {"type": "string"}},
            {"$ref": "#/components/parameters/Auth"},
            {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
            {"name": "accept", "in": "query", "schema": {"type": "string"}},
        ]
        data = document(op, {"parameters": {"Auth": {"name": "authorization", "in": "header", "schema": {"type": "string"}}}})
        before = copy.deepcopy(data)
        fitted, changes = contract_causes.for_prism(data)
        self.assertEqual(data, before, "the document itself is left as it is")
        kept = fitted["paths"]["/things"]["post"]["parameters"]
        self.assertEqual([p.get("name") for p in kept], ["X-Trace", "accept"])
        props = fitted["paths"]["/things"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
        self.assertEqual((props["rate"]["minimum"], props["rate"]["maximum"]), (-3.4e38, 3.4e38))
        self.assertEqual((props["low"]["minimum"], props["low"]["maximum"]), (0, 3.4e38))
        self.assertNotIn("minimum", props["wide"])
        self.assertIn("#/paths/~1things/post/parameters/0", changes)
        self.assertIn("#/paths/~1things/post/parameters/1", changes)
        self.assertEqual(len(changes), 5)
        # The parameter the list referred to stays where it is.
        self.assertEqual(fitted["components"], before["components"])

    def test_only_the_limits_the_copy_takes_away(self):
        floats = {"type": "array", "items": {"type": "number", "format": "float"}}
        seen = ("HTTP 200: the answer does not decode into its type: number out of range at line 1 "
                "column 20; body: [-3.402823669209385e+38]")
        doc = Document(document(answer("application/json", floats)))
        self.assertTrue(contract_causes.taken_away(doc, "POST", "/things", seen))
        csv = "HTTP 500: the mock reports Cannot find serializer for application/csv: "
        self.assertFalse(contract_causes.taken_away(Document(document(answer("application/csv"))), "POST", "/things", csv))


if __name__ == "__main__":
    unittest.main()
