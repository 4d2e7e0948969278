"""Short public QR codes for appliance models.

Codes are printed under a QR symbol and sometimes read out on the phone, so the alphabet
leaves out characters people confuse (0/O, 1/I/L) and case does not matter.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6


def new_public_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    return code.strip().upper()
