"""`{{ user|person_name }}`: a person's name in its own order (李娜, Anna Smith), else their
email or username; `{{ user|full_name }}` the name alone, "" when none was given. Django's
`get_full_name` would print a Chinese name given name first (娜 李)."""

from django import template
from django.utils.translation import gettext

from groundwork.personal_names import full_name as name_in_its_order

register = template.Library()


@register.filter
def person_name(user) -> str:
    if user is None:
        return ""
    return name_in_its_order(user) or getattr(user, "email", "") or user.get_username()


@register.filter
def full_name(user) -> str:
    return name_in_its_order(user) if user is not None else ""


@register.filter
def reviewer_name(review) -> str:
    """A product review's author as Oscar's `reviewer_name` gives it, in the name's order."""
    if review.user_id is None:
        return review.name
    return name_in_its_order(review.user) or gettext("anonymous")
