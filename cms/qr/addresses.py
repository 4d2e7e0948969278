"""What a QR code encodes: the public address of a model's or a unit's landing.

Everything is upper case: scheme and host are case-insensitive, our /Q/ routes accept
either case, and an all-upper-case URL fits QR alphanumeric mode (5.5 bits a character
instead of 8), so a per-unit code stays at version 4 (33 × 33 modules) at level M.
"""

from django.conf import settings

from appliances import signing


def base_url() -> str:
    return settings.QR_BASE_URL.rstrip("/").upper()


def model_url(code: str) -> str:
    return f"{base_url()}/Q/{signing.normalise(code)}"


def unit_url(code: str, serial: str) -> str:
    code, serial = signing.normalise(code), signing.normalise(serial)
    return f"{base_url()}/Q/{code}/{serial}/{signing.unit_signature(code, serial)}"
