"""The whole build: HTML with MkDocs into a scratch folder, then the other outputs, then one swap.

Building beside ``site/`` and renaming at the end means a failed build (bad content, a strict-mode
warning, a PDF error) leaves the last good ``site/`` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class BuildContext:
    """What an output step needs: where the project is and where this build's site is being written."""

    project_dir: Path
    config_file: Path
    site_dir: Path
    options: dict[str, object] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


OutputStep = Callable[[BuildContext], None]


class BuildFailed(Exception):
    """A step failed; its own output already told the reader why."""


def run_mkdocs(context: BuildContext) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(context.config_file), "-d", str(context.site_dir)]
    result = subprocess.run(command, cwd=context.project_dir)
    if result.returncode != 0:
        raise BuildFailed("the site build failed (see the messages above)")


def default_steps() -> list[tuple[str, OutputStep]]:
    """The build's steps in order. Outputs that read the finished HTML come after MkDocs."""
    steps: list[tuple[str, OutputStep]] = [("site", run_mkdocs)]
    from .pdf.step import pdf_step  # here, not at the top: it loads WeasyPrint; skipped by --no-pdf

    steps.append(("pdf", pdf_step))
    from .bundle import build_offline_bundle  # here, not at the top: bundle.py imports this module

    steps.append(("offline bundle", build_offline_bundle))  # last: it packs the PDFs written before it
    return steps


def build(project_dir: Path, config_file: Path, site_dir: Path, steps: list[tuple[str, OutputStep]] | None = None,
          options: dict[str, object] | None = None) -> BuildContext:
    """Run every step into a scratch folder next to ``site_dir``; replace ``site_dir`` only if all succeed."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.partial-", dir=site_dir.parent))
    context = BuildContext(project_dir.resolve(), config_file.resolve(), scratch, dict(options or {}))
    try:
        for name, step in steps if steps is not None else default_steps():
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
