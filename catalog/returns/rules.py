"""The three guarantees' windows, counted in days from delivery: pure dates, no database.

Day 0 is the day the goods were delivered (a date in the site's time zone). Until day 7 a
customer may send back unopened goods for a refund without giving a reason; until day 15
goods with a quality fault are exchanged; after that the maker repairs them.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

RETURN_DAYS = 7
EXCHANGE_DAYS = 15

RETURN = "return"
EXCHANGE = "exchange"


@dataclass(frozen=True)
class Windows:
    delivered_on: datetime.date

    @property
    def last_return_day(self) -> datetime.date:
        return self.delivered_on + datetime.timedelta(days=RETURN_DAYS)

    @property
    def last_exchange_day(self) -> datetime.date:
        return self.delivered_on + datetime.timedelta(days=EXCHANGE_DAYS)

    def day(self, today: datetime.date) -> int:
        return (today - self.delivered_on).days

    def offers(self, today: datetime.date) -> tuple[str, ...]:
        """What the customer may still ask for on `today`: return, exchange, or neither (repair)."""
        offers = []
        if today <= self.last_return_day:
            offers.append(RETURN)
        if today <= self.last_exchange_day:
            offers.append(EXCHANGE)
        return tuple(offers)

    def repair_only(self, today: datetime.date) -> bool:
        return today > self.last_exchange_day


class NotAllowed(Exception):
    """The request is refused; the message says why, in the customer's language."""


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def check(
    *, kind: str, delivered_on: datetime.date | None, today: datetime.date, unopened: bool
) -> None:
    """Raise NotAllowed, with the reason, unless `kind` may be asked for on `today`."""
    if delivered_on is None:
        raise NotAllowed(
            _("This item has not been delivered yet; the return windows start on delivery.")
        )
    windows = Windows(delivered_on)
    if today < delivered_on:
        raise NotAllowed(_("The delivery date of this item is later than today."))
    if kind == RETURN:
        if today > windows.last_return_day:
            raise NotAllowed(
                _(
                    "A return without a reason is possible within %(days)s days of delivery: "
                    "this item was delivered on %(delivered)s, so the last day was "
                    "%(last)s."
                )
                % {
                    "days": RETURN_DAYS,
                    "delivered": _day(delivered_on),
                    "last": _day(windows.last_return_day),
                }
                + " "
                + _after_return(windows, today)
            )
        if not unopened:
            raise NotAllowed(
                _(
                    "Only unopened goods can be returned without a reason. If the item is "
                    "faulty, ask for an exchange instead."
                )
            )
    elif kind == EXCHANGE:
        if today > windows.last_exchange_day:
            raise NotAllowed(
                _(
                    "An exchange for a fault is possible within %(days)s days of delivery: "
                    "this item was delivered on %(delivered)s, so the last day was "
                    "%(last)s. We can repair it for you instead."
                )
                % {
                    "days": EXCHANGE_DAYS,
                    "delivered": _day(delivered_on),
                    "last": _day(windows.last_exchange_day),
                }
            )
    else:
        raise NotAllowed(_("Choose a return or an exchange."))


def _after_return(windows: Windows, today: datetime.date) -> str:
    if today <= windows.last_exchange_day:
        return _("If it is faulty, you can ask for an exchange until %(last)s.") % {
            "last": _day(windows.last_exchange_day)
        }
    return _("If it is faulty, we can repair it for you.")
