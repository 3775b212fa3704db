"""The calendar: every event (the calendar file's, the documents', the admins') with the admins'
additions, moves and cancellations of occurrences."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.calendar.blocs import BlocNames
from bot.calendar.dates import localize
from bot.calendar.errors import InputError, Problem
from bot.calendar.events import Event, EventKind, Occurrence
from bot.calendar.store import CalendarStore
from bot.vi.normalize import fold

# How far ahead an occurrence's code is looked up (/sualich, /huylich).
LOOKUP_DAYS = 400


@dataclass(frozen=True)
class Agenda:
    """The occurrences not over yet within `days` days of `now`, for a chat following
    `blocs` (none: every bloc)."""

    blocs: tuple[str, ...]
    days: int
    occurrences: tuple[Occurrence, ...]
    now: dt.datetime
    zone: ZoneInfo


@dataclass(frozen=True)
class NewEvent:
    """An event an admin adds: a date with its year, or a day and month of a yearly one."""

    kind: EventKind
    title: str
    day: int
    month: int
    year: int | None
    time: dt.time | None = None
    recurring: bool = False
    bloc: str | None = None  # None: the chat's bloc when it follows one, else every bloc
    sector: str | None = None  # None: the chat's sector when it follows one, else none
    province: str | None = None  # None: the chat's, else the deployment's
    place: str | None = None
    host: str | None = None
    note: str | None = None


def require_upcoming(date: dt.date, today: dt.date) -> None:
    """InputError PAST_DATE when `date` is before `today`."""
    if date < today:
        raise InputError(Problem.PAST_DATE, date=date)


class Calendar:
    """Every event (file, documents, admins) with the admins' moves and cancellations."""

    def __init__(
        self,
        engine: Engine,
        zone: ZoneInfo,
        events: Sequence[Event] = (),
        blocs: BlocNames | None = None,
    ) -> None:
        self.engine = engine
        self.zone = zone
        self.blocs = blocs or BlocNames()
        self.store = CalendarStore(engine)
        self._events = list(events)

    def reload(self, events: Sequence[Event], blocs: BlocNames | None = None) -> None:
        """Replace the file's and the documents' events (after the knowledge changed)."""
        self._events = list(events)
        if blocs is not None:
            self.blocs = blocs

    def events(self) -> list[Event]:
        """The file's and documents' events, then the admins'."""
        return [*self._events, *self.store.events()]

    def occurrences(
        self, start: dt.date, end: dt.date, *, cancelled: bool = False
    ) -> list[Occurrence]:
        """Occurrences dated from `start` to `end` after the admins' changes, by date and time;
        cancelled ones only when asked."""
        changes = self.store.changes()
        events = self.events()
        by_id = {event.id: event for event in events}
        found: dict[tuple[str, dt.date], Occurrence] = {}
        for event in events:
            for original in event.dates(start, end):
                found[(event.id, original)] = Occurrence(event, original, original, event.time)
        for (identity, original), change in changes.items():
            changed = by_id.get(identity)
            if changed is None or original not in changed.dates(original, original):
                continue
            found[(identity, original)] = Occurrence(
                changed,
                original,
                change.date,
                change.time,
                change.cancelled,
                change.reason,
                change.changed_at,
            )
        return sorted(
            (
                o
                for o in found.values()
                if start <= o.date <= end and (cancelled or not o.cancelled)
            ),
            key=lambda o: (o.date, o.time or dt.time(0), o.event.title),
        )

    def upcoming(
        self, blocs: Sequence[str] = (), now: dt.datetime | None = None, days: int = 60
    ) -> list[Occurrence]:
        """Occurrences not over yet within `days` days, for a chat following `blocs`."""
        now = localize(now, self.zone)
        today = now.date()
        return [
            o
            for o in self.occurrences(today, today + dt.timedelta(days=days))
            if not o.passed(now, self.zone) and self.blocs.covers(blocs, o.event.bloc)
        ]

    def agenda(
        self, blocs: Sequence[str] = (), now: dt.datetime | None = None, days: int = 60
    ) -> Agenda:
        """The upcoming occurrences for a chat following `blocs`."""
        now = localize(now, self.zone)
        found = tuple(self.upcoming(blocs, now, days))
        return Agenda(tuple(blocs), days, found, now, self.zone)

    def bloc_choices(self) -> list[str]:
        """One name per bloc that events are about, to offer as choices."""
        names: list[str] = []
        for event in self.events():
            if event.bloc and not any(self.blocs.same(event.bloc, n) for n in names):
                names.append(event.bloc)
        return sorted(names, key=fold)

    # -- admins' changes --

    def find(self, code: str, now: dt.datetime | None = None) -> Occurrence:
        """The occurrence (from today on, cancelled included) that a code names ("a1b2c3",
        "#A1B2C3"); InputError UNKNOWN_CODE or AMBIGUOUS_CODE."""
        today = localize(now, self.zone).date()
        wanted = code.strip().lstrip("#").lower()
        found = [
            o
            for o in self.occurrences(
                today, today + dt.timedelta(days=LOOKUP_DAYS), cancelled=True
            )
            if o.code == wanted
        ]
        if not found:
            raise InputError(Problem.UNKNOWN_CODE, code=code.strip())
        if len(found) > 1:
            raise InputError(Problem.AMBIGUOUS_CODE, code=code.strip())
        return found[0]

    def find_active(self, code: str, now: dt.datetime | None = None) -> Occurrence:
        """The occurrence a code names, when it is not cancelled (else ALREADY_CANCELLED)."""
        occurrence = self.find(code, now)
        _require_active(occurrence)
        return occurrence

    def add(
        self, new: NewEvent, by: int | None = None, now: dt.datetime | None = None
    ) -> Occurrence:
        """Add an admin's event; its first occurrence. InputError PAST_DATE for a date before
        today, MISSING_YEAR for a day and month of an event that is not yearly."""
        now = localize(now, self.zone)
        if new.year is None and not new.recurring:
            raise InputError(Problem.MISSING_YEAR, value=f"{new.day}/{new.month}")
        date = _first_date(new.day, new.month, new.year, now.date())
        event = Event(
            id=f"adm-{uuid.uuid4().hex[:12]}",
            kind=new.kind,
            title=new.title,
            date=date,
            time=new.time,
            bloc=new.bloc,
            province=new.province,
            sector=new.sector,
            place=new.place,
            host=new.host,
            recurring=new.recurring,
            source=None,
            note=new.note,
            created_at=now,
        )
        self.store.add(event, by)
        return Occurrence(event, date, date, new.time)

    def move(
        self,
        occurrence: Occurrence,
        date: dt.date,
        time: dt.time | None,
        by: int | None = None,
        now: dt.datetime | None = None,
    ) -> Occurrence:
        """Move an occurrence to `date` at `time` (its reminders re-arm); InputError
        ALREADY_CANCELLED or PAST_DATE."""
        now = localize(now, self.zone)
        _require_active(occurrence)
        require_upcoming(date, now.date())
        moved = dataclasses.replace(occurrence, date=date, time=time, changed_at=now)
        self.store.save_change(moved, by)
        return moved

    def cancel(
        self,
        occurrence: Occurrence,
        reason: str | None = None,
        by: int | None = None,
        now: dt.datetime | None = None,
    ) -> Occurrence:
        """Cancel an occurrence (the chats already reminded get a notice); InputError
        ALREADY_CANCELLED."""
        now = localize(now, self.zone)
        _require_active(occurrence)
        cancelled = dataclasses.replace(occurrence, cancelled=True, reason=reason, changed_at=now)
        self.store.save_change(cancelled, by)
        return cancelled


def _require_active(occurrence: Occurrence) -> None:
    if occurrence.cancelled:
        raise InputError(
            Problem.ALREADY_CANCELLED, title=occurrence.event.title, date=occurrence.date
        )


def _first_date(day: int, month: int, year: int | None, today: dt.date) -> dt.date:
    """The date of a new event: the one given, from today on; a yearly event typed without a
    year falls on its next occurrence."""
    if year is not None:
        date = dt.date(year, month, day)
        require_upcoming(date, today)
        return date
    probe = Event("", EventKind.MEETING, "", dt.date(2000, month, day), recurring=True)
    return next(d for y in (today.year, today.year + 1) if (d := probe.on(y)) and d >= today)
