"""What a model's serial numbers look like, told to a person: a format and an example.

A model's `serial_pattern` is a regular expression staff write in the admin. Most are a fixed
prefix then runs of digits or letters (^KG[0-9]{4}[A-Z0-9]{12}$); for those this reads the
pattern with Python's own regex parser and says "KG + 4 digits + 12 letters or digits", and
makes an example that the pattern accepts. A pattern beyond that (alternatives, groups) gets
no description rather than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# The regex parser of Python's own re module: private, but the same in 3.11 to 3.13.
from re import _constants as sre
from re import _parser as sre_parse

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DIGITS, LETTERS, LETTERS_OR_DIGITS = "digits", "letters", "letters or digits"
# Example characters: a date-like run for digits, letters and digits that read apart (no O/0, I/1).
EXAMPLE_CHARS = {
    DIGITS: "2403150000123456789",
    LETTERS: "ABCDEFGHJKLMNPQRSTUVWXYZ",
    LETTERS_OR_DIGITS: "A1B2C3D4E5F6G7H8J9K0LMNPQRSTUV",
}


@dataclass(frozen=True)
class Run:
    kind: str  # "literal" or one of DIGITS, LETTERS, LETTERS_OR_DIGITS
    text: str = ""  # the literal's text
    least: int = 1
    most: int = 1


class Unsupported(ValueError):
    pass


@lru_cache(maxsize=256)
def runs(pattern: str) -> tuple[Run, ...] | None:
    """The pattern as runs of literals and character classes, or None if it is not that simple."""
    try:
        parsed = sre_parse.parse(pattern)
        result: list[Run] = []
        for op, value in parsed:
            if op is sre.AT:
                continue
            if op is sre.LITERAL:
                if result and result[-1].kind == "literal":
                    result[-1] = Run("literal", result[-1].text + chr(value))
                else:
                    result.append(Run("literal", chr(value)))
            elif op is sre.IN:
                result.append(Run(_kind([(op, value)])))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                least, most, sub = value
                if most == sre.MAXREPEAT:
                    raise Unsupported(pattern)
                result.append(Run(_kind(list(sub)), least=least, most=most))
            else:
                raise Unsupported(pattern)
    except (re.error, Unsupported, TypeError, ValueError):
        return None
    return tuple(result)


def _kind(items) -> str:
    if len(items) != 1:
        raise Unsupported(items)
    op, value = items[0]
    if op is sre.LITERAL:
        raise Unsupported(items)  # a repeated single character: rare enough to leave out
    if op is not sre.IN:
        raise Unsupported(items)
    digits = letters = False
    for member_op, member in value:
        if member_op is sre.RANGE and member == (ord("0"), ord("9")):
            digits = True
        elif member_op is sre.RANGE and member == (ord("A"), ord("Z")):
            letters = True
        elif member_op is sre.CATEGORY and member is sre.CATEGORY_DIGIT:
            digits = True
        else:
            raise Unsupported(items)
    if digits and letters:
        return LETTERS_OR_DIGITS
    return DIGITS if digits else LETTERS


def example(pattern: str) -> str:
    """A serial the pattern accepts, e.g. KG2403A1B2C3D4E5F6; "" if none can be made."""
    parts = runs(pattern)
    if not parts:
        return ""
    text = "".join(
        run.text if run.kind == "literal" else _sample(run.kind, run.least) for run in parts
    )
    return text if re.fullmatch(pattern, text) else ""


def _sample(kind: str, count: int) -> str:
    chars = EXAMPLE_CHARS[kind]
    return (chars * (count // len(chars) + 1))[:count]


def describe(pattern: str) -> str:
    """The format in words, e.g. "KG + 4 digits + 12 letters or digits"; "" if unknown."""
    parts = runs(pattern)
    if not parts or not example(pattern):
        return ""
    return " + ".join(_describe_run(run) for run in parts)


def _describe_run(run: Run) -> str:
    if run.kind == "literal":
        return run.text
    if run.least == run.most:
        n = run.least
        return {
            DIGITS: ngettext("%(n)s digit", "%(n)s digits", n),
            LETTERS: ngettext("%(n)s letter", "%(n)s letters", n),
            LETTERS_OR_DIGITS: ngettext("%(n)s letter or digit", "%(n)s letters or digits", n),
        }[run.kind] % {"n": n}
    return {
        DIGITS: _("%(least)s to %(most)s digits"),
        LETTERS: _("%(least)s to %(most)s letters"),
        LETTERS_OR_DIGITS: _("%(least)s to %(most)s letters or digits"),
    }[run.kind] % {"least": run.least, "most": run.most}
