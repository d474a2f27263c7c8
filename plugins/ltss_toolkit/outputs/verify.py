"""The guarantee checked on what was written: no page of the site or of the offline bundle runs content's script.

``render.sanitize`` cleans each page's content as it is made; this reads every HTML file MkDocs wrote, templates
and all, as a browser would (``structure.markup.live_markup``), and fails the build if a page carries an event
handler, an embedded document, a script address or a load from another host, naming the file the page was made
from. Our templates carry none, so anything found is a bug to fix, never something to allow.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..structure.markup import live_markup, tags_in_html
from .context import BuildFailed

THEME = "the theme's templates (docs/overrides/ or Material's)"
SHOWN = 20


def live_markup_in(site_dir: Path, made_from: Mapping[str, str]) -> list[str]:
    """One line per finding in the HTML files under ``site_dir``: the file the page was made from (by the page's
    path in the site; ``THEME`` for pages made by a template alone, such as ``404.html``), where and what."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        written = path.relative_to(site_dir).as_posix()
        for tag in tags_in_html(path.read_text(encoding="utf-8", errors="replace")):
            for what in live_markup(tag):
                found.append(f"{made_from.get(written, THEME)}: its page {written}:{tag.line} carries {what}")
    return found


def check_written_pages(site_dir: Path, made_from: Mapping[str, str]) -> None:
    found = live_markup_in(site_dir, made_from)
    if found:
        listing = "\n  ".join(found[:SHOWN]) + (f"\n  ... and {len(found) - SHOWN} more" if len(found) > SHOWN else "")
        raise BuildFailed(
            "a built page would run script or load a file from another host (the site publishes neither; "
            f"remove it from the file named, and report it: the engine should have removed it):\n  {listing}"
        )
