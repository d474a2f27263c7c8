"""The small enhancements of docs/assets/ltss.js in headless Chromium, with and without JavaScript: the
case-study filters and the checklist's ticks. Without JavaScript both pages still read in full."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

CASE_STUDIES = "modules/module-4-state-strategies/case-studies/"
CHECKLIST = "modules/mltss-framework/"


@pytest.fixture
def reader(chromium_browser) -> Iterator:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture
def no_script(chromium_browser) -> Iterator:
    context = chromium_browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def shown_rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#case-studies-table tbody tr:not([hidden])",
        "rows => rows.map(row => ({strategy: row.dataset.strategy, state: row.dataset.state}))",
    )


def test_case_study_filters_show_only_matching_rows_and_say_how_many(reader, served_site: str) -> None:
    reader.goto(served_site + CASE_STUDIES)
    form = reader.locator("form[data-ltss-filter]")
    assert form.is_visible()
    every = shown_rows(reader)
    assert len(every) >= 5
    count = form.locator(".ltss-filter-count")
    assert count.text_content() == f"Showing all {len(every)} case studies."

    state = next(row["state"] for row in every if row["state"] != "none")
    reader.select_option("#case-studies-state", state)
    matching = [row for row in every if row["state"] == state]
    assert shown_rows(reader) == matching
    assert count.text_content() == f"Showing {len(matching)} of {len(every)} case studies."

    strategy = next(row["strategy"] for row in every if row["state"] != state)
    reader.select_option("#case-studies-strategy", strategy)
    assert shown_rows(reader) == []
    assert count.text_content() == f"Showing 0 of {len(every)} case studies."

    reader.select_option("#case-studies-state", "")
    reader.select_option("#case-studies-strategy", "")
    assert shown_rows(reader) == every


def test_without_javascript_the_filters_stay_hidden_and_every_case_study_shows(no_script, served_site: str) -> None:
    no_script.goto(served_site + CASE_STUDIES)
    assert not no_script.locator("form[data-ltss-filter]").is_visible()
    rows = no_script.locator("#case-studies-table tbody tr")
    assert rows.count() >= 5
    assert all(rows.nth(index).is_visible() for index in range(rows.count()))


def test_checklist_ticks_are_remembered_in_this_browser(reader, served_site: str) -> None:
    reader.goto(served_site + CHECKLIST)
    boxes = reader.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() >= 9
    assert all(boxes.nth(index).is_enabled() for index in range(boxes.count()))
    assert not any(boxes.nth(index).is_checked() for index in range(boxes.count()))
    for index in (0, 2, 2, 3):  # 2 ticked, then unticked
        boxes.nth(index).focus()
        reader.keyboard.press("Space")

    reader.reload()
    ticked = [index for index in range(boxes.count()) if boxes.nth(index).is_checked()]
    assert ticked == [0, 3]


def test_without_javascript_checklist_boxes_show_but_cannot_be_ticked(no_script, served_site: str) -> None:
    no_script.goto(served_site + CHECKLIST)
    boxes = no_script.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() >= 9
    assert not any(boxes.nth(index).is_enabled() for index in range(boxes.count()))
