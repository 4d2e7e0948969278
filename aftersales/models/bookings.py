from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ServiceArea(models.Model):
    """Where technicians go: a district with its own crews and so its own capacity."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    is_active = models.BooleanField(_("taking bookings"), default=True)
    arrival_hours = models.PositiveSmallIntegerField(
        _("arrive within (business hours)"),
        default=24,
        help_text=_("The visit promise here: 24 in town, 48 in the countryside."),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_areas",
        verbose_name=_("supervisor"),
        help_text=_("Calls back the customers who rated a visit here poorly."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language: English where staff wrote one, else Chinese."""
        if self.name_en and not (get_language() or "").startswith("zh"):
            return self.name_en
        return self.name


class ServiceAreaDistrict(models.Model):
    """A district (by its official division code) that an area's crews go to.

    A visit's address is matched on its district code, so the area comes from where the
    customer is and not from what they pick; a district belongs to one area at most.
    """

    area = models.ForeignKey(
        ServiceArea, on_delete=models.CASCADE, related_name="districts", verbose_name=_("area")
    )
    district_code = models.CharField(
        _("district code"),
        max_length=12,
        unique=True,
        help_text=_("The official administrative division code, e.g. 310115 for Pudong."),
    )

    class Meta:
        ordering = ["district_code"]
        verbose_name = _("district served")
        verbose_name_plural = _("districts served")

    def __str__(self):
        return self.district_code


class ServiceSlotQuerySet(models.QuerySet):
    def bookable(self, *, after):
        """Slots with a free place that start after `after` (a datetime), soonest first."""
        # A slot's date and times are the site's wall clock: compare in its time zone.
        local = timezone.localtime(after) if timezone.is_aware(after) else after
        return (
            self.filter(area__is_active=True, booked__lt=F("capacity"))
            .filter(Q(date__gt=local.date()) | Q(date=local.date(), starts_at__gt=local.time()))
            .select_related("area")
            .order_by("date", "starts_at", "area__code")
        )


class ServiceSlot(models.Model):
    """An arrival window in one area on one day, with as many places as crews that day.

    `booked` only moves through a conditional UPDATE (see aftersales.services.bookings), and
    the check constraints stop it passing `capacity` or going below zero whatever the code.
    """

    area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="slots", verbose_name=_("area")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)

    objects = ServiceSlotQuerySet.as_manager()

    class Meta:
        ordering = ["date", "starts_at", "area"]
        verbose_name = _("service slot")
        verbose_name_plural = _("service slots")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "date", "starts_at"], name="one_slot_per_window"
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")), name="slot_not_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.area} · {self.date:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


class ServiceBookingQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(customer=user)


class ServiceBooking(models.Model):
    """A visit bought in the shop: one order line, one place in one slot."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("booking number"), max_length=32, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="service_bookings",
        verbose_name=_("customer"),
    )
    order_line = models.OneToOneField(
        "order.Line",
        on_delete=models.PROTECT,
        related_name="service_booking",
        verbose_name=_("order line"),
    )
    slot = models.ForeignKey(
        ServiceSlot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    service_title = models.CharField(_("service"), max_length=255)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    unit = models.ForeignKey(
        "aftersales.RegisteredUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("unit"),
    )
    address = models.CharField(_("address"), max_length=255)
    contact_name = models.CharField(_("contact name"), max_length=64)
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    price = models.DecimalField(_("price paid (CNY)"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.BOOKED
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    refund_amount = models.DecimalField(
        _("refunded (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ServiceBookingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("service booking")
        verbose_name_plural = _("service bookings")

    def __str__(self):
        return self.number
