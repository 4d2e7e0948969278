"""Signatures for per-unit QR codes: /q/<CODE>/<SERIAL>/<SIG>.

A per-unit code carries a serial that registration trusts, so it must not be forgeable
(make up a serial and claim it) or walkable (count serials up from a label you own).
SIG is a truncated HMAC-SHA256 of code and serial under a key derived from SECRET_KEY.

Ten base32 characters hold 50 bits: guessing one valid signature takes ~10^15 tries,
and the alphabet (A–Z, 2–7) stays inside QR alphanumeric mode, which keeps the symbol
small enough to print on a device's rating plate.
"""

import base64

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "aftercare.qr.unit"
SIG_LENGTH = 10


def normalise(value: str) -> str:
    """Codes, serials and signatures are read case-insensitively: printed upper case."""
    return value.strip().upper()


def unit_signature(code: str, serial: str) -> str:
    message = f"{normalise(code)}/{normalise(serial)}"
    digest = salted_hmac(SALT, message, algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii")[:SIG_LENGTH]


def verify_unit(code: str, serial: str, sig: str) -> bool:
    if not code or not serial or len(sig or "") != SIG_LENGTH:
        return False
    return constant_time_compare(unit_signature(code, serial), normalise(sig))
