"""Oscar's catalogue dashboard forms, editing every language's text side by side.

Each translated field (catalog/catalogue/translation.py) is replaced by its per-language
columns, Chinese first, so staff write "挂机深度清洗" and "Split AC deep clean" in their own
boxes instead of one bilingual title.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403


def per_language(fields, translated) -> list[str]:
    """`fields` with each name in `translated` replaced by its per-language columns."""
    names = []
    for name in fields:
        if name in translated:
            names += [build_localized_fieldname(name, code) for code, _ in settings.LANGUAGES]
        else:
            names.append(name)
    return names


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = per_language(oscar_forms.ProductForm.Meta.fields, {"title", "description"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default_title = build_localized_fieldname("title", settings.LANGUAGE_CODE)
        if default_title in self.fields:
            # Oscar's form gives the title field this widget; the default language's title
            # is the one a standalone product must have (Product.clean reads it).
            self.fields[default_title].widget.attrs["autocomplete"] = "off"

    def delete_non_child_fields(self):
        super().delete_non_child_fields()
        for name in per_language(["description"], {"description"}):
            self.fields.pop(name, None)


class CategoryForm(oscar_forms.CategoryForm):
    class Meta(oscar_forms.CategoryForm.Meta):
        fields = per_language(oscar_forms.CategoryForm.Meta.fields, {"name", "description"})


class ProductClassForm(oscar_forms.ProductClassForm):
    class Meta(oscar_forms.ProductClassForm.Meta):
        fields = per_language(oscar_forms.ProductClassForm.Meta.fields, {"name"})


class OptionForm(oscar_forms.OptionForm):
    class Meta(oscar_forms.OptionForm.Meta):
        fields = per_language(oscar_forms.OptionForm.Meta.fields, {"name"})
