"""A table wider than a phone shows that it scrolls (docs/assets/ltss.css, "scrolling shadows"): a shadow on the
side where more columns wait, drawn by CSS alone, and none on the side already in view.

Measured on pixels: the region's edge strips with the shadows as shipped against the same strips with the
region's background turned off, before and after scrolling the table to its end. Without JavaScript: the cue
is CSS alone, and Material's script, fetched at the reader's first scroll, would rewrap the table mid-measure."""

from __future__ import annotations

import io

from PIL import Image, ImageStat

AUTHORITIES = "modules/module-3-medicaid-flexibility/medicaid-authorities/"
PHONE = {"width": 390, "height": 844}


def edge_darkness(png: bytes, strip: int = 12) -> tuple[float, float]:
    """How dark the left and right edge strips of a screenshot are (255 minus their mean brightness)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    left = ImageStat.Stat(image.crop((0, 0, strip, height))).mean[0]
    right = ImageStat.Stat(image.crop((width - strip, 0, width, height))).mean[0]
    return 255 - left, 255 - right


def test_a_wide_table_on_a_phone_shows_a_shadow_where_more_columns_wait(chromium_browser, served_site: str) -> None:
    context = chromium_browser.new_context(viewport=PHONE, color_scheme="light", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_site + AUTHORITIES, wait_until="load")
        regions = page.locator(".ltss-table-region")
        widest = max(range(regions.count()), key=lambda i: regions.nth(i).evaluate("r => r.scrollWidth - r.clientWidth"))
        region = regions.nth(widest)
        assert region.evaluate("r => r.scrollWidth > r.clientWidth + 100"), "the comparison should be wider than a phone"
        region.scroll_into_view_if_needed()

        def shots() -> tuple[tuple[float, float], tuple[float, float]]:
            shown = edge_darkness(region.screenshot())
            region.evaluate("r => r.style.setProperty('background', 'none', 'important')")
            plain = edge_darkness(region.screenshot())
            region.evaluate("r => r.style.removeProperty('background')")
            return shown, plain

        (left, right), (plain_left, plain_right) = shots()
        assert right > plain_right + 3, "a shadow on the right: more columns to scroll to"
        assert abs(left - plain_left) < 1, "no shadow on the left at the start"
        region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
        (left, right), (plain_left, plain_right) = shots()
        assert left > plain_left + 3, "at the end, the shadow is on the left"
        assert abs(right - plain_right) < 1, "and none on the right"
    finally:
        context.close()
