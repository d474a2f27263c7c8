"""``python -m ltss_toolkit freshness``: the editors' freshness report in a terminal (or a CI log)."""

from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..engine import SiteSetup, load_project
from ..extensions import default_extensions
from ..trust.freshness import freshness, report_text


def add_freshness_command(sub: Any) -> None:
    parser = sub.add_parser(
        "freshness",
        help="list pages due for review, resources without an address or over N years old, undefined acronyms",
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument(
        "--today", type=datetime.date.fromisoformat, help="compute the report for this day (YYYY-MM-DD)"
    )
    parser.add_argument("--review-every-months", type=int, help="override the plugin's 'review_every_months'")
    parser.add_argument("--resource-age-years", type=int, help="override the plugin's 'resource_age_years'")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when any page is due for review")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, setup: SiteSetup) -> int:
    overrides = {
        name: value
        for name, value in (
            ("today", args.today),
            ("review_every_months", args.review_every_months),
            ("resource_age_years", args.resource_age_years),
        )
        if value is not None
    }
    toolkit, problems = load_project(setup, default_extensions())
    toolkit.settings = replace(toolkit.settings, **overrides)
    if problems:
        print(problems.report(), file=sys.stderr)
    if toolkit.history_note:
        print(f"Note: {toolkit.history_note}", file=sys.stderr)
    report = freshness(toolkit)
    sys.stdout.write(report_text(report))
    return 1 if problems or (args.strict and report.due) else 0
