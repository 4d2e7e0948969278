from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def multiplier(value: Decimal) -> str:
    """A tier's points multiplier without trailing zeros: 1.5, 2, 1.25."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
