from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine

from catalog.address.models import CHINESE_ORDER, chinese_address_fields
from catalog.options import describe


class Line(AbstractLine):
    @property
    def description(self):
        return describe(self.title, self.attributes.all())


class ShippingAddress(AbstractShippingAddress):
    """Oscar's shipping address, read the Chinese way like the address book's."""

    base_fields = CHINESE_ORDER

    def active_address_fields(self):
        return chinese_address_fields(self)


from oscar.apps.order.models import *  # noqa: E402,F403
