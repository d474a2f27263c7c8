"""The build's date and time, from ``SOURCE_DATE_EPOCH``: the engine's one reader of it.

Set (``make`` sets it to the last commit's time), it is the moment of the build wherever a date is written: the
PDFs' covers and metadata, the offline zip's entries, the freshness report's day; so the same commit builds the
same bytes. Unset, the build uses the current time. A value that is not a whole number of seconds is refused
before anything is built (``config.setting_problems``), and read as unset by the commands that do not build.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping

VARIABLE = "SOURCE_DATE_EPOCH"


def epoch_problem(environ: Mapping[str, str]) -> str | None:
    """What is wrong with ``SOURCE_DATE_EPOCH`` in ``environ``, or None when it is unset or valid."""
    raw = environ.get(VARIABLE)
    if raw is None or raw.strip().isdigit():
        return None
    return f"the environment variable is {raw[:40]!r}, not a whole number of seconds since 1970"


def build_moment(environ: Mapping[str, str] | None = None) -> datetime.datetime:
    """The build's moment in UTC: ``SOURCE_DATE_EPOCH`` when set to a whole number of seconds, else now."""
    raw = (os.environ if environ is None else environ).get(VARIABLE, "").strip()
    if raw.isdigit():
        return datetime.datetime.fromtimestamp(int(raw), datetime.UTC)
    return datetime.datetime.now(datetime.UTC)
