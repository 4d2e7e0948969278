"""membership.keyset.Cursor: the history's "newer/older" links, read back from the URL."""

import datetime

import pytest

from membership.keyset import EPOCH, BadCursor, Cursor


class TestACursorFromALink:
    def test_reads_back_what_it_wrote(self):
        cursor = Cursor(created_at=datetime.datetime(2026, 3, 1, 8, 30, tzinfo=datetime.UTC), pk=42)
        assert Cursor.parse(str(cursor)) == cursor

    @pytest.mark.parametrize(
        "text",
        [
            "١٧٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠.٤٢",  # Arabic-Indic digits: isdigit() is true for them
            "１７００.４２",  # fullwidth
            "1700000000000000.0",  # no row has id 0
            "1700000000000000.-1",
            "-1.42",
            "1700000000000000",
            ".42",
            "9" * 30 + ".42",  # past the last datetime
            "1.99999999999999999999",  # past a bigint
        ],
    )
    def test_that_was_tampered_with_is_a_bad_cursor(self, text):
        with pytest.raises(BadCursor):
            Cursor.parse(text)

    def test_may_point_at_the_epoch(self):
        assert Cursor.parse("0.1") == Cursor(created_at=EPOCH, pk=1)
