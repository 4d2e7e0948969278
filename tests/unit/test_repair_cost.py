"""A covered repair's claim: the parts at their price plus the labour at the hourly rate."""

from decimal import Decimal

from aftersales.models import PartUsed
from aftersales.services.claims import labour_cost, repair_cost


def test_labour_is_minutes_at_the_hourly_rate_to_the_fen(settings):
    settings.AFTERCARE_LABOUR_RATE_PER_HOUR = Decimal("100.00")
    assert labour_cost(45) == Decimal("75.00")
    assert labour_cost(1) == Decimal("1.67")  # half a fen and more rounds up
    assert labour_cost(None) == Decimal("0.00")


def test_a_repair_costs_its_parts_and_its_labour(settings):
    settings.AFTERCARE_LABOUR_RATE_PER_HOUR = Decimal("120.00")
    parts = [
        PartUsed(quantity=2, unit_price=Decimal("19.90")),
        PartUsed(quantity=1, unit_price=Decimal("5.00")),
    ]
    assert repair_cost(parts=parts, labour_minutes=30) == Decimal("104.80")
