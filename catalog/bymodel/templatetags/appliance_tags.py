"""Template tags for what a product fits: {% product_fits product as fits %}."""

from django import template

from catalog.bymodel.compatibility import fits_for_product
from catalog.bymodel.views import model_url

register = template.Library()


@register.simple_tag(takes_context=True)
def product_fits(context, product):
    """The models `product` fits, the viewer's own marked: see fits_for_product()."""
    return fits_for_product(product, context["request"].user)


@register.filter
def shop_for_url(appliance_model) -> str:
    """/<lang>/shop/for/<model number>/: everything the shop sells for a model."""
    return model_url(appliance_model)
