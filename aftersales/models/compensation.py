"""The compensation catalogue: what each role may grant, and every grant ever made.

A grant is written once under its key (the SLA job's key names the request and the broken
promise; a staff grant's key comes from the form it was made on), and the points it gives
go to the ledger under the same key, so a retried job or a form sent twice grants once.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .requests import CompensationKind


class StaffLevel(models.IntegerChoices):
    """The service desk's ladder: a late answer climbs it one level at a time."""

    AGENT = 0, _("Agent")
    TEAM_LEAD = 1, _("Team lead")
    SUPERVISOR = 2, _("Supervisor")
    MANAGER = 3, _("Manager")


class GrantRole(models.TextChoices):
    """Who granted, as recorded on the grant (the SLA job grants as the system)."""

    SYSTEM = "system", _("System (service promise)")
    AGENT = "agent", _("Agent")
    TEAM_LEAD = "team_lead", _("Team lead")
    SUPERVISOR = "supervisor", _("Supervisor")
    MANAGER = "manager", _("Manager")


ROLE_OF_LEVEL = {
    StaffLevel.AGENT: GrantRole.AGENT,
    StaffLevel.TEAM_LEAD: GrantRole.TEAM_LEAD,
    StaffLevel.SUPERVISOR: GrantRole.SUPERVISOR,
    StaffLevel.MANAGER: GrantRole.MANAGER,
}


class CompensationReason(models.TextChoices):
    MISSED_ANSWER = "missed_answer", _("Answer promise missed")
    MISSED_ARRIVAL = "missed_arrival", _("Arrival promise missed")
    REPEAT_REPAIR = "repeat_repair", _("Repeat repair")
    LATE_PARTS = "late_parts", _("Parts arrived late")
    CONDUCT = "conduct", _("Engineer's conduct")
    DAMAGE = "damage", _("Damage during the visit")
    GOODWILL = "goodwill", _("Goodwill")


# The caps a new site starts with (written by migration 0006, then edited by staff), per
# role and kind: (most in one grant, most on one case). 0 means the role may not grant it.
DEFAULT_CAPS = {
    StaffLevel.AGENT: {
        CompensationKind.POINTS: (200, 300),
        CompensationKind.COVER_MONTHS: (1, 1),
        CompensationKind.CLEANING_VOUCHER: (1, 1),
        CompensationKind.COUPON: (50, 50),
        CompensationKind.GIFT: (0, 0),
    },
    StaffLevel.TEAM_LEAD: {
        CompensationKind.POINTS: (500, 1000),
        CompensationKind.COVER_MONTHS: (3, 3),
        CompensationKind.CLEANING_VOUCHER: (1, 2),
        CompensationKind.COUPON: (100, 200),
        CompensationKind.GIFT: (100, 100),
    },
    StaffLevel.SUPERVISOR: {
        CompensationKind.POINTS: (2000, 3000),
        CompensationKind.COVER_MONTHS: (6, 6),
        CompensationKind.CLEANING_VOUCHER: (2, 3),
        CompensationKind.COUPON: (300, 500),
        CompensationKind.GIFT: (300, 300),
    },
    StaffLevel.MANAGER: {
        CompensationKind.POINTS: (10000, 20000),
        CompensationKind.COVER_MONTHS: (12, 12),
        CompensationKind.CLEANING_VOUCHER: (3, 5),
        CompensationKind.COUPON: (1000, 2000),
        CompensationKind.GIFT: (1000, 1000),
    },
}


class CompensationCap(models.Model):
    """How much of one kind a role may grant: in one grant, and on one case in all.

    The case limit counts every grant on the case, whoever made it, so a second agent
    cannot add another agent's allowance; a higher role's case limit leaves room above.
    """

    level = models.PositiveSmallIntegerField(_("role"), choices=StaffLevel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=CompensationKind.choices)
    per_grant = models.PositiveIntegerField(_("at most per grant"))
    per_case = models.PositiveIntegerField(_("at most per case, all grants together"))

    class Meta:
        ordering = ["level", "kind"]
        verbose_name = _("compensation cap")
        verbose_name_plural = _("compensation caps")
        constraints = [
            models.UniqueConstraint(fields=["level", "kind"], name="one_cap_per_role_and_kind"),
            models.CheckConstraint(
                condition=Q(per_case__gte=F("per_grant")), name="cap_per_case_covers_a_grant"
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()} · {self.get_kind_display()}"


class CompensationGrant(models.Model):
    """One compensation given on one case: what, how much, why, by whom and as what."""

    class Rule(models.TextChoices):
        NONE = "", _("Granted by staff")
        RESPONSE = "response", _("Answer promise")
        ARRIVAL = "arrival", _("Arrival promise")

    class Status(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        PENDING = "pending", _("Owed: nothing to credit it to yet")

    key = models.CharField(_("grant key"), max_length=80, unique=True)
    # The case. Complaints (issue #12) add their own link beside this one.
    service_request = models.ForeignKey(
        "aftersales.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compensations",
        verbose_name=_("service request"),
    )
    rule = models.CharField(
        _("broken promise"), max_length=10, choices=Rule.choices, blank=True, default=""
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CompensationKind.choices)
    amount = models.PositiveIntegerField(_("amount"))
    reason = models.CharField(_("reason"), max_length=20, choices=CompensationReason.choices)
    note = models.TextField(_("note"), blank=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compensations",
        verbose_name=_("customer"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    role = models.CharField(_("as"), max_length=12, choices=GrantRole.choices)
    created_at = models.DateTimeField(_("granted at"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # What the customer received: the ledger entry is found by its source key ("grant:<key>").
    voucher_codes = models.CharField(_("voucher codes"), max_length=160, blank=True)
    cover_until = models.DateField(_("cover now ends"), null=True, blank=True)
    delivery_note = models.CharField(_("delivery"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("compensation grant")
        verbose_name_plural = _("compensation grants")
        permissions = [
            ("grant_compensation", _("Can grant compensation within the role's caps")),
        ]
        constraints = [
            # The SLA job compensates each broken promise of a request once, whatever the
            # key: the database says no to a second grant for the same rule.
            models.UniqueConstraint(
                fields=["service_request", "rule"],
                condition=~Q(rule=""),
                name="one_grant_per_broken_promise",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
        ]
        indexes = [models.Index(fields=["reason", "created_at"], name="grant_reason_month")]

    def __str__(self):
        return f"{self.key}: {self.amount} {self.kind}"

    @property
    def ledger_source_key(self) -> str:
        return ledger_source_key(self.key)


def ledger_source_key(grant_key: str) -> str:
    """The points ledger's source key for the points a grant gives."""
    return f"grant:{grant_key}"
