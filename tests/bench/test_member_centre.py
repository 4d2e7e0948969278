"""The member centre and points history for a member with 10 entries and one with 100,000.

Both members' pages are served by the same gunicorn in the same run and loaded with wrk as
every bench page is, side by side (10, 100,000, 100,000, 10; each size's two runs
averaged). Adds a row per page and size to the session's table (tests/bench/table.py): the
100,000-entry member's page against the 10-entry member's, the centre held to at most 1.2×
the time (the history is shown without a goal: its first page holds 10 rows for one
member and 20 for the other).
Asserts only that every answer was 2xx: time is measured, not judged (these machines are
noisy); tests/integration/test_member_centre.py asserts that both cost the same queries.
Run with `make bench`.
"""

import pytest

from tests.bench import table
from tests.bench.site import run_scenario
from tests.bench.wrk import measure_side_by_side

SCENARIO = "from tests.bench.members_scenario import main; main()"


@pytest.fixture(scope="module")
def members_server(site):
    return site, run_scenario(SCENARIO)


def test_member_centre_with_10_and_100000_entries(members_server):
    base, scenario = members_server
    queries, sessions = scenario["queries"], scenario["sessions"]

    def cookie(size):
        return [f"Cookie: {scenario['session_cookie']}={sessions[size]}"]

    rows = []
    for page, path in scenario["pages"].items():
        small_load, large_load = measure_side_by_side(
            (base + path, cookie("10")), (base + path, cookie("100k"))
        )
        small = table.add(f"{page}, 10 entries", load=small_load, queries=queries[f"{page} 10"])
        large = table.add(
            f"{page}, 100,000 entries",
            load=large_load,
            queries=queries[f"{page} 100k"],
            reference=small,
            # The history's first page shows 10 rows to one member and 20 to the other.
            goal=table.at_most_time(1.2) if page == "member centre" else None,
        )
        rows += [small, large]
    assert all(row.load.non2xx == 0 for row in rows)
