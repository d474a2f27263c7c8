"""Check every external address the content cites (resources, references, figure sources).

Run weekly and on demand by ``.github/workflows/check-addresses.yml``, never on pull requests: other
sites go down and come back, and that must not block an editor. The report is a job summary an editor
can act on: each broken address with the file and line that gives it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import SiteSetup
from ..figures.model import figures
from ..structure.model import Toolkit
from ..structure.problems import Location
from .check import check

TIMEOUT = 20.0
USER_AGENT = "ltss-toolkit-address-check (a weekly check of the addresses this site cites)"
BLOCKED = {401, 403, 429}
"""Statuses that say "not for robots" rather than "gone": reported to check by hand, not as broken."""


@dataclass(frozen=True)
class Cited:
    url: str
    what: str
    """e.g. ``resource 'cms-ten-opportunities'``."""
    where: Location


@dataclass(frozen=True)
class Outcome:
    url: str
    status: int | None
    """The HTTP status of the final response, or None when no response came."""
    detail: str

    @property
    def broken(self) -> bool:
        return self.status is None or (self.status >= 400 and self.status not in BLOCKED)

    @property
    def blocked(self) -> bool:
        return self.status in BLOCKED


def cited_addresses(toolkit: Toolkit) -> list[Cited]:
    """Every external address in the content, with what cites it and where."""
    found = [Cited(r.url, f"resource '{r.id}'", r.where) for r in toolkit.resources.values() if r.url]
    found += [Cited(r.url, f"reference '{r.id}'", r.where) for r in toolkit.references.values() if r.url]
    found += [Cited(f.source_url, f"figure '{f.id}'", f.where) for f in figures(toolkit).values() if f.source_url]
    return sorted(found, key=lambda c: (c.where, c.url))


def fetch(url: str) -> Outcome:
    """HEAD, then GET when a server refuses HEAD; redirects followed."""
    import requests

    headers = {"User-Agent": USER_AGENT}
    try:
        response = requests.head(url, allow_redirects=True, timeout=TIMEOUT, headers=headers)
        if response.status_code >= 400:
            response = requests.get(url, allow_redirects=True, timeout=TIMEOUT, headers=headers, stream=True)
            response.close()
        return Outcome(url, response.status_code, response.reason or "")
    except requests.RequestException as error:
        return Outcome(url, None, type(error).__name__)


def check_all(urls: list[str], get: Callable[[str], Outcome] = fetch, workers: int = 8) -> dict[str, Outcome]:
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(unique, pool.map(get, unique)))


def report(cited: list[Cited], outcomes: dict[str, Outcome]) -> str:
    """The job summary: broken addresses first, then the ones a site would not show to a robot."""
    broken = [c for c in cited if outcomes[c.url].broken]
    blocked = [c for c in cited if outcomes[c.url].blocked]
    out = [
        "## External addresses",
        "",
        f"Checked {len(outcomes)} addresses cited {len(cited)} times: {len(broken)} broken, "
        f"{len(blocked)} to check by hand.",
        "",
    ]

    def rows(items: list[Cited]) -> list[str]:
        lines = ["| Address | Result | Cited by | Where |", "|---|---|---|---|"]
        for c in items:
            outcome = outcomes[c.url]
            result = f"{outcome.status} {outcome.detail}".strip() if outcome.status else f"no answer ({outcome.detail})"
            lines.append(f"| <{c.url}> | {result} | {c.what} | `{c.where}` |")
        return lines

    if broken:
        out += (
            [
                "### Broken",
                "",
                "Find the document's new address and put it in the file and line given; "
                "if it is gone for good, write `url: null` (never `#`).",
                "",
            ]
            + rows(broken)
            + [""]
        )
    if blocked:
        out += ["### To check by hand", "", "These sites refused an automatic check; open each in a browser.", ""]
        out += rows(blocked) + [""]
    if not broken and not blocked:
        out.append("Every address answered.")
    return "\n".join(out) + "\n"


def add_addresses_command(sub: Any) -> None:
    parser = sub.add_parser("addresses", help="check every external address the content cites (a report to act on)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, setup: SiteSetup) -> int:
    result = check(setup)
    cited = cited_addresses(result.toolkit)
    outcomes = check_all([c.url for c in cited])
    sys.stdout.write(report(cited, outcomes))
    for c in cited:
        if outcomes[c.url].broken:
            where = f"file={c.where.path},line={c.where.line}"
            print(f"::warning {where}::broken address {c.url} ({c.what})", file=sys.stderr)
    return 0
