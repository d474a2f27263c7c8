"""PDFs kept between builds, keyed by a hash of everything that decides their bytes.

The key covers the assembled print HTML (which carries the build date and version), the print stylesheet, the
code that writes the file (``render.py``), the WeasyPrint version and the fonts installed for fontconfig (a font
package upgrade changes the layout); images are referenced by ``file:`` URL, so their bytes are hashed too.
A document whose key did not change is copied from ``.cache/pdf/`` instead of laid out.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .render import RENDER_CODE, STYLESHEET, weasyprint_version

_FILE_URL = re.compile(r'(?:src|srcset)="(file:[^" ]+)')


@dataclass(frozen=True)
class CachedPdf:
    path: Path
    pages: int


FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
"""Where fontconfig finds fonts on Debian (and most Linux systems), plus FONTCONFIG_PATH/FONTCONFIG_FILE."""


@functools.lru_cache(maxsize=1)
def font_identity() -> str:
    """A digest of every installed font file (path, size, modification time) and of fontconfig's settings."""
    digest = hashlib.sha256()
    for name in ("FONTCONFIG_PATH", "FONTCONFIG_FILE"):
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    for folder in FONT_FOLDERS:
        root = Path(folder).expanduser()
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def content_key(html: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"weasyprint {weasyprint_version()}\n".encode())
    digest.update(f"fonts {font_identity()}\n".encode())
    digest.update(STYLESHEET.read_bytes())
    digest.update(RENDER_CODE.read_bytes())  # how the PDF is written (its finisher), not only what is laid out
    digest.update(html.encode("utf-8"))
    for url in sorted(set(_FILE_URL.findall(html))):
        path = Path(unquote(urlsplit(url).path))
        digest.update(url.encode())
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()


class PdfCache:
    """``<doc-id>-<key>.pdf`` plus a ``.json`` with its page count, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, doc_id: str, key: str) -> tuple[Path, Path]:
        stem = self.folder / f"{doc_id}-{key[:32]}"
        return stem.with_suffix(".pdf"), stem.with_suffix(".json")

    def get(self, doc_id: str, key: str) -> CachedPdf | None:
        pdf, info = self._paths(doc_id, key)
        if not (pdf.is_file() and info.is_file()):
            return None
        try:
            pages = int(json.loads(info.read_text(encoding="utf-8"))["pages"])
        except (ValueError, KeyError, TypeError):
            return None
        return CachedPdf(pdf, pages)

    def put(self, doc_id: str, key: str, data: bytes, pages: int) -> CachedPdf:
        """Store a new PDF and drop older ones of the same document, so the cache does not grow."""
        self.folder.mkdir(parents=True, exist_ok=True)
        pdf, info = self._paths(doc_id, key)
        for old in self.folder.glob(f"{doc_id}-*"):
            if old not in (pdf, info) and re.fullmatch(rf"{re.escape(doc_id)}-[0-9a-f]{{32}}\.(pdf|json)", old.name):
                old.unlink()
        partial = pdf.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(pdf)
        info.write_text(json.dumps({"pages": pages}), encoding="utf-8")
        return CachedPdf(pdf, pages)
