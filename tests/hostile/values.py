"""Hostile values, drawn once from Hypothesis strategies with a fixed seed.

The walk sends thousands of requests, so it does not run under @given (a failing route
would be re-run for shrinking, minutes per example). The strategies are drawn into a pool
instead, derandomized and bounded, so every run of the walk sends the same values and a
failure names the exact value that caused it.
"""

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

# What groundwork.hostile_input refuses before a view runs; the walk uses the same numbers
# to tell the values that should reach views from those that should stop at the door.
CONTROL_CHARACTERS = [chr(c) for c in range(32) if chr(c) not in "\t\r\n"]
MAX_VALUE_LENGTH = 10_000

# Decimal digits outside ASCII: str.isdigit() and int() accept them, PostgreSQL does not.
NON_ASCII_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९০১২৩৪৫৬৭৮৯０１２３４５６７８９𝟎𝟏𝟐𝟑"

# The cases issue #13 found, always sent, whatever Hypothesis draws next to them.
FOUND = [
    "\x00",
    "1\x00",
    "a\x00b",
    "\x1b[31m",
    "١٢٣",
    "１２３",
    "-1",
    "0",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999999999",
    "x" * 41,
    "X" * 255,
    "9" * 5000,  # past Python's 4300-digit limit for int()
    "a" * (MAX_VALUE_LENGTH + 1),
    "{",
    '{"id": "\\u0000"}',
    "' OR '1'='1' --",
    "<script>alert(1)</script>",
    "\ud800",  # a lone surrogate: sent as the invalid UTF-8 bytes ED A0 80
]

SNIPPETS = [
    "'",
    '"',
    "\\",
    "%",
    "_",
    "%00",
    "%%",
    "%s%n",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "${7*7}",
    "../../../../etc/passwd",
    "'; DROP TABLE auth_user; --",
    "1 UNION SELECT NULL--",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "//evil.example/",
    "http://evil.example/",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    "NaN",
    "Infinity",
    "1e309",
    "-0",
    "+1",
    " 1 ",
    "1_000",
    "0x10",
    "1.5",
    "1,000",
    "2026-02-30",
    "9999-12-31",
    "0000-00-00",
    "\u202eevil",
    "\ufeff1",
    "😀" * 10,
]


def _with_control_character():
    return st.builds(
        lambda before, char, after: before + char + after,
        st.text(max_size=12),
        st.sampled_from(CONTROL_CHARACTERS),
        st.text(max_size=12),
    )


def _non_ascii_number():
    return st.builds(
        lambda sign, digits: sign + digits,
        st.sampled_from(["", "-", "+"]),
        st.text(alphabet=NON_ASCII_DIGITS, min_size=1, max_size=12),
    )


def _out_of_range_number():
    return st.one_of(
        st.integers(min_value=2**31 - 2, max_value=2**80),
        st.integers(min_value=-(2**80), max_value=0),
    ).map(str)


def _long_text():
    # Just under the door's cap (reaches views and columns) and just over it (stops there).
    return st.builds(
        lambda unit, length: (unit * length)[:length],
        st.sampled_from(["a", "9", "好", "'", "a-", "<b>"]),
        st.sampled_from([33, 65, 129, 256, 1025, MAX_VALUE_LENGTH, MAX_VALUE_LENGTH + 1]),
    )


def _lone_surrogate():
    return st.builds(
        lambda before, char: before + char,
        st.text(alphabet="abc123", max_size=4),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    )


def hostile_text():
    """One hostile form, query or path value."""
    return st.one_of(
        _with_control_character(),
        _non_ascii_number(),
        _out_of_range_number(),
        _long_text(),
        _lone_surrogate(),
        st.sampled_from(SNIPPETS),
        st.text(max_size=40),
    )


def draw(strategy, *, count: int) -> list:
    """`count` examples of `strategy`, the same ones on every run."""
    drawn = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(strategy)
    def collect(value):
        drawn.append(value)

    collect()
    return drawn


def hostile_pool(*, count: int = 300) -> list[str]:
    """The values the walk sends: issue #13's findings first, then Hypothesis's."""
    pool = list(FOUND)
    for value in draw(hostile_text(), count=count):
        if value not in pool:
            pool.append(value)
    return pool


def stops_at_the_door(value: str) -> bool:
    """Whether groundwork.hostile_input answers 400 for this value before any view."""
    return len(value) > MAX_VALUE_LENGTH or any(char in value for char in CONTROL_CHARACTERS)


def json_values():
    """Any JSON value, its strings hostile."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(),
        hostile_text(),
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    )


def stripe_event_bodies():
    """Bodies shaped like Stripe's events with hostile fields, and JSON of any shape."""
    kinds = st.sampled_from(["payment_intent.succeeded", "payment_intent.payment_failed"])
    intent = st.fixed_dictionaries({"id": st.one_of(hostile_text(), json_values())})
    event = st.fixed_dictionaries(
        {
            "id": st.one_of(hostile_text(), json_values()),
            "type": st.one_of(kinds, hostile_text()),
            "data": st.one_of(st.fixed_dictionaries({"object": intent}), json_values()),
        }
    )
    return st.one_of(event, json_values())
