"""``python -m ltss_toolkit freshness``: the editors' freshness report in a terminal (or a CI log)."""

from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import replace
from pathlib import Path

from ..extensions import default_extensions
from ..loading.loader import load_toolkit
from ..structure.model import Settings
from .freshness import freshness, report_text

PLUGIN_NAME = "ltss-toolkit"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def settings_from_config(config_file: Path) -> tuple[Settings, str]:
    """The settings in mkdocs.yml, and the plugin's content folder (MkDocs checks the options)."""
    from mkdocs.config import load_config  # only here: reading the configuration is all we need of MkDocs

    config = load_config(str(config_file))
    plugin = config.plugins.get(PLUGIN_NAME)
    options = plugin.config if plugin is not None else None
    settings = Settings(
        site_name=config.site_name, site_url=config.site_url or "", directory_urls=config.use_directory_urls
    )
    if options is None:
        return settings, "content"
    settings = replace(
        settings, review_every_months=options.review_every_months, resource_age_years=options.resource_age_years
    )
    return settings, options.content_dir


def run(args: argparse.Namespace) -> int:
    config_file: Path = args.config_file.resolve()
    project_dir = config_file.parent
    from mkdocs.exceptions import MkDocsException

    try:
        settings, content_dir = settings_from_config(config_file)
    except (MkDocsException, OSError) as error:
        print(
            f"{args.config_file}: cannot read the configuration ({error or 'see the messages above'})", file=sys.stderr
        )
        return 2
    overrides = {
        name: value
        for name, value in (
            ("today", args.today),
            ("review_every_months", args.review_every_months),
            ("resource_age_years", args.resource_age_years),
        )
        if value is not None
    }
    toolkit, problems = load_toolkit(project_dir / content_dir, project_dir, default_extensions())
    toolkit.settings = replace(settings, **overrides)
    if problems:
        print(problems.report(), file=sys.stderr)
    if toolkit.history_note:
        print(f"Note: {toolkit.history_note}", file=sys.stderr)
    report = freshness(toolkit)
    sys.stdout.write(report_text(report))
    return 1 if problems or (args.strict and report.due) else 0
