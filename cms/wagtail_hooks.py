"""Wagtail admin wiring: snippets and menus for what editors manage beside pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from appliances.models import SynonymGroup

from .models import ScanCount, SectionOpenCount, Video
from .qr import admin_views, reports


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "duration_seconds", "created"]
    search_fields = ["title"]


register_snippet(VideoViewSet)


class SynonymGroupViewSet(SnippetViewSet):
    """The search's synonym table (appliances.synonyms): filter ↔ 滤芯 and the like."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_qr_urls():
    return [
        path("qr-labels/", admin_views.LabelSheetView.as_view(), name="cms_qr_labels"),
        path(
            "qr-labels/<int:pk>/download/",
            admin_views.download_label_sheet,
            name="cms_qr_label_download",
        ),
        path("qr-analytics/", reports.ScanReportView.as_view(), name="cms_qr_scans"),
        path(
            "qr-analytics/results/",
            reports.ScanReportView.as_view(results_only=True),
            name="cms_qr_scans_results",
        ),
        path("qr-analytics/opens/", reports.OpenReportView.as_view(), name="cms_qr_opens"),
        path(
            "qr-analytics/opens/results/",
            reports.OpenReportView.as_view(results_only=True),
            name="cms_qr_opens_results",
        ),
    ]


class LabelsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_print_labels(request.user)


class CounterReportMenuItem(MenuItem):
    def __init__(self, *args, counter, **kwargs):
        super().__init__(*args, **kwargs)
        self.counter = counter

    def is_shown(self, request):
        opts = self.counter._meta
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


@hooks.register("register_admin_menu_item")
def register_labels_menu_item():
    return LabelsMenuItem(
        _("QR labels"), reverse("cms_qr_labels"), name="qr-labels", icon_name="tag", order=310
    )


@hooks.register("register_reports_menu_item")
def register_scans_report_menu_item():
    return CounterReportMenuItem(
        _("QR scans"),
        reverse("cms_qr_scans"),
        name="qr-scans",
        icon_name="table",
        order=1300,
        counter=ScanCount,
    )


@hooks.register("register_reports_menu_item")
def register_opens_report_menu_item():
    return CounterReportMenuItem(
        _("Most opened manual sections"),
        reverse("cms_qr_opens"),
        name="qr-opens",
        icon_name="list-ol",
        order=1310,
        counter=SectionOpenCount,
    )
