"""Reminders before meetings and deadlines: what each chat follows, and the scan that sends what
is due. Knows nothing of Telegram: delivery goes through an async `send(chat_id, text)` that
raises `RecipientGone` for a chat that no longer accepts the bot's messages.

When. Times are in the configured zone (Asia/Ho_Chi_Minh). The reminder of lead time d (days)
for an occurrence is due at `send_hour` o'clock on its date minus d days, and only while the
occurrence is not over. When several of a chat's lead times are due and unsent (the bot was down
over one of them), only the shortest is sent: one late reminder, not a burst of stale ones. A
chat is reminded of slots after it subscribed or last changed its settings, never of older ones.
A reminder sent more than one scan interval after its slot (or after the admin's change that
made it due) says it is late. A moved occurrence has another date, hence new reminders; a
cancelled one sends a cancellation notice to every chat already reminded of it (and still
subscribed).

Exactly once. Each (occurrence, chat, notice, lead time) is claimed by inserting its row into
`reminder_deliveries`, whose unique key refuses a second insert, before anything is sent, and
marked sent after: two scanners at once, or a restart between scans, never send it twice. A send
that fails with another error marks the row failed; the next scans retry it, `MAX_ATTEMPTS` times
in all. A claim whose send was cut short (the process died between claim and mark) stays
"sending" and is never retried: the message may have gone out, and a missed reminder is better
than a duplicate, so delivery is at most once for that ambiguous case.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

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
    UniqueConstraint,
    insert,
    select,
    update,
)
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import ColumnElement

from bot.calendar.events import (
    ADDED,
    ALL_BLOCS,
    CANCELLED,
    MOVED,
    BlocNames,
    Calendar,
    CalendarError,
    DocInfo,
    InputError,
    Occurrence,
    UtcDateTime,
    load_events,
    localize,
)
from bot.db import metadata, open_database
from bot.facts.store import FactStore
from bot.settings import ReminderSettings, Settings
from bot.vi.normalize import format_date

log = logging.getLogger(__name__)

# --- messages (Vietnamese, shown to people) -----------------------------------------------------

REMINDER_HEADER = "🔔 Nhắc lịch: {when}"
LATE = " (nhắc muộn)"
WHEN_TODAY = "hôm nay"
WHEN_TOMORROW = "ngày mai"
WHEN_DAYS = "còn {days} ngày"
CANCELLATION = "❌ Thông báo hủy lịch: “{title}” ngày {date} đã bị hủy."
CANCELLATION_REASON = "Lý do: {reason}"
STATUS_ON = "Nhắc lịch: đang bật."
STATUS_OFF = "Nhắc lịch: đang tắt."
STATUS_BLOCS = "Khối theo dõi: {blocs}"
STATUS_LEADS = "Nhắc trước: {leads}, lúc {hour:02d}:00."
LEAD_SAME_DAY = "sáng hôm diễn ra"
LEAD_DAYS = "{days} ngày"
BUTTON_ON = "Bật nhắc lịch"
BUTTON_OFF = "Tắt nhắc lịch"
BAD_LEADS = (
    "Thời điểm nhắc không hợp lệ: “{value}”. Ghi số ngày trước sự kiện (0 đến {most}), cách "
    "nhau bởi dấu phẩy, ví dụ 7, 1, 0 (0 là sáng hôm diễn ra)."
)
NO_LEADS = "Cần ít nhất một thời điểm nhắc, ví dụ 7, 1, 0 (0 là sáng hôm diễn ra)."
# The command line
CALENDAR_FILE_ERROR = "Bỏ qua mục lỗi trong tệp lịch: {error}"
NOTHING_DUE = "Không có nhắc nhở nào cần gửi lúc {now}."
DUE_TO = "→ chat {chat_id}: {what}"
DUE_REMINDER = "nhắc trước {lead}"
DUE_CANCELLATION = "thông báo hủy"
DRY_RUN_ONLY = (
    "Lệnh này chỉ xem trước (--dry-run); nhắc nhở được gửi thật bởi bot Telegram đang chạy."
)
BAD_NOW = "Thời điểm không hợp lệ: “{value}”. Dùng dạng ISO, ví dụ 2026-12-08T07:00."

# --- state ---------------------------------------------------------------------------------------

MAX_ATTEMPTS = 3  # sends of one reminder that fail with an error other than RecipientGone
MAX_LEAD_DAYS = 60
MAX_LEADS = 5
LEAD_CHOICES = (14, 7, 3, 1, 0)  # offered as buttons

reminder_subscriptions = Table(
    "reminder_subscriptions",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("blocs", JSON, nullable=False),
    Column("leads", JSON, nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("since", UtcDateTime, nullable=False),
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


class RecipientGone(Exception):
    """The chat no longer accepts the bot's messages (it blocked the bot, or the group is gone):
    the send function raises it, and the chat is unsubscribed."""


Send = Callable[[int, str], Awaitable[None]]


@dataclass(frozen=True)
class Subscription:
    """What one chat (private or group) is reminded of; no blocs means every bloc."""

    chat_id: int
    blocs: tuple[str, ...] = ()
    leads: tuple[int, ...] = (7, 1, 0)
    enabled: bool = False
    since: dt.datetime | None = None  # slots before this are not the chat's


@dataclass(frozen=True)
class Reminder:
    """One message due to one chat."""

    occurrence: Occurrence
    chat_id: int
    notice: Notice
    lead_days: int
    slot: dt.datetime
    late: bool
    text: str
    retry: bool = False  # an earlier attempt failed

    def to_dict(self) -> dict[str, object]:
        """JSON-able dict, for the command line's dry run."""
        return {
            "chat_id": self.chat_id,
            "notice": str(self.notice),
            "lead_days": self.lead_days,
            "slot": self.slot.isoformat(),
            "late": self.late,
            "event": self.occurrence.to_dict(),
            "text": self.text,
        }

    def summary(self) -> str:
        """To whom and what, on one line (the command line's dry run)."""
        what = (
            DUE_REMINDER.format(lead=lead_label(self.lead_days))
            if self.notice is Notice.REMINDER
            else DUE_CANCELLATION
        )
        return DUE_TO.format(chat_id=self.chat_id, what=what + (LATE if self.late else ""))


@dataclass
class DeliveryReport:
    """What one scan did."""

    sent: int = 0
    late: int = 0
    failed: int = 0
    skipped: int = 0  # claimed by another scanner meanwhile
    gone: list[int] = field(default_factory=list)


# A delivery's identity: (event, date, chat, notice, lead time).
_Key = tuple[str, dt.date, int, str, int]


def _pending(state: tuple[str, int] | None) -> bool:
    """Whether a delivery (status, attempts) may still be sent: never tried, or failed and
    not yet tried MAX_ATTEMPTS times."""
    return state is None or (state[0] == Status.FAILED and state[1] < MAX_ATTEMPTS)


def lead_label(days: int) -> str:
    """A lead time as people read it ("7 ngày", "sáng hôm diễn ra")."""
    return LEAD_SAME_DAY if days == 0 else LEAD_DAYS.format(days=days)


def parse_leads(text: str) -> tuple[int, ...]:
    """ "7, 1, 0" → (7, 1, 0); InputError names the expected form."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not parts:
        raise InputError(NO_LEADS)
    if not all(p.isdigit() and int(p) <= MAX_LEAD_DAYS for p in parts) or len(parts) > MAX_LEADS:
        raise InputError(BAD_LEADS.format(value=text.strip(), most=MAX_LEAD_DAYS))
    return tuple(sorted({int(p) for p in parts}, reverse=True))


# --- the service -------------------------------------------------------------------------------


class ReminderService:
    """Subscriptions, the calendar they follow, and the delivery of due reminders."""

    def __init__(
        self, engine: Engine, calendar: Calendar, settings: ReminderSettings, zone: ZoneInfo
    ) -> None:
        self.engine = engine
        self.calendar = calendar
        self.settings = settings
        self.zone = zone
        self.default_leads = tuple(sorted(set(settings.lead_days), reverse=True))
        metadata.create_all(engine, tables=[reminder_subscriptions, reminder_deliveries])

    @classmethod
    def open(
        cls,
        settings: Settings,
        store: FactStore | None = None,
        docs: Mapping[str, DocInfo] | None = None,
        engine: Engine | None = None,
    ) -> tuple[ReminderService, list[CalendarError]]:
        """The service over DATABASE_URL (or `engine`), with the calendar file's events and the
        documents' ones (`store` and `docs` from the question-answering core); the errors
        name the calendar file's malformed entries."""
        engine = engine or open_database(settings.database_url)
        zone = ZoneInfo(settings.timezone)
        events, errors = load_events(settings, store, docs)
        blocs = BlocNames.of_store(store) if store is not None else None
        calendar = Calendar(engine, zone, events, blocs)
        return cls(engine, calendar, settings.reminders, zone), errors

    # -- subscriptions --

    def subscription(self, chat_id: int) -> Subscription:
        """The chat's subscription (a disabled one with the defaults when it has none)."""
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    select(reminder_subscriptions).where(
                        reminder_subscriptions.c.chat_id == chat_id
                    )
                )
                .mappings()
                .first()
            )
        if row is None:
            return Subscription(chat_id, leads=self.default_leads)
        return self._subscription(row)

    @staticmethod
    def _subscription(row: RowMapping) -> Subscription:
        return Subscription(
            row["chat_id"],
            tuple(row["blocs"]),
            tuple(row["leads"]),
            row["enabled"],
            row["since"],
        )

    def _save(self, subscription: Subscription, now: dt.datetime | None) -> Subscription:
        """Store a changed subscription; its reminders start from now (see the module doc)."""
        saved = Subscription(
            subscription.chat_id,
            subscription.blocs,
            subscription.leads,
            subscription.enabled,
            localize(now, self.zone),
        )
        values = {
            "blocs": list(saved.blocs),
            "leads": list(saved.leads),
            "enabled": saved.enabled,
            "since": saved.since,
        }
        table = reminder_subscriptions
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(table).where(table.c.chat_id == saved.chat_id).values(**values)
            )
            if changed.rowcount == 0:
                conn.execute(insert(table).values(chat_id=saved.chat_id, **values))
        return saved

    def subscribe(
        self, chat_id: int, blocs: Sequence[str] | None = None, now: dt.datetime | None = None
    ) -> Subscription:
        """Turn the chat's reminders on, following `blocs` (None keeps the current ones)."""
        current = self.subscription(chat_id)
        followed = current.blocs if blocs is None else tuple(blocs)
        return self._save(Subscription(chat_id, followed, current.leads, True), now)

    def unsubscribe(self, chat_id: int, now: dt.datetime | None = None) -> Subscription:
        """Turn the chat's reminders off (its blocs and lead times are kept)."""
        current = self.subscription(chat_id)
        return self._save(Subscription(chat_id, current.blocs, current.leads, False), now)

    def toggle(self, chat_id: int, now: dt.datetime | None = None) -> Subscription:
        """Turn the chat's reminders on when off, off when on."""
        if self.subscription(chat_id).enabled:
            return self.unsubscribe(chat_id, now)
        return self.subscribe(chat_id, now=now)

    def toggle_bloc(self, chat_id: int, bloc: str, now: dt.datetime | None = None) -> Subscription:
        """Follow `bloc`, or stop following it (any of its names) when followed."""
        current = self.subscription(chat_id)
        kept = tuple(b for b in current.blocs if not self.calendar.blocs.same(b, bloc))
        blocs = kept if len(kept) < len(current.blocs) else (*current.blocs, bloc)
        return self._save(Subscription(chat_id, blocs, current.leads, current.enabled), now)

    def set_leads(
        self, chat_id: int, leads: str | Iterable[int], now: dt.datetime | None = None
    ) -> Subscription:
        """Set the lead times, as typed ("7, 1, 0") or as numbers; InputError when invalid."""
        wanted = parse_leads(leads if isinstance(leads, str) else ",".join(map(str, leads)))
        current = self.subscription(chat_id)
        return self._save(Subscription(chat_id, current.blocs, wanted, current.enabled), now)

    def toggle_lead(self, chat_id: int, days: int, now: dt.datetime | None = None) -> Subscription:
        """Add or remove one lead time (a chat keeps at least one)."""
        current = self.subscription(chat_id)
        leads = set(current.leads) ^ {days}
        return self.set_leads(chat_id, sorted(leads) or current.leads, now)

    def status_text(self, chat_id: int) -> str:
        """The chat's subscription as a message (/nhacnho)."""
        current = self.subscription(chat_id)
        leads = ", ".join(lead_label(d) for d in current.leads)
        return "\n".join(
            (
                STATUS_ON if current.enabled else STATUS_OFF,
                STATUS_BLOCS.format(blocs=", ".join(current.blocs) or ALL_BLOCS),
                STATUS_LEADS.format(leads=leads, hour=self.settings.send_hour),
            )
        )

    def agenda(self, chat_id: int, now: dt.datetime | None = None, days: int = 60) -> str:
        """The next `days` days' events of the chat's blocs, as a message (/lich)."""
        return self.calendar.agenda(self.subscription(chat_id).blocs, now, days)

    def ics(self, chat_id: int, now: dt.datetime | None = None, days: int = 60) -> bytes:
        """The same events as an iCalendar file."""
        return self.calendar.ics(self.subscription(chat_id).blocs, now, days)

    # -- admins' changes (/themlich, /sualich, /huylich): confirmations, or InputError --

    def add_event(
        self, chat_id: int, text: str, by: int | None = None, now: dt.datetime | None = None
    ) -> str:
        """Add an event from the arguments of /themlich (see calendar.USAGE_ADD); it is about
        the chat's bloc when the chat follows exactly one and the arguments name none."""
        blocs = self.subscription(chat_id).blocs
        occurrence = self.calendar.add(text, by, now, blocs[0] if len(blocs) == 1 else None)
        return ADDED.format(code=occurrence.code, event=occurrence.describe())

    def move_event(self, text: str, by: int | None = None, now: dt.datetime | None = None) -> str:
        """Move an occurrence: the arguments of /sualich (see calendar.USAGE_MOVE)."""
        occurrence = self.calendar.move(text, by, now)
        return MOVED.format(code=occurrence.code, event=occurrence.describe())

    def cancel_event(
        self, text: str, by: int | None = None, now: dt.datetime | None = None
    ) -> str:
        """Cancel an occurrence: the arguments of /huylich (see calendar.USAGE_CANCEL); the
        chats already reminded of it get a cancellation notice at the next scan."""
        occurrence = self.calendar.cancel(text, by, now)
        return CANCELLED.format(title=occurrence.event.title, date=format_date(occurrence.date))

    # -- delivery --

    def _slot(self, occurrence: Occurrence, lead: int) -> dt.datetime:
        day = occurrence.date - dt.timedelta(days=lead)
        return dt.datetime.combine(day, dt.time(self.settings.send_hour), self.zone)

    def due(self, now: dt.datetime | None = None) -> list[Reminder]:
        """Every message due now and not yet delivered (nor being delivered): a dry run."""
        now = localize(now, self.zone)
        today = now.date()
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(reminder_subscriptions).where(reminder_subscriptions.c.enabled)
                )
                .mappings()
                .all()
            )
        subscriptions = [self._subscription(row) for row in rows]
        if not subscriptions:
            return []
        leads = sorted({d for s in subscriptions for d in s.leads})
        ahead = self.calendar.occurrences(
            today, today + dt.timedelta(days=max(leads[-1], 1)), cancelled=True
        )
        ahead = [o for o in ahead if not o.passed(now, self.zone)]
        deliveries = self._deliveries(ahead)
        return [
            *self._due_reminders(
                [o for o in ahead if not o.cancelled], subscriptions, leads, deliveries, now
            ),
            *self._due_cancellations([o for o in ahead if o.cancelled], subscriptions, deliveries),
        ]

    def _due_reminders(
        self,
        occurrences: Sequence[Occurrence],
        subscriptions: Sequence[Subscription],
        leads: Sequence[int],
        deliveries: Mapping[_Key, tuple[str, int]],
        now: dt.datetime,
    ) -> Iterator[Reminder]:
        interval = dt.timedelta(minutes=self.settings.check_minutes)
        covers: dict[tuple[str | None, tuple[str, ...]], bool] = {}
        for occurrence in occurrences:
            event = occurrence.event
            slots = {d: self._slot(occurrence, d) for d in leads}
            changed = occurrence.changed_at or event.created_at
            texts: dict[bool, str] = {}
            for sub in subscriptions:
                key = (event.bloc, sub.blocs)
                if key not in covers:
                    covers[key] = self.calendar.blocs.covers(sub.blocs, event.bloc)
                if not covers[key]:
                    continue
                due_leads = [
                    d
                    for d in sub.leads
                    if slots[d] <= now and (sub.since is None or sub.since <= slots[d])
                ]
                if not due_leads:
                    continue
                lead = min(due_leads)
                state = deliveries.get(
                    (event.id, occurrence.date, sub.chat_id, Notice.REMINDER, lead)
                )
                if not _pending(state):
                    continue
                slot = slots[lead]
                late = now - max(slot, changed or slot) > interval
                if late not in texts:
                    texts[late] = self._reminder_text(occurrence, now, late)
                yield Reminder(
                    occurrence,
                    sub.chat_id,
                    Notice.REMINDER,
                    lead,
                    slot,
                    late,
                    texts[late],
                    retry=state is not None,
                )

    def _due_cancellations(
        self,
        occurrences: Sequence[Occurrence],
        subscriptions: Sequence[Subscription],
        deliveries: Mapping[_Key, tuple[str, int]],
    ) -> Iterator[Reminder]:
        enabled = {s.chat_id for s in subscriptions}
        for occurrence in occurrences:
            reminded = {
                chat
                for (event, _, chat, notice, _), (status, _) in deliveries.items()
                if event == occurrence.event.id
                and notice == Notice.REMINDER
                and status == Status.SENT
                and chat in enabled
            }
            for chat in sorted(reminded):
                state = deliveries.get(
                    (occurrence.event.id, occurrence.date, chat, Notice.CANCELLATION, 0)
                )
                if not _pending(state):
                    continue
                yield Reminder(
                    occurrence,
                    chat,
                    Notice.CANCELLATION,
                    0,
                    occurrence.changed_at or occurrence.start(self.zone),
                    False,
                    self._cancellation_text(occurrence),
                    retry=state is not None,
                )

    def _deliveries(self, occurrences: Sequence[Occurrence]) -> dict[_Key, tuple[str, int]]:
        """(event, date, chat, notice, lead) → (status, attempts) of the occurrences'
        deliveries; those of a moved occurrence's other dates are under their own dates."""
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
        found: dict[_Key, tuple[str, int]] = {}
        with self.engine.connect() as conn:
            for event, original, date, chat, notice, lead, status, attempts in conn.execute(query):
                if (event, original) in wanted:
                    found[(event, date, chat, notice, lead)] = (status, attempts)
        return found

    def _reminder_text(self, occurrence: Occurrence, now: dt.datetime, late: bool) -> str:
        days = (occurrence.date - now.date()).days
        when = (
            WHEN_TODAY
            if days == 0
            else WHEN_TOMORROW
            if days == 1
            else WHEN_DAYS.format(days=days)
        )
        header = REMINDER_HEADER.format(when=when) + (LATE if late else "")
        return f"{header}\n{occurrence.describe()}"

    @staticmethod
    def _cancellation_text(occurrence: Occurrence) -> str:
        text = CANCELLATION.format(title=occurrence.event.title, date=format_date(occurrence.date))
        if occurrence.reason:
            text += "\n" + CANCELLATION_REASON.format(reason=occurrence.reason)
        return text

    async def deliver(
        self, send: Send, now: dt.datetime | None = None, concurrency: int = 8
    ) -> DeliveryReport:
        """Send every due message once (see the module doc); a chat's messages go in order,
        up to `concurrency` chats at a time. The JobQueue job calls this every few minutes
        and once at start, so that what was missed while the bot was down goes out late."""
        now = localize(now, self.zone)
        due = await asyncio.to_thread(self.due, now)
        by_chat: dict[int, list[Reminder]] = {}
        for reminder in due:
            by_chat.setdefault(reminder.chat_id, []).append(reminder)
        report = DeliveryReport()
        gate = asyncio.Semaphore(concurrency)

        async def deliver_chat(reminders: list[Reminder]) -> None:
            async with gate:
                for reminder in reminders:
                    if not await asyncio.to_thread(self._claim, reminder, now):
                        report.skipped += 1
                        continue
                    try:
                        await send(reminder.chat_id, reminder.text)
                    except RecipientGone:
                        await asyncio.to_thread(self._gone, reminder, now)
                        report.gone.append(reminder.chat_id)
                        return
                    except Exception as exc:
                        log.warning("Reminder to chat %s failed: %r", reminder.chat_id, exc)
                        await asyncio.to_thread(self._mark, reminder, Status.FAILED, now, exc)
                        report.failed += 1
                        continue
                    await asyncio.to_thread(self._mark, reminder, Status.SENT, now)
                    report.sent += 1
                    report.late += reminder.late

        async with asyncio.TaskGroup() as group:
            for reminders in by_chat.values():
                group.create_task(deliver_chat(reminders))
        return report

    @staticmethod
    def _key(reminder: Reminder) -> dict[str, object]:
        occurrence = reminder.occurrence
        return {
            "event_id": occurrence.event.id,
            "date": occurrence.date,
            "chat_id": reminder.chat_id,
            "notice": str(reminder.notice),
            "lead_days": reminder.lead_days,
        }

    def _where(self, reminder: Reminder) -> list[ColumnElement[bool]]:
        table = reminder_deliveries
        return [table.c[name] == value for name, value in self._key(reminder).items()]

    def _claim(self, reminder: Reminder, now: dt.datetime) -> bool:
        """Take the reminder for this scanner: True when no one else has it."""
        table = reminder_deliveries
        if reminder.retry:
            with self.engine.begin() as conn:
                taken = conn.execute(
                    update(table)
                    .where(
                        *self._where(reminder),
                        table.c.status == Status.FAILED,
                        table.c.attempts < MAX_ATTEMPTS,
                    )
                    .values(
                        status=Status.SENDING,
                        attempts=table.c.attempts + 1,
                        late=reminder.late,
                        claimed_at=now,
                    )
                )
            return taken.rowcount == 1
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(table).values(
                        **self._key(reminder),
                        original=reminder.occurrence.original,
                        status=Status.SENDING,
                        attempts=1,
                        late=reminder.late,
                        claimed_at=now,
                    )
                )
        except IntegrityError:
            return False
        return True

    def _mark(
        self,
        reminder: Reminder,
        status: Status,
        now: dt.datetime,
        error: BaseException | None = None,
    ) -> None:
        table = reminder_deliveries
        values: dict[str, object] = {"status": status, "error": repr(error) if error else None}
        if status is Status.SENT:
            values["sent_at"] = now
        with self.engine.begin() as conn:
            conn.execute(update(table).where(*self._where(reminder)).values(**values))

    def _gone(self, reminder: Reminder, now: dt.datetime) -> None:
        """The chat blocked the bot: record it and unsubscribe the chat."""
        self._mark(reminder, Status.GONE, now)
        self.unsubscribe(reminder.chat_id, now)
