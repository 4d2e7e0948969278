"""Remembering, for a short while, that this browser proved it holds a phone.

After a one-time code texted to the phone is given back, the session keeps a signed,
timestamped note of the phone and what it was proved for. It expires on its own after
PROOF_SECONDS, and a note signed for one purpose (the progress lookup) does not open
another (the mailbox).
"""

from django.core import signing

PROOF_SECONDS = 15 * 60


def _key(purpose: str) -> str:
    return f"aftersales.phone-proof.{purpose}"


def remember(request, *, purpose: str, phone: str) -> None:
    request.session[_key(purpose)] = signing.dumps({"phone": phone}, salt=_key(purpose))


def proven_phone(request, *, purpose: str) -> str | None:
    """The phone this session proved for `purpose` in the last PROOF_SECONDS, or None."""
    token = request.session.get(_key(purpose))
    if not isinstance(token, str):
        return None
    try:
        data = signing.loads(token, salt=_key(purpose), max_age=PROOF_SECONDS)
    except signing.BadSignature:
        return None
    phone = data.get("phone") if isinstance(data, dict) else None
    return phone if isinstance(phone, str) else None


def forget(request, *, purpose: str) -> None:
    request.session.pop(_key(purpose), None)


def remember_value(request, *, key: str, value: dict) -> None:
    """A small signed value kept in the session (the lookup's phone and name)."""
    request.session[f"aftersales.{key}"] = signing.dumps(value, salt=f"aftersales.{key}")


def recall_value(request, *, key: str, max_age: int = PROOF_SECONDS) -> dict | None:
    token = request.session.get(f"aftersales.{key}")
    if not isinstance(token, str):
        return None
    try:
        data = signing.loads(token, salt=f"aftersales.{key}", max_age=max_age)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def drop_value(request, *, key: str) -> None:
    request.session.pop(f"aftersales.{key}", None)
