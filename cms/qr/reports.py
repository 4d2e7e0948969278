"""Staff reports on QR scans and manual section opens, with Wagtail's CSV/XLSX export.

Both read the daily counters grouped in the database (values + Sum), so a report costs
the same few queries for ten counter rows or a year of them.
"""

import django_filters
from django.conf import settings
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from appliances.models import ApplianceModel
from cms.models import ScanCount, SectionOpenCount
from cms.models.analytics import Device

KIND_LABELS = dict(SectionOpenCount.Kind.choices)


def _language_key(code: str) -> str:
    return "scans_" + code.replace("-", "_")


def _total(**only) -> Coalesce:
    return Coalesce(Sum("count", filter=Q(**only) if only else None), 0)


class ScanFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label=_("Day"), widget=DateRangePickerWidget)
    appliance_model = django_filters.ModelChoiceFilter(
        label=_("Model"), queryset=ApplianceModel.objects.order_by("model_number")
    )

    class Meta:
        model = ScanCount
        fields = ["day", "appliance_model"]


class OpenFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label=_("Day"), widget=DateRangePickerWidget)
    appliance_model = django_filters.ModelChoiceFilter(
        label=_("Model"), queryset=ApplianceModel.objects.order_by("model_number")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SectionOpenCount.Kind.choices)

    class Meta:
        model = SectionOpenCount
        fields = ["day", "appliance_model", "kind"]


class CounterReportView(ReportView):
    # Staff who may view the counters (a "view" model permission, or superusers) see it.
    permission_required = "view"

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


class ScanReportView(CounterReportView):
    page_title = _("QR scans")
    header_icon = "table"
    model = ScanCount
    filterset_class = ScanFilterSet
    index_url_name = "cms_qr_scans"
    index_results_url_name = "cms_qr_scans_results"
    export_filename = "qr-scans"
    default_ordering = ("-day", "model_number")

    def get_base_queryset(self):
        return ScanCount.objects.values(
            "day",
            model_number=F("appliance_model__model_number"),
            model_name=F("appliance_model__name"),
        ).annotate(
            scans=_total(),
            unit_scans=_total(unit_code=True),
            phone_scans=_total(device=Device.PHONE),
            **{_language_key(code): _total(language=code) for code, _name in settings.LANGUAGES},
        )

    @cached_property
    def columns(self):
        return [
            Column("day", label=_("Day"), sort_key="day"),
            Column("model_number", label=_("Model"), sort_key="model_number"),
            Column("model_name", label=_("Name")),
            NumberColumn("scans", label=_("Scans"), sort_key="scans"),
            NumberColumn("unit_scans", label=_("Per-unit codes")),
            NumberColumn("phone_scans", label=_("On phones")),
            *(NumberColumn(_language_key(code), label=name) for code, name in settings.LANGUAGES),
        ]

    @property
    def list_export(self):
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}


class OpenReportView(CounterReportView):
    page_title = _("Most opened manual sections")
    header_icon = "list-ol"
    model = SectionOpenCount
    filterset_class = OpenFilterSet
    index_url_name = "cms_qr_opens"
    index_results_url_name = "cms_qr_opens_results"
    export_filename = "qr-manual-opens"
    default_ordering = ("-opens", "model_number", "key")
    columns = [
        Column("model_number", label=_("Model"), sort_key="model_number"),
        Column("kind", label=_("Kind"), accessor=lambda row: KIND_LABELS.get(row["kind"])),
        Column("key", label=_("Anchor")),
        NumberColumn("opens", label=_("Opens"), sort_key="opens"),
    ]
    list_export = ["model_number", "kind", "key", "opens"]
    export_headings = {
        "model_number": _("Model"),
        "kind": _("Kind"),
        "key": _("Anchor"),
        "opens": _("Opens"),
    }
    custom_field_preprocess = {
        "kind": {
            ReportView.FORMAT_CSV: lambda kind: str(KIND_LABELS.get(kind, kind)),
            ReportView.FORMAT_XLSX: lambda kind: str(KIND_LABELS.get(kind, kind)),
        }
    }

    def get_base_queryset(self):
        return SectionOpenCount.objects.values(
            "kind", "key", model_number=F("appliance_model__model_number")
        ).annotate(opens=_total())
