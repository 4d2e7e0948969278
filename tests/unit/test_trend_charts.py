"""The touchpoint dashboard's weekly trend charts: SVG drawn on the server, named and
described for screen readers, with gaps where a week had nothing to measure."""

import re
import xml.etree.ElementTree as ET

from aftersales.dashboard.touchpoints import charts

SVG = "{http://www.w3.org/2000/svg}"


def draw(series, labels=("01-05", "01-12", "01-19", "01-26"), **options):
    options.setdefault("chart_id", "trend-test")
    options.setdefault("title", "Promises kept")
    options.setdefault("description", "Answered within 2 h for four weeks.")
    return charts.line_chart(labels=list(labels), series=series, **options)


def points(polyline) -> list[tuple[float, float]]:
    return [tuple(map(float, pair.split(","))) for pair in polyline.get("points").split()]


class TestALineChart:
    def test_is_an_image_named_and_described_for_screen_readers(self):
        svg = ET.fromstring(draw([charts.Series("Answered", [0.5, 0.6, 0.7, 0.8])]))
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == "trend-test-title trend-test-desc"
        assert svg.find(f"{SVG}title").get("id") == "trend-test-title"
        assert svg.find(f"{SVG}title").text == "Promises kept"
        assert svg.find(f"{SVG}desc").text == "Answered within 2 h for four weeks."

    def test_puts_higher_values_higher_and_spreads_weeks_evenly(self):
        svg = ET.fromstring(draw([charts.Series("Rate", [0, 50, 100, 25])], high=100))
        line = points(svg.find(f"{SVG}g/{SVG}polyline"))
        xs, ys = [x for x, _ in line], [y for _, y in line]
        assert ys[2] == charts.TOP  # 100 at the top
        assert ys[0] == charts.HEIGHT - charts.BOTTOM  # 0 at the bottom
        assert ys[1] == (ys[0] + ys[2]) / 2
        assert xs[0] == charts.LEFT and xs[-1] == charts.WIDTH - charts.RIGHT
        gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
        assert max(gaps) - min(gaps) <= 0.2  # equal, to the 0.1 px the points are written in

    def test_leaves_a_gap_for_a_week_without_figures(self):
        svg = ET.fromstring(draw([charts.Series("NPS", [10, None, 30, 40])], low=-100, high=100))
        lines = svg.findall(f"{SVG}g/{SVG}polyline")
        assert [len(points(line)) for line in lines] == [1, 2]
        assert len(svg.findall(f"{SVG}g/{SVG}circle")) == 3

    def test_one_line_per_series_each_its_own_colour_and_dash(self):
        svg = ET.fromstring(
            draw([charts.Series("A", [1, 2, 3, 4]), charts.Series("B", [4, 3, 2, 1])])
        )
        groups = svg.findall(f"{SVG}g")
        assert [group.get("data-series") for group in groups] == ["A", "B"]
        strokes = {group.find(f"{SVG}polyline").get("stroke") for group in groups}
        dashes = {group.find(f"{SVG}polyline").get("stroke-dasharray") for group in groups}
        assert len(strokes) == len(dashes) == 2
        assert [entry["name"] for entry in charts.legend([charts.Series("A", [])])] == ["A"]

    def test_labels_the_axis_with_its_unit(self):
        svg = draw([charts.Series("Rate", [10, 20, 30, 40])], high=100, unit="%")
        assert re.findall(r">(\d+)%<", svg) == ["0", "25", "50", "75", "100"]
        assert ">01-05<" in svg

    def test_escapes_what_it_is_given(self):
        svg = draw(
            [charts.Series('<script>"', [1, 2, 3, 4])],
            title="<b>title</b>",
            description="a & b",
        )
        assert "<script>" not in svg and "<b>" not in svg
        ET.fromstring(svg)  # still well-formed

    def test_says_so_when_there_is_nothing_to_draw(self):
        svg = ET.fromstring(draw([charts.Series("Rate", [None] * 4)], empty_text="Nothing"))
        assert svg.find(f"{SVG}g/{SVG}polyline") is None
        assert "Nothing" in [text.text for text in svg.findall(f"{SVG}text")]
        ET.fromstring(draw([], labels=()))  # no weeks at all is still a chart


class TestTheAxis:
    def test_rounds_up_to_steps_people_read_easily(self):
        assert charts.nice_ceiling(70) == 80  # 0, 20, 40, 60, 80
        assert charts.nice_ceiling(9) == 10  # 0, 2.5, 5, 7.5, 10
        assert charts.nice_ceiling(4) == 4
        assert charts.nice_ceiling(0.3) == 0.4

    def test_an_axis_without_a_top_given_ends_on_a_round_number(self):
        svg = draw([charts.Series("Volume", [12, 70, 35, 50])])
        assert re.findall(r">(\d+)<", svg)[:5] == ["0", "20", "40", "60", "80"]
