"""Keyset paging for a member's history: "newer" and "older" links instead of page numbers.

Django's Paginator counts every matching row and then skips `offset` of them; for a member
with 100,000 entries that is a count of 100,000 rows on every page and ever slower pages
further back. A keyset page instead asks the (member, -created_at) index for the rows
just past a cursor, the (created_at, pk) of the last row shown, so every page costs one
query of `per_page + 1` rows wherever it is.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from groundwork.whole_numbers import row_id_or_none, whole_number_or_none

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)
# No ledger row is that late; later cursors are tampered with, and near datetime.max they
# would overflow when shown in local time.
MAX_MICROS = (datetime.datetime(3000, 1, 1, tzinfo=datetime.UTC) - EPOCH) // MICROSECOND


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    """A position in a newest-first list: the `created_at` and `pk` of one row.

    Written into links as "<microseconds since 1970>.<pk>": plain digits, nothing to escape.
    """

    created_at: datetime.datetime
    pk: int

    @classmethod
    def of(cls, row) -> "Cursor":
        return cls(created_at=row.created_at, pk=row.pk)

    @classmethod
    def parse(cls, text: str) -> "Cursor":
        micros, dot, pk = text.partition(".")
        micros = whole_number_or_none(micros, minimum=0, maximum=MAX_MICROS) if dot else None
        pk = row_id_or_none(pk) if dot else None
        if micros is None or pk is None:
            raise BadCursor(text)
        return cls(created_at=EPOCH + micros * MICROSECOND, pk=pk)

    def __str__(self) -> str:
        return f"{(self.created_at - EPOCH) // MICROSECOND}.{self.pk}"


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    newer: Cursor | None  # where the page before this one (newer rows) ends, if any
    older: Cursor | None  # where the page after this one (older rows) starts, if any


def _older_than(cursor: Cursor) -> Q:
    return Q(created_at__lt=cursor.created_at) | Q(created_at=cursor.created_at, pk__lt=cursor.pk)


def _newer_than(cursor: Cursor) -> Q:
    return Q(created_at__gt=cursor.created_at) | Q(created_at=cursor.created_at, pk__gt=cursor.pk)


def keyset_page(
    rows: QuerySet,
    *,
    per_page: int,
    before: Cursor | None = None,
    after: Cursor | None = None,
) -> KeysetPage:
    """One page of `rows`, newest first: the first, the one older than `before`, or the one
    newer than `after`. One query; no count."""
    if before is not None and after is not None:
        raise ValueError("Page either before or after a cursor, not both.")
    if after is not None:
        # The rows just newer than the cursor are the oldest of the newer ones: walk the
        # index upwards, then show them newest first like every other page.
        found = list(
            rows.filter(created_at__gte=after.created_at)
            .filter(_newer_than(after))
            .order_by("created_at", "pk")[: per_page + 1]
        )
        more_newer = len(found) > per_page
        page = found[:per_page][::-1]
        return KeysetPage(
            rows=page,
            newer=Cursor.of(page[0]) if more_newer else None,
            older=Cursor.of(page[-1]) if page else None,
        )
    if before is not None:
        # created_at <= cursor first, so the index range starts at the cursor; the OR only
        # settles ties on the same instant.
        rows = rows.filter(created_at__lte=before.created_at).filter(_older_than(before))
    found = list(rows.order_by("-created_at", "-pk")[: per_page + 1])
    page = found[:per_page]
    return KeysetPage(
        rows=page,
        newer=Cursor.of(page[0]) if before is not None and page else None,
        older=Cursor.of(page[-1]) if len(found) > per_page else None,
    )
