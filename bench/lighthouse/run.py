"""Lighthouse benchmark (not a test): mobile Lighthouse scores of one page of every kind, served gzip-compressed.

The site is built without PDFs into a temporary folder (or taken from ``--site``), served on 127.0.0.1 by a small
server that gzips text responses with ``Content-Encoding: gzip``, as static hosts do, and each page is audited
``--runs`` times (default 3) by Lighthouse (pinned in bench/lighthouse/package.json, installed with ``npm ci``)
driving Debian's chromium. Prints a Markdown table: performance (min-max of the runs), accessibility, best
practices, SEO, and the longest total blocking time of the runs. ``--details`` adds, for each run, the main-thread
work by category, the slowest scripts and the long tasks (the blocking time is what they take over 50 ms
after the first contentful paint).

Usage: .venv/bin/python bench/lighthouse/run.py [--runs 3] [--site DIR] [--page LABEL ...] [--details]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
CHROMIUM = "/usr/bin/chromium"

sys.path.insert(0, str(PROJECT / "tests"))
from conftest import CHROMIUM_ARGS  # noqa: E402  (the browser tests' flags: no calls to Google's hosts)

PAGES = {
    "home": "",
    "a pathway page": "pathways/foundational-issues/part-a-buy-in/",
    "a module page": "modules/module-2-hcbs-strategies/person-centered-planning/",
    "a flow question": "start-here/beneficiaries/",
    "a flow outcome": "start-here/know-your-beneficiaries/",
    "the flow map": "start-here/map/",
    "Resources": "resources/",
    "Glossary": "glossary/",
    "case studies": "modules/module-4-state-strategies/case-studies/",
}
"""One page of every kind (issue 12), by the label printed in the table."""

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text types gzip-compressed when the client accepts it (as GitHub Pages and Netlify do)."""

    def send_head(self):  # type: ignore[no-untyped-def]  # the base class's signature
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not kind.startswith(COMPRESSED)
            or not os.path.isfile(path)
            or not self.path.split("?")[0].endswith(("/", ".html", ".css", ".js", ".json", ".svg", ".xml"))
        ):
            return super().send_head()
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args: object) -> None:
        pass


class _Body:
    """The compressed bytes as the file-like object ``send_head`` returns."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def install_lighthouse() -> Path:
    """``npm ci`` when node_modules is missing or older than the lock file; returns the lighthouse command."""
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    stamp = HERE / "node_modules" / ".package-lock.json"
    lock = HERE / "package-lock.json"
    if not binary.exists() or not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return binary


def build_site(target: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "ltss_toolkit", "build", "--no-pdf", "-d", str(target)]
    result = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"the site did not build:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return target


def audit(lighthouse: Path, url: str) -> dict[str, object]:
    """One mobile Lighthouse run (its default form factor and throttling); the JSON report."""
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    command = [
        str(lighthouse),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report: dict[str, object] = json.loads(result.stdout)
    return report


def score(report: dict[str, object], category: str) -> float:
    value = report["categories"][category]["score"]  # type: ignore[index]
    return float(value) if value is not None else 0.0


def failing_audits(report: dict[str, object], category: str) -> list[str]:
    """Ids of the audits that cost the category points (score below 1)."""
    audits: dict[str, dict[str, object]] = report["audits"]  # type: ignore[assignment]
    refs = report["categories"][category]["auditRefs"]  # type: ignore[index]
    out = []
    for ref in refs:
        item = audits[ref["id"]]
        if ref["weight"] and item.get("score") is not None and float(item["score"]) < 1:  # type: ignore[arg-type]
            out.append(str(ref["id"]))
    return out


def details(label: str, report: dict[str, object]) -> list[str]:
    audits: dict[str, dict[str, object]] = report["audits"]  # type: ignore[assignment]
    lines = [f"{label}:"]
    for audit_id in ("total-blocking-time", "dom-size", "mainthread-work-breakdown", "bootup-time"):
        lines.append(f"  {audit_id}: {audits[audit_id].get('displayValue', '')}")
    breakdown = audits["mainthread-work-breakdown"].get("details") or {}
    for item in breakdown.get("items", [])[:6]:  # type: ignore[union-attr]
        lines.append(f"    {item['groupLabel']}: {item['duration']:.0f} ms")
    bootup = audits["bootup-time"].get("details") or {}
    for item in bootup.get("items", [])[:5]:  # type: ignore[union-attr]
        lines.append(f"    {item['url']}: script {item['scripting']:.0f} ms, total {item['total']:.0f} ms")
    paint = float(audits["first-contentful-paint"]["numericValue"])  # type: ignore[arg-type]
    lines.append(f"  first contentful paint {paint:.0f} ms; long tasks (start, length, script):")
    for item in (audits["long-tasks"].get("details") or {}).get("items", [])[:8]:  # type: ignore[union-attr]
        lines.append(f"    {item['startTime']:.0f} ms, {item['duration']:.0f} ms, {item['url']}")
    for category in CATEGORIES:
        failing = failing_audits(report, category)
        if failing:
            lines.append(f"  {category} loses points on: {', '.join(failing)}")
    return lines


def table(rows: list[tuple[str, list[dict[str, object]]]]) -> list[str]:
    out = [
        "| page | performance (min–max) | accessibility | best practices | SEO | TBT (ms, max) |",
        "|---|---|---|---|---|---|",
    ]
    for label, reports in rows:
        perf = [score(r, "performance") for r in reports]
        span = f"{min(perf):.2f}" if min(perf) == max(perf) else f"{min(perf):.2f}–{max(perf):.2f}"
        others = [f"{min(score(r, c) for r in reports):.2f}" for c in CATEGORIES[1:]]
        tbt = max(float(r["audits"]["total-blocking-time"]["numericValue"]) for r in reports)  # type: ignore[index]
        out.append(f"| {label} | {span} | {' | '.join(others)} | {tbt:.0f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one without PDFs)")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages (repeatable)")
    parser.add_argument("--details", action="store_true", help="main-thread work and failing audits per page")
    args = parser.parse_args()
    lighthouse = install_lighthouse()
    scratch = Path(tempfile.mkdtemp(prefix="ltss-lighthouse-"))
    try:
        site = args.site or build_site(scratch / "site")
        rows: list[tuple[str, list[dict[str, object]]]] = []
        notes: list[str] = []
        with serve(site) as base:
            for label in args.page or list(PAGES):
                if not (site / PAGES[label] / "index.html").is_file():
                    sys.exit(f"{PAGES[label]}index.html is not in {site}: update PAGES in {__file__}")
                reports = [audit(lighthouse, base + PAGES[label]) for _ in range(args.runs)]
                rows.append((label, reports))
                if args.details:
                    for run, report in enumerate(reports, 1):
                        notes += details(f"{label}, run {run}", report)
        version = rows[0][1][0]["lighthouseVersion"] if rows else "?"
        print(f"Lighthouse {version}, mobile, {args.runs} runs per page, gzip-served, {CHROMIUM}")
        print()
        print("\n".join(table(rows)))
        if notes:
            print()
            print("\n".join(notes))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
