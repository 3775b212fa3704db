"""The calendar's state in the database: the admins' events and changes, the chats'
subscriptions and the reminders' deliveries (SQLite or PostgreSQL, through `bot.db`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Engine,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    cast,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import ColumnElement

from bot.calendar.events import Event, EventKind, Occurrence
from bot.db import UtcDateTime, metadata

MAX_ATTEMPTS = 3  # sends of one reminder that fail with an error other than RecipientGone


calendar_events = Table(
    "calendar_events",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("bloc", Text),
    Column("province", Text),
    Column("sector", Text),
    Column("date", Date, nullable=False),
    Column("time", Time),
    Column("place", Text),
    Column("host", Text),
    Column("recurring", Boolean, nullable=False),
    Column("note", Text),
    Column("created_by", BigInteger),
    Column("created_at", UtcDateTime, nullable=False),
)

calendar_changes = Table(
    "calendar_changes",
    metadata,
    Column("event_id", String(80), primary_key=True),
    Column("original", Date, primary_key=True),
    Column("date", Date, nullable=False),
    Column("time", Time),
    Column("cancelled", Boolean, nullable=False),
    Column("reason", Text),
    Column("changed_by", BigInteger),
    Column("changed_at", UtcDateTime, nullable=False),
)

reminder_subscriptions = Table(
    "reminder_subscriptions",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("blocs", JSON, nullable=False),
    Column("leads", JSON, nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("since", UtcDateTime, nullable=False),
    Column("province", Text),  # None: the deployment's (DEFAULT_PROVINCE)
    Column("sectors", JSON, nullable=False),
)

reminder_deliveries = Table(
    "reminder_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", String(80), nullable=False),
    Column("original", Date, nullable=False),
    Column("date", Date, nullable=False),
    Column("chat_id", BigInteger, nullable=False),
    Column("notice", String(16), nullable=False),
    Column("lead_days", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Column("error", Text),
    UniqueConstraint("event_id", "date", "chat_id", "notice", "lead_days", name="uq_delivery"),
    Index("ix_delivery_occurrence", "event_id", "original"),
)


# --- the admins' events and changes --------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """An admin's move or cancellation of one occurrence."""

    date: dt.date
    time: dt.time | None
    cancelled: bool
    reason: str | None
    changed_at: dt.datetime


class CalendarStore:
    """The events the admins added and their changes to occurrences."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def events(self) -> list[Event]:
        """The admins' events."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(calendar_events)).mappings().all()
        return [
            Event(
                id=row["id"],
                kind=EventKind(row["kind"]),
                title=row["title"],
                date=row["date"],
                time=row["time"],
                bloc=row["bloc"],
                province=row["province"],
                sector=row["sector"],
                place=row["place"],
                host=row["host"],
                recurring=row["recurring"],
                source=None,
                note=row["note"],
                created_at=row["created_at"],
            )
            for row in rows
        ]

    def add(self, event: Event, by: int | None) -> None:
        """Store an admin's new event."""
        # An admin's event has no source document: what only those have is not stored.
        fields = (f.name for f in dataclasses.fields(event) if f.name in calendar_events.c)
        row = {name: getattr(event, name) for name in fields}
        with self.engine.begin() as conn:
            conn.execute(insert(calendar_events).values(**row, created_by=by))

    def changes(self) -> dict[tuple[str, dt.date], Change]:
        """(event, original date) → the change an admin made to that occurrence."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(calendar_changes)).mappings().all()
        return {
            (row["event_id"], row["original"]): Change(
                row["date"], row["time"], row["cancelled"], row["reason"], row["changed_at"]
            )
            for row in rows
        }

    def save_change(self, occurrence: Occurrence, by: int | None) -> None:
        """Keep a moved or cancelled occurrence (replacing an earlier change of it)."""
        key = (calendar_changes.c.event_id == occurrence.event.id) & (
            calendar_changes.c.original == occurrence.original
        )
        with self.engine.begin() as conn:
            conn.execute(delete(calendar_changes).where(key))
            conn.execute(
                insert(calendar_changes).values(
                    event_id=occurrence.event.id,
                    original=occurrence.original,
                    date=occurrence.date,
                    time=occurrence.time,
                    cancelled=occurrence.cancelled,
                    reason=occurrence.reason,
                    changed_by=by,
                    changed_at=occurrence.changed_at,
                )
            )


# --- subscriptions and deliveries ----------------------------------------------------------------


class Notice(StrEnum):
    """What a delivery says: a reminder before the occurrence, or its cancellation."""

    REMINDER = "reminder"
    CANCELLATION = "cancellation"


class Status(StrEnum):
    """Where a delivery stands."""

    SENDING = "sending"  # claimed; stays so when the send was cut short (never resent)
    SENT = "sent"
    FAILED = "failed"  # retried by the next scans up to MAX_ATTEMPTS
    GONE = "gone"  # the chat blocked the bot; it was unsubscribed


@dataclass(frozen=True)
class Subscription:
    """What one chat (private or group) is reminded of: the events of its province (None: the
    deployment's), of its sectors and of its blocs (none: every sector, every bloc)."""

    chat_id: int
    blocs: tuple[str, ...] = ()
    leads: tuple[int, ...] = (7, 1, 0)
    enabled: bool = False
    since: dt.datetime | None = None  # slots before this are not the chat's
    province: str | None = None
    sectors: tuple[str, ...] = ()


class DeliveryKey(NamedTuple):
    """A delivery's identity: one notice of one occurrence's date, to one chat."""

    event_id: str
    date: dt.date
    chat_id: int
    notice: str
    lead_days: int


# Delivery key (as plain tuples: many thousands are built per scan) → (status, attempts).
Deliveries = dict[tuple[str, dt.date, int, str, int], tuple[str, int]]


class ReminderStore:
    """The chats' subscriptions and the deliveries claimed, sent or failed."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def subscription(self, chat_id: int) -> Subscription | None:
        """The chat's stored subscription."""
        table = reminder_subscriptions
        with self.engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.chat_id == chat_id)).mappings().first()
        return None if row is None else _subscription(row)

    def enabled(self) -> list[Subscription]:
        """Every subscription turned on."""
        table = reminder_subscriptions
        # The lists are read as text and decoded once per distinct value: thousands of chats
        # follow the same few blocs and lead times.
        lists = [cast(table.c[name], Text) for name in ("blocs", "leads", "sectors")]
        query = select(table.c.chat_id, *lists, table.c.since, table.c.province)
        with self.engine.connect() as conn:
            rows = conn.execute(query.where(table.c.enabled)).all()
        return [
            Subscription(
                chat, _items(blocs), _items(leads), True, since, province, _items(sectors)
            )
            for chat, blocs, leads, sectors, since, province in rows
        ]

    def save(self, subscription: Subscription) -> None:
        """Insert or replace the chat's subscription."""
        values = {
            "blocs": list(subscription.blocs),
            "leads": list(subscription.leads),
            "enabled": subscription.enabled,
            "since": subscription.since,
            "province": subscription.province,
            "sectors": list(subscription.sectors),
        }
        table = reminder_subscriptions
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(table).where(table.c.chat_id == subscription.chat_id).values(**values)
            )
            if changed.rowcount == 0:
                conn.execute(insert(table).values(chat_id=subscription.chat_id, **values))

    def deliveries(self, occurrences: Sequence[Occurrence]) -> Deliveries:
        """Key → (status, attempts) of the occurrences' deliveries; those of a moved
        occurrence's other dates are under their own dates."""
        if not occurrences:
            return {}
        table = reminder_deliveries
        wanted = {(o.event.id, o.original) for o in occurrences}
        query = select(
            table.c.event_id,
            table.c.original,
            table.c.date,
            table.c.chat_id,
            table.c.notice,
            table.c.lead_days,
            table.c.status,
            table.c.attempts,
        ).where(
            table.c.event_id.in_(sorted({event for event, _ in wanted})),
            table.c.original >= min(original for _, original in wanted),
        )
        found: Deliveries = {}
        with self.engine.connect() as conn:
            for event, original, date, chat, notice, lead, status, attempts in conn.execute(query):
                if (event, original) in wanted:
                    found[event, date, chat, notice, lead] = (status, attempts)
        return found

    def claim(
        self, key: DeliveryKey, original: dt.date, late: bool, retry: bool, now: dt.datetime
    ) -> bool:
        """Take a delivery for this scanner: True when no one else has it. A retry takes a
        failed one back, while it has attempts left; otherwise the unique key refuses a
        second claim."""
        table = reminder_deliveries
        if retry:
            with self.engine.begin() as conn:
                taken = conn.execute(
                    update(table)
                    .where(
                        *_where(key),
                        table.c.status == Status.FAILED,
                        table.c.attempts < MAX_ATTEMPTS,
                    )
                    .values(
                        status=Status.SENDING,
                        attempts=table.c.attempts + 1,
                        late=late,
                        claimed_at=now,
                    )
                )
            return taken.rowcount == 1
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(table).values(
                        **key._asdict(),
                        original=original,
                        status=Status.SENDING,
                        attempts=1,
                        late=late,
                        claimed_at=now,
                    )
                )
        except IntegrityError:
            return False
        return True

    def mark(
        self,
        key: DeliveryKey,
        status: Status,
        now: dt.datetime,
        error: BaseException | None = None,
    ) -> None:
        """Record how a claimed delivery ended."""
        values: dict[str, object] = {"status": status, "error": repr(error) if error else None}
        if status is Status.SENT:
            values["sent_at"] = now
        with self.engine.begin() as conn:
            conn.execute(update(reminder_deliveries).where(*_where(key)).values(**values))


def _subscription(row: RowMapping) -> Subscription:
    return Subscription(
        row["chat_id"],
        tuple(row["blocs"]),
        tuple(row["leads"]),
        row["enabled"],
        row["since"],
        row["province"],
        tuple(row["sectors"]),
    )


@functools.lru_cache(maxsize=4096)
def _items(text: str) -> tuple[Any, ...]:
    """A JSON list stored as text, as a tuple."""
    return tuple(json.loads(text))


def _where(key: DeliveryKey) -> list[ColumnElement[bool]]:
    table = reminder_deliveries
    return [table.c[name] == value for name, value in key._asdict().items()]
