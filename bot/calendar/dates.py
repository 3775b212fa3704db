"""Dates and times as people write them (the calendar file, the documents, the admins'
commands), and the local time of the deployment."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.calendar.errors import InputError, Problem
from bot.vi.normalize import find_dates, fold, normalize

_DAY_MONTH = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})?(?:\s*(?:phut|p))?")


def parse_day(text: str) -> tuple[int, int, int | None]:
    """(day, month, year or None) of "15/12/2026", "15-12-2026", "2026-12-15", "20/12",
    "ngày 20 tháng 12 năm 2026"; InputError BAD_DATE otherwise."""
    value = normalize(text).strip()
    folded = fold(value)
    if found := _DAY_MONTH.fullmatch(folded):
        day, month, year = int(found[1]), int(found[2]), int(found[3]) if found[3] else None
    elif found := _ISO.fullmatch(folded):
        day, month, year = int(found[3]), int(found[2]), int(found[1])
    else:
        matches = [m for m in find_dates(value) if m.start <= 5]
        if len(matches) != 1 or len(folded) - matches[0].end > 1:
            raise InputError(Problem.BAD_DATE, value=value)
        day, month, year = matches[0].day, matches[0].month, matches[0].year
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        raise InputError(Problem.BAD_DATE, value=value) from None
    if year is not None and not 2000 <= year <= 2100:
        raise InputError(Problem.BAD_DATE, value=value)
    return day, month, year


def parse_full_date(text: str) -> dt.date:
    """A date with its year; InputError BAD_DATE or MISSING_YEAR otherwise."""
    day, month, year = parse_day(text)
    if year is None:
        raise InputError(Problem.MISSING_YEAR, value=text.strip())
    return dt.date(year, month, day)


def parse_time(text: str) -> dt.time:
    """ "08:00", "8h", "8h30", "14g30", "14 giờ"; InputError BAD_TIME otherwise."""
    found = _TIME.fullmatch(fold(normalize(text)).strip())
    if found and int(found[1]) < 24 and int(found[2] or 0) < 60:
        return dt.time(int(found[1]), int(found[2] or 0))
    raise InputError(Problem.BAD_TIME, value=text.strip())


def localize(now: dt.datetime | None, zone: ZoneInfo) -> dt.datetime:
    """`now` in `zone` (a naive time is a local one); the current time when None."""
    if now is None:
        return dt.datetime.now(zone)
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)
