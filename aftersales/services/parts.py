"""Parts an engineer takes from the consumables stock for a job.

The stock is Oscar's (`partner.StockRecord`), read through Oscar's `get_model` so the
shop's fork is the one used; aftersales sits below the shop (catalog) and never imports
it. One conditional UPDATE per part takes the units only while that many are free (in
stock and not allocated to orders waiting to ship), so two jobs after the last filter
cannot both have it and the shelf never goes below zero.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from ..models import PartUsed, ServiceBooking, ServiceRequest

StockRecord = get_model("partner", "StockRecord")

# The shop's product class for consumables and spare parts (catalog.kinds.CONSUMABLE; a test
# keeps the two spellings equal, since this floor cannot import that one).
PARTS_PRODUCT_CLASS = "consumable"


class PartsShort(Exception):
    """Not enough of a part is free in stock; the message names the part and what is left."""


@dataclass(frozen=True)
class PartLine:
    stockrecord: object
    quantity: int


def parts_catalogue() -> QuerySet:
    """Stock records of the consumables an engineer may choose from, by title."""
    return (
        StockRecord.objects.filter(product__product_class__slug=PARTS_PRODUCT_CLASS)
        .select_related("product")
        .order_by("product__title", "pk")
    )


def free_to_use(stockrecord) -> int:
    return max((stockrecord.num_in_stock or 0) - (stockrecord.num_allocated or 0), 0)


def use_parts(*, job, lines: list[PartLine], actor, now: datetime.datetime) -> list[PartUsed]:
    """Take every line's units from stock and record them on `job`; all or nothing.

    Call inside the transaction that records the job's step, so a refusal (PartsShort)
    undoes the step as well. Stock records are updated in id order, as Oscar's checkout
    locks them, so two jobs taking the same parts cannot deadlock.
    """
    wanted: dict[int, PartLine] = {}
    for line in lines:
        pk = line.stockrecord.pk
        before = wanted.get(pk)
        quantity = line.quantity + (before.quantity if before else 0)
        wanted[pk] = PartLine(line.stockrecord, quantity)
    owner = {"request": job} if isinstance(job, ServiceRequest) else {"booking": job}
    assert isinstance(job, ServiceRequest | ServiceBooking)
    used = []
    for pk in sorted(wanted):
        stockrecord, quantity = wanted[pk].stockrecord, wanted[pk].quantity
        taken = StockRecord.objects.filter(
            pk=pk, num_in_stock__gte=Coalesce(F("num_allocated"), 0) + quantity
        ).update(num_in_stock=F("num_in_stock") - quantity)
        stockrecord.refresh_from_db(fields=["num_in_stock", "num_allocated"])
        if not taken:
            raise PartsShort(
                _("Only %(left)s of “%(part)s” left in stock; %(wanted)s asked for.")
                % {
                    "left": free_to_use(stockrecord),
                    "part": stockrecord.product.get_title(),
                    "wanted": quantity,
                }
            )
        # Oscar's low-stock alerts listen for the record's save, which an UPDATE skips.
        stockrecord.post_save_signal()
        used.append(
            PartUsed.objects.create(
                **owner,
                stockrecord=stockrecord,
                title=stockrecord.product.get_title()[:255],
                sku=stockrecord.partner_sku or "",
                quantity=quantity,
                unit_price=stockrecord.price or 0,
                used_by=actor if getattr(actor, "pk", None) else None,
                used_at=now,
            )
        )
    return used
