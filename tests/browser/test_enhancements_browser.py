"""The small enhancements of docs/assets/ltss.js in headless Chromium, with and without JavaScript: the
case-study filters and the checklist's ticks. Without JavaScript both pages still read in full."""

from __future__ import annotations

from pathlib import Path

import yaml

CASE_STUDIES = "modules/module-4-state-strategies/case-studies/"
CHECKLIST = "modules/mltss-framework/"
CASE_STUDIES_FILE = Path(__file__).resolve().parents[2] / "content/modules/module-4-state-strategies/case-studies.yml"


def shown_rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#case-studies-table tbody tr:not([hidden])",
        "rows => rows.map(row => ({strategy: row.dataset.strategy, state: row.dataset.state}))",
    )


def shipped_case_study_count() -> int:
    """The rows the page must show: one per entry of the shipped case-studies file."""
    return len(yaml.safe_load(CASE_STUDIES_FILE.read_text(encoding="utf-8")))


def test_case_study_filters_show_only_matching_rows_and_say_how_many(fresh, served_site: str) -> None:
    fresh.goto(served_site + CASE_STUDIES)
    form = fresh.locator("form[data-ltss-filter]")
    assert form.is_visible()
    every = shown_rows(fresh)
    assert len(every) == shipped_case_study_count() > 1
    count = form.locator(".ltss-filter-count")
    assert count.text_content() == f"Showing all {len(every)} case studies."

    strategy = every[0]["strategy"]
    fresh.select_option("#case-studies-strategy", strategy)
    by_strategy = [row for row in every if row["strategy"] == strategy]
    assert shown_rows(fresh) == by_strategy
    assert 0 < len(by_strategy) < len(every)
    assert count.text_content() == f"Showing {len(by_strategy)} of {len(every)} case studies."

    state = every[0]["state"]
    fresh.select_option("#case-studies-state", state)
    both = [row for row in by_strategy if row["state"] == state]
    assert shown_rows(fresh) == both
    assert count.text_content() == f"Showing {len(both)} of {len(every)} case studies."

    fresh.select_option("#case-studies-strategy", "")
    by_state = [row for row in every if row["state"] == state]
    assert shown_rows(fresh) == by_state

    fresh.select_option("#case-studies-state", "")
    assert shown_rows(fresh) == every


def test_without_javascript_the_filters_stay_hidden_and_every_case_study_shows(no_script, served_site: str) -> None:
    no_script.goto(served_site + CASE_STUDIES)
    assert not no_script.locator("form[data-ltss-filter]").is_visible()
    rows = no_script.locator("#case-studies-table tbody tr")
    assert rows.count() == shipped_case_study_count()
    assert all(rows.nth(index).is_visible() for index in range(rows.count()))


def test_checklist_ticks_are_remembered_in_this_browser(fresh, served_site: str) -> None:
    fresh.goto(served_site + CHECKLIST)
    boxes = fresh.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() >= 9
    assert all(boxes.nth(index).is_enabled() for index in range(boxes.count()))
    assert not any(boxes.nth(index).is_checked() for index in range(boxes.count()))
    for index in (0, 2, 2, 3):  # 2 ticked, then unticked
        boxes.nth(index).focus()
        fresh.keyboard.press("Space")

    fresh.reload()
    ticked = [index for index in range(boxes.count()) if boxes.nth(index).is_checked()]
    assert ticked == [0, 3]


def test_without_javascript_checklist_boxes_show_but_cannot_be_ticked(no_script, served_site: str) -> None:
    no_script.goto(served_site + CHECKLIST)
    boxes = no_script.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() >= 9
    assert not any(boxes.nth(index).is_enabled() for index in range(boxes.count()))
