"""Rules that write after-sales records: units, warranty contracts, service bookings."""

from .bookings import (
    CannotChange,
    SlotFull,
    book_visit,
    cancel_booking,
    complete_booking,
    release_place,
    reschedule_booking,
    take_place,
    visit_starts,
)
from .contracts import (
    CannotCancel,
    NotEligible,
    cancel_contract,
    check_plan_eligibility,
    covered_until,
    open_contract,
    refund_due,
)
from .requests import OutOfOrder, open_request, quote, transition
from .slots import CapacityBelowBooked, open_slots, set_area_taking_bookings, set_capacity
from .units import AlreadyYours, SerialTaken, register_unit

__all__ = [
    "AlreadyYours",
    "CannotCancel",
    "CannotChange",
    "CapacityBelowBooked",
    "NotEligible",
    "OutOfOrder",
    "SerialTaken",
    "SlotFull",
    "book_visit",
    "cancel_booking",
    "cancel_contract",
    "check_plan_eligibility",
    "complete_booking",
    "covered_until",
    "open_contract",
    "open_request",
    "open_slots",
    "quote",
    "refund_due",
    "register_unit",
    "release_place",
    "reschedule_booking",
    "set_area_taking_bookings",
    "set_capacity",
    "take_place",
    "transition",
    "visit_starts",
]
