"""Numbers typed by people or sent by machines, read one way everywhere.

`str.isdigit()` is true for "١٢٣" and "²", which `int()` then refuses or misreads; ids and
quantities accept ASCII digits only, and ids must fit a 64-bit column.
"""

import re

ASCII_INTEGER = re.compile(r"[+-]?[0-9]+")
MAX_ID = 2**63 - 1


def parse_int(value, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """`value` as an int when it is ASCII digits (a sign allowed) within bounds, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and ASCII_INTEGER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def parse_id(value) -> int | None:
    """A database id: a positive integer that fits a bigint column, else None."""
    return parse_int(value, minimum=1, maximum=MAX_ID)
