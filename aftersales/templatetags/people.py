"""`{{ user|person_name }}`: a person's name in its own order (李娜, Anna Smith), else their
email or username; Django's `get_full_name` would print a Chinese name given name first."""

from django import template

from groundwork.personal_names import full_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    if user is None:
        return ""
    return full_name(user) or getattr(user, "email", "") or user.get_username()
