import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import codes


class Category(models.TextChoices):
    AIR_CONDITIONER = "air_conditioner", _("Air conditioner")
    WATER_HEATER = "water_heater", _("Water heater")
    RANGE_HOOD = "range_hood", _("Range hood")
    WATER_PURIFIER = "water_purifier", _("Water purifier")
    WASHING_MACHINE = "washing_machine", _("Washing machine")
    TV = "tv", _("Television")
    REFRIGERATOR = "refrigerator", _("Refrigerator")
    DISHWASHER = "dishwasher", _("Dishwasher")


def validate_regex(value):
    try:
        re.compile(value)
    except re.error as exc:
        raise ValidationError(
            _("Not a valid regular expression: %(error)s"), params={"error": exc}
        ) from exc


class ApplianceModelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def by_public_code(self, code: str):
        return self.active().filter(public_code=codes.normalise(code))


class ApplianceModel(models.Model):
    """One model in the maker's line (e.g. KFR-35GW/BP3DN8Y), not one unit of it."""

    model_number = models.CharField(_("model number"), max_length=64, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    category = models.CharField(
        _("category"), max_length=32, choices=Category.choices, db_index=True
    )
    image = models.ImageField(_("image"), upload_to="appliances/", blank=True)
    launch_date = models.DateField(_("launch date"))
    base_warranty_months = models.PositiveSmallIntegerField(
        _("base warranty (months)"), default=12, validators=[MinValueValidator(1)]
    )
    list_price = models.DecimalField(
        _("list price (CNY)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    serial_pattern = models.CharField(
        _("serial number format"),
        max_length=120,
        default=r"^[A-Z0-9]{12,20}$",
        validators=[validate_regex],
        help_text=_("A regular expression every serial number of this model matches."),
    )
    public_code = models.CharField(
        _("public QR code"),
        max_length=12,
        unique=True,
        editable=False,
        help_text=_("Printed on every unit of this model; opens its e-manual at /q/<code>."),
    )
    compatible_products = models.ManyToManyField(
        "catalogue.Product",
        blank=True,
        related_name="compatible_models",
        verbose_name=_("compatible consumables"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ApplianceModelQuerySet.as_manager()

    class Meta:
        ordering = ["category", "model_number"]
        verbose_name = _("appliance model")
        verbose_name_plural = _("appliance models")

    def __str__(self):
        return f"{self.model_number} {self.display_name}"

    def save(self, *args, **kwargs):
        if not self.public_code:
            self.public_code = self._unused_public_code()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        if self.name_en and not (get_language() or "").startswith("zh"):
            return self.name_en
        return self.name

    @classmethod
    def _unused_public_code(cls) -> str:
        while True:
            code = codes.new_public_code()
            if not cls.objects.filter(public_code=code).exists():
                return code

    def serial_is_valid(self, serial: str) -> bool:
        return re.fullmatch(self.serial_pattern, serial) is not None


class SynonymGroup(models.Model):
    """Words customers type for one thing, in either language (filter, 滤芯, 滤网).

    Search reads a word of the query as any term of its group, so an English word finds
    Chinese text and the other way round. Staff edit the groups as a Wagtail snippet.
    """

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "One term per line (or separated by commas), in any language; a term may have "
            "several words, such as “extended warranty”."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["pk"]

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list()
        if len({term.casefold() for term in terms}) < 2:
            raise ValidationError({"terms": _("Give at least two different terms.")})
        too_long = [term for term in terms if len(term) > MAX_TERM_LENGTH]
        if too_long:
            raise ValidationError(
                {
                    "terms": _("A term is at most %(limit)d characters: %(term)s")
                    % {"limit": MAX_TERM_LENGTH, "term": too_long[0][:60]}
                }
            )
        self.terms = "\n".join(terms)


MAX_TERM_LENGTH = 50
TERM_SEPARATORS = re.compile(r"[\n,，、;；]+")


def split_terms(text: str) -> list[str]:
    """The terms of a group's text, each with its inner spaces made single, first one kept."""
    seen, terms = set(), []
    for raw in TERM_SEPARATORS.split(text):
        term = " ".join(raw.split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return terms
