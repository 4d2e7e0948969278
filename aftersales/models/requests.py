"""Service requests (work orders): installation, repair, diagnosis, guidance, consultation.

A request is opened by a customer (web, the QR landing, a guest with a confirmed phone), by
staff taking a hotline call, or by an e-commerce partner's installation order. Its status
only moves through `aftersales.services.requests.transition`, which records every step as a
`ServiceEvent` (who, when, why); a step out of order is refused.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groundwork.storage import private_storage


class ServiceKind(models.TextChoices):
    INSTALLATION = "installation", _("Installation")
    ONSITE_REPAIR = "onsite_repair", _("On-site repair")
    MAILIN_REPAIR = "mailin_repair", _("Mail-in repair")
    REMOTE_DIAGNOSIS = "remote_diagnosis", _("Remote video diagnosis")
    GUIDANCE = "guidance", _("Usage guidance visit")
    CONSULTATION = "consultation", _("Consultation")


# Kinds an engineer goes out for: they take a place in a slot and have an arrival deadline.
VISIT_KINDS = frozenset({ServiceKind.INSTALLATION, ServiceKind.ONSITE_REPAIR, ServiceKind.GUIDANCE})
# Kinds that repair a fault: coverage decides who pays, a covered one records a claim.
REPAIR_KINDS = frozenset({ServiceKind.ONSITE_REPAIR, ServiceKind.MAILIN_REPAIR})


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    QR = "qr", _("QR landing")
    HOTLINE = "hotline", _("Hotline (entered by staff)")
    PARTNER = "partner", _("E-commerce installation order")
    WECHAT = "wechat", _("WeChat")


class Cover(models.TextChoices):
    BASE = "base", _("Base warranty")
    EXTENDED = "extended", _("Extended warranty")
    NONE = "none", _("Out of warranty")
    NOT_APPLICABLE = "n/a", _("No charge")


class CompensationKind(models.TextChoices):
    """What a broken promise or a complaint can be made good with (aftersales.compensation).

    Amounts are counted in the kind's own unit: points, months, vouchers or yuan.
    """

    POINTS = "points", _("Points")
    COVER_MONTHS = "cover_months", _("Extra months of cover")
    CLEANING_VOUCHER = "cleaning_voucher", _("Free cleaning voucher")
    COUPON = "coupon", _("Coupon (CNY)")
    GIFT = "gift", _("Gift (value in CNY)")


class ServicePromise(models.Model):
    """What the maker promises for one kind of request, and what it pays when it misses.

    Published on /service-promise/ from these rows, so the page says exactly what the SLA
    job grants. Hours are business hours (see aftersales.business_hours).
    """

    kind = models.CharField(
        _("request type"), max_length=20, choices=ServiceKind.choices, unique=True
    )
    response_hours = models.PositiveSmallIntegerField(
        _("answer within (business hours)"), default=2
    )
    arrival_hours = models.PositiveSmallIntegerField(
        _("arrive within (business hours)"),
        null=True,
        blank=True,
        help_text=_("Visits only; a service area can promise longer (e.g. the countryside)."),
    )
    compensation = models.CharField(
        _("compensation for a missed answer or arrival"),
        max_length=16,
        choices=CompensationKind.choices,
        default=CompensationKind.POINTS,
    )
    compensation_amount = models.PositiveIntegerField(
        _("amount"),
        default=200,
        help_text=_("Points, months, vouchers or yuan, by the kind above."),
    )
    callout_fee = models.DecimalField(
        _("call-out fee out of warranty (CNY)"), max_digits=8, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("service promise")
        verbose_name_plural = _("service promises")

    def __str__(self):
        return self.get_kind_display()


class RepairRate(models.Model):
    """The labour and typical parts estimate shown before an out-of-warranty repair."""

    kind = models.CharField(_("request type"), max_length=20, choices=ServiceKind.choices)
    category = models.CharField(_("appliance category"), max_length=32)
    labour = models.DecimalField(_("labour (CNY)"), max_digits=8, decimal_places=2)
    parts = models.DecimalField(_("typical parts (CNY)"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["kind", "category"]
        verbose_name = _("repair rate")
        verbose_name_plural = _("repair rates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "category"], name="one_rate_per_kind_category")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.category}"


class Engineer(models.Model):
    """A staff member sent to customers: where they go and what they may work on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="engineer",
        verbose_name=_("staff account"),
    )
    name = models.CharField(_("name shown to customers"), max_length=64)
    phone = models.CharField(_("work phone"), max_length=20)
    areas = models.ManyToManyField(
        "aftersales.ServiceArea", related_name="engineers", verbose_name=_("service areas")
    )
    categories = models.JSONField(
        _("qualified for (appliance categories)"), default=list, blank=True
    )
    is_active = models.BooleanField(_("taking jobs"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("engineer")
        verbose_name_plural = _("engineers")

    def __str__(self):
        return self.name

    def is_qualified_for(self, category: str) -> bool:
        return not category or category in self.categories


class ServiceRequestQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(customer=user)

    def open(self):
        return self.exclude(status__in=ServiceRequest.FINAL)


class ServiceRequest(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("service request status", "Received")
        ANSWERED = "answered", _("Answered")
        ASSIGNED = "assigned", _("Engineer assigned")
        ON_THE_WAY = "on_the_way", _("Engineer on the way")
        ARRIVED = "arrived", _("Engineer arrived")
        AWAITING_PARCEL = "awaiting_parcel", _("Waiting for your parcel")
        PARCEL_RECEIVED = "parcel_received", _("Parcel received")
        REPAIRED = "repaired", _("Repaired")
        SHIPPED_BACK = "shipped_back", _("Shipped back")
        SCHEDULED = "scheduled", _("Video call scheduled")
        DONE = "done", _("Done")
        CONFIRMED = "confirmed", _("Confirmed by you")
        CANCELLED = "cancelled", _("Cancelled")

    FINAL = (Status.DONE, Status.CONFIRMED, Status.CANCELLED)

    number = models.CharField(_("request number"), max_length=24, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=ServiceKind.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("customer"),
    )
    unit = models.ForeignKey(
        "aftersales.RegisteredUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("unit"),
    )
    appliance_model = models.ForeignKey(
        "catalog.ApplianceModel",
        on_delete=models.PROTECT,
        related_name="service_requests",
        verbose_name=_("appliance model"),
    )
    serial = models.CharField(_("serial number"), max_length=40, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=64)
    contact_phone = models.CharField(_("contact phone"), max_length=20, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="zh-hans")
    area = models.ForeignKey(
        "aftersales.ServiceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("service area"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    symptom = models.TextField(_("what happened"), blank=True)
    troubleshooting = models.CharField(_("troubleshooting entry read"), max_length=255, blank=True)

    # Who pays, decided before the customer confirms (aftersales.coverage.decide).
    cover = models.CharField(_("cover"), max_length=10, choices=Cover.choices)
    contract = models.ForeignKey(
        "aftersales.WarrantyContract",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("extended warranty"),
    )
    callout_fee = models.DecimalField(
        _("call-out fee (CNY)"), max_digits=8, decimal_places=2, default=0
    )
    labour_estimate = models.DecimalField(
        _("labour estimate (CNY)"), max_digits=8, decimal_places=2, default=0
    )
    parts_estimate = models.DecimalField(
        _("parts estimate (CNY)"), max_digits=8, decimal_places=2, default=0
    )

    # The promise, fixed when the request opens.
    opened_at = models.DateTimeField(_("opened at"), db_index=True)
    response_due = models.DateTimeField(_("answer due"), db_index=True)
    arrival_due = models.DateTimeField(_("arrival due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalated to level"), default=0)
    breached_at = models.DateTimeField(_("promise missed at"), null=True, blank=True)

    # Dispatch and the visit.
    engineer = models.ForeignKey(
        Engineer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("engineer"),
    )
    slot = models.ForeignKey(
        "aftersales.ServiceSlot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("arrival window"),
    )
    eta_minutes = models.PositiveSmallIntegerField(_("ETA (minutes)"), null=True, blank=True)
    completed_at = models.DateTimeField(_("done at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    labour_minutes = models.PositiveIntegerField(_("labour (minutes)"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    # Mail-in repair (寄修).
    inbound_tracking = models.CharField(_("tracking number to us"), max_length=40, blank=True)
    outbound_tracking = models.CharField(_("tracking number back"), max_length=40, blank=True)

    # Remote video diagnosis.
    appointment_at = models.DateTimeField(_("video call at"), null=True, blank=True)
    call_link = models.URLField(_("video call link"), blank=True)

    # E-commerce installation orders: idempotent by the partner's order line.
    partner = models.CharField(_("partner"), max_length=32, blank=True)
    partner_order_id = models.CharField(_("partner order id"), max_length=64, blank=True)
    # The customer's form carries a one-off token from the first screen to the confirmation:
    # a second press of "Confirm" (or a reload) finds the request the first one opened.
    client_token = models.CharField(_("form token"), max_length=32, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        permissions = [
            ("dispatch_servicerequest", _("Can dispatch service requests to engineers")),
            ("work_servicerequest", _("Can work on assigned service jobs")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "partner_order_id"],
                condition=~Q(partner=""),
                name="one_request_per_partner_order",
            ),
            models.CheckConstraint(
                condition=Q(customer__isnull=False) | ~Q(contact_phone=""),
                name="request_has_someone_to_call",
            ),
            models.UniqueConstraint(
                fields=["client_token"],
                condition=~Q(client_token=""),
                name="one_request_per_form_token",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "response_due"], name="request_status_due"),
            models.Index(fields=["area", "status"], name="request_area_status"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status not in self.FINAL

    @property
    def is_visit(self) -> bool:
        return self.kind in VISIT_KINDS

    @property
    def estimate_total(self):
        return self.callout_fee + self.labour_estimate + self.parts_estimate


class ServiceEvent(models.Model):
    """One step of a request's timeline: who moved it, when, from where to where, and why."""

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("request"),
    )
    action = models.CharField(_("step"), max_length=24)
    status_from = models.CharField(_("from"), max_length=20, blank=True)
    status_to = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_role = models.CharField(_("as"), max_length=16)
    note = models.TextField(_("why / what"), blank=True)
    customer_visible = models.BooleanField(_("shown to the customer"), default=True)
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("service event")
        verbose_name_plural = _("service events")

    def __str__(self):
        return f"{self.request_id} {self.action} @ {self.at:%Y-%m-%d %H:%M}"


class ServiceAttachment(models.Model):
    """A photo or short video of the fault, the repair or the finished installation."""

    class Stage(models.TextChoices):
        FAULT = "fault", _("Fault, from the customer")
        WORK = "work", _("From the engineer")
        SIGNATURE = "signature", _("Customer's signature")

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("request"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    file = models.FileField(
        _("file"), upload_to="service/%Y/%m/", storage=private_storage, max_length=200
    )
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return f"{self.request_id} · {self.get_stage_display()}"


class Assignment(models.Model):
    """One engineer in one arrival window for one job: a service request or a shop visit.

    The unique (engineer, day, window start) constraint is what stops two dispatchers giving
    the same engineer's window to two jobs; the slot's place is taken in the same transaction.
    """

    engineer = models.ForeignKey(
        Engineer, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("engineer")
    )
    slot = models.ForeignKey(
        "aftersales.ServiceSlot",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("arrival window"),
    )
    request = models.OneToOneField(
        ServiceRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("service request"),
    )
    booking = models.OneToOneField(
        "aftersales.ServiceBooking",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("shop visit"),
    )
    # Copied from the slot so the constraint below holds across areas: an engineer working
    # two districts still cannot be in two places in the same window.
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    on_the_way_at = models.DateTimeField(_("on the way at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["engineer", "date", "starts_at"], name="engineer_once_per_window"
            ),
            models.CheckConstraint(
                condition=(
                    Q(request__isnull=False, booking__isnull=True)
                    | Q(request__isnull=True, booking__isnull=False)
                ),
                name="assignment_is_request_or_booking",
            ),
        ]

    def __str__(self):
        return f"{self.engineer} · {self.slot}"

    @property
    def job(self):
        """The service request or the shop visit this assignment is for."""
        return self.request if self.request_id else self.booking

    @property
    def job_number(self) -> str:
        return self.job.number

    @property
    def contact_phone(self) -> str:
        return self.job.contact_phone
