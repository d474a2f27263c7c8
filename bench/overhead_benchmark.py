"""Engine overhead (not a test): the same pages built by plain Material and by our plugin, in one run.

Our build (mkdocs.yml as shipped: our plugin, mkdocs-macros, search) is run once with an exporter that
writes each page's final Markdown, as our plugin hands it to MkDocs, into a plain ``docs/`` folder (front
matter: title, hide, search), with every other file the site publishes. Plain Material then builds that
folder with the same theme, Markdown extensions and nav, and only the search plugin. Both builds run in
this process through MkDocs' Python API, alternately, N times each (default 5); our runs start from a new
configuration and empty caches (``structure.memo.forget_all``), so each loads and checks the content like a
real build. Wall-clock and CPU seconds are both printed: on a shared machine the wall clock swings with the
other work, and the CPU time (this process and the git processes it waits for) is the steadier comparison.

Usage: .venv/bin/python bench/overhead_benchmark.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))

from ltss_toolkit.outputs.markdown_tree import MarkdownExporter  # noqa: E402
from ltss_toolkit.structure.memo import forget_all  # noqa: E402


def our_config(config_file: Path, site: Path) -> MkDocsConfig:
    return load_config(str(config_file), site_dir=str(site), strict=False)


def plain_config(config_file: Path, site: Path, docs: Path, nav: Any) -> MkDocsConfig:
    config = load_config(
        str(config_file), site_dir=str(site), docs_dir=str(docs), plugins=["search"], nav=nav, strict=False,
        not_in_nav="/start-here/*.md\n/changes/*\n", validation={"omitted_files": "ignore"},
    )
    config.markdown_extensions.append("ltss_toolkit.render.as_of")
    return config


def cpu_seconds() -> float:
    """CPU time of this process and of the processes it waited for (git, run by mkdocs-macros and our loader)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(config: MkDocsConfig) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one build. On a shared machine the wall clock also counts the time other
    processes held the cores; the CPU time counts only this build's own work."""
    started, cpu = time.perf_counter(), cpu_seconds()
    build(config)
    return time.perf_counter() - started, cpu_seconds() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config_file = PROJECT / "mkdocs.yml"
    ours: list[tuple[float, float]] = []
    plain: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="ltss-overhead-") as scratch:
        root = Path(scratch)
        exported = root / "docs"
        config = our_config(config_file, root / "export-site")
        exporter = MarkdownExporter(exported, stop=False)  # the engine's own export (outputs/markdown_tree.py)
        config.plugins["bench-exporter"] = exporter
        build(config)
        pages = len(list(exported.rglob("*.md")))
        for _ in range(args.runs):
            plain.append(timed(plain_config(config_file, root / "plain-site", exported, exporter.tree.nav)))
            forget_all()  # what loading the content keeps between loads (parsed YAML, git dates...)
            ours.append(timed(our_config(config_file, root / "our-site")))
        plain_pages = len(list((root / "plain-site").rglob("*.html")))
        our_pages = len(list((root / "our-site").rglob("*.html")))
    print(f"Engine overhead (cores: {os.cpu_count()}; {pages} pages exported; HTML files: ours {our_pages}, "
          f"plain {plain_pages}; {args.runs} runs each, alternating; load average at the end: "
          f"{os.getloadavg()[0]:.1f})")
    print("| build | median wall | median CPU | wall runs (s) | CPU runs (s) |")
    print("|---|---|---|---|---|")
    for label, runs in (("plain Material on the exported Markdown", plain),
                        ("our plugin (+ mkdocs-macros) on content/", ours)):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"| {label} | {statistics.median(walls):.2f} s | {statistics.median(cpus):.2f} s "
              f"| {', '.join(f'{v:.2f}' for v in walls)} | {', '.join(f'{v:.2f}' for v in cpus)} |")
    wall_ratio = statistics.median(w for w, _ in ours) / statistics.median(w for w, _ in plain)
    cpu_ratio = statistics.median(c for _, c in ours) / statistics.median(c for _, c in plain)
    print(f"| ratio ours / plain (goal <= 1.05) | {wall_ratio:.2f} | {cpu_ratio:.2f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
