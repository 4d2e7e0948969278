"""A person's name as they write it: Chinese family name first and unspaced (李娜).

Django's `get_full_name()` writes "first last" with a space, which turns 李娜 (last_name 李,
first_name 娜) into "娜 李". Names in Latin letters keep the Western order.
"""


def full_name(user) -> str:
    """The user's name in its own order, or "" when neither part is set."""
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if first and last and not (first + last).isascii():
        return f"{last}{first}"
    return f"{first} {last}".strip()
