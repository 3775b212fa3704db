"""Reminders before meetings and deadlines: what each chat follows, and the scan that sends what
is due. Knows nothing of Telegram nor of wording: delivery goes through an async
`send(reminder)` that the face provides, and that raises `RecipientGone` for a chat that no
longer accepts the bot's messages.

Whom. A chat is reminded of the events of its province, sectors and blocs (see
`bot.calendar.audience`).

When. Times are in the configured zone (Asia/Ho_Chi_Minh). The reminder of lead time d (days)
for an occurrence is due at `send_hour` o'clock on its date minus d days, and only while the
occurrence is not over. When several of a chat's lead times are due and unsent (the bot was down
over one of them), only the shortest is sent: one late reminder, not a burst of stale ones. A
chat is reminded of slots after it subscribed or last changed its settings, never of older ones.
A reminder sent more than one scan interval after its slot (or after the admin's change that
made it due) is late. A moved occurrence has another date, hence new reminders; a cancelled one
sends a cancellation notice to every chat already reminded of it (and still subscribed).

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
import dataclasses
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.calendar.audience import Audience, follows
from bot.calendar.dates import localize
from bot.calendar.errors import InputError, Problem
from bot.calendar.events import Occurrence
from bot.calendar.schedule import Agenda, Calendar, NewEvent
from bot.calendar.store import (
    MAX_ATTEMPTS,
    Deliveries,
    DeliveryKey,
    Notice,
    ReminderStore,
    Status,
    Subscription,
)
from bot.settings import ReminderSettings

log = logging.getLogger(__name__)

MAX_LEAD_DAYS = 60
MAX_LEADS = 5
LEAD_CHOICES = (14, 7, 3, 1, 0)  # offered as buttons


class RecipientGone(Exception):
    """The chat no longer accepts the bot's messages (it blocked the bot, or the group is gone):
    the send function raises it, and the chat is unsubscribed."""


@dataclass(frozen=True)
class Reminder:
    """One message due to one chat: a reminder `days` days before the occurrence (at the
    scan), or the notice of its cancellation."""

    occurrence: Occurrence
    chat_id: int
    notice: Notice
    lead_days: int
    slot: dt.datetime
    late: bool
    days: int = 0
    retry: bool = False  # an earlier attempt failed

    @property
    def key(self) -> DeliveryKey:
        """Its identity among the deliveries."""
        occurrence = self.occurrence
        return DeliveryKey(
            occurrence.event.id, occurrence.date, self.chat_id, str(self.notice), self.lead_days
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-able dict, for the command line's dry run."""
        return {
            "chat_id": self.chat_id,
            "notice": str(self.notice),
            "lead_days": self.lead_days,
            "slot": self.slot.isoformat(),
            "late": self.late,
            "event": self.occurrence.to_dict(),
        }


Send = Callable[[Reminder], Awaitable[None]]


@dataclass
class DeliveryReport:
    """What one scan did."""

    sent: int = 0
    late: int = 0
    failed: int = 0
    skipped: int = 0  # claimed by another scanner meanwhile
    gone: list[int] = field(default_factory=list)


def _pending(state: tuple[str, int] | None) -> bool:
    """Whether a delivery (status, attempts) may still be sent: never tried, or failed and
    not yet tried MAX_ATTEMPTS times."""
    return state is None or (state[0] == Status.FAILED and state[1] < MAX_ATTEMPTS)


class ReminderService:
    """Subscriptions, the calendar they follow, and the delivery of due reminders."""

    def __init__(
        self,
        engine: Engine,
        calendar: Calendar,
        settings: ReminderSettings,
        zone: ZoneInfo,
        province: str | None = None,
    ) -> None:
        self.engine = engine
        self.calendar = calendar
        self.settings = settings
        self.zone = zone
        self.province = province  # the deployment's (DEFAULT_PROVINCE): a chat's by default
        self.default_leads = tuple(sorted(set(settings.lead_days), reverse=True))
        self.store = ReminderStore(engine)

    # -- subscriptions --

    def subscription(self, chat_id: int) -> Subscription:
        """The chat's subscription (a disabled one with the defaults when it has none)."""
        found = self.store.subscription(chat_id)
        return found or Subscription(chat_id, leads=self.default_leads)

    def _save(self, subscription: Subscription, now: dt.datetime | None) -> Subscription:
        """Store a changed subscription; its reminders start from now (see the module doc)."""
        saved = dataclasses.replace(subscription, since=localize(now, self.zone))
        self.store.save(saved)
        return saved

    def audience(self) -> Audience:
        """Whom events concern, over the calendar's current bloc names."""
        return Audience(self.calendar.blocs, self.province)

    def subscribe(
        self, chat_id: int, blocs: Sequence[str] | None = None, now: dt.datetime | None = None
    ) -> Subscription:
        """Turn the chat's reminders on, following `blocs` (None keeps the current ones)."""
        current = self.subscription(chat_id)
        followed = current.blocs if blocs is None else tuple(blocs)
        return self._save(dataclasses.replace(current, blocs=followed, enabled=True), now)

    def unsubscribe(self, chat_id: int, now: dt.datetime | None = None) -> Subscription:
        """Turn the chat's reminders off (what it follows and its lead times are kept)."""
        current = self.subscription(chat_id)
        return self._save(dataclasses.replace(current, enabled=False), now)

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
        return self._save(dataclasses.replace(current, blocs=blocs), now)

    def toggle_sector(
        self, chat_id: int, sector: str, now: dt.datetime | None = None
    ) -> Subscription:
        """Follow `sector` (a key of `lexicon.SECTORS`), or stop following it when followed."""
        current = self.subscription(chat_id)
        kept = tuple(s for s in current.sectors if s != sector)
        sectors = kept if len(kept) < len(current.sectors) else (*current.sectors, sector)
        return self._save(dataclasses.replace(current, sectors=sectors), now)

    def set_province(
        self, chat_id: int, province: str | None, now: dt.datetime | None = None
    ) -> Subscription:
        """Follow the events of `province` (None: the deployment's)."""
        current = self.subscription(chat_id)
        return self._save(dataclasses.replace(current, province=province), now)

    def set_leads(
        self, chat_id: int, leads: Iterable[int], now: dt.datetime | None = None
    ) -> Subscription:
        """Set the lead times (days before an occurrence; 0: its morning). InputError NO_LEADS
        for none, BAD_LEADS for more than MAX_LEADS or one over MAX_LEAD_DAYS."""
        given = tuple(leads)
        if not given:
            raise InputError(Problem.NO_LEADS)
        if not all(0 <= d <= MAX_LEAD_DAYS for d in given) or len(given) > MAX_LEADS:
            raise InputError(Problem.BAD_LEADS, leads=given, most=MAX_LEAD_DAYS)
        wanted = tuple(sorted(set(given), reverse=True))
        current = self.subscription(chat_id)
        return self._save(dataclasses.replace(current, leads=wanted), now)

    def toggle_lead(self, chat_id: int, days: int, now: dt.datetime | None = None) -> Subscription:
        """Add or remove one lead time (a chat keeps at least one)."""
        current = self.subscription(chat_id)
        leads = set(current.leads) ^ {days}
        return self.set_leads(chat_id, sorted(leads) or current.leads, now)

    def agenda(self, chat_id: int, now: dt.datetime | None = None, days: int = 60) -> Agenda:
        """The next `days` days' events that concern the chat: what /lich lists, and what
        /nhacnho shows the chat will be reminded of."""
        subscription = self.subscription(chat_id)
        agenda = self.calendar.agenda(subscription.blocs, now, days)
        audience, followed = self.audience(), follows(subscription)
        concerned = tuple(
            o for o in agenda.occurrences if audience.concerns(followed, audience.about(o.event))
        )
        return dataclasses.replace(agenda, occurrences=concerned)

    def add_event(
        self, chat_id: int, new: NewEvent, by: int | None = None, now: dt.datetime | None = None
    ) -> Occurrence:
        """Add an admin's event (see `Calendar.add`); one that names no bloc (no sector) is
        about the chat's when the chat follows exactly one, and of the chat's province."""
        current = self.subscription(chat_id)
        if new.bloc is None and len(current.blocs) == 1:
            new = dataclasses.replace(new, bloc=current.blocs[0])
        if new.sector is None and len(current.sectors) == 1:
            new = dataclasses.replace(new, sector=current.sectors[0])
        if new.province is None:
            new = dataclasses.replace(new, province=current.province)
        return self.calendar.add(new, by, now)

    # -- delivery --

    def _slot(self, occurrence: Occurrence, lead: int) -> dt.datetime:
        day = occurrence.date - dt.timedelta(days=lead)
        return dt.datetime.combine(day, dt.time(self.settings.send_hour), self.zone)

    def due(self, now: dt.datetime | None = None) -> list[Reminder]:
        """Every message due now and not yet delivered (nor being delivered): a dry run."""
        now = localize(now, self.zone)
        today = now.date()
        subscriptions = self.store.enabled()
        if not subscriptions:
            return []
        leads = sorted({d for s in subscriptions for d in s.leads})
        ahead = self.calendar.occurrences(
            today, today + dt.timedelta(days=max(leads[-1], 1)), cancelled=True
        )
        ahead = [o for o in ahead if not o.passed(now, self.zone)]
        deliveries = self.store.deliveries(ahead)
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
        deliveries: Deliveries,
        now: dt.datetime,
    ) -> Iterator[Reminder]:
        interval = dt.timedelta(minutes=self.settings.check_minutes)
        recipients = self.audience().recipients(subscriptions)
        for occurrence in occurrences:
            event = occurrence.event
            slots = {d: self._slot(occurrence, d) for d in leads}
            if min(slots.values()) > now:
                continue  # even the longest lead time is still ahead
            changed = occurrence.changed_at or event.created_at
            days = (occurrence.date - now.date()).days
            # The lead due now depends only on the lead times and the start of the subscription,
            # which many chats share.
            due_lead: dict[tuple[tuple[int, ...], dt.datetime | None], int | None] = {}
            for sub in recipients.of(event):
                plan = (sub.leads, sub.since)
                if plan not in due_lead:
                    due = [
                        d
                        for d in sub.leads
                        if slots[d] <= now and (sub.since is None or sub.since <= slots[d])
                    ]
                    due_lead[plan] = min(due) if due else None
                lead = due_lead[plan]
                if lead is None:
                    continue
                state = deliveries.get(
                    (event.id, occurrence.date, sub.chat_id, Notice.REMINDER, lead)
                )
                if not _pending(state):
                    continue
                slot = slots[lead]
                yield Reminder(
                    occurrence,
                    sub.chat_id,
                    Notice.REMINDER,
                    lead,
                    slot,
                    late=now - max(slot, changed or slot) > interval,
                    days=days,
                    retry=state is not None,
                )

    def _due_cancellations(
        self,
        occurrences: Sequence[Occurrence],
        subscriptions: Sequence[Subscription],
        deliveries: Deliveries,
    ) -> Iterator[Reminder]:
        enabled = {s.chat_id for s in subscriptions}
        reminded: dict[str, set[int]] = {}
        if occurrences:
            for (event, _, chat, notice, _), (status, _) in deliveries.items():
                if notice == Notice.REMINDER and status == Status.SENT and chat in enabled:
                    reminded.setdefault(event, set()).add(chat)
        for occurrence in occurrences:
            for chat in sorted(reminded.get(occurrence.event.id, ())):
                state = deliveries.get(
                    DeliveryKey(occurrence.event.id, occurrence.date, chat, Notice.CANCELLATION, 0)
                )
                if not _pending(state):
                    continue
                yield Reminder(
                    occurrence,
                    chat,
                    Notice.CANCELLATION,
                    0,
                    occurrence.changed_at or occurrence.start(self.zone),
                    late=False,
                    retry=state is not None,
                )

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
                        await send(reminder)
                    except RecipientGone:
                        await asyncio.to_thread(self._gone, reminder, now)
                        report.gone.append(reminder.chat_id)
                        return
                    except Exception as exc:
                        log.warning("Reminder to chat %s failed: %r", reminder.chat_id, exc)
                        await asyncio.to_thread(
                            self.store.mark, reminder.key, Status.FAILED, now, exc
                        )
                        report.failed += 1
                        continue
                    await asyncio.to_thread(self.store.mark, reminder.key, Status.SENT, now)
                    report.sent += 1
                    report.late += reminder.late

        async with asyncio.TaskGroup() as group:
            for reminders in by_chat.values():
                group.create_task(deliver_chat(reminders))
        return report

    def _claim(self, reminder: Reminder, now: dt.datetime) -> bool:
        """Take the reminder for this scanner: True when no one else has it."""
        original = reminder.occurrence.original
        return self.store.claim(reminder.key, original, reminder.late, reminder.retry, now)

    def _gone(self, reminder: Reminder, now: dt.datetime) -> None:
        """The chat blocked the bot: record it and unsubscribe the chat."""
        self.store.mark(reminder.key, Status.GONE, now)
        self.unsubscribe(reminder.chat_id, now)
