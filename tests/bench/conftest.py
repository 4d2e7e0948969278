"""One bench site for the session, and one table of figures printed at its end.

`site` prepares the bench database once (migrate, the demo data, collectstatic) and serves
it with gunicorn (tests/bench/site.py); each bench module adds what it needs with
`site.run_scenario` and measures pages with tests/bench/wrk.py, adding a row to
tests/bench/table.py for each. The table is printed after the tests and written to
var/bench-table.md, with the date and the machine's load, for the README.
"""

import os

import pytest

from tests.bench import table
from tests.bench.site import ROOT, serve

TABLE_FILE = ROOT / "var" / "bench-table.md"
LOAD_AT_START = os.getloadavg()


@pytest.fixture(scope="session")
def site():
    """The base URL of gunicorn serving the bench database, loaded with the demo data."""
    yield from serve()


def pytest_terminal_summary(terminalreporter):
    if not table.ROWS:
        return
    text = table.render(table.ROWS, note=table.circumstances(load_before=LOAD_AT_START))
    if table.AFTERWORD:
        text += "\n\n" + "\n".join(table.AFTERWORD)
    terminalreporter.section("bench")
    for line in text.splitlines():
        terminalreporter.write_line(line)
    TABLE_FILE.parent.mkdir(exist_ok=True)
    TABLE_FILE.write_text(text + "\n")
    terminalreporter.write_line(f"(also in {TABLE_FILE.relative_to(ROOT)})")
