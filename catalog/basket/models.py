from django.utils.encoding import smart_str
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from catalog.options import describe


class Basket(AbstractBasket):
    def all_lines(self):
        # Oscar's, plus what pricing and line descriptions read for every line: the product
        # class (VAT rate, service or goods) and the options' names.
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            self._lines = (
                self.lines.select_related("product__product_class", "stockrecord")
                .prefetch_related("attributes__option", "product__images")
                .order_by(self._meta.pk.name)
            )
        return self._lines


class Line(AbstractLine):
    @property
    def description(self):
        return describe(smart_str(self.product), self.attributes.all())


from oscar.apps.basket.models import *  # noqa: E402,F403
