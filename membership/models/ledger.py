"""The points ledger: an account per member, append-only entries, and lots of earned points.

Every credit is a lot (an earn or a positive adjustment) with an expiry date and what is
left of it; every debit takes points from lots, oldest expiry first, and records each lot it
touched as a `LotMovement`. So `PointsAccount.balance` always equals the sum of what is left
in the member's lots, and expiring a lot removes only what is left of it.
Rows here are written only by `membership.points`, under a lock on the account.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PointsAccount(models.Model):
    """A member's balance and tier.

    Apart from the profile so that a profile edit (phone, birthday) saved from a form opened
    before a redemption cannot write back a stale balance: only the ledger writes this row,
    and always with the row locked.
    """

    member = models.OneToOneField(
        "membership.MemberProfile", on_delete=models.CASCADE, related_name="points_account"
    )
    balance = models.IntegerField(_("points balance"), default=0)
    tier = models.ForeignKey(
        "membership.Tier", on_delete=models.PROTECT, related_name="accounts", verbose_name=_("tier")
    )
    tier_since = models.DateField(_("in this tier since"))
    next_review_on = models.DateField(_("next tier review"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("points account")
        verbose_name_plural = _("points accounts")
        constraints = [
            models.CheckConstraint(condition=Q(balance__gte=0), name="points_balance_not_negative"),
        ]
        indexes = [models.Index(fields=["next_review_on"], name="points_account_review")]

    def __str__(self):
        return f"{self.member}: {self.balance}"


class LedgerEntryQuerySet(models.QuerySet):
    def open_lots(self):
        """Lots with points left, the one to spend first first."""
        return self.filter(remaining__gt=0).order_by("expires_on", "pk")


class LedgerEntry(models.Model):
    """One movement of points. Never edited or deleted, except `remaining` on a lot.

    `reason` holds a fixed English text (marked with gettext_noop) or staff's own words;
    show it with `reason_display`. The source key names the event that caused the entry,
    e.g. "order:100023:earn", "unit:42:register", "birthday:2026:7", "redeem:<uuid>".
    """

    class Kind(models.TextChoices):
        EARN = "earn", _("Earned")
        REDEEM = "redeem", _("Redeemed")
        EXPIRE = "expire", _("Expired")
        REVERSE = "reverse", _("Reversed")
        ADJUST = "adjust", _("Adjusted")

    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    points = models.IntegerField(_("points"))
    balance_after = models.IntegerField(_("balance after"))
    source_key = models.CharField(_("source"), max_length=120, unique=True)
    reason = models.CharField(_("reason"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    # A lot: what an earn or a positive adjustment left to spend, and until when.
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    remaining = models.PositiveIntegerField(_("points left"), null=True, blank=True)
    # A reversal: the entry it undoes, and how many points it could not move (see points.reverse).
    reverses = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversals"
    )
    shortfall = models.PositiveIntegerField(_("points not taken back"), default=0)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="ledger_balance_after_not_negative"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="earn", points__gt=0)
                    | Q(kind__in=["redeem", "expire"], points__lt=0)
                    | (Q(kind="adjust") & ~Q(points=0))
                    | Q(kind="reverse")
                ),
                name="ledger_points_sign_by_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind="adjust") | Q(created_by__isnull=False),
                name="ledger_adjustment_names_who",
            ),
            models.CheckConstraint(
                condition=Q(kind="reverse", reverses__isnull=False)
                | Q(reverses__isnull=True, shortfall=0),
                name="ledger_reversal_names_original",
            ),
            models.CheckConstraint(
                condition=Q(remaining__isnull=True, expires_on__isnull=True)
                | Q(
                    kind__in=["earn", "adjust"],
                    points__gt=0,
                    expires_on__isnull=False,
                    remaining__gte=0,
                    remaining__lte=F("points"),
                ),
                name="ledger_lot_within_its_points",
            ),
            models.CheckConstraint(
                condition=~Q(kind="earn") | Q(remaining__isnull=False),
                name="ledger_earn_is_a_lot",
            ),
        ]
        indexes = [
            models.Index(fields=["member", "-created_at"], name="ledger_member_history"),
            models.Index(
                fields=["member", "expires_on"],
                condition=Q(remaining__gt=0),
                name="ledger_member_open_lots",
            ),
            models.Index(
                fields=["expires_on"], condition=Q(remaining__gt=0), name="ledger_open_lots_due"
            ),
        ]

    def __str__(self):
        return f"{self.source_key}: {self.points:+d}"

    @property
    def is_lot(self) -> bool:
        return self.remaining is not None

    @property
    def reason_display(self) -> str:
        return gettext(self.reason)


class LotMovement(models.Model):
    """Points an entry took from a lot (negative) or gave back to it (positive).

    A lot's `remaining` is its points plus the sum of its movements; a redemption knows the
    lots it spent, so its reversal returns points to those same lots.
    """

    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="movements")
    lot = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="lot_movements")
    points = models.IntegerField(_("points"))

    class Meta:
        verbose_name = _("lot movement")
        verbose_name_plural = _("lot movements")
        constraints = [
            models.UniqueConstraint(fields=["entry", "lot"], name="lot_movement_once_per_entry"),
            models.CheckConstraint(condition=~Q(points=0), name="lot_movement_not_zero"),
        ]

    def __str__(self):
        return f"{self.entry_id} → lot {self.lot_id}: {self.points:+d}"


class ExpiryReminder(models.Model):
    """A reminder that points expire soon, one per member and expiry date, sent once."""

    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.CASCADE, related_name="expiry_reminders"
    )
    expires_on = models.DateField(_("expires on"))
    points = models.PositiveIntegerField(_("points expiring"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "expires_on"], name="expiry_reminder_once_per_date"
            ),
        ]

    def __str__(self):
        return f"{self.member}: {self.points} → {self.expires_on}"
