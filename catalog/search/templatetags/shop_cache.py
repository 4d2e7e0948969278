"""What shop pages draw again and again, drawn once and kept in the cache (issue #16).

- `product_cards`: the cards of a listing, fetched from the cache in one round trip, each
  keyed on its product, price and stock, the language and whether the viewer is signed in
  (and the units of theirs it fits); only the cards missing are drawn.
- `shop_categories`: the category menu, per language, built once per request however many
  places on the page show it.
- `{% shopfragment "name" vary… %}…{% endshopfragment %}`: a part of a page (the product
  page's gallery, description, recommendations) kept per language until the catalogue or
  stock changes.

Everything is keyed on the CATALOGUE generation (catalog/freshness.py), so an edit in the
dashboard shows at once; a fragment also on STOCK. Forms inside keep working: the CSRF
token is put in on the way out (groundwork/fragments.py).
"""

import hashlib

from django import template
from django.core.cache import cache
from django.utils.translation import get_language
from oscar.templatetags.category_tags import get_annotated_list
from oscar.templatetags.product_tags import render_product

from catalog import freshness
from catalog.search.cards import load_for_cards, stock_of
from groundwork import fragments, generations

register = template.Library()

CARD_SECONDS = 6 * 60 * 60
FRAGMENT_SECONDS = 6 * 60 * 60
MENU_SECONDS = 24 * 60 * 60


def _key(prefix: str, *parts) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode("utf-8")).hexdigest()
    return f"{prefix}:{digest}"


def card_key(product, stock: list, *, request, language: str) -> str:
    """What a card shows depends on: the product, its price and stock, the viewer's language
    and signed-in state, the viewer's units it fits, and the rest of the catalogue's data
    (images, options, categories) through the CATALOGUE generation."""
    tokens = generations.for_request(request, freshness.CATALOGUE, freshness.STOCK)
    return _key(
        "card",
        product.pk,
        product.date_updated.isoformat() if product.date_updated else "",
        stock,
        # A parent shows its children's stock, which is not in `stock`.
        tokens[freshness.STOCK] if product.is_parent else "",
        language,
        request.user.is_authenticated,
        tuple(getattr(product, "fits_owned", ()) or ()),
        tokens[freshness.CATALOGUE],
    )


@register.simple_tag(takes_context=True)
def product_cards(context, products) -> list:
    """The cards of `products`, in order, as HTML: cached ones from one cache read, the rest
    drawn (Oscar's render_product) and stored."""
    request = context["request"]
    language = get_language()
    products = list(products)
    stock = stock_of(products)
    keys = [
        card_key(product, stock.get(product.pk, []), request=request, language=language)
        for product in products
    ]
    found = cache.get_many(keys)
    load_for_cards(
        [product for product, key in zip(products, keys, strict=True) if key not in found]
    )
    drawn = {}
    cards = []
    for product, key in zip(products, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = fragments.render_shared(lambda p=product: render_product(context, p), context)
            drawn[key] = html
        cards.append(fragments.personalise(html, context))
    if drawn:
        cache.set_many(drawn, timeout=CARD_SECONDS)
    return cards


@register.simple_tag(takes_context=True)
def shop_categories(context, depth=None) -> list:
    """Oscar's `category_tree` (from the root), per language, built once per request."""
    request = context["request"]
    built = request.__dict__.setdefault("_shop_categories", {})
    if depth not in built:
        token = generations.for_request(request, freshness.CATALOGUE)[freshness.CATALOGUE]
        key = _key("categories", get_language(), depth, token)
        tree = cache.get(key)
        if tree is None:
            tree = get_annotated_list(depth=depth)
            cache.set(key, tree, timeout=MENU_SECONDS)
        built[depth] = tree
    return built[depth]


class ShopFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context["request"]
        tokens = generations.for_request(request, freshness.CATALOGUE, freshness.STOCK)
        key = _key(
            "shop-fragment",
            self.name.resolve(context),
            get_language(),
            *tokens.values(),
            *(value.resolve(context) for value in self.vary_on),
        )
        html = cache.get(key)
        if html is None:
            html = fragments.render_shared(lambda: self.nodelist.render(context), context)
            cache.set(key, html, timeout=FRAGMENT_SECONDS)
        return fragments.personalise(html, context)


@register.tag("shopfragment")
def do_shopfragment(parser, token):
    """{% shopfragment "name" value… %}…{% endshopfragment %}: kept per name, values,
    language, catalogue and stock. Name every value the inside depends on besides those."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shopfragment needs a name")
    nodelist = parser.parse(("endshopfragment",))
    parser.delete_first_token()
    return ShopFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )


@register.filter
def px(thumbnail, side: str):
    """A sorl thumbnail's width or height, or "" when its source could not be read.

    sorl answers a picture it cannot open (a damaged upload) with an image of unknown size,
    whose `width` raises instead of being empty; the page then leaves the attribute blank.
    """
    size = getattr(thumbnail, "size", None)
    if not size:
        return ""
    return size[0] if side == "width" else size[1]
