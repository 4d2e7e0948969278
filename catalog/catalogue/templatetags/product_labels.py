"""Attribute values as the visitor reads them, not as the shop stores them.

A plan stores `category=air_conditioner` and `price_band=3000-6000`: keys that code matches
on (catalog.kinds). Pages show 空调 / "Air conditioner" and "¥3,000–6,000" instead, and a
rich-text value written one paragraph per language shows the visitor's paragraphs.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from appliances.models import Category
from catalog.catalogue.bilingual import split_html
from catalog.kinds import CATEGORY, DURATION_MINUTES, PRICE_BAND, TERM_YEARS

register = template.Library()

REPLACEMENT_MONTHS = "replacement_months"


def price_band_label(band: str) -> str:
    """ "3000-6000" → "¥3,000–6,000", "under-3000" → "under ¥3,000"; anything else as it is."""
    low, _sep, high = (band or "").partition("-")
    try:
        upper = number_format(Decimal(high), decimal_pos=0, force_grouping=True)
        if low == "under":
            return gettext("under ¥%(upper)s") % {"upper": upper}
        lower = number_format(Decimal(low), decimal_pos=0, force_grouping=True)
    except (InvalidOperation, ValueError):
        return band
    return gettext("¥%(lower)s–%(upper)s") % {"lower": lower, "upper": upper}


def in_language(html: str) -> str:
    """The visitor's paragraphs of rich text written one <p> per language."""
    zh, en = split_html(html)
    if get_language() == "en":
        return en or zh
    return zh or en


@register.simple_tag
def attribute_label(value):
    """An attribute value (Oscar's ProductAttributeValue) as the page shows it."""
    code, raw = value.attribute.code, value.value
    if code == CATEGORY and raw in Category.values:
        return Category(raw).label
    if code == PRICE_BAND:
        return price_band_label(raw)
    if code == TERM_YEARS and isinstance(raw, int):
        return ngettext("%(count)d year", "%(count)d years", raw) % {"count": raw}
    if code == REPLACEMENT_MONTHS and isinstance(raw, int):
        return ngettext("every %(count)d month", "every %(count)d months", raw) % {"count": raw}
    if code == DURATION_MINUTES and isinstance(raw, int):
        return ngettext("about %(count)d minute", "about %(count)d minutes", raw) % {"count": raw}
    if value.attribute.type == value.attribute.RICHTEXT:
        # Written by staff in the dashboard's rich-text editor, as Oscar shows it.
        return mark_safe(in_language(raw or ""))  # noqa: S308
    return format_html("{}", value.value_as_html)
