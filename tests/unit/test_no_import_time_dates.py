"""No module reads the clock while it is imported.

A date taken at import is frozen for the whole run: a run that crosses midnight in Asia/Shanghai
then compares yesterday's "today" with the site's today, and the test fails for no reason. The
clock may be read inside a function body (a test, a fixture, a service), evaluated when it runs.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A call whose last name is one of these reads the wall clock (`date.today()`, `D.today()`,
# `timezone.now()`, `now()` imported bare); `time` alone would also match `datetime.time(9, 0)`,
# so the time module's readers are spelled out.
CLOCK_NAMES = {"today", "now", "utcnow", "localdate", "localtime"}
CLOCK_CALLS = {"time.time", "time.time_ns", "time.localtime", "time.gmtime"}

# Test code, and the app code a test imports (its migrations only ever run inside a test).
SCANNED = ["tests", "portal", "cms", "catalog", "aftersales", "membership", "groundwork"]


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def reads_clock(call: ast.Call) -> bool:
    name = dotted(call.func)
    return name.rpartition(".")[2] in CLOCK_NAMES or name in CLOCK_CALLS


class ImportTimeClock(ast.NodeVisitor):
    """Collects clock calls that run at import: module and class bodies, decorators, defaults."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []

    def visit_Call(self, node: ast.Call) -> None:
        if reads_clock(node):
            self.found.append((node.lineno, dotted(node.func)))
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # The body runs when called; what the `def` line evaluates runs now.
        for expr in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
            if expr is not None:
                self.visit(expr)
        for statement in node.body:
            DefaultsOnly(self.found).visit(statement)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for expr in [*node.args.defaults, *node.args.kw_defaults]:
            if expr is not None:
                self.visit(expr)


class DefaultsOnly(ast.NodeVisitor):
    """Inside a function body only nested defaults are suspect: they freeze at each `def`."""

    def __init__(self, found: list[tuple[int, str]]) -> None:
        self.found = found

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for expr in [*node.args.defaults, *node.args.kw_defaults]:
            if expr is not None:
                collector = ImportTimeClock()
                collector.visit(expr)
                self.found.extend(collector.found)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef


def import_time_clock_reads(source: str) -> list[tuple[int, str]]:
    collector = ImportTimeClock()
    collector.visit(ast.parse(source))
    return sorted(collector.found)


def modules(top: str) -> list[Path]:
    return [path for path in sorted((ROOT / top).rglob("*.py")) if "migrations" not in path.parts]


class TestTheGuard:
    """The guard itself: what counts as reading the clock at import, and what does not."""

    def test_flags_a_module_level_today(self):
        assert import_time_clock_reads("TODAY = timezone.localdate()\n") == [
            (1, "timezone.localdate")
        ]

    def test_flags_a_class_attribute(self):
        source = "class T:\n    now = datetime.datetime.now()\n"
        assert import_time_clock_reads(source) == [(2, "datetime.datetime.now")]

    def test_flags_a_default_argument(self):
        source = "def make(day=datetime.date.today()):\n    return day\n"
        assert import_time_clock_reads(source) == [(1, "datetime.date.today")]

    def test_flags_a_keyword_only_default_and_a_decorator_argument(self):
        source = (
            "@pytest.mark.parametrize('at', [now()])\ndef test(at, *, day=localdate()):\n    pass\n"
        )
        assert import_time_clock_reads(source) == [(1, "now"), (2, "localdate")]

    def test_flags_a_default_of_a_function_nested_in_a_function(self):
        source = "def outer():\n    def inner(at=timezone.now()):\n        return at\n"
        assert import_time_clock_reads(source) == [(2, "timezone.now")]

    def test_lets_a_function_body_read_the_clock(self):
        source = (
            "def today():\n"
            "    return timezone.localdate()\n"
            "class T:\n"
            "    def test(self):\n"
            "        assert time.time()\n"
        )
        assert import_time_clock_reads(source) == []

    def test_lets_a_reference_to_the_clock_stand_as_a_default(self):
        # `default=timezone.now` is a callable, read at each save.
        assert import_time_clock_reads("created = Field(default=timezone.now)\n") == []

    def test_flags_an_alias_of_date(self):
        assert import_time_clock_reads("D = datetime.date\nTODAY = D.today()\n") == [(2, "D.today")]

    def test_lets_fixed_dates_and_times_stand(self):
        source = "BOUGHT = datetime.date(2026, 3, 1)\nNINE = datetime.time(9, 0)\n"
        assert import_time_clock_reads(source) == []


@pytest.mark.parametrize("top", SCANNED)
def test_no_module_reads_the_clock_at_import(top):
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {call}()"
        for path in modules(top)
        for line, call in import_time_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert modules(top), f"nothing to scan under {top}/"
    assert offenders == [], "read the clock inside a function or fixture instead:\n" + "\n".join(
        offenders
    )
