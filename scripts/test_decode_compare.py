"""Tests of decode_compare: `python3 scripts/test_decode_compare.py`.

What the decode check counts as the same value after a round trip, and
what it reports as a difference."""

import sys
import unittest
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_run import ensure_module  # noqa: E402

ensure_module("jsonschema", "jsonschema==4.26.0")

from decode_compare import Comparer  # noqa: E402

# portfoliooptimizer.io's minimum track record length, cut down: the first
# member declares `benchmark` a number; the second requires it without
# declaring it (so any value), and the generator's type of the second
# member has no field for it.
UNTAGGED = {
    "oneOf": [
        {
            "type": "object",
            "properties": {"portfolios": {"type": "array"}, "benchmark": {"type": "number"}},
            "required": ["portfolios", "benchmark"],
        },
        {
            "type": "object",
            "properties": {"portfolios": {"type": "array"}, "values": {"type": "array"}},
            "required": ["portfolios", "benchmark"],
        },
    ]
}


def diff(schema, before, after, legacy=False):
    notes = Counter()
    return Comparer(schema, {}, legacy).diff(before, after, "", notes), notes


class DeclaredPerMember(unittest.TestCase):
    def test_dropped_where_the_matched_member_does_not_declare_it(self):
        # Only the second member fits (`benchmark` is not a number): its
        # type keeps no `benchmark`, so dropping it is no difference.
        found, notes = diff(UNTAGGED, {"portfolios": [], "benchmark": []}, {"portfolios": []})
        self.assertIsNone(found)
        self.assertEqual(notes["undeclared property dropped"], 1)

    def test_dropped_where_the_matched_member_declares_it(self):
        # A number fits the first member, which declares `benchmark`.
        found, _ = diff(UNTAGGED, {"portfolios": [], "benchmark": 1.5}, {"portfolios": []})
        self.assertEqual(found[0], "declared property dropped")
        self.assertEqual(found[1], "/benchmark")

    def test_a_value_no_member_fits_counts_every_member(self):
        found, _ = diff(UNTAGGED, {"benchmark": 1.5}, {})
        self.assertEqual(found[0], "declared property dropped")

    def test_every_allof_member_declares(self):
        schema = {"allOf": [{"properties": {"a": {"type": "string"}}},
                            {"properties": {"b": {"type": "string"}}}]}
        found, _ = diff(schema, {"a": "x", "b": "y"}, {"a": "x"})
        self.assertEqual(found[:2], ("declared property dropped", "/b"))

    def test_draft_4_bounds_for_openapi_3_0(self):
        # Draft 4's boolean exclusiveMinimum: 0 does not fit the first
        # member, so its `benchmark` is not declared for this value.
        schema = {"oneOf": [
            {"type": "object", "properties": {"n": {"type": "number", "minimum": 0,
                                                     "exclusiveMinimum": True},
                                               "benchmark": {"type": "number"}},
             "required": ["n"]},
            {"type": "object", "properties": {"n": {"type": "number"}}, "required": ["n"]},
        ]}
        found, _ = diff(schema, {"n": 0, "benchmark": 1}, {"n": 0}, legacy=True)
        self.assertIsNone(found)
        found, _ = diff(schema, {"n": 1, "benchmark": 1}, {"n": 1}, legacy=True)
        self.assertEqual(found[0], "declared property dropped")


if __name__ == "__main__":
    unittest.main()
