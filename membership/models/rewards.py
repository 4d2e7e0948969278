"""The rewards catalogue: things members buy with points only, each delivered as an Oscar voucher.

A redemption takes the points (one ledger entry) and issues a personal single-use voucher
attached to the reward's own offer; the top tier's free cleaning is a voucher too, one per
membership year. Rows here are written by `membership.rewards.services`.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Reward(models.Model):
    """One item of the catalogue: what it gives, what it costs in points, how many are left.

    Its terms (kind, product or range, amount, minimum spend) are written into an Oscar offer
    on the first redemption and shared by every voucher issued for it, so they are fixed from
    then on: a reward with other terms is a new reward.
    """

    class Kind(models.TextChoices):
        GIFT = "gift", _("Gift")
        CLEANING = "cleaning", _("Cleaning voucher")
        COUPON = "coupon", _("Coupon")

    class StockPolicy(models.TextChoices):
        UNLIMITED = "unlimited", _("Unlimited")
        TOTAL = "total", _("A fixed number in all")
        MONTHLY = "monthly", _("A number each month")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title (Chinese)"), max_length=80)
    title_en = models.CharField(_("title (English)"), max_length=80, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    points_cost = models.PositiveIntegerField(_("points cost"), validators=[MinValueValidator(1)])
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gift product"),
        help_text=_("For a gift: the consumable given free, one unit."),
    )
    range = models.ForeignKey(
        "offer.Range",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applies to"),
        help_text=_("For a cleaning voucher or a coupon: the products it can be used on."),
    )
    discount = models.DecimalField(
        _("amount off (¥)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    minimum_spend = models.DecimalField(
        _("minimum spend (¥)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For a coupon: what the eligible items must come to; empty for none."),
    )
    stock_policy = models.CharField(
        _("stock"), max_length=10, choices=StockPolicy.choices, default=StockPolicy.UNLIMITED
    )
    stock = models.PositiveIntegerField(
        _("quantity"),
        null=True,
        blank=True,
        help_text=_("How many in all, or each month; empty when unlimited."),
    )
    # What is left: in all, or in `stock_month` (the first day of the month it counts for).
    stock_left = models.PositiveIntegerField(_("left"), null=True, blank=True)
    stock_month = models.DateField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("offered"), default=True)
    image = models.ImageField(_("image"), upload_to="rewards/", blank=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    offer = models.OneToOneField(
        "offer.ConditionalOffer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="reward",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_order", "points_cost", "pk"]
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="gift", product__isnull=False)
                | Q(kind="cleaning", range__isnull=False)
                | Q(kind="coupon", range__isnull=False, discount__gt=0),
                name="reward_terms_fit_its_kind",
            ),
            models.CheckConstraint(
                condition=Q(stock_policy="unlimited")
                | Q(stock_policy__in=["total", "monthly"], stock__isnull=False),
                name="reward_limited_stock_has_a_quantity",
            ),
            models.CheckConstraint(condition=Q(points_cost__gt=0), name="reward_costs_points"),
        ]
        indexes = [models.Index(fields=["is_active", "display_order"], name="reward_catalogue")]

    def __str__(self):
        return self.display_title

    def clean(self):
        errors = {}
        if self.kind == self.Kind.GIFT and self.product_id is None:
            errors["product"] = _("A gift needs the product it gives.")
        if self.kind in (self.Kind.CLEANING, self.Kind.COUPON) and self.range_id is None:
            errors["range"] = _("Choose the products this can be used on.")
        if self.kind == self.Kind.COUPON and not self.discount:
            errors["discount"] = _("A coupon needs the amount it takes off.")
        if self.is_limited and self.stock is None:
            errors["stock"] = _("Limited stock needs a quantity.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_title(self) -> str:
        if self.title_en and not (get_language() or "").startswith("zh"):
            return self.title_en
        return self.title

    @property
    def display_description(self) -> str:
        if self.description_en and not (get_language() or "").startswith("zh"):
            return self.description_en
        return self.description

    @property
    def is_limited(self) -> bool:
        return self.stock_policy != self.StockPolicy.UNLIMITED

    def left_in(self, month) -> int | None:
        """How many can still be redeemed in `month` (a first of the month); None if unlimited."""
        if self.stock_policy == self.StockPolicy.UNLIMITED:
            return None
        if self.stock_policy == self.StockPolicy.MONTHLY and self.stock_month != month:
            return self.stock or 0
        return self.stock_left if self.stock_left is not None else (self.stock or 0)


class RewardRedemption(models.Model):
    """Points spent on a reward, and the voucher they bought. Never edited or deleted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.PROTECT, related_name="reward_redemptions"
    )
    reward = models.ForeignKey(Reward, on_delete=models.PROTECT, related_name="redemptions")
    ledger_entry = models.OneToOneField(
        "membership.LedgerEntry", on_delete=models.PROTECT, related_name="reward_redemption"
    )
    voucher = models.OneToOneField(
        "voucher.Voucher", on_delete=models.PROTECT, related_name="reward_redemption"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reward redemption")
        verbose_name_plural = _("reward redemptions")
        indexes = [models.Index(fields=["member", "-created_at"], name="redemption_member_recent")]

    def __str__(self):
        return f"{self.member}: {self.reward} ({self.voucher_id})"


class FreeCleaning(models.Model):
    """The top tier's free cleaning: one voucher per member and membership year.

    The unique pair (member, year) is what makes the yearly job safe to run twice.
    """

    member = models.ForeignKey(
        "membership.MemberProfile", on_delete=models.PROTECT, related_name="free_cleanings"
    )
    year_starts_on = models.DateField(_("membership year from"))
    tier = models.ForeignKey(
        "membership.Tier", on_delete=models.PROTECT, related_name="+", verbose_name=_("tier")
    )
    voucher = models.OneToOneField(
        "voucher.Voucher", on_delete=models.PROTECT, related_name="free_cleaning"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("free cleaning")
        verbose_name_plural = _("free cleanings")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year_starts_on"], name="free_cleaning_once_per_membership_year"
            ),
        ]

    def __str__(self):
        return f"{self.member}: {self.year_starts_on}"
