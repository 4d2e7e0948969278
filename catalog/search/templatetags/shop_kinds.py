"""The shop's three kinds of product (its root categories) named in the page's language."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Oscar's category name is one field and holds the Chinese; other languages read these.
KIND_LABELS = {
    "extended-warranties": _("Extended warranties"),
    "deep-cleaning": _("Deep cleaning"),
    "consumables": _("Filters and parts"),
}


@register.filter
def kind_label(category) -> str:
    if (get_language() or "").startswith("zh"):
        return category.name
    label = KIND_LABELS.get(getattr(category, "code", ""))
    return str(label) if label else category.name
