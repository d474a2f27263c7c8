"""Dates as content states them: review dates, change notes and "as of" markers in page bodies.

An "as of" marker wraps a time-sensitive statement so that a reader never takes a 2019 figure for
today's: ``[36 states have a Part A buy-in agreement]{as of 2018}``. The date is a year, a month
(``2019-04``) or a day (``2019-04-03``).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .model import Toolkit
from .problems import Location, Problems

AS_OF = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])+)\]\{as of (?P<date>[^{}]*)\}")
"""The marker: a statement in brackets (links inside it allowed), then ``{as of DATE}``."""
AS_OF_TOKEN = re.compile(r"\{\s*as[ -]of\b(?P<rest>[^{}]*)\}", re.IGNORECASE)
"""Anything that looks like a marker's date part, to catch misspelt or detached markers."""
PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
FUTURE_GRACE = datetime.timedelta(days=1)
"""Editors in other time zones may write tomorrow's date in the evening."""


@dataclass(frozen=True)
class AsOf:
    """The date of an "as of" marker, as precise as the editor gave it."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    @property
    def label(self) -> str:
        """``2019``, ``April 2019`` or ``April 3, 2019``."""
        if self.month is None:
            return str(self.year)
        month = datetime.date(self.year, self.month, 1).strftime("%B")
        return f"{month} {self.day}, {self.year}" if self.day is not None else f"{month} {self.year}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)


def impossible_date(text: str) -> str:
    """Why a date written YYYY-MM-DD or YYYY-MM is no day of the calendar ("there is no month 13"), or ""."""
    parts = text.strip().split("-")
    if not 2 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        return ""
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if len(parts) == 3:
        day = int(parts[2])
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= 31:
            return f"there is no day {day} in any month"
        if day > last:
            return f"{calendar.month_name[month]} {year} has no day {day}"
    return ""


def parse_as_of(value: str) -> AsOf | None:
    """``2019``, ``2019-04`` or ``2019-04-03`` as an ``AsOf``; None if it is no real date."""
    match = PARTIAL_DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.group("year", "month", "day"))
    assert year is not None
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return AsOf(year, month, day)


def long_date(day: datetime.date) -> str:
    """``November 25, 2026``, the way US federal guidance writes dates."""
    return f"{day:%B} {day.day}, {day.year}"


def today() -> datetime.date:
    return datetime.date.today()


def check_dates(toolkit: Toolkit, problems: Problems, now: datetime.date | None = None) -> None:
    """Review and change dates may not lie in the future; every "as of" marker needs a real date."""
    latest = (now or today()) + FUTURE_GRACE
    for page in toolkit.pages.values():
        if page.reviewed is not None and page.reviewed > latest:
            problems.add(
                Location(page.source, page.line_of("reviewed")),
                f"'reviewed' date {page.reviewed.isoformat()} is in the future",
                "write the day the page was actually checked",
            )
        for change in page.changes:
            if change.date > latest:
                problems.add(
                    change.where,
                    f"change date {change.date.isoformat()} is in the future",
                    "write the day of the change",
                )
        for line, text in page.body_lines():
            _check_as_of(text, Location(page.source, line), latest, problems)


def _check_as_of(text: str, where: Location, latest: datetime.date, problems: Problems) -> None:
    marked = {match.start("date") - len("{as of "): match for match in AS_OF.finditer(text)}
    for token in AS_OF_TOKEN.finditer(text):
        match = marked.get(token.start())
        if match is None or not token.group(0).startswith("{as of "):
            problems.add(
                where,
                f"'{token.group(0)}' is not an \"as of\" marker",
                "wrap the statement in brackets and write the date after it: '[statement]{as of 2019-04}'",
            )
            continue
        value = parse_as_of(match.group("date"))
        if value is None:
            problems.add(
                where,
                f"\"as of\" date '{match.group('date')}' is not a date"
                + (f": {impossible_date(match.group('date'))}" if impossible_date(match.group("date")) else ""),
                "write a year, year-month or full date: 2019, 2019-04 or 2019-04-03",
            )
        elif value.first_day > latest:
            problems.add(where, f'"as of" date {value.iso} is in the future', "give the date the statement was true")
