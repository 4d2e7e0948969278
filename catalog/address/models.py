"""Oscar's address book, filed under China's official divisions.

A Chinese address is written from the largest place down: province (kept in `state`), city
(`line4`), district (`line3`), then the street and number (`line1`). The consignee's whole
name is one field, `last_name`, so it reads family name first (王小明) and is never split
into "小明 王". `district_code` is the district's official division code, which is what
service areas are matched on; the names stay as text so an address reads the same after
the division data is updated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractUserAddress

from groundwork import divisions

# Largest place first; the hash keeps Oscar's fields so saved hashes stay valid.
CHINESE_ORDER = ["salutation", "state", "line4", "line3", "line2", "line1", "postcode"]


def chinese_address_fields(address) -> list[str]:
    """The address's parts in Chinese order, a municipality's city not repeated."""
    return list(dict.fromkeys(address.get_address_field_values(CHINESE_ORDER)))


class UserAddressManager(models.Manager):
    def get_queryset(self):
        # Address lists ask each address whether its country is one we ship to.
        return super().get_queryset().select_related("country")


class UserAddress(AbstractUserAddress):
    district_code = models.CharField(
        _("district code"),
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_("The official administrative division code of the district."),
    )

    objects = UserAddressManager()

    base_fields = CHINESE_ORDER

    def active_address_fields(self):
        return chinese_address_fields(self)

    @property
    def place(self):
        return divisions.place(self.district_code)


from oscar.apps.address.models import *  # noqa: E402,F403
