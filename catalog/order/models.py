from oscar.apps.order.abstract_models import AbstractLine

from catalog.options import describe


class Line(AbstractLine):
    @property
    def description(self):
        return describe(self.title, self.attributes.all())


from oscar.apps.order.models import *  # noqa: E402,F403
