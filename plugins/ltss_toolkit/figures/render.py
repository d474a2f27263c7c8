"""A figure as HTML: an inline SVG bar chart, a caption with its source, and the same numbers as a table.

The chart is drawn here at build time, so it needs no JavaScript, prints, and works offline; the table
beneath gives screen readers and copy-paste the exact numbers. Coordinates are rounded and formatted
the same way every time, so the same data always gives the same bytes.
"""

from __future__ import annotations

from ..render.escape import external_link, html_text
from ..render.escape import svg_number as _n
from .model import Figure

WIDTH = 640
LABEL_WIDTH = 130
"""Room on the left for the bar labels (e.g. 'FY 2017')."""
VALUE_ROOM = 80
"""Room on the right of the longest bar for its value."""
ROW_HEIGHT = 40
BAR_HEIGHT = 24
MARGIN = 8
BAR_COLOUR = "#3949ab"
"""Indigo, 7.5:1 against white: well above the 3:1 WCAG asks of graphical objects."""
TEXT_COLOUR = "#212121"
AXIS_COLOUR = "#616161"
"""6.2:1 against white."""


def format_value(value: float, unit: str) -> str:
    """A value as people write it: no trailing '.0', and a '%' sign when the unit is percent."""
    text = f"{value:,.10g}"
    return f"{text}%" if unit.strip().lower() in ("percent", "%") else text


def render_chart(figure: Figure) -> str:
    """The SVG bar chart, labelled by the figure's title and description."""
    title_id, desc_id = f"figure-{figure.id}-title", f"figure-{figure.id}-desc"
    bar_area = WIDTH - LABEL_WIDTH - VALUE_ROOM
    largest = max(point.value for point in figure.series) or 1.0
    height = 2 * MARGIN + ROW_HEIGHT * len(figure.series)
    out = [
        f'<svg class="ltss-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}"'
        f' font-family="sans-serif" font-size="14" style="max-width:100%;height:auto">',
        f'<title id="{title_id}">{html_text(figure.title)}</title>',
        f'<desc id="{desc_id}">{html_text(figure.description)}</desc>',
    ]
    for row, point in enumerate(figure.series):
        top = MARGIN + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        middle = top + BAR_HEIGHT / 2
        length = bar_area * point.value / largest
        out += [
            f'<text x="{_n(LABEL_WIDTH - 10)}" y="{_n(middle)}" text-anchor="end" dominant-baseline="middle"'
            f' fill="{TEXT_COLOUR}">{html_text(point.label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{_n(top)}" width="{_n(length)}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>',
            f'<text x="{_n(LABEL_WIDTH + length + 6)}" y="{_n(middle)}" dominant-baseline="middle"'
            f' fill="{TEXT_COLOUR}">{html_text(format_value(point.value, figure.unit))}</text>',
        ]
    out.append(
        f'<line x1="{LABEL_WIDTH}" y1="{MARGIN}" x2="{LABEL_WIDTH}" y2="{height - MARGIN}"'
        f' stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "".join(out)


def render_source(figure: Figure) -> str:
    source = external_link(figure.source_url, figure.source) if figure.source_url else html_text(figure.source)
    return f'<span class="ltss-figure-source">Source: {source}.</span>'.replace("..</span>", ".</span>")


def render_table(figure: Figure) -> str:
    rows = "".join(
        f'<tr><th scope="row">{html_text(p.label)}</th><td>{html_text(format_value(p.value, figure.unit))}</td></tr>'
        for p in figure.series
    )
    return (
        '<table class="ltss-figure-data">'
        f"<caption>The numbers in the chart: {html_text(figure.title)}</caption>"
        f'<thead><tr><th scope="col">{html_text(figure.label_heading)}</th>'
        f'<th scope="col">Value ({html_text(figure.unit)})</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def render_figure(figure: Figure) -> str:
    """The whole figure as one raw HTML block (no blank lines, so Markdown passes it through untouched)."""
    note = f' <span class="ltss-figure-note">Note: {html_text(figure.note)}</span>' if figure.note else ""
    caption = (
        f'<figcaption><strong class="ltss-figure-title">{html_text(figure.title)}</strong> '
        f"{html_text(figure.description)} {render_source(figure)}{note}</figcaption>"
    )
    return "\n".join(
        [
            f'<figure class="ltss-figure" id="figure-{figure.id}">',
            caption,
            render_chart(figure),
            render_table(figure),
            "</figure>",
        ]
    )
