"""Tests of example_repair: `python3 scripts/test_example_repair.py`."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_run import ensure_module  # noqa: E402

ensure_module("jsonschema", "jsonschema==4.26.0")

import example_repair  # noqa: E402

ITEM = {
    "type": "object",
    "required": ["Id"],
    "properties": {
        "Id": {"type": "string"},
        "Total": {"type": "string"},
        "Note": {"type": "string", "nullable": True},
    },
}

# Annotations the way one real document writes them: quoted, or of the wrong type.
MISANNOTATED = {
    "type": "object",
    "properties": {
        "Paid": {"type": "boolean", "default": "false", "example": "true"},
        "Code": {"type": "string", "example": 4400},
    },
}


def document(example, version="3.0.3", schema=None):
    return {
        "openapi": version,
        "paths": {
            "/items": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": schema or {"$ref": "#/components/schemas/Items"},
                                    "example": example,
                                }
                            },
                        }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Item": ITEM,
                "Misannotated": MISANNOTATED,
                "Items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
            }
        },
    }


def answer(doc):
    return doc["paths"]["/items"]["get"]["responses"]["200"]["content"]["application/json"]


class Repair(unittest.TestCase):
    def test_a_fitting_document_is_left_alone(self):
        doc = document([{"Id": "1", "Note": None}])
        del doc["components"]["schemas"]["Misannotated"]
        fixed, changes = example_repair.repair(doc)
        self.assertEqual(changes, [])
        self.assertEqual(fixed, doc)

    def test_json_text_is_read_as_its_value(self):
        fixed, changes = example_repair.repair(document('[{"Id": "1", "Note": null}]'))
        self.assertEqual(answer(fixed)["example"], [{"Id": "1", "Note": None}])
        self.assertIn("/application~1json/example: JSON text read as its value", changes[0])

    def test_quoted_annotations_of_a_property_are_read_and_wrong_types_removed(self):
        fixed, _ = example_repair.repair(document([]))
        properties = fixed["components"]["schemas"]["Misannotated"]["properties"]
        self.assertIs(properties["Paid"]["default"], False)
        self.assertIs(properties["Paid"]["example"], True)
        self.assertNotIn("example", properties["Code"])

    def test_refused_optional_parts_and_items_are_removed(self):
        example = [{"Id": "1", "Total": 3.0}, None, {"Id": "2"}]
        fixed, changes = example_repair.repair(document(example))
        self.assertEqual(answer(fixed)["example"], [{"Id": "1"}, {"Id": "2"}])
        self.assertIn("/example: refused parts removed", changes[0])

    def test_a_refused_required_value_takes_its_object_with_it(self):
        fixed, _ = example_repair.repair(document([{"Id": 7}, {"Id": "2"}]))
        self.assertEqual(answer(fixed)["example"], [{"Id": "2"}])

    def test_an_example_with_nothing_valid_left_is_removed(self):
        fixed, changes = example_repair.repair(document({"Id": "1"}))
        self.assertNotIn("example", answer(fixed))
        self.assertIn("/example: removed", changes[0])

    def test_schema_keywords_stay_the_documents(self):
        doc = document([{"Id": 7}])
        fixed, _ = example_repair.repair(doc)
        item = fixed["components"]["schemas"]["Item"]
        self.assertEqual(item["required"], ["Id"])
        self.assertEqual(item["properties"]["Note"], {"type": "string", "nullable": True})

    def test_a_typeless_schema_with_properties_is_an_object(self):
        schema = {"properties": {"Id": {"type": "string"}}}
        fixed, _ = example_repair.repair(document('{"Id": "1"}', schema=schema))
        self.assertEqual(answer(fixed)["example"], {"Id": "1"})

    def test_openapi_31_uses_its_own_dialect(self):
        # A keyword beside `$ref` counts in 3.1 (JSON Schema 2020-12), not in 3.0.
        schema = {"$ref": "#/components/schemas/Items", "maxItems": 1}
        two = [{"Id": "1"}, {"Id": "2"}]
        fixed, _ = example_repair.repair(document(two, version="3.1.0", schema=schema))
        self.assertNotIn("example", answer(fixed))
        fixed, _ = example_repair.repair(document(two, version="3.0.3", schema=schema))
        self.assertEqual(answer(fixed)["example"], two)

    def test_an_unusable_schema_changes_nothing(self):
        schema = {"$ref": "#/components/schemas/Missing"}
        fixed, changes = example_repair.repair(document({"Id": 1}, schema=schema))
        self.assertEqual(answer(fixed)["example"], {"Id": 1})
        self.assertFalse(any("/application~1json/" in change for change in changes))

    def test_formats_are_checked(self):
        # A date-time where the schema says `format: date` (as one real document has).
        schema = {"type": "object", "required": ["Id"], "properties": {
            "Id": {"type": "string"},
            "On": {"type": "string", "format": "date"},
            "At": {"type": "string", "format": "date-time"},
            "Link": {"type": "string", "format": "uri"},
        }}
        example = {"Id": "1", "On": "2025-10-15T13:52:38.330Z", "At": "2025-10-15T13:52:38.330Z",
                   "Link": "<p>HTTP/1.1 201 Created</p>"}
        fixed, changes = example_repair.repair(document(example, schema=schema))
        self.assertEqual(answer(fixed)["example"], {"Id": "1", "At": "2025-10-15T13:52:38.330Z"})
        self.assertIn("'2025-10-15T13:52:38.330Z' is not a 'date'", changes[0])

    def test_header_examples_no_header_can_carry_are_removed(self):
        doc = document([])
        doc["paths"]["/items"]["get"]["responses"]["200"]["headers"] = {
            "Location": {"schema": {"type": "string"}, "example": "<p>HTTP/1.1 201</p>\n<p>x</p>"},
            "X-Id": {"schema": {"type": "string"}, "example": "a\tb"},
        }
        fixed, changes = example_repair.repair(doc)
        headers = fixed["paths"]["/items"]["get"]["responses"]["200"]["headers"]
        self.assertNotIn("example", headers["Location"])
        self.assertEqual(headers["X-Id"]["example"], "a\tb")
        self.assertTrue(any("headers/Location/example: removed (holds a line break" in c for c in changes))


class FillPatterns(unittest.TestCase):
    def test_patterned_strings_without_examples_get_one_that_matches(self):
        ensure_module("exrex", "exrex==0.12.0")
        schema = {"type": "object", "properties": {
            "State": {"type": "string", "pattern": "[A-Z]{2}"},
            "Kept": {"type": "string", "pattern": "[A-Z]{2}", "example": "DE"},
            "Short": {"type": "string", "pattern": "[a-z]+", "minLength": 3},
        }}
        doc = document([], schema=schema)
        fixed, added = example_repair.fill_patterns(doc)
        properties = answer(fixed)["schema"]["properties"]
        self.assertEqual(properties["State"]["example"], "AA")
        self.assertEqual(properties["Kept"]["example"], "DE")
        # The first string the pattern gives is too short: no example rather than a wrong one.
        self.assertNotIn("example", properties["Short"])
        self.assertEqual(len(added), 1)
        self.assertNotIn("example", answer(doc)["schema"]["properties"]["State"])


if __name__ == "__main__":
    unittest.main()
