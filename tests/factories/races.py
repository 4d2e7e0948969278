"""Running callables at the same instant on their own database connections.

Races only mean something on PostgreSQL (SQLite serialises writers), so tests that use this
are marked `needs_postgres` and run in a transactional test (each thread commits).
"""

import threading

import pytest
from django.db import connection

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
)


def run_together(*targets, expected: tuple = ()) -> list:
    """Start every target at once (a barrier), each in its own thread and connection.

    Returns what each returned or raised, in order; an exception of a type in `expected`
    is an outcome, any other fails the test.
    """
    start = threading.Barrier(len(targets))
    outcomes: list = [None] * len(targets)
    errors: list = []

    def run(index, target):
        try:
            start.wait()
            outcomes[index] = target()
        except expected as outcome:
            outcomes[index] = outcome
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [], errors
    return outcomes
