"""An engineer's round: their jobs on one day, requests and shop visits, in window order.

Read by the dispatcher's "engineer's day" and by the engineer's own phone page. One query
for the day, whatever else the database holds: the unique (engineer, day, window) rule
keeps a day to a handful of rows, and every row joins what its card prints.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import Assignment, Engineer

MAP_SEARCH = "https://uri.amap.com/search?keyword="


def _assignments() -> QuerySet[Assignment]:
    return Assignment.objects.select_related(
        "engineer",
        "slot__area",
        "request__appliance_model",
        "booking__unit__appliance_model",
    )


def day_of(engineer: Engineer, day: datetime.date) -> list["Job"]:
    assignments = _assignments().filter(engineer=engineer, date=day).order_by("starts_at", "pk")
    return [Job(assignment) for assignment in assignments]


def days_after(engineer: Engineer, day: datetime.date, *, days: int) -> list[tuple]:
    """The jobs of the `days` days after `day`, as (date, jobs) for each day that has any.

    One query for the whole span, as for one day: the engineer sees the week coming.
    """
    last = day + datetime.timedelta(days=days)
    assignments = (
        _assignments()
        .filter(engineer=engineer, date__gt=day, date__lte=last)
        .order_by("date", "starts_at", "pk")
    )
    by_day: dict[datetime.date, list[Job]] = {}
    for assignment in assignments:
        by_day.setdefault(assignment.date, []).append(Job(assignment))
    return list(by_day.items())


def job_of(engineer: Engineer, number: str) -> "Job | None":
    """One of `engineer`'s own jobs by its request or booking number; None for anyone else's."""
    assignment = (
        _assignments()
        .filter(engineer=engineer)
        .filter(Q(request__number=number) | Q(booking__number=number))
        .first()
    )
    return Job(assignment) if assignment is not None else None


@dataclass(frozen=True)
class Job:
    """What a job card shows, the same whether the job is a request or a shop visit."""

    assignment: Assignment

    @property
    def is_request(self) -> bool:
        return self.assignment.request_id is not None

    @property
    def record(self):
        return self.assignment.job

    @property
    def number(self) -> str:
        return self.record.number

    @property
    def slot(self):
        return self.assignment.slot

    @property
    def title(self) -> str:
        if self.is_request:
            return self.record.get_kind_display()
        return self.record.service_title

    @property
    def model_number(self) -> str:
        if self.is_request:
            return self.record.appliance_model.model_number
        unit = self.record.unit
        return unit.appliance_model.model_number if unit is not None else ""

    @property
    def area_name(self) -> str:
        return self.slot.area.label

    @property
    def address(self) -> str:
        return self.record.address

    @property
    def map_url(self) -> str:
        return MAP_SEARCH + quote(self.address)

    @property
    def contact_name(self) -> str:
        return self.record.contact_name

    @property
    def contact_phone(self) -> str:
        return self.record.contact_phone

    @property
    def symptom(self) -> str:
        return self.record.symptom if self.is_request else ""

    @property
    def status_label(self) -> str:
        return self.record.get_status_display()

    @property
    def stage(self) -> str:
        """Where the engineer is with it: assigned, on_the_way, arrived, done or closed."""
        assignment = self.assignment
        if self.is_request:
            status = self.record.status
            if status in ("done", "confirmed"):
                return "done"
            if status == "cancelled":
                return "closed"
            return status if status in ("on_the_way", "arrived") else "assigned"
        if assignment.done_at or self.record.status == "completed":
            return "done"
        if self.record.status == "cancelled":
            return "closed"
        if assignment.arrived_at:
            return "arrived"
        if assignment.on_the_way_at:
            return "on_the_way"
        return "assigned"

    @property
    def stage_label(self) -> str:
        return {
            "assigned": _("To do"),
            "on_the_way": _("On my way"),
            "arrived": _("Arrived"),
            "done": _("Done"),
            "closed": _("Cancelled"),
        }[self.stage]

    @property
    def can_set_off(self) -> bool:
        return self.stage == "assigned"

    @property
    def can_arrive(self) -> bool:
        return self.stage in ("assigned", "on_the_way")

    @property
    def can_finish(self) -> bool:
        """A request is done on site, after arriving; a shop visit at any point of its day."""
        if self.is_request:
            return self.stage == "arrived"
        return self.stage in ("assigned", "on_the_way", "arrived")
