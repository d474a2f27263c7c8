"""Preview benchmark (not a test): save-to-visible latency of `python -m ltss_toolkit serve`, and a one-page
edit to its module's PDF.

Preview: the preview server runs on a scratch copy of the project; each run appends a sentence to one page,
then polls that page over HTTP until the sentence is there (what a browser would show after its live
reload). Median of N edits (default 5). The first build is not counted.

Module PDF: the same edit, then the HTML rebuild of the changed pages and that module's PDF alone.

Usage: .venv/bin/python bench/preview_benchmark.py [--runs 5] [--skip-pdf]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))

EDITED_PAGE = "content/modules/module-1-background/ltss-reform-history.md"
EDITED_URL = "modules/module-1-background/ltss-reform-history/"
MODULE_ID = "module-1-background"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "content"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return fetch(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def preview_latency(project: Path, runs: int) -> tuple[list[float], list[float]]:
    from ltss_toolkit.serve import make_server

    port = free_port()
    server, preview = make_server(project / "mkdocs.yml", "127.0.0.1", port)
    threading.Thread(target=server.serve, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    page = project / EDITED_PAGE
    original = page.read_text(encoding="utf-8")
    latencies, builds = [], []
    try:
        wait_for(base + EDITED_URL)
        for run in range(runs):
            marker = f"Preview benchmark edit {run} {time.time_ns()}."
            started = time.perf_counter()
            page.write_text(original.rstrip() + f"\n\n{marker}\n", encoding="utf-8")
            while marker not in fetch(base + EDITED_URL):
                time.sleep(0.01)
            latencies.append(time.perf_counter() - started)
            builds.append(preview.last_seconds)
            time.sleep(0.5)
    finally:
        page.write_text(original, encoding="utf-8")
        server.shutdown()
        shutil.rmtree(preview.root.parent, ignore_errors=True)
    return latencies, builds


def module_pdf_after_edit(project: Path, runs: int) -> list[float]:
    """Seconds from saving a page to its module's PDF written: incremental HTML rebuild, then that PDF."""
    from ltss_toolkit.outputs.context import SiteSettings
    from ltss_toolkit.outputs.pdf.step import build_pdfs
    from ltss_toolkit.serve import Preview

    scratch = Path(tempfile.mkdtemp(prefix="ltss-bench-pdf-"))
    preview = Preview((project / "mkdocs.yml").resolve(), scratch / "site", "http://127.0.0.1:8000/")
    assert preview.build()
    cache = scratch / "cache"
    page = project / EDITED_PAGE
    original = page.read_text(encoding="utf-8")
    store, config = preview.store, preview.config
    assert store is not None and config is not None
    settings = SiteSettings.of(config)

    def pdf() -> None:
        loaded = store.current
        assert loaded is not None
        build_pdfs(loaded.toolkit, store.extensions, settings, project, preview.root, cache_dir=cache,
                   workers=1, only={MODULE_ID}, log=lambda line: None)

    pdf()  # the unchanged module, cached
    times = []
    try:
        for run in range(runs):
            page.write_text(original.rstrip() + f"\n\nPDF benchmark edit {run}.\n", encoding="utf-8")
            started = time.perf_counter()
            assert preview.build()
            pdf()
            times.append(time.perf_counter() - started)
    finally:
        page.write_text(original, encoding="utf-8")
        shutil.rmtree(scratch, ignore_errors=True)
    return times


def row(label: str, values: list[float]) -> str:
    return f"| {label} | {statistics.median(values):.2f} s | {', '.join(f'{v:.2f}' for v in values)} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="ltss-preview-bench-") as scratch:
        project = copy_project(Path(scratch) / "project")
        latencies, builds = preview_latency(project, args.runs)
        pdf_times = [] if args.skip_pdf else module_pdf_after_edit(project, max(3, args.runs // 2 + 1))
    print(f"Preview and one-page edit (cores: {os.cpu_count()}; edited page: {EDITED_PAGE})")
    print("| measure | median | runs |")
    print("|---|---|---|")
    print(row("3. save to visible in the preview (goal < 1 s)", latencies))
    print(row("   of which the rebuild", builds))
    if pdf_times:
        print(row(f"4. save to updated module PDF ({MODULE_ID}, one worker; goal <= 3 s)", pdf_times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
