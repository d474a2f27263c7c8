"""Preview benchmark (not a test): save-to-visible latency of `python -m ltss_toolkit serve`, and a one-page
edit to its module's PDF.

Preview: the preview server runs on a scratch copy of the project; each run appends a sentence to one page,
then polls that page over HTTP until the sentence is there (what a browser would show after its live
reload). Median of N edits (default 5). The first build is not counted.

Module PDF: the same edit in ``serve --pdf`` (once its first layout of every PDF is done, which is timed too),
timed until the preview has written that module's PDF, then until it has written the whole-site PDF (both in
the background, one worker, the module's first).

Usage: .venv/bin/python bench/preview_benchmark.py [--runs 5] [--pdf-runs N] [--skip-pdf]
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
from pdf_benchmark import copy_project  # noqa: E402  (the same copy of the project as the PDF benchmark)

EDITED_PAGE = "content/modules/module-1-background/ltss-reform-history.md"
EDITED_URL = "modules/module-1-background/ltss-reform-history/"
MODULE_ID = "module-1-background"
COMPLETE_ID = "ltss-toolkit-complete"


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


def module_pdf_after_edit(project: Path, runs: int) -> tuple[float, list[float], list[float]]:
    """Seconds from starting ``serve --pdf`` until every PDF is laid out (its first build asks for all of them),
    then from saving a page to its module's PDF, and to the whole-site PDF (one worker, in the
    background of the preview). The edits start once the first layout is done, as an editor's would a minute
    after starting the preview."""
    from ltss_toolkit.serve import make_server

    port = free_port()
    server, preview = make_server(project / "mkdocs.yml", "127.0.0.1", port, pdf=True)
    threading.Thread(target=server.serve, daemon=True).start()
    follower = preview.pdfs
    assert follower is not None
    page = project / EDITED_PAGE
    original = page.read_text(encoding="utf-8")
    module_times, whole_times = [], []
    started = time.perf_counter()
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        while follower.busy or not follower.done:
            time.sleep(0.05)
        first_layout = time.perf_counter() - started
        for run in range(runs):
            seen = len(follower.done)
            started = time.perf_counter()
            page.write_text(original.rstrip() + f"\n\nPDF benchmark edit {run}.\n", encoding="utf-8")
            module = whole = None
            while whole is None:
                for doc_id, _ in follower.done[seen:]:
                    if doc_id == MODULE_ID and module is None:
                        module = time.perf_counter() - started
                    if doc_id == COMPLETE_ID:
                        whole = time.perf_counter() - started
                time.sleep(0.02)
            module_times.append(module or whole)
            whole_times.append(whole)
    finally:
        page.write_text(original, encoding="utf-8")
        follower.close()
        server.shutdown()
        shutil.rmtree(preview.root.parent, ignore_errors=True)
    return first_layout, module_times, whole_times


def row(label: str, values: list[float]) -> str:
    return f"| {label} | {statistics.median(values):.2f} s | {', '.join(f'{v:.2f}' for v in values)} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--pdf-runs", type=int, default=None, help="edits for the PDF measures (default: --runs)")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="ltss-preview-bench-") as scratch:
        project = copy_project(Path(scratch) / "project")
        latencies, builds = preview_latency(project, args.runs)
        pdf_runs = args.pdf_runs or args.runs
        first_layout, pdf_times, whole_times = (
            (0.0, [], []) if args.skip_pdf else module_pdf_after_edit(project, pdf_runs)
        )
    print(f"Preview and one-page edit (cores: {os.cpu_count()}; edited page: {EDITED_PAGE}; "
          f"load average at the end: {os.getloadavg()[0]:.1f})")
    print("| measure | median | runs |")
    print("|---|---|---|")
    print(row("3. save to visible in the preview (goal < 1 s)", latencies))
    print(row("   of which the rebuild", builds))
    if pdf_times:
        print(row(f"4. save to updated module PDF ({MODULE_ID}, serve --pdf, one worker; goal < 5 s)", pdf_times))
        print(row("   save to updated whole-site PDF (after the module's, same worker)", whole_times))
        print(row("   serve --pdf started to every PDF laid out (before the edits)", [first_layout]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
