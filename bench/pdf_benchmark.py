"""PDF benchmark (not a test): our whole-site PDF beside mkdocs-to-pdf's, like for like, then all our PDFs.

1. Our whole-site PDF (``ltss-toolkit-complete``) from a cold cache with ONE worker, and mkdocs-to-pdf's
   whole-site PDF of the same site (the time of ``mkdocs build`` with its plugin minus the time without it:
   it lays out in the same process, one worker), each at least 3 runs; medians, PDF page counts, and the
   time per PDF page (the two tools print slightly different page sets: each prints the site's pages, ours
   also covers and contents, theirs also the nav's hand-written pages, so the fair figure is per page).
2. All our PDFs from a cold cache with every worker (one per core).

The peer is pinned in requirements/bench.in (bench-only, installed by make bench) and its version is printed.

Usage: .venv/bin/python bench/pdf_benchmark.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from pypdf import PdfReader

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))

from ltss_toolkit.outputs.context import SiteSettings  # noqa: E402
from ltss_toolkit.outputs.pdf.step import build_pdfs  # noqa: E402
from ltss_toolkit.outputs.site import build_html, content_store, load_site_config  # noqa: E402
from ltss_toolkit.structure.publications import COMPLETE_ID  # noqa: E402

PEER = "mkdocs-to-pdf"
PEER_CONFIG = """\
INHERIT: mkdocs.yml
strict: false  # the peer counts links to pages it leaves out (the flow's pages not in the nav) as errors
plugins:
  - search
  - macros:
      render_by_default: false
      on_error_fail: true
      on_undefined: strict
  - ltss-toolkit:
      content_dir: content
  - to-pdf:
      output_path: downloads/peer-whole-site.pdf
      cover_subtitle: Whole site
      toc_level: 3
"""


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "content"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def cpu_seconds() -> float:
    """CPU time of this process and of the processes it has waited for (PDF workers, the peer's builds)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def mkdocs_build(project: Path, config: str, site: Path) -> tuple[float, float]:
    started, cpu = time.perf_counter(), cpu_seconds()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config), "-d", str(site)],
        cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - started, cpu_seconds() - cpu


def seconds_list(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    ours: list[float] = []
    all_ours: list[float] = []
    peer: list[float] = []
    ours_cpu: list[float] = []
    peer_cpu: list[float] = []
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as scratch:
        root = Path(scratch)
        project = copy_project(root / "project")
        site = root / "site"
        config = load_site_config(project / "mkdocs.yml", site)
        store = content_store(config)
        build_html(config)
        loaded = store.current
        assert loaded is not None and not loaded.problems
        settings = SiteSettings.of(config)

        def our_pdfs(cache: Path, only: set[str] | None, workers: int | None) -> tuple[float, float]:
            started, cpu = time.perf_counter(), cpu_seconds()
            build_pdfs(loaded.toolkit, store.extensions, settings, project, site, cache_dir=cache, workers=workers,
                       only=only, log=lambda line: None)
            return time.perf_counter() - started, cpu_seconds() - cpu

        (project / "mkdocs-peer.yml").write_text(PEER_CONFIG, encoding="utf-8")
        for run in range(args.runs):
            wall, cpu = our_pdfs(root / f"cache-one-{run}", {COMPLETE_ID}, 1)
            ours.append(wall)
            ours_cpu.append(cpu)
            without, without_cpu = mkdocs_build(project, "mkdocs.yml", root / "peer-plain")
            with_pdf, with_pdf_cpu = mkdocs_build(project, "mkdocs-peer.yml", root / "peer-site")
            peer.append(with_pdf - without)
            peer_cpu.append(with_pdf_cpu - without_cpu)
        for run in range(args.runs):
            all_ours.append(our_pdfs(root / f"cache-all-{run}", None, None)[0])
        our_pages = len(PdfReader(site / "downloads" / f"{COMPLETE_ID}.pdf").pages)
        peer_pages = len(PdfReader(root / "peer-site" / "downloads" / "peer-whole-site.pdf").pages)
        documents = len(list((site / "downloads").glob("*.pdf")))
        total_pages = sum(len(PdfReader(p).pages) for p in (site / "downloads").glob("*.pdf"))
    ours_median, peer_median = statistics.median(ours), statistics.median(peer)
    per_page_ours, per_page_peer = ours_median / our_pages, peer_median / peer_pages
    print(f"PDFs (cores: {os.cpu_count()}; {PEER} {version(PEER)}, WeasyPrint {version('weasyprint')}; "
          f"{args.runs} runs; load average at the end: {os.getloadavg()[0]:.1f})")
    print("| measure | median | PDF pages | per PDF page | runs (s) |")
    print("|---|---|---|---|---|")
    print(f"| ours, whole-site PDF, 1 worker, cold | {ours_median:.1f} s | {our_pages} | {per_page_ours * 1000:.0f} ms "
          f"| {seconds_list(ours)} |")
    print(f"| {PEER} {version(PEER)}, whole-site PDF, 1 process | {peer_median:.1f} s | {peer_pages} "
          f"| {per_page_peer * 1000:.0f} ms | {seconds_list(peer)} |")
    print(f"| per page, peer / ours (goal >= 2) | {per_page_peer / per_page_ours:.2f} | | | |")
    cpu_ours, cpu_peer = statistics.median(ours_cpu), statistics.median(peer_cpu)
    print(f"| CPU: ours, whole-site PDF | {cpu_ours:.1f} s | {our_pages} | {cpu_ours / our_pages * 1000:.0f} ms "
          f"| {seconds_list(ours_cpu)} |")
    print(f"| CPU: {PEER}, whole-site PDF | {cpu_peer:.1f} s | {peer_pages} | {cpu_peer / peer_pages * 1000:.0f} ms "
          f"| {seconds_list(peer_cpu)} |")
    print(f"| CPU per page, peer / ours | {(cpu_peer / peer_pages) / (cpu_ours / our_pages):.2f} | | | |")
    print(f"| ours, all {documents} PDFs, {os.cpu_count()} workers, cold | {statistics.median(all_ours):.1f} s "
          f"| {total_pages} | {statistics.median(all_ours) / total_pages * 1000:.0f} ms | {seconds_list(all_ours)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
