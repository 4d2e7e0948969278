"""The unified social credit code (统一社会信用代码) of GB 32100-2015: a company's taxpayer
number on a VAT invoice.

18 characters from 31 (digits and capital letters without I, O, Z, S, V): the registering
authority (1), the kind of organisation (1), the administrative division where it was
registered (6 digits), the organisation's code (9), and a check character (1) computed
from the other 17 with the weights 3^i mod 31.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {character: value for value, character in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, position, 31) for position in range(17))
LENGTH = 18


def normalise(code: str) -> str:
    """Upper case, without the spaces and hyphens people type to group the characters."""
    return "".join(code.split()).replace("-", "").upper()


def check_character(first_17: str) -> str:
    """The 18th character for the first 17; ValueError for a character outside the set."""
    if len(first_17) != LENGTH - 1:
        raise ValueError("17 characters are needed")
    total = sum(
        VALUES[character] * weight for character, weight in zip(first_17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    """A well-formed code whose check character matches (normalise it first)."""
    if len(code) != LENGTH or any(character not in VALUES for character in code):
        return False
    if not code[2:8].isdigit():  # the administrative division code
        return False
    return check_character(code[:17]) == code[17]
