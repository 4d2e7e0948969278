"""Text from outside made storable: PostgreSQL refuses NUL, and UTF-8 has no lone surrogates.

A JSON body may spell either ("\\u0000", "\\ud800"); json.loads turns them into Python
strings that SQLite stores and PostgreSQL (or psycopg, encoding to UTF-8) refuses with an
error. json.loads also reads NaN, Infinity and 1e400, which no JSON column accepts back.
Data kept as received, such as a webhook's payload, goes through storable() first.
"""

import math
import re

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable_text(text: str) -> str:
    """`text` with each NUL and lone surrogate replaced by U+FFFD: as long, and storable."""
    return _UNSTORABLE.sub(REPLACEMENT, text)


def storable(value):
    """A JSON-like value whose strings (keys too) and numbers a JSON column can store."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value
