"""Markdown tables in a focusable, named region that scrolls sideways on a narrow screen (render/tables.py)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown

from ltss_toolkit.render.tables import TableRegionExtension, TableRegions

TABLE = "| Authority | Vehicle |\n|---|---|\n| 1915(c) | waiver |\n"


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "toc", TableRegionExtension()],
                             extension_configs={"toc": {"permalink": True}})


def test_a_table_is_wrapped_in_a_region_named_after_the_heading_above_it() -> None:
    html = render(f"# Page\n\n## Comparing the *options*\n\nText.\n\n{TABLE}\nAfter.\n")
    region = '<div aria-label="Table: Comparing the options" class="ltss-table-region" role="region" tabindex="0">'
    assert region + "<table>" in html.replace("\n", "")
    assert html.count("ltss-table-region") == 1
    assert html.index("</table>") < html.index("</div>") < html.index("<p>After.</p>")


def test_every_table_gets_its_own_region_and_a_name_without_a_heading() -> None:
    html = render(f"{TABLE}\n## Second\n\n{TABLE}")
    assert 'aria-label="Table"' in html and 'aria-label="Table: Second"' in html
    assert html.count('role="region" tabindex="0"') == 2


def test_tables_with_a_class_are_left_alone() -> None:
    root = etree.fromstring('<div><h2>Cases</h2><table class="ltss-case-studies"/><table/></div>')
    TableRegions(markdown.Markdown()).run(root)
    assert [child.tag for child in root] == ["h2", "table", "div"]
    assert root[2].get("aria-label") == "Table: Cases" and root[2][0].tag == "table"


def test_every_header_cell_says_what_it_heads() -> None:
    """A Markdown table's headers head columns; a ``<th>`` among data cells (md_in_html) heads its row."""
    html = render(TABLE)
    assert html.count('<th scope="col">') == 2 and "<th>" not in html
    root = etree.fromstring(
        "<div><table><tbody><tr><th>Row</th><td>1</td></tr><tr><th>A</th><th scope='row'>B</th></tr></tbody>"
        "</table></div>"
    )
    TableRegions(markdown.Markdown()).run(root)
    assert [th.get("scope") for th in root.iter("th")] == ["row", "col", "row"]
