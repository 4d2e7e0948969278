"""The one table `make bench` prints: every bench test adds rows, the session prints them.

Each row is a page measured under load (tests/bench/wrk.py), its queries per request, and,
when it is compared with a reference measured in the same run on the same server, the
ratio and the goal it is held to:

    from tests.bench import table
    static = table.add("static CSS", load=measure(css_url), queries=0)
    table.add("QR landing", load=measure(landing_url), queries=9,
              reference=static, goal=table.at_least(0.5))           # ≥ 0.5× its req/s
    table.add("member centre, 100k", load=..., queries=12,
              reference=centre_10, goal=table.at_most_time(1.2))    # ≤ 1.2× its time

"Time" is the time per request at the same concurrency (wrk -c8 on 2 workers): the
inverse of req/s, so 1.2× the time is 1/1.2 of the reference's req/s. The table is printed
by tests/bench/conftest.py at the end of the session and written to var/bench-table.md,
with the date and the machine's load, for the README. Goals are reported, never asserted:
these machines are shared and noisy; the tests assert only that the pages answered.
"""

import datetime
import os
import platform
from dataclasses import dataclass

from tests.bench.wrk import Load


@dataclass(frozen=True)
class Goal:
    """A bound on a row's ratio to its reference: req/s at least, or time at most."""

    measure: str  # "req/s" or "time"
    bound: float

    def ratio(self, row: "Row", reference: "Row") -> float:
        if self.measure == "time":
            return reference.load.rps / row.load.rps if row.load.rps else float("inf")
        return row.load.rps / reference.load.rps if reference.load.rps else 0.0

    def met(self, ratio: float) -> bool:
        return ratio <= self.bound if self.measure == "time" else ratio >= self.bound

    def __str__(self) -> str:
        sign = "≤" if self.measure == "time" else "≥"
        return f"{sign} {self.bound:g}× {self.measure}"


def at_least(bound: float) -> Goal:
    """At least `bound` times the reference's requests per second."""
    return Goal("req/s", bound)


def at_most_time(bound: float) -> Goal:
    """At most `bound` times the reference's time per request."""
    return Goal("time", bound)


@dataclass(frozen=True)
class Row:
    page: str
    load: Load
    queries: int | None = None
    reference: "Row | None" = None
    goal: Goal | None = None

    def cells(self) -> list[str]:
        queries = "-" if self.queries is None else str(self.queries)
        cells = [self.page, queries, f"{self.load.rps:.1f}", f"{self.load.p99_ms:.1f}"]
        if self.reference is None:
            return [*cells, "", "", "", ""]
        goal = self.goal or at_least(0)
        ratio = round(goal.ratio(self, self.reference), 2)  # judged as printed
        verdict = "" if self.goal is None else ("yes" if goal.met(ratio) else "no")
        return [
            *cells,
            f"{ratio:.2f}× {goal.measure}",
            self.reference.page,
            "" if self.goal is None else str(self.goal),
            verdict,
        ]


HEADER = ["page", "queries", "req/s", "p99 ms", "ratio", "reference", "goal", "met"]
ROWS: list[Row] = []
# Lines printed under the table (and kept with it): Lighthouse's scores, which are no rows.
AFTERWORD: list[str] = []


def add(page: str, *, load: Load, **fields) -> Row:
    """Add a row to this session's table; returns it, to serve as another row's reference."""
    row = Row(page, load, **fields)
    ROWS.append(row)
    return row


def render(rows: list[Row], *, note: str = "") -> str:
    """The rows as a Markdown table (aligned, so it reads in a terminal too)."""
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    numeric = {1, 2, 3, 4}

    def format_line(cells):
        padded = [
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (w + 1) + ":" if i in numeric else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    table = [format_line(lines[0]), rule, *(format_line(line) for line in lines[1:])]
    return "\n".join([note, "", *table] if note else table)


def circumstances(*, load_before: tuple[float, float, float]) -> str:
    """When and where the figures were taken: date, machine, and its load around the run."""
    load_after = os.getloadavg()
    return (
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
        f"{platform.node()} ({os.cpu_count()} CPUs), "
        f"load average {load_before[0]:.2f} before and {load_after[0]:.2f} after; "
        f"database {os.environ.get('DATABASE_URL', 'SQLite').split('@')[-1]}; "
        "wrk -t2 -c8 --latency, gunicorn 2 sync workers, DEBUG off."
    )
