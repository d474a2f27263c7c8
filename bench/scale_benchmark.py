"""How the engine scales: the shipped content copied N times, loaded, validated and built.

Run: ``.venv/bin/python bench/scale_benchmark.py --copies 1 10 50`` (the default); ``--generator zensical`` times
the HTML build by Zensical instead (``outputs/zensical.py``: the engine's Markdown tree, then ``zensical build``;
needs ``make install-zensical``), ``--generator mkdocs zensical`` both, one after the other. Prints, for each size,
the pages and resources; the engine's own work, in this process, best of three: loading and validating
the content, then rendering every page, the Resources page and the generated pages to Markdown; the
time of a whole ``mkdocs build`` of the HTML (no PDFs, no offline zip), which includes the engine; and
the build's cost per page, which should stay flat as the content grows.

Each copy of a section gets its pages' ids and folder names suffixed, so the copies are distinct pages
that cite the same resources, as a larger toolkit would. Not a test: figures, not pass or fail.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))

from ltss_toolkit.extensions import default_extensions, extension_pages  # noqa: E402
from ltss_toolkit.loading.loader import load_toolkit  # noqa: E402
from ltss_toolkit.render.page import render_page  # noqa: E402
from ltss_toolkit.render.resources_page import render_resources_page  # noqa: E402

ID_LINE = re.compile(r"^id: (\S+)$", re.MULTILINE)
CASE_STUDIES_CALL = re.compile(r"\{\{\s*case_studies\(.*?\)\s*\}\}")
"""The case-study table belongs beside its one data file, so copies leave it out."""
MACROS_LINE = re.compile(r"^macros: true.*\n", re.MULTILINE)
"""A copy without a macro call must not turn macros on (the engine refuses that)."""


def make_project(copies: int, root: Path) -> Path:
    """A copy of the project whose content sections are repeated ``copies`` times."""
    for name in ("mkdocs.yml", "docs"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    shutil.copytree(PROJECT / "content", root / "content")
    for area in ("pathways", "modules"):
        area_dir = root / "content" / area
        sections = [p for p in area_dir.iterdir() if p.is_dir()]
        for n in range(2, copies + 1):
            for section in sections:
                target = area_dir / f"{section.name}-copy-{n}"
                shutil.copytree(section, target)
                for page in target.rglob("*.md"):
                    text = CASE_STUDIES_CALL.sub("", page.read_text(encoding="utf-8"))
                    body = text.split("\n---\n", 1)[-1]
                    if "{{" not in body:
                        text = MACROS_LINE.sub("", text, count=1)
                    page.write_text(ID_LINE.sub(lambda m: f"id: {m.group(1)}-copy-{n}", text, count=1), encoding="utf-8")
                for data in target.rglob("*.yml"):
                    if data.name not in ("resources.yml",):
                        data.unlink()
    return root


def time_engine(project: Path) -> tuple[float, float, int, int]:
    """Best-of-three seconds to load and validate, and to render every page to Markdown."""
    best_load = best_render = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        extensions = default_extensions()
        toolkit, problems = load_toolkit(project / "content", project, extensions)
        loaded = time.perf_counter()
        if problems:
            raise SystemExit(problems.report())
        for page in toolkit.pages.values():
            render_page(page, toolkit, page.body)
        render_resources_page(toolkit)
        for extension in extensions:
            extension_pages(extension, toolkit)
        rendered = time.perf_counter()
        best_load = min(best_load, loaded - started)
        best_render = min(best_render, rendered - loaded)
    return best_load, best_render, len(toolkit.pages), len(toolkit.resources)


def children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


ZENSICAL_BUILD = """
import sys
from pathlib import Path
from ltss_toolkit.outputs.site import content_store, load_site_config
from ltss_toolkit.outputs.zensical import build_zensical_html
project = Path(sys.argv[1])
config = load_site_config(project / "mkdocs.yml", project / "site")
store = content_store(config)
assert not store.load().problems
build_zensical_html(config, store, project / "site")
"""
"""The HTML by Zensical as ``build --generator zensical --no-pdf`` writes it, minus the offline zip."""


def time_build(project: Path, generator: str = "mkdocs") -> tuple[float, float]:
    """A whole HTML build, as ``python -m ltss_toolkit build --no-pdf`` minus the offline zip: wall-clock and CPU
    seconds (the build's process and the git processes it runs; for Zensical, its process too). On a shared
    machine the wall clock also counts the time other work held the cores; the CPU time is the build's own."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    if generator == "zensical":
        command = [sys.executable, "-c", ZENSICAL_BUILD, str(project)]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d",
                   str(project / "site")]
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, cwd=project, env=env, check=True)
    return time.perf_counter() - started, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 10, 50])
    parser.add_argument("--generator", nargs="*", choices=["mkdocs", "zensical"], default=["mkdocs"],
                        help="what writes the HTML (default: mkdocs); both: --generator mkdocs zensical")
    args = parser.parse_args()
    print(f"Scale (cores: {os.cpu_count()}; engine work best of 3, HTML build once)")
    print("| copies | generator | pages | resources | load+validate | render to Markdown | HTML build (wall) "
          "| per page (wall) | HTML build (CPU) | per page (CPU) | load average |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for copies in args.copies:
        with tempfile.TemporaryDirectory(prefix="ltss-scale-") as tmp:
            project = make_project(copies, Path(tmp))
            load, render, pages, resources = time_engine(project)
            for generator in args.generator:
                shutil.rmtree(project / "site", ignore_errors=True)
                build, cpu = time_build(project, generator)
                print(f"| {copies}x | {generator} | {pages} | {resources} | {load:.2f} s | {render:.2f} s "
                      f"| {build:.1f} s | {build / pages * 1000:.0f} ms | {cpu:.1f} s | {cpu / pages * 1000:.0f} ms "
                      f"| {os.getloadavg()[0]:.1f} |", flush=True)


if __name__ == "__main__":
    main()
