"""Closing the loop after a job: ratings and their follow-ups, and the director's mailbox.

A `ServiceRating` answers one finished request or shop visit (one each: the one-to-one
fields are the guarantee); an unhappy one opens a `FollowUp` for the area's supervisor. A
`MailboxMessage` (complaint, suggestion or praise) has a named owner and a reply deadline;
each step up the service desk's ladder (aftersales.ladder) is one `MailboxEscalation` row,
unique per level, so a job that runs twice cannot escalate twice.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ASPECT_RANGE = [MinValueValidator(1), MaxValueValidator(5)]
NPS_RANGE = [MinValueValidator(0), MaxValueValidator(10)]


class ServiceRating(models.Model):
    """How one finished job went, in the customer's words: four aspects, NPS, a comment."""

    ASPECTS = ("punctuality", "attitude", "skill", "tidiness")

    service_request = models.OneToOneField(
        "aftersales.ServiceRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rating",
        verbose_name=_("service request"),
    )
    booking = models.OneToOneField(
        "aftersales.ServiceBooking",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rating",
        verbose_name=_("shop visit"),
    )
    # Copied from the job when rated, so reports group by them without joining two kinds.
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_ratings",
        verbose_name=_("customer"),
    )
    area = models.ForeignKey(
        "aftersales.ServiceArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ratings",
        verbose_name=_("service area"),
    )
    engineer = models.ForeignKey(
        "aftersales.Engineer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ratings",
        verbose_name=_("engineer"),
    )
    punctuality = models.PositiveSmallIntegerField(_("punctuality"), validators=ASPECT_RANGE)
    attitude = models.PositiveSmallIntegerField(_("attitude"), validators=ASPECT_RANGE)
    skill = models.PositiveSmallIntegerField(_("skill"), validators=ASPECT_RANGE)
    tidiness = models.PositiveSmallIntegerField(_("tidiness"), validators=ASPECT_RANGE)
    nps = models.PositiveSmallIntegerField(_("likely to recommend (0–10)"), validators=NPS_RANGE)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("rated at"), db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service_request__isnull=False, booking__isnull=True)
                    | Q(service_request__isnull=True, booking__isnull=False)
                ),
                name="rating_is_of_request_or_booking",
            ),
            models.CheckConstraint(
                condition=(
                    Q(punctuality__range=(1, 5))
                    & Q(attitude__range=(1, 5))
                    & Q(skill__range=(1, 5))
                    & Q(tidiness__range=(1, 5))
                    & Q(nps__range=(0, 10))
                ),
                name="rating_scores_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.service_request_id or self.booking_id} · NPS {self.nps}"

    @property
    def is_detractor(self) -> bool:
        """NPS 0–6, or any aspect at 1 or 2: someone should call this customer back."""
        return self.nps <= 6 or min(getattr(self, aspect) for aspect in self.ASPECTS) <= 2


class FollowUp(models.Model):
    """An unhappy rating, for the area's supervisor to call back within 48 hours."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved with the customer")
        REVISIT = "revisit", _("Revisit arranged")
        APOLOGISED = "apologised", _("Apologised; nothing more to do")
        UNREACHABLE = "unreachable", _("Could not reach the customer")

    rating = models.OneToOneField(
        ServiceRating,
        on_delete=models.CASCADE,
        related_name="follow_up",
        verbose_name=_("rating"),
    )
    area = models.ForeignKey(
        "aftersales.ServiceArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("service area"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rating_follow_ups",
        verbose_name=_("supervisor"),
    )
    opened_at = models.DateTimeField(_("opened at"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("what was done"), blank=True, max_length=2000)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    notified_at = models.DateTimeField(_("supervisor told at"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("rating follow-up")
        verbose_name_plural = _("rating follow-ups")
        permissions = [("follow_up_rating", _("Can follow up unhappy service ratings"))]
        indexes = [models.Index(fields=["closed_at", "due_at"], name="follow_up_open_due")]

    def __str__(self):
        return f"{self.rating} · {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class FeedbackCampaign(models.Model):
    """A drive for feedback on the mailbox (#吐槽产品#): messages carrying a tag are its."""

    name = models.CharField(_("name"), max_length=120)
    tags = models.JSONField(
        _("tags"),
        default=list,
        help_text=_("Written in a message to join the campaign, e.g. #吐槽产品# or #吐槽服务#."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    gift = models.CharField(
        _("gift for a useful suggestion"),
        max_length=200,
        blank=True,
        help_text=_("Granted by staff through the compensation catalogue."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("feedback campaign")
        verbose_name_plural = _("feedback campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name


class MailboxMessageQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(customer=user)

    def unanswered(self):
        return self.filter(replied_at__isnull=True)


class MailboxMessage(models.Model):
    """A complaint, suggestion or praise sent to the director's mailbox, and its reply."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        SUGGESTION = "suggestion", _("Suggestion")
        PRAISE = "praise", _("Praise")

    class Topic(models.TextChoices):
        PRODUCT = "product", _("A product")
        SERVICE = "service", _("Our service")

    number = models.CharField(_("message number"), max_length=24, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("about"), max_length=12, choices=Topic.choices)
    body = models.TextField(_("message"), max_length=2000)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailbox_messages",
        verbose_name=_("customer"),
    )
    contact_name = models.CharField(_("name"), max_length=64, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="zh-hans")
    service_request = models.ForeignKey(
        "aftersales.ServiceRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mailbox_messages",
        verbose_name=_("service request"),
    )
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("order"),
    )
    unit = models.ForeignKey(
        "aftersales.RegisteredUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mailbox_messages",
        verbose_name=_("unit"),
    )
    area = models.ForeignKey(
        "aftersales.ServiceArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mailbox_messages",
        verbose_name=_("service area"),
    )
    campaign = models.ForeignKey(
        FeedbackCampaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("campaign"),
    )
    tag = models.CharField(_("campaign tag"), max_length=40, blank=True)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mailbox_owned",
        verbose_name=_("owner"),
    )
    created_at = models.DateTimeField(_("received at"), db_index=True)
    reply_due = models.DateTimeField(_("reply due"), db_index=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalated to level"), default=0)

    reply = models.TextField(_("reply"), blank=True, max_length=4000)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replied by"),
    )
    reply_sent_at = models.DateTimeField(_("reply sent at"), null=True, blank=True)

    useful = models.BooleanField(_("useful suggestion"), default=False)
    useful_marked_at = models.DateTimeField(_("marked useful at"), null=True, blank=True)
    useful_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked useful by"),
    )

    objects = MailboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mailbox message")
        verbose_name_plural = _("mailbox messages")
        permissions = [("answer_mailbox", _("Can answer messages in the director's mailbox"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(customer__isnull=False) | ~Q(contact_phone=""),
                name="mailbox_has_someone_to_answer",
            ),
        ]
        indexes = [
            models.Index(fields=["replied_at", "reply_due"], name="mailbox_unanswered_due"),
            models.Index(fields=["owner", "replied_at"], name="mailbox_owner_open"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_answered(self) -> bool:
        return self.replied_at is not None


class MailboxEscalation(models.Model):
    """One step up the ladder for one overdue message: never twice for the same level."""

    message = models.ForeignKey(
        MailboxMessage,
        on_delete=models.CASCADE,
        related_name="escalations",
        verbose_name=_("message"),
    )
    level = models.PositiveSmallIntegerField(_("level"))
    at = models.DateTimeField(_("at"))
    notified_at = models.DateTimeField(_("staff told at"), null=True, blank=True)

    class Meta:
        ordering = ["message", "level"]
        verbose_name = _("mailbox escalation")
        verbose_name_plural = _("mailbox escalations")
        constraints = [
            models.UniqueConstraint(fields=["message", "level"], name="escalate_once_per_level")
        ]

    def __str__(self):
        return f"{self.message} → {self.level}"
