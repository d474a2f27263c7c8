"""The editing subcommands of ``python -m ltss_toolkit``: ``check``, ``new``, ``freshness``, ``changes`` and
``addresses``.

Kept out of ``__main__`` so that the build's own command line stays small; ``__main__`` adds these
with ``add_commands``, reads ``mkdocs.yml`` through MkDocs (``config.read_site_setup``) and runs the chosen
one through ``args.run(args, setup)``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..engine import SiteSetup


def add_commands(sub: Any) -> None:
    """Add the editing commands to the subparsers of ``python -m ltss_toolkit``."""
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
    from .addresses import add_addresses_command
    from .changes import add_changes_command
    from .freshness import add_freshness_command
    from .new import add_new_command

    add_new_command(sub)
    add_changes_command(sub)
    add_freshness_command(sub)
    add_addresses_command(sub)


def run_check(args: argparse.Namespace, setup: SiteSetup) -> int:
    from .check import check, report

    result = check(setup)
    for line in report(result, args.format):
        print(line)
    if args.freshness:
        from ..trust.freshness import freshness, report_text

        sys.stdout.write("\n" + report_text(freshness(result.toolkit)))
    return 1 if result.problems else 0
