from django import template
from django.utils import timezone

from .. import selectors

register = template.Library()


@register.simple_tag
def return_options(order) -> dict:
    """For each goods line of `order` (by line id): its windows, offers and open request."""
    return selectors.options_for_order(order, today=timezone.localdate())


@register.filter
def option_for(options: dict, line):
    return options.get(line.pk)
