from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Tier(models.Model):
    """One rung of the membership ladder and what it is worth; staff edit these in the admin.

    A member qualifies on points earned in the last 12 months (see `membership.rules.tier_for`).
    """

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=40)
    rank = models.PositiveSmallIntegerField(
        _("rank"), unique=True, help_text=_("0 for the entry tier; a higher rank is a better tier.")
    )
    threshold = models.PositiveIntegerField(
        _("qualifying points"),
        help_text=_("Points earned in the last 12 months that reach this tier."),
    )
    multiplier = models.DecimalField(
        _("points multiplier"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Points per yuan paid are multiplied by this, e.g. 1.5."),
    )
    service_discount_percent = models.PositiveSmallIntegerField(
        _("service discount (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    birthday_points = models.PositiveIntegerField(_("birthday points"), default=0)
    free_cleaning_per_year = models.BooleanField(
        _("one free cleaning per membership year"), default=False
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(multiplier__gt=0), name="tier_multiplier_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(service_discount_percent__lte=100),
                name="tier_discount_at_most_100",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and not (get_language() or "").startswith("zh"):
            return self.name_en
        return self.name


class TierChange(models.Model):
    """A member moved between tiers: an upgrade when earning, either way at the annual review.

    Kept for the member's history, and so that a downgrade notice is sent once.
    """

    class Reason(models.TextChoices):
        QUALIFIED = "qualified", _("Qualified by points earned")
        REVIEW = "review", _("Annual review")

    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.CASCADE, related_name="tier_changes"
    )
    from_tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    to_tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    points_earned = models.PositiveIntegerField(_("points earned in the last 12 months"))
    changed_on = models.DateField(_("changed on"))
    notified_at = models.DateTimeField(_("notice sent"), null=True, blank=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("tier change")
        verbose_name_plural = _("tier changes")

    def __str__(self):
        return f"{self.member}: {self.from_tier} → {self.to_tier}"

    @property
    def is_downgrade(self) -> bool:
        return self.from_tier is not None and self.to_tier.rank < self.from_tier.rank
