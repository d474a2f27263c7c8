"""The whole build: the content loaded once, the HTML with MkDocs into a scratch folder, the PDFs, the offline
bundle, then one swap.

Building beside ``site/`` and renaming at the end means a failed build (bad content, a strict-mode
warning, a PDF error) leaves the last good ``site/`` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..plugin import PluginOptions
from .bundle import build_offline_bundle
from .context import BuildContext, BuildFailed
from .generators import MKDOCS, build_site_html
from .site import content_store, load_site_config, toolkit_plugin


def build_site(context: BuildContext) -> None:
    build_site_html(context)


def build_pdfs_step(context: BuildContext) -> None:
    if not context.pdf:
        return
    from .pdf.step import pdf_step  # here, not at the top: it needs WeasyPrint, which --no-pdf never loads

    pdf_step(context)


STEPS: list[tuple[str, Callable[[BuildContext], None]]] = [
    ("site", build_site),
    ("pdf", build_pdfs_step),
    ("offline bundle", build_offline_bundle),  # last: it packs the PDFs written before it
]


def build(
    config_file: Path, site_dir: Path, *, pdf: bool = True, generator: str = MKDOCS, despite_problems: bool = False
) -> BuildContext:
    """Load the content once, run every step into a scratch folder next to ``site_dir``, and replace
    ``site_dir`` only if all succeed. ``generator``: which one writes the HTML (``outputs.generators``).

    ``despite_problems``: a pull request's preview, so the editor sees the pages while fixing what the check
    marked: content problems are printed and the pages are built from what could be read (MkDocs not strict).
    Never for content with HTML, template code or link schemes that are not allowed (UNSAFE problems)."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.partial-", dir=site_dir.parent))
    try:
        config = load_site_config(config_file.resolve(), scratch, strict=not despite_problems)
        toolkit_plugin(config).steer(PluginOptions(despite_problems=despite_problems))
        store = content_store(config)
        started = time.perf_counter()
        loaded = store.load()
        for line in loaded.problems.warning_lines():
            print(line, file=sys.stderr)
        if loaded.problems:
            print(loaded.problems.report(), file=sys.stderr)
            if not despite_problems or loaded.problems.unsafe:
                raise BuildFailed(f"{len(loaded.problems)} content problem(s), listed above")
        context = BuildContext(config, store, scratch, pdf=pdf, generator=generator, despite_problems=despite_problems)
        context.timings["load"] = time.perf_counter() - started
        for name, step in STEPS:
            started = time.perf_counter()
            step(context)
            context.timings[name] = time.perf_counter() - started
        _swap(scratch, site_dir)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    context.site_dir = site_dir
    return context


def _swap(new: Path, target: Path) -> None:
    os.chmod(new, 0o755)
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
