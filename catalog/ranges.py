"""Custom Oscar ranges (Range.proxy_class): product sets defined by a rule, not a list.

"After-sales services" are what the shop sells that ships nothing: warranty plans and
cleaning visits. As a rule it needs no query per basket line, where Oscar's stored range
asks the database once per line and per offer pass.
"""

from oscar.core.loading import get_model


class ServicesRange:
    name = "After-sales services / 售后服务"
    description = "Products whose class requires no shipping: warranty plans, cleaning visits."

    def contains_product(self, product) -> bool:
        return not product.get_product_class().requires_shipping

    contains = contains_product

    def all_products(self):
        Product = get_model("catalogue", "Product")
        return Product.objects.filter(product_class__requires_shipping=False)

    def num_products(self) -> int:
        return self.all_products().count()
