#!/usr/bin/env python3
"""Ports Presidio's recognizer unit-test cases to data for test_presidio_catalogue.cc.

Reads presidio-analyzer/tests/test_*_recognizer.py (Presidio 2.2.363), evaluates the
@pytest.mark.parametrize tables of every test that calls `recognizer.analyze(text, entities)` or
`recognizer.validate_result(value) == expected`, and writes one JSON record per case. Analyze cases
("kind": "analyze") hold the recognizer class, its entity, the text, the expected number of results
and, per result index, the expected span (code points) and score range; validate cases ("kind":
"validate") the value, the expected True / False / None and the recognizer's constructor options. How each Presidio
test compares (zip over results, exact `assert_result` or `assert_result_within_score_range`, the
`max_score` fixture = 1.0) is reproduced in the record, so the C++ side only applies it.

Usage: port_presidio_cases.py PRESIDIO_ANALYZER_TESTS_DIR OUT.json
Nothing from Presidio is imported: its modules are replaced by stubs while the tables are evaluated.
"""
import ast
import importlib.abc
import importlib.machinery
import json
import string
import sys
import types
from pathlib import Path

# Tests of recognizers that are not pattern/checksum recognizers (NER, cloud services, LLMs) or that
# exercise Presidio internals (base classes, registry) rather than a recognizer's behaviour.
SKIP_FILES = {
    "ahds", "azure_ai_language", "azure_openai_langextract", "basic_langextract", "gliner",
    "huggingface_ner", "lm", "medical_ner", "spacy", "stanza", "transformers", "entity_recognizer",
    "pattern_recognizer", "phone", "ph_mobile_number", "tr_phone_number",
}


class _Stub:
    """Stands in for any Presidio class; IbanRecognizer.LETTERS is used by a test helper."""
    LETTERS = {ord(d): str(i) for i, d in enumerate(string.digits + string.ascii_uppercase)}

    def __init__(self, *args, **kwargs):
        pass


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Stub


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    PREFIXES = ("presidio_analyzer", "tests", "pytest")

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in self.PREFIXES:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _StubModule(spec.name)
        module.__path__ = []
        if spec.name == "pytest":
            module.fixture = lambda *a, **k: (a[0] if a and callable(a[0]) else (lambda f: f))

            class _Mark:
                @staticmethod
                def parametrize(names, values, **kwargs):
                    def deco(f):
                        f.__dict__.setdefault("_tables", []).append((names, list(values)))
                        return f
                    return deco

                def __getattr__(self, name):
                    return lambda *a, **k: (a[0] if a and callable(a[0]) else (lambda f: f))
            module.mark = _Mark()
            module.param = lambda *values, **kwargs: tuple(values)
        return module

    def exec_module(self, module):
        pass


def fixture_call(tree, name):
    """The class a fixture function returns (`return XRecognizer(...)`), or the list it returns."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            for stmt in ast.walk(node):
                if isinstance(stmt, ast.Return) and stmt.value is not None:
                    value = stmt.value
                    if isinstance(value, ast.Call):
                        return ast.unparse(value.func), value
                    return None, value
    return None, None


def score_of(value):
    return 1.0 if value == "max" else float(value)


def cases_for(names, row, source, uses_max_score, exact_score_asserts):
    """Turns one parametrize row into (text, expected_len, checks)."""
    args = dict(zip([n.strip() for n in names.split(",")], row if isinstance(row, (tuple, list)) else (row,)))
    text = args.get("text", args.get("iban"))
    if text is None:
        return None
    checks = []
    positions = args.get("expected_positions", args.get("expected_res"))
    if "expected_position" in args:
        positions = (args["expected_position"],) if args["expected_position"] else ()
    if "expected_start" in args:
        positions = ((args["expected_start"], args["expected_end"]),)
    expected_len = args.get("expected_len")
    if expected_len is None:
        expected_len = len(positions) if positions is not None else 0
    positions = list(positions or ())
    if "expected_start" in args and expected_len == 0:
        positions = []
    for i, span in enumerate(positions):
        checks.append({"i": i, "start": span[0], "end": span[1]})
    if "expected_score_ranges" in args:
        for i, (lo, hi) in enumerate(args["expected_score_ranges"] or ()):
            if i < len(checks):
                checks[i].update(lo=score_of(lo), hi=score_of(hi))
            else:
                checks.append({"i": i, "lo": score_of(lo), "hi": score_of(hi)})
    elif "expected_score" in args:
        for check in checks:
            check.update(lo=args["expected_score"], hi=args["expected_score"])
    elif "expected_start" in args:
        for check in checks:
            check.update(lo=0.0, hi=0.5)
    elif uses_max_score:
        for check in checks:
            check.update(lo=1.0, hi=1.0)
    if "expected_scores" in args:
        # Checked per result on their own, and the spans above with max_score as well.
        for i, value in enumerate(args["expected_scores"]):
            checks.append({"i": i, "lo": value, "hi": value})
        if uses_max_score:
            for check in checks[: len(positions)]:
                check.update(lo=1.0, hi=1.0)
    for check in checks:
        check["exact"] = exact_score_asserts
    return text, expected_len, checks


def port_file(path):
    src = path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    namespace = {"__name__": "ported_" + path.stem}
    exec(compile(src, str(path), "exec"), namespace)
    out = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test"):
            continue
        func = namespace.get(node.name)
        tables = getattr(func, "_tables", None)
        if not tables:
            continue
        params = [a.arg for a in node.args.args]
        recognizer_fixture = next((p for p in params if p.endswith("recognizer")), None)
        if recognizer_fixture is None:
            continue
        body = ast.unparse(node)
        class_name, call = fixture_call(tree, recognizer_fixture)
        if class_name is None or call.args:
            continue
        options = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
        if f"{recognizer_fixture}.validate_result(" in body:
            # Presidio's validate_result() unit cases: value -> True / False / None.
            for names, rows in tables:
                keys = [n.strip() for n in names.split(",")]
                if len(keys) != 2:
                    continue
                for row in rows:
                    out.append({"kind": "validate", "recognizer": class_name, "options": options,
                                "test": f"{path.name}::{node.name}", "value": row[0], "expected": row[1]})
            continue
        if f"{recognizer_fixture}.analyze(" not in body or options:
            continue  # not an analyze test, or a recognizer built with non-default arguments
        _, entities = fixture_call(tree, "entities")
        entity = ast.literal_eval(entities)[0] if entities is not None else None
        uses_max = "max_score" in params
        exact = "assert_result(" in body
        for names, rows in tables:
            for row in rows:
                ported = cases_for(names, row, path.name, uses_max, exact)
                if ported is None:
                    continue
                text, expected_len, checks = ported
                out.append({"kind": "analyze", "recognizer": class_name, "entity": entity, "test": f"{path.name}::{node.name}",
                            "text": text, "expected_len": expected_len, "checks": checks})
    return out


def main():
    tests_dir = Path(sys.argv[1])
    sys.meta_path.insert(0, _StubFinder())
    cases = []
    for path in sorted(tests_dir.glob("test_*_recognizer.py")):
        stem = path.stem[len("test_"):-len("_recognizer")]
        if stem in SKIP_FILES:
            continue
        cases.extend(port_file(path))
    Path(sys.argv[2]).write_text(json.dumps(cases, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    by_recognizer = {}
    for case in cases:
        key = case["recognizer"] + (" (validate)" if case["kind"] == "validate" else "")
        by_recognizer[key] = by_recognizer.get(key, 0) + 1
    for name, count in sorted(by_recognizer.items()):
        print(f"{name}: {count}")
    print(f"total: {len(cases)}")


if __name__ == "__main__":
    main()
