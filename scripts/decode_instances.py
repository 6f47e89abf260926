"""Valid instances of a JSON Schema, for scripts/decode_check.py: made by
hypothesis-jsonschema within a time budget, seeded."""

import json
import signal
import zlib


class Budget(Exception):
    pass


class Generator:
    def __init__(self, legacy, count, budget):
        import jsonschema
        from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
        from hypothesis import strategies as st
        from hypothesis_jsonschema import from_schema

        self.jsonschema = jsonschema
        self.validator = jsonschema.Draft4Validator if legacy else jsonschema.Draft202012Validator
        self.count = count
        self.budget = budget
        self.st = st
        self.from_schema = from_schema
        self.given, self.seed, self.settings = given, seed, settings
        self.options = dict(
            max_examples=count, database=None, deadline=None, phases=[Phase.generate],
            suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
        )
        self.formats = {"uuid": st.uuids().map(str)}
        # Hypothesis builds its character tables on first use: not on a
        # schema's budget.
        self.budget = 1e6
        self.instances({"type": "object", "additionalProperties": {"type": "string"}}, "warm-up")
        self.budget = budget

    def instances(self, schema, key):
        """(valid instances, invalid count, problem or None)."""
        import warnings

        found = []
        expired = []

        def alarm(*_):
            expired.append(True)
            raise Budget()

        problem = None
        # Processor time, not wall time: a loaded machine gives the same cut.
        old = signal.signal(signal.SIGVTALRM, alarm)
        signal.setitimer(signal.ITIMER_VIRTUAL, self.budget)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                strategy = self.from_schema(schema, custom_formats=self.formats)

                @self.seed(zlib.crc32(key.encode()))
                @self.settings(**self.options)
                @self.given(strategy)
                def collect(value):
                    if expired:
                        raise Budget()
                    found.append(value)

                collect()
        except Budget:
            problem = "time budget" if not found else None
        except Exception as e:  # noqa: BLE001 - any reason the generator gives up
            if expired and not found:
                # Hypothesis wraps what the alarm raised (FlakyFailure).
                problem = "time budget"
            elif not found:
                problem = f"{type(e).__name__}: {str(e).splitlines()[0][:160] if str(e) else ''}"
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            signal.signal(signal.SIGVTALRM, old)
        unique, seen, invalid = [], set(), 0
        try:
            validator = self.validator(schema)
        except Exception as e:  # noqa: BLE001
            return [], 0, f"unusable schema: {e}"[:160]
        for value in found:
            try:
                text = json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True)
            except ValueError:
                invalid += 1
                continue
            if text in seen:
                continue
            seen.add(text)
            try:
                ok = validator.is_valid(value)
            except Exception:  # noqa: BLE001
                ok = False
            if ok:
                unique.append((value, text))
            else:
                invalid += 1
        return unique, invalid, problem if not unique else None
