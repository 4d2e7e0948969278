"""Warranty coverage: pure date arithmetic first, then the view of one unit."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta


def warranty_end(start: datetime.date, months: int) -> datetime.date:
    """The last day covered by `months` of warranty starting on `start`, inclusive.

    Bought on 2024-03-01 with 12 months: covered to 2025-02-28, the day before the
    anniversary. When the anniversary does not exist (bought on 31 January, one month; on
    29 February, a year) the cover runs to the end of that shorter month, not a day less.
    """
    anniversary = start + relativedelta(months=months)
    if anniversary.day != start.day:
        return anniversary
    return anniversary - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Coverage:
    base_end: datetime.date
    today: datetime.date

    @property
    def in_base_warranty(self) -> bool:
        return self.today <= self.base_end

    @property
    def days_left(self) -> int:
        return max((self.base_end - self.today).days, 0)


def for_unit(unit, *, today: datetime.date | None = None) -> Coverage:
    return Coverage(base_end=unit.base_warranty_end, today=today or datetime.date.today())


@dataclass(frozen=True)
class CoverDecision:
    """Who pays for a repair of this unit today, and what the customer is shown first."""

    cover: str  # models.Cover
    contract: object | None  # the WarrantyContract in force, for an extended cover
    ends_on: datetime.date | None

    @property
    def covered(self) -> bool:
        return self.cover in ("base", "extended")


def decide(unit, *, today: datetime.date) -> CoverDecision:
    """Base warranty first, then an extended contract in force today, else out of warranty.

    A guest's unit that is not registered (`unit` None) is out of warranty until staff see
    the invoice: the estimate is shown and the engineer can still record a claim later.
    """
    if unit is None:
        return CoverDecision(cover="none", contract=None, ends_on=None)
    if today <= unit.base_warranty_end:
        return CoverDecision(cover="base", contract=None, ends_on=unit.base_warranty_end)
    contract = (
        unit.contracts.in_force()
        .filter(starts_on__lte=today, ends_on__gte=today)
        .order_by("starts_on")
        .first()
    )
    if contract is not None:
        return CoverDecision(cover="extended", contract=contract, ends_on=contract.ends_on)
    return CoverDecision(cover="none", contract=None, ends_on=None)
