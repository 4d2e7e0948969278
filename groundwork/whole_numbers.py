"""Whole numbers read from untrusted text: ASCII digits only, within the database's range.

Python's int() and str.isdigit() read every Unicode decimal digit ("١٢٣", "１２３", "𝟏"),
accept "1_000" and surrounding whitespace, and take thousands of digits; PostgreSQL takes
none of that and a bigint stops at 2**63 - 1. A number that reaches a query or a column
is parsed here, so what the database cannot store is refused as bad input instead.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

ASCII_DIGITS = "0123456789"  # str.isdigit() is true for hundreds more
BIGINT_MIN = -(2**63)
BIGINT_MAX = 2**63 - 1
# A bigint has 19 digits; a few more leave room for leading zeros and still keep int()
# far from Python's 4300-digit limit.
MAX_DIGITS = 40

_WHOLE = re.compile(r"[+-]?[0-9]+")


def parse_whole_number(text: str, *, minimum: int = BIGINT_MIN, maximum: int = BIGINT_MAX) -> int:
    """The number `text` spells in ASCII digits, with an optional sign.

    Whitespace around it is ignored (forms strip it too). Raises ValueError for anything
    else, and for numbers outside minimum..maximum (by default, a PostgreSQL bigint).
    """
    if not isinstance(text, str):
        raise ValueError(f"Not text: {type(text).__name__}")
    text = text.strip(" \t\r\n")
    if len(text) > MAX_DIGITS or not _WHOLE.fullmatch(text):
        raise ValueError(f"Not a whole number in ASCII digits: {text[:MAX_DIGITS]!r}")
    number = int(text)
    if not minimum <= number <= maximum:
        raise ValueError(f"{number} is outside {minimum}..{maximum}")
    return number


def whole_number_or_none(
    text: object, *, minimum: int = BIGINT_MIN, maximum: int = BIGINT_MAX
) -> int | None:
    """Like parse_whole_number, but None for missing or bad input."""
    if not isinstance(text, str):
        return None
    try:
        return parse_whole_number(text, minimum=minimum, maximum=maximum)
    except ValueError:
        return None


def row_id_or_none(text: object) -> int | None:
    """A primary key as a URL or form sends it: 1..2**63 - 1, or None."""
    return whole_number_or_none(text, minimum=1, maximum=BIGINT_MAX)


def page_number(request) -> int | None:
    """A listing's ?page= for Paginator.get_page, which shows the first page for None."""
    return whole_number_or_none(request.GET.get("page"), minimum=1)


class WholeNumberField(forms.IntegerField):
    """Django's IntegerField without int()'s leniency, bounded to a bigint by default.

    IntegerField reads "١٢٣" as 123 and only rejects out-of-range values when told the
    range; this field accepts ASCII digits only, and never lets a number the database
    cannot hold through to a query.
    """

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        super().__init__(
            min_value=BIGINT_MIN if min_value is None else min_value,
            max_value=BIGINT_MAX if max_value is None else max_value,
            **kwargs,
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return parse_whole_number(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class RowChoiceField(forms.ModelChoiceField):
    """ModelChoiceField for a table with integer keys: the key is checked before the query.

    ModelChoiceField hands the raw value to the database lookup, where int() reads
    non-ASCII digits; here only a key 1..2**63 - 1 in ASCII digits is looked up.
    """

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            return value
        if self.to_field_name is None and row_id_or_none(str(value)) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)
