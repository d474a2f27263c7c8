"""Figures: golden validation cases, the SVG chart and its table, and the figure on the built module page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import golden_cases, load_golden
from ltss_toolkit import case_studies, figures, glossary as glossary_extension
from ltss_toolkit.figures.model import Figure, Point
from ltss_toolkit.figures.model import figures as figures_of
from ltss_toolkit.figures.render import format_value, render_figure
from ltss_toolkit.structure.problems import Location

EXTENSIONS = [figures.EXTENSION, case_studies.EXTENSION, glossary_extension.EXTENSION]
"""This feature's extensions only, so that its cases do not depend on other kinds of content."""
CASES = golden_cases("figures")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    toolkit, expected = load_golden(case, EXTENSIONS)
    if "figures" in expected:
        got = {f.id: [[p.label, p.value] for p in f.series] for f in figures_of(toolkit).values()}
        assert got == expected["figures"]


def make_figure(title: str = "Share", unit: str = "percent", url: str | None = "https://example.org/r", **extra) -> Figure:
    where = Location("content/x/figures/a.yml", 1)
    values = dict(
        id="share",
        title=title,
        description="It rose.",
        unit=unit,
        source="Agency & Co, Report",
        source_url=url,
        note=None,
        label_heading="Year",
        series=(Point("FY 2017", 55.4, where), Point("FY 2018", 56.1, where), Point("FY 2019", 58.6, where)),
        where=where,
    )
    values.update(extra)
    return Figure(**values)


def test_chart_and_table_show_the_same_numbers() -> None:
    html = render_figure(make_figure())
    svg = html[html.index("<svg") : html.index("</svg>")]
    table = html[html.index("<table") : html.index("</table>")]
    for label, value in (("FY 2017", "55.4%"), ("FY 2018", "56.1%"), ("FY 2019", "58.6%")):
        assert f">{label}</text>" in svg and f">{value}</text>" in svg
        assert f'<th scope="row">{label}</th><td>{value}</td>' in table
    assert svg.count("<rect ") == 3
    assert 'role="img"' in svg and 'aria-labelledby="figure-share-title figure-share-desc"' in svg
    assert '<title id="figure-share-title">Share</title>' in svg and '<desc id="figure-share-desc">It rose.</desc>' in svg


def test_bars_are_proportional_and_the_longest_fills_the_width() -> None:
    html = render_figure(make_figure())
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', html)]
    assert widths[2] == 430  # the bar area: 640 wide, less label and value room
    assert widths[0] == pytest.approx(430 * 55.4 / 58.6, abs=0.05)


def test_the_caption_names_the_source_linked_when_an_address_is_known() -> None:
    linked = render_figure(make_figure())
    assert 'Source: <a href="https://example.org/r">Agency &amp; Co, Report</a>.' in linked
    unlinked = render_figure(make_figure(url=None))
    assert "Source: Agency &amp; Co, Report." in unlinked and "<a " not in unlinked


def test_strings_from_yaml_are_escaped_everywhere() -> None:
    where = Location("a.yml", 1)
    html = render_figure(
        make_figure(
            title="<script>alert(1)</script>",
            note="<b>note</b>",
            series=(Point("<i>x</i>", 1.0, where),),
            label_heading="<u>h</u>",
        )
    )
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<u>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # title in caption, SVG title, table caption


def test_same_figure_same_bytes_and_no_blank_lines() -> None:
    first, second = render_figure(make_figure()), render_figure(make_figure())
    assert first == second
    assert "\n\n" not in first  # a blank line would end the raw HTML block in Markdown


def test_value_formatting() -> None:
    assert format_value(56.0, "percent") == "56%"
    assert format_value(94.7, "millions") == "94.7"
    assert format_value(1234567.0, "people") == "1,234,567"


def test_figure_on_a_small_site(small_project, tmp_path) -> None:
    from conftest import run_build

    project = small_project(
        {
            "content/topics.yml": "- id: data\n  label: Data\n",
            "content/pathways/index.md": (
                '---\nid: p\nreviewed: 2026-01-15\ntitle: P\nsummary: S.\norder: 0\nmacros: true\n---\n'
                'Before.\n\n{{ figure("share") }}\n\nAfter.\n'
            ),
            "content/pathways/figures/share.yml": (
                "id: share\ntitle: A <share>\ndescription: D.\nunit: percent\nsource: S\nsource_url: null\n"
                "series:\n  - label: A\n    value: 1\n  - label: B\n    value: 2\n"
            ),
        }
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "pathways" / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg class=\"ltss-chart\"") == 1 and "<table class=\"ltss-figure-data\">" in html
    assert "A &lt;share&gt;" in html and "<share>" not in html
    assert html.index("Before.") < html.index("<figure") < html.index("After.")


def test_built_module_pages_show_each_figure_with_its_source(built_site: Path) -> None:
    for page, figure_id, numbers in (
        ("modules/module-1-background/rebalancing-trend", "hcbs-share-of-ltss-spending", ("55.4%", "56.1%", "58.6%")),
        ("modules/module-1-background/demographic-outlook", "population-65-plus-projection", ("56.1", "73.1", "94.7")),
    ):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        start = html.index(f'<figure class="ltss-figure" id="figure-{figure_id}">')
        figure = html[start : html.index("</figure>", start)]
        assert "<svg" in figure and "<table" in figure and "Source: " in figure
        for number in numbers:
            assert f"<td>{number}</td>" in figure and f">{number}</text>" in figure
