"""Events of the blocs' calendar (meetings and deadlines) and their occurrences.

A yearly ("hằng năm") event has one occurrence per year. An admin moves or cancels one
occurrence; the change is kept under the occurrence's original date, so the occurrence keeps
its code while its date, and so its reminders, change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from bot.vi.normalize import fold


class EventKind(StrEnum):
    """A meeting (hội nghị, cuộc họp, hội thao), a deadline (hạn nộp, hạn báo cáo), or the
    day a document takes effect (ngày có hiệu lực)."""

    MEETING = "meeting"
    DEADLINE = "deadline"
    EFFECTIVE = "effective"


@dataclass(frozen=True)
class Event:
    """One event of the calendar; a yearly one stands for all its occurrences."""

    id: str
    kind: EventKind
    title: str
    date: dt.date  # a yearly event: its first year's date
    time: dt.time | None = None
    bloc: str | None = None  # None: every bloc (a deadline of the province's guidance)
    province: str | None = None
    sector: str | None = None  # a key of lexicon.SECTORS ("y tế"); None: the words tell, or none
    place: str | None = None  # where a meeting is held; where a deadline's papers go
    host: str | None = None
    recurring: bool = False  # yearly
    source: str | None = ""  # the calendar file or a document; None: an admin added it
    note: str | None = None
    doc: str | None = None  # the document that states it
    evidence: str | None = None  # the sentence of that document that states it
    created_at: dt.datetime | None = None  # when an admin added it

    def on(self, year: int) -> dt.date | None:
        """The yearly event's date in `year` (29/02 falls on 28/02 in other years)."""
        if year < self.date.year:
            return None
        day = self.date.day
        if (self.date.month, day) == (2, 29) and not _leap(year):
            day = 28
        return dt.date(year, self.date.month, day)

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Its original dates between `start` and `end` (both included)."""
        if not self.recurring:
            return [self.date] if start <= self.date <= end else []
        found = (self.on(year) for year in range(start.year, end.year + 1))
        return [d for d in found if d is not None and start <= d <= end]


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event: its original date, and its date after an admin's move."""

    event: Event
    original: dt.date
    date: dt.date
    time: dt.time | None
    cancelled: bool = False
    reason: str | None = None
    changed_at: dt.datetime | None = None  # when an admin moved or cancelled it

    @property
    def code(self) -> str:
        """A short code people type to name this occurrence (/sualich, /huylich)."""
        return _digest(f"{self.event.id}|{self.original.isoformat()}")[:6]

    @property
    def uid(self) -> str:
        """A globally unique id (iCalendar UID)."""
        return f"{_digest(f'{self.event.id}|{self.original.isoformat()}')[:20]}@thidua-bot"

    @property
    def moved(self) -> bool:
        """Whether an admin changed its date or time."""
        return (self.date, self.time) != (self.original, self.event.time)

    def start(self, zone: ZoneInfo) -> dt.datetime:
        """When it starts (the beginning of its day when no time is known)."""
        return dt.datetime.combine(self.date, self.time or dt.time(0), zone)

    def passed(self, now: dt.datetime, zone: ZoneInfo) -> bool:
        """Whether it is over: started, or (without a time) its day is over."""
        if self.time is not None:
            return self.start(zone) <= now
        return self.date < now.astimezone(zone).date()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (dates ISO; `source` None for an admin's event)."""
        event = self.event
        return {
            "code": self.code,
            "id": event.id,
            "kind": str(event.kind),
            "title": event.title,
            "bloc": event.bloc,
            "province": event.province,
            "sector": event.sector,
            "date": self.date.isoformat(),
            "time": f"{self.time:%H:%M}" if self.time else None,
            "place": event.place,
            "host": event.host,
            "recurring": event.recurring,
            "moved_from": self.original.isoformat() if self.moved else None,
            "cancelled": self.cancelled,
            "source": event.source,
        }


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def event_id(prefix: str, *parts: object) -> str:
    """A stable id from what identifies an event (folded, so spelling variants agree)."""
    return f"{prefix}-{_digest('|'.join(fold(str(p)) for p in parts))[:12]}"
