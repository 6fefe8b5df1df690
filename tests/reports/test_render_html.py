"""The report as HTML: headings in order, tables with captions and scoped headers, charts as
images with text alternatives, lay-reader figures, nothing fetched, no raw Markdown."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.utils.html import escape

from sightline.reports.render import html, section_html, sections_html
from sightline.reports.render.charts import nice_ticks, tick_label, xmr_svg
from sightline.reports.render.text import blocks, inline_html, plain

from . import snapshots

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free


class Outline(HTMLParser):
    """What a screen reader would meet: headings, tables, images, links and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.tables = 0
        self.captions: list[str] = []
        self.th: list[tuple[str, str | None]] = []  # (thead|tbody, scope)
        self.svgs: list[dict[str, str | None]] = []
        self.svg_titles: list[str] = []
        self.svg_descs: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []
        self._heading: list[str] | None = None
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.urls.append(str(found[name]))
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = [tag]
        if tag == "table":
            self.tables += 1
        if tag == "th":
            self.th.append(("thead" if "thead" in self.stack else "tbody", found.get("scope")))
        if tag == "svg":
            self.svgs.append(found)
        if tag == "caption" or (tag in ("title", "desc") and "svg" in self.stack):
            self._capture, self._buffer = tag, []
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4") and self._heading:
            self.headings.append((tag, "".join(self._heading[1:]).strip()))
            self._heading = None
        if tag == self._capture:
            value = "".join(self._buffer).strip()
            {"caption": self.captions, "title": self.svg_titles, "desc": self.svg_descs}[
                tag
            ].append(value)
            self._capture = None
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "style" in self.stack[-1:]:
            return
        if self._heading is not None:
            self._heading.append(data)
        if self._capture:
            self._buffer.append(data)
        self.text.append(data)


def outline(document: str) -> Outline:
    parser = Outline()
    parser.feed(document)
    return parser


@pytest.mark.parametrize("report_type", list(snapshots.TYPE_SECTIONS))
def test_every_report_type_renders_a_whole_accessible_document(report_type: str) -> None:
    snapshot = snapshots.example(report_type)  # type: ignore[arg-type]
    document = html(snapshot)
    found = outline(document)

    assert document.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in document
    assert f"<title>{escape(snapshot['report']['title'])}</title>" in document
    h1 = [text for level, text in found.headings if level == "h1"]
    assert h1 == [snapshot["report"]["title"]]
    section_titles = [text for level, text in found.headings if level == "h2"]
    assert section_titles == ["Contents"] + [s["title"] for s in snapshot["sections"]]
    # every table has a caption; header cells are scoped (col in the head, row in the body)
    assert found.tables == len(found.captions) > 0
    assert all(caption for caption in found.captions)
    assert found.th
    assert all(scope == ("col" if where == "thead" else "row") for where, scope in found.th)
    # self-contained: the only links are to places in the document itself
    assert all(url.startswith("#") for url in found.urls)
    assert "<link" not in document
    assert "<script" not in document
    # people's Markdown is rendered, never shown raw
    text = " ".join(found.text)
    assert "**" not in text
    assert "`" not in text


def test_every_section_kind_has_a_template_and_headings_in_order() -> None:
    snapshot = snapshots.every_kind()
    fragment = sections_html(snapshot)
    found = outline(fragment)

    assert [t for level, t in found.headings if level == "h2"] == [
        s["title"] for s in snapshot["sections"]
    ]
    # no h1 in the fragment: the page that includes it has its own
    assert not [t for level, t in found.headings if level == "h1"]
    assert "sl-table-wrapper" in fragment
    kinds = {s["kind"] for s in snapshot["sections"]}
    assert kinds == set(snapshots.ALL_KINDS)
    text = " ".join(" ".join(found.text).split())
    # the Making Data Count matrix places the measures
    assert "Needs attention now: FD03 Re-referrals" in text
    # the DfE assessment shows the seed's definitions of the ratings
    assert "Amber Progress is being made but not yet embedded." in text
    # audits, plan and voice
    assert "95% interval 14% to 35%" in text
    assert "12 actions: 8 complete, 3 on track, 1 overdue" in text
    assert "We want to see the same social worker." in text


def test_one_section_renders_alone_with_its_anchor() -> None:
    snapshot = snapshots.every_kind()
    whole = sections_html(snapshot)
    parts = [
        section_html(s, n, report=snapshot["report"])
        for n, s in enumerate(snapshot["sections"], start=1)
    ]

    assert "".join(parts) == whole
    assert 'id="section-5"' in parts[4]


def test_charts_are_images_with_text_alternatives_and_the_figures_in_a_table() -> None:
    snapshot = snapshots.example("board_pack", charts=3)
    found = outline(html(snapshot))
    charts_section = next(s for s in snapshot["sections"] if s["kind"] == "measure_charts")
    charts = charts_section["data"]["charts"]

    assert len(found.svgs) == 3
    assert all(svg["role"] == "img" for svg in found.svgs)
    for svg in found.svgs:
        title_id, desc_id = str(svg["aria-labelledby"]).split()
        assert title_id.endswith("-title")
        assert desc_id.endswith("-desc")
    assert found.svg_titles == [c["title"] for c in charts]  # type: ignore[index]
    assert found.svg_descs == [c["alt_text"] for c in charts]  # type: ignore[index]
    for chart in charts:  # type: ignore[attr-defined]
        assert f"{chart['measure_id']} {chart['title']}: the figures in the chart" in " ".join(
            found.captions
        )
    text = " ".join(" ".join(found.text).split())
    # months as "Oct 2026", units always shown, a withheld month as [c]
    assert "Oct 2026" in text
    assert "Special cause: concerning" in text
    assert "[c]" in text
    assert "Upper process limit: 33.8%" in text


def test_the_scorecard_shows_units_and_comparators_in_the_same_unit() -> None:
    found = outline(sections_html(snapshots.example("scrutiny_dashboard")))
    text = " ".join(" ".join(found.text).split())

    assert "41.2 per 10,000" in text
    assert "England: 40.6 per 10,000" in text
    assert "rate per 10,000 children" in text
    assert "up 2 percentage points since Sep 2026" in text
    assert "Meets the target, but a concerning run of 7 months above the mean." in text
    assert "Not covered" in text


def test_print_form_has_paged_media_the_plain_form_does_not() -> None:
    snapshot = snapshots.example("dfe_highlight")
    printed, plain_form = html(snapshot, for_print=True), html(snapshot)

    assert "@page" in printed
    assert "counter(pages)" in printed
    assert "target-counter(attr(href), page)" in printed
    assert "display: table-header-group" in printed
    assert "break-inside: avoid" in printed
    assert "@page" not in plain_form
    # no link addresses printed, no words broken
    assert "attr(href))" not in printed.replace("target-counter(attr(href), page)", "")
    assert "hyphens: manual" in printed


def test_a_brand_colour_that_is_not_a_colour_is_not_put_in_the_css() -> None:
    snapshot = snapshots.example("custom")
    snapshot["report"]["authority"]["brand_colour"] = "red;}</style><script>alert(1)</script>"
    document = html(snapshot)

    assert "<script>" not in document
    assert "#1d70b8" in document


def test_text_is_escaped_and_markdown_rendered() -> None:
    assert inline_html("**Bold** and `code` <b>") == "<strong>Bold</strong> and code &lt;b&gt;"
    assert inline_html("a *word* here") == "a <em>word</em> here"
    assert plain("**Bold** and `code`") == "Bold and code"
    found = blocks("One\ntwo\n\n- a\n- b\n\nThree")
    assert [(b.kind, b.items) for b in found] == [
        ("p", ("One two",)),
        ("ul", ("a", "b")),
        ("p", ("Three",)),
    ]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (13.2, 31.7, [10, 15, 20, 25, 30, 35]),
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (38.0, 44.5, [38, 40, 42, 44, 46]),
        (120, 480, [100, 200, 300, 400, 500]),
        (5, 5, [4, 4.5, 5, 5.5, 6]),
    ],
)
def test_nice_ticks_are_round_numbers_covering_the_range(
    low: float, high: float, expected: list[float]
) -> None:
    ticks = nice_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= low
    assert ticks[-1] >= high


def test_tick_labels_have_just_enough_decimals() -> None:
    assert tick_label(10.0, 5.0) == "10"
    assert tick_label(2.5, 0.5) == "2.5"
    assert tick_label(0.25, 0.05) == "0.25"
    assert tick_label(12000.0, 2000.0) == "12,000"


def test_the_xmr_chart_marks_special_causes_and_draws_every_line() -> None:
    chart = snapshots.chart("FD03")
    svg = xmr_svg(chart, chart_id="c1")

    assert svg.count('stroke-dasharray="6 4"') == 3  # upper and lower limits, and the key
    assert svg.count('stroke-dasharray="1 4"') == 2  # the target, and the key
    assert "Re-referrals (% of referrals)" in svg  # y axis title
    assert ">Month</text>" in svg
    assert ">Oct 2026</text>" in svg
    # an improving point is a square, a concerning point a triangle (not colour alone)
    assert svg.count('fill="#1d70b8"') == 2  # one point and the key
    assert svg.count('fill="#f47738"') == 2
    # the withheld month breaks the line into two runs
    assert svg.count("<polyline") == 2
    # an axis of a figure that cannot be negative starts at nought, not below
    low = {**chart, "points": [{**p, "value": 1.0} for p in chart["points"]], "lower": 0.0}
    assert ">-" not in xmr_svg(low, chart_id="c3")  # type: ignore[arg-type]
    assert '">0</text>' in xmr_svg(low, chart_id="c3")  # type: ignore[arg-type]
    empty = {**chart, "points": [{**p, "value": None} for p in chart["points"]]}
    assert xmr_svg(empty, chart_id="c2") == ""  # type: ignore[arg-type]
