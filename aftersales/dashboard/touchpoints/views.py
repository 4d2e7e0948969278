"""The touchpoint dashboard: every touchpoint's health at a glance, per area and engineer,
week by week, with a CSV of the same figures.

It reads only `TouchpointDay` rows (aftersales.touchpoints counts them), so it costs the
same few queries at ten requests or at fifty thousand.
"""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from ...models.touchpoints import COUNTS, TouchpointDay
from . import charts, selectors
from .forms import TouchpointFilterForm

# (attribute of Figures, column heading, how shown): the page's and the CSV's columns.
MEASURES = (
    ("volume", gettext_lazy("Volume"), "count"),
    ("answered_on_time_rate", gettext_lazy("Answered within 2 h"), "percent"),
    ("on_time_arrival_rate", gettext_lazy("On-time arrival"), "percent"),
    ("first_visit_fix_rate", gettext_lazy("First-visit fix"), "percent"),
    ("repeat_repair_rate", gettext_lazy("Repeat repair within 30 days"), "percent"),
    ("nps", gettext_lazy("NPS"), "score"),
    ("complaint_rate", gettext_lazy("Complaint rate"), "percent"),
    ("reply_rate", gettext_lazy("Reply rate"), "percent"),
)
NOTHING = "—"


def shown(value, how: str) -> str:
    if value is None:
        return NOTHING
    if how == "percent":
        return f"{100 * value:.1f} %"
    if how == "score":
        return f"{value:.1f}"
    return str(value)


def csv_value(value, how: str) -> str:
    if value is None:
        return ""
    if how == "percent":
        return f"{100 * value:.1f}"
    if how == "score":
        return f"{value:.1f}"
    return str(value)


def cells(figures) -> list[str]:
    return [shown(getattr(figures, name), how) for name, _label, how in MEASURES]


class TouchpointDashboardView(generic.TemplateView):
    template_name = "aftersales/dashboard/touchpoints.html"

    def get(self, request, *args, **kwargs):
        form = TouchpointFilterForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("The dashboard could not use these filters; see below."))
            return self.render_to_response(
                self.get_context_data(form=form, measures=MEASURES), status=400
            )
        filters = form.cleaned_data
        rows = selectors.rows_for(**filters)
        if request.GET.get("export") == "csv":
            return self.csv(rows, filters)
        by_touchpoint = selectors.by_touchpoint(rows)
        mix = selectors.channel_mix(rows)
        mix = {
            key: [{**part, "shown": shown(part["share"], "percent")} for part in parts]
            for key, parts in mix.items()
        }
        for row in by_touchpoint:
            row["cells"] = cells(row["figures"])
            row["mix"] = mix.get(row["key"], [])
        total = selectors.sum_of(by_touchpoint)
        weeks = selectors.weekly(rows)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                filters=filters,
                measures=MEASURES,
                touchpoints=by_touchpoint,
                total_cells=cells(total),
                total_mix=mix.get("", []),
                areas=_with_cells(selectors.by_area(rows)),
                engineers=_with_cells(selectors.by_engineer(rows)),
                weeks=[{**week, "cells": cells(week["figures"])} for week in weeks],
                charts=trend_charts(weeks),
                query=_without(request.GET, "export"),
            )
        )

    def csv(self, rows, filters) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"touchpoints-{filters['date_from']}-{filters['date_to']}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response.write("\ufeff")  # so that Excel reads the Chinese as UTF-8
        writer = csv.writer(response)
        count_labels = [TouchpointDay._meta.get_field(name).verbose_name for name in COUNTS]
        writer.writerow(
            [_("Breakdown"), _("Name")]
            + [str(label) for _name, label, _how in MEASURES]
            + [str(label) for label in count_labels]
        )
        by_touchpoint = selectors.by_touchpoint(rows)
        everything = {"label": _("All touchpoints"), "figures": selectors.sum_of(by_touchpoint)}
        sections = [
            (_("All touchpoints"), [everything]),
            (_("Touchpoint"), by_touchpoint),
            (_("Area"), selectors.by_area(rows)),
            (_("Engineer"), selectors.by_engineer(rows)),
            (
                _("Week"),
                [
                    {"label": week["week"].isoformat(), "figures": week["figures"]}
                    for week in selectors.weekly(rows)
                ],
            ),
        ]
        for section, entries in sections:
            for entry in entries:
                figures = entry["figures"]
                writer.writerow(
                    [section, _csv_safe(str(entry["label"] or _("No area")))]
                    + [csv_value(getattr(figures, name), how) for name, _label, how in MEASURES]
                    + [getattr(figures, name) for name in COUNTS]
                )
        return response


def _with_cells(entries: list[dict]) -> list[dict]:
    return [{**entry, "cells": cells(entry["figures"])} for entry in entries]


def _percent(values) -> list:
    return [None if value is None else 100 * value for value in values]


def trend_charts(weeks: list[dict]) -> list[dict]:
    labels = [week["week"].strftime("%m-%d") for week in weeks]
    figures = [week["figures"] for week in weeks]
    see_table = _("The same figures are in the weekly table below.")
    empty = _("Nothing counted in this period.")

    def series(name, attribute, scale=_percent):
        return charts.Series(str(name), scale([getattr(f, attribute) for f in figures]))

    specs = [
        (
            "trend-volume",
            _("Volume per week"),
            [charts.Series(_("Volume"), [f.volume for f in figures])],
            {},
        ),
        (
            "trend-promises",
            _("Promises kept per week (%)"),
            [
                series(_("Answered within 2 h"), "answered_on_time_rate"),
                series(_("On-time arrival"), "on_time_arrival_rate"),
                series(_("First-visit fix"), "first_visit_fix_rate"),
                series(_("Repeat repair within 30 days"), "repeat_repair_rate"),
            ],
            {"high": 100, "unit": "%"},
        ),
        (
            "trend-nps",
            _("NPS per week"),
            [series(_("NPS"), "nps", scale=list)],
            {"low": -100, "high": 100},
        ),
        (
            "trend-voice",
            _("Complaints and replies per week (%)"),
            [
                series(_("Complaint rate"), "complaint_rate"),
                series(_("Reply rate"), "reply_rate"),
            ],
            {"high": 100, "unit": "%"},
        ),
    ]
    drawn = []
    for chart_id, title, lines, scale in specs:
        names = ", ".join(line.name for line in lines)
        description = _("%(lines)s for %(weeks)d weeks starting %(first)s. %(table)s") % {
            "lines": names,
            "weeks": len(weeks),
            "first": weeks[0]["week"].isoformat() if weeks else "—",
            "table": see_table,
        }
        drawn.append(
            {
                "id": chart_id,
                "title": title,
                "svg": charts.line_chart(
                    chart_id=chart_id,
                    title=title,
                    description=description,
                    labels=labels,
                    series=lines,
                    empty_text=empty,
                    **scale,
                ),
                "legend": charts.legend(lines),
            }
        )
    return drawn


def _csv_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _without(query, *names) -> str:
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()
