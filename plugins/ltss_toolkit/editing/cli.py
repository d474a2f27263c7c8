"""The editing subcommands of ``python -m ltss_toolkit``: ``check`` and ``new``.

Kept out of ``__main__`` so that the build's own command line stays small; ``__main__`` adds these
with ``add_commands`` and runs the chosen one through ``args.run``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_commands(sub: Any) -> None:
    """Add ``check`` and ``new`` to the subparsers of ``python -m ltss_toolkit``."""
    c = sub.add_parser("check", help="check the content for problems without building (all problems at once)")
    c.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints GitHub Actions annotations (::error file=...,line=...::...)",
    )
    c.add_argument(
        "--freshness",
        action="store_true",
        help="then print the freshness report: pages due for review, old resources and ones without an address",
    )
    c.set_defaults(run=run_check)
    from .new import add_new_command

    add_new_command(sub)


def run_check(args: argparse.Namespace) -> int:
    from .check import check_project, report

    config_file: Path = args.config_file.resolve()
    if not config_file.is_file():
        print(
            f"{args.config_file}: not found (run check from the project folder, or give -f mkdocs.yml)", file=sys.stderr
        )
        return 2
    result = check_project(config_file)
    for line in report(result, args.format):
        print(line)
    if args.freshness:
        from ..trust.command import settings_from_config
        from ..trust.freshness import freshness, report_text

        result.toolkit.settings, _ = settings_from_config(config_file)
        sys.stdout.write("\n" + report_text(freshness(result.toolkit)))
    return 1 if result.problems else 0
