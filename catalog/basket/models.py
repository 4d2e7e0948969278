from django.utils.encoding import smart_str
from oscar.apps.basket.abstract_models import AbstractLine

from catalog.options import describe


class Line(AbstractLine):
    @property
    def description(self):
        return describe(smart_str(self.product), self.attributes.all())


from oscar.apps.basket.models import *  # noqa: E402,F403
