"""What the shop stores once per language (django-modeltranslation).

Each field below gets a column per entry of LANGUAGES (`title_zh_hans`, `title_en`); reading
`product.title` gives the visitor's language and falls back to Chinese, the default.
"""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
ProductAttribute = get_model("catalogue", "ProductAttribute")
AttributeOption = get_model("catalogue", "AttributeOption")
ProductClass = get_model("catalogue", "ProductClass")


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Option)
class OptionTranslation(TranslationOptions):
    fields = ("name",)


@register(ProductAttribute)
class ProductAttributeTranslation(TranslationOptions):
    fields = ("name",)


@register(AttributeOption)
class AttributeOptionTranslation(TranslationOptions):
    fields = ("option",)


@register(ProductClass)
class ProductClassTranslation(TranslationOptions):
    fields = ("name",)
