"""Registered units, warranty contracts, service slots and bookings for tests.

Contracts and bookings hang off a real Oscar order line (one order per record, made with
oscar.test.factories.create_order), as the shop's fulfilment would leave them; the rows
themselves are written directly, so a test can set up any state, cancelled or ended,
without going through the services it may be testing.
"""

import datetime
import itertools
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from oscar.test.factories import create_order

from aftersales.coverage import warranty_end
from aftersales.models import (
    RegisteredUnit,
    ServiceArea,
    ServiceBooking,
    ServiceSlot,
    WarrantyContract,
)
from appliances.models import ApplianceModel, Category

_sequence = itertools.count(1)

COVERAGE_TERMS = (
    "保修期内因产品质量问题导致的故障，免费提供上门维修服务，包括压缩机、电路板、电机等主要部件的"
    "更换及人工费用。人为损坏、不可抗力及耗材不在保修范围内。"
)


def make_appliance_model(**overrides) -> ApplianceModel:
    n = next(_sequence)
    fields = {
        "model_number": f"KFR-35GW/T{n:05d}",
        "name": "静悦 1.5匹 变频挂机",
        "name_en": "Serenity 1.5 HP inverter split AC",
        "category": Category.AIR_CONDITIONER,
        "launch_date": datetime.date(2023, 1, 1),
        "list_price": Decimal("3299.00"),
        "serial_pattern": r"^AC[0-9]{14}$",
    }
    fields.update(overrides)
    return ApplianceModel.objects.create(**fields)


def make_unit(
    owner,
    model: ApplianceModel | None = None,
    *,
    purchase_date: datetime.date | None = None,
    serial: str | None = None,
    base_warranty_end: datetime.date | None = None,
) -> RegisteredUnit:
    """A unit bought 60 days ago unless told otherwise, its base warranty from its model."""
    model = model or make_appliance_model()
    purchase_date = purchase_date or timezone.localdate() - datetime.timedelta(days=60)
    return RegisteredUnit.objects.create(
        owner=owner,
        appliance_model=model,
        serial=serial or f"AC{next(_sequence):014d}",
        purchase_date=purchase_date,
        base_warranty_end=base_warranty_end
        or warranty_end(purchase_date, model.base_warranty_months),
    )


def make_order_line(user):
    """The line of a one-line order placed by `user` (Oscar's dummy product)."""
    order = create_order(user=user)
    return order.lines.get()


def make_contract(
    unit: RegisteredUnit,
    *,
    plan_title: str = "3年延长保修 · 3-year extended warranty",
    term_months: int = 36,
    price: Decimal = Decimal("299.00"),
    purchased_on: datetime.date | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    coverage_terms: str = COVERAGE_TERMS,
    status: str = WarrantyContract.Status.ACTIVE,
    cancelled_on: datetime.date | None = None,
    refund_amount: Decimal | None = None,
    number: str | None = None,
) -> WarrantyContract:
    """A contract starting the day after the unit's base warranty, as open_contract would."""
    line = make_order_line(unit.owner)
    starts_on = starts_on or unit.base_warranty_end + datetime.timedelta(days=1)
    cancelled = status == WarrantyContract.Status.CANCELLED
    return WarrantyContract.objects.create(
        number=number or f"WC{line.order.number}-{line.pk}",
        unit=unit,
        order_line=line,
        plan_title=plan_title,
        term_months=term_months,
        coverage_terms=coverage_terms,
        price=price,
        purchased_on=purchased_on or timezone.localdate(),
        starts_on=starts_on,
        ends_on=ends_on or warranty_end(starts_on, term_months),
        status=status,
        cancelled_on=cancelled_on or (timezone.localdate() if cancelled else None),
        refund_amount=refund_amount,
    )


def make_area(**overrides) -> ServiceArea:
    n = next(_sequence)
    fields = {"code": f"area-{n}", "name": f"浦东新区{n}", "name_en": f"Pudong {n}"}
    fields.update(overrides)
    return ServiceArea.objects.create(**fields)


def make_slot(
    area: ServiceArea | None = None,
    *,
    date: datetime.date | None = None,
    starts_at: datetime.time = datetime.time(9, 0),
    ends_at: datetime.time = datetime.time(11, 0),
    capacity: int = 3,
    booked: int = 0,
) -> ServiceSlot:
    """A morning window a week ahead in a new area unless told otherwise."""
    return ServiceSlot.objects.create(
        area=area or make_area(),
        date=date or timezone.localdate() + datetime.timedelta(days=7),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        booked=booked,
    )


def make_booking(
    customer,
    slot: ServiceSlot | None = None,
    *,
    service_title: str = "空调深度清洗 · AC deep clean",
    price: Decimal = Decimal("199.00"),
    status: str = ServiceBooking.Status.BOOKED,
    unit: RegisteredUnit | None = None,
    address: str = "上海市浦东新区世纪大道100号 8楼",
    contact_name: str = "王小明",
    contact_phone: str = "13800138000",
    number: str | None = None,
) -> ServiceBooking:
    """A booking holding one place in `slot` (an open one takes the place, as booking does)."""
    slot = slot or make_slot()
    line = make_order_line(customer)
    if status == ServiceBooking.Status.BOOKED:
        ServiceSlot.objects.filter(pk=slot.pk).update(booked=F("booked") + 1)
        slot.refresh_from_db()
    cancelled = status == ServiceBooking.Status.CANCELLED
    return ServiceBooking.objects.create(
        number=number or f"SB{line.order.number}-{line.pk}",
        customer=customer,
        order_line=line,
        slot=slot,
        service_title=service_title,
        unit=unit,
        address=address,
        contact_name=contact_name,
        contact_phone=contact_phone,
        price=price,
        status=status,
        cancelled_at=timezone.now() if cancelled else None,
        refund_amount=price if cancelled else None,
    )
