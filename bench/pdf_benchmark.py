"""PDF benchmark (not a test): our PDF step on the shipped content, beside mkdocs-to-pdf on the same pages.

Reports, in one run:
  1. all our PDFs from a cold cache;
  2. the whole-site PDF alone, cold;
  3. a rebuild of all PDFs after a one-page edit (warm cache: only the documents holding that page);
  4. mkdocs-to-pdf (the maintained WeasyPrint-based peer) making its one whole-site PDF: the time of
     ``mkdocs build`` with its plugin minus the time without it, in a separate venv so it never
     enters our pinned dependencies.

Usage: .venv/bin/python bench/pdf_benchmark.py [--runs N] [--skip-peer]
The peer's venv is made in .cache/bench-venv on first use (pip reaches PyPI once).
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
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH_VENV = PROJECT / ".cache" / "bench-venv"
EDITED_PAGE = "content/modules/module-1-background/ltss-reform-history.md"

sys.path.insert(0, str(PROJECT / "plugins"))
from ltss_toolkit.structure.publications import COMPLETE_ID  # noqa: E402
from ltss_toolkit.outputs.pdf.step import build_pdfs  # noqa: E402
from pypdf import PdfReader  # noqa: E402


def copy_project(target: Path) -> Path:
    """A scratch copy, so the one-page edit never touches the real content."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "content"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def build_html(project: Path, site: Path, config: str = "mkdocs.yml", python: str = sys.executable) -> float:
    started = time.perf_counter()
    subprocess.run([python, "-m", "mkdocs", "build", "-q", "-f", str(project / config), "-d", str(site)],
                   cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - started


def timed_pdfs(project: Path, site: Path, cache: Path, only: set[str] | None = None) -> float:
    started = time.perf_counter()
    build_pdfs(project, project / "mkdocs.yml", site, cache_dir=cache, only=only, log=lambda line: None)
    return time.perf_counter() - started


# Not strict: the peer counts links to pages it leaves out (the flow's pages not in the nav) as errors.
PEER_CONFIG = """\
INHERIT: mkdocs.yml
strict: false
plugins:
  - search
  - macros:
      on_error_fail: true
      on_undefined: strict
  - ltss-toolkit:
      content_dir: content
  - to-pdf:
      output_path: downloads/peer-whole-site.pdf
      cover_subtitle: Whole site
      toc_level: 3
"""


def ensure_peer_venv() -> Path:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(PROJECT / "requirements.txt"), "mkdocs-to-pdf"], check=True)
        subprocess.run([*pip, "--no-deps", "-e", str(PROJECT)], check=True)
    return python


def median(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f} s (runs: {', '.join(f'{v:.1f}' for v in values)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    figures: dict[str, list[float]] = {"all": [], "complete": [], "edit": [], "peer": []}
    peer_pages = 0
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as scratch:
        root = Path(scratch)
        project = copy_project(root / "project")
        site = root / "site"
        html_seconds = build_html(project, site)
        peer_python = None if args.skip_peer else ensure_peer_venv()
        for run in range(args.runs):
            cache = root / f"cache-{run}"
            figures["complete"].append(timed_pdfs(project, site, root / f"cache-complete-{run}", {COMPLETE_ID}))
            figures["all"].append(timed_pdfs(project, site, cache))
            page = project / EDITED_PAGE
            original = page.read_text(encoding="utf-8")
            page.write_text(original.rstrip() + f"\n\nBenchmark edit {run}.\n", encoding="utf-8")
            build_html(project, site)
            figures["edit"].append(timed_pdfs(project, site, cache))
            page.write_text(original, encoding="utf-8")
            build_html(project, site)
            if peer_python is not None:
                (project / "mkdocs-peer.yml").write_text(PEER_CONFIG, encoding="utf-8")
                without = build_html(project, root / "peer-plain", python=str(peer_python))
                with_pdf = build_html(project, root / "peer-site", "mkdocs-peer.yml", python=str(peer_python))
                figures["peer"].append(with_pdf - without)
                peer_pages = len(PdfReader(root / "peer-site" / "downloads" / "peer-whole-site.pdf").pages)
    print(f"cores: {os.cpu_count()}, HTML build (not counted): {html_seconds:.1f} s")
    print(f"all our PDFs, cold cache:            {median(figures['all'])}")
    print(f"whole-site PDF alone, cold:          {median(figures['complete'])}")
    print(f"all PDFs after a one-page edit:      {median(figures['edit'])}")
    if figures["peer"]:
        print(f"mkdocs-to-pdf, its whole-site PDF:   {median(figures['peer'])} ({peer_pages} pages)")
        ratio = statistics.median(figures["all"]) / statistics.median(figures["peer"])
        print(f"ours (all PDFs) / peer (one PDF):    {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
