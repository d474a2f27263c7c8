"""Zip archives that are the same bytes for the same files: sorted entries, one timestamp, fixed modes."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..structure.build_date import build_moment

ZIP_EPOCH_FLOOR = 315532800
"""1980-01-01T00:00:00Z: the earliest time a zip entry can carry."""

COMPRESS_LEVEL = 9
ALREADY_COMPRESSED = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".zip", ".woff", ".woff2"})
"""Stored as they are: deflating them again costs time and saves nothing."""


@dataclass(frozen=True)
class ZipSummary:
    """What went into an archive, for the build's report."""

    files: int
    size: int
    """Bytes of the archive on disk."""
    compressed_by_suffix: dict[str, int]
    """Compressed bytes of the entries per file suffix (``.pdf``, ``.html``...)."""


def source_date(environ: Mapping[str, str] | None = None) -> tuple[int, int, int, int, int, int]:
    """The entries' timestamp: the build's moment (``build_moment``) in UTC, never before 1980-01-01."""
    epoch = max(int(build_moment(environ).timestamp()), ZIP_EPOCH_FLOOR)
    stamp = time.gmtime(epoch)
    return stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec - stamp.tm_sec % 2


def write_zip(folder: Path, archive: Path, root: str, date_time: tuple[int, int, int, int, int, int]) -> ZipSummary:
    """Zip every file under ``folder`` as ``root/<relative path>``.

    Only files are stored (no directory entries); names are sorted; every entry has the same time,
    mode 0644 and the Unix "made by" system, so the bytes depend on the files' contents alone.
    """
    files = sorted((path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file())
    archive.parent.mkdir(parents=True, exist_ok=True)
    by_suffix: dict[str, int] = {}
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, path in files:
            info = zipfile.ZipInfo(f"{root}/{name}", date_time=date_time)
            info.create_system = 3
            info.external_attr = (0o100644 & 0xFFFF) << 16
            stored = path.suffix.lower() in ALREADY_COMPRESSED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes(), compresslevel=None if stored else COMPRESS_LEVEL)
        for info in bundle.infolist():
            suffix = Path(info.filename).suffix.lower()
            by_suffix[suffix] = by_suffix.get(suffix, 0) + info.compress_size
    return ZipSummary(files=len(files), size=archive.stat().st_size, compressed_by_suffix=by_suffix)
