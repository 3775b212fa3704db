"""Reminder delivery with a controllable clock, on SQLite and on a throwaway PostgreSQL: each
reminder once at each lead time, nothing twice across restarts or concurrent scanners, late
reminders after downtime, moved and cancelled events, blocked chats and failing sends."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from bot.calendar.errors import InputError, Problem
from bot.calendar.events import Event, EventKind
from bot.calendar.reminders import RecipientGone, Reminder, ReminderService
from bot.calendar.schedule import Calendar
from bot.calendar.store import Status, reminder_deliveries
from bot.db import open_database
from bot.faces.calendar_text import reminder_message
from bot.settings import Settings
from bot.wiring import open_reminders
from tests.conftest import K5, ZONE

MEETING = Event(
    id="tong-ket-k5",
    kind=EventKind.MEETING,
    title="Hội nghị tổng kết năm 2026",
    date=dt.date(2026, 12, 15),
    time=dt.time(8, 0),
    bloc=K5,
    place="Cục Thuế tỉnh",
    source="calendar.yaml",
)
FOLLOWER, OTHER_BLOC, NEWCOMER = 100, 200, 300


def at(day: int, hour: int = 7, minute: int = 0, month: int = 12) -> dt.datetime:
    """A local time in December 2026 (the meeting is on the 15th at 08:00)."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=ZONE)


Factory = Callable[..., ReminderService]


@pytest.fixture
def start(database_url: str) -> Iterator[Factory]:
    """Starts the bot's reminder service over the test database; each call is a fresh start
    (a new engine, as after a restart) over the same state."""
    engines: list[Engine] = []

    def factory(events: list[Event] | None = None, province: str | None = None) -> ReminderService:
        engine = open_database(database_url)
        engines.append(engine)
        calendar = Calendar(engine, ZONE, [MEETING] if events is None else events)
        return ReminderService(engine, calendar, Settings().reminders, ZONE, province)

    yield factory
    for engine in engines:
        engine.dispose()


class Outbox:
    """The send function: records messages, worded as the faces word them; some chats blocked
    the bot, some fail."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.calls = 0
        self.blocked: set[int] = set()
        self.failures: dict[int, int] = {}  # chat → sends that fail before one succeeds

    async def __call__(self, reminder: Reminder) -> None:
        self.calls += 1
        await asyncio.sleep(0)
        chat_id = reminder.chat_id
        if chat_id in self.blocked:
            raise RecipientGone(chat_id)
        if self.failures.get(chat_id, 0) > 0:
            self.failures[chat_id] -= 1
            raise ConnectionError("network down")
        self.sent.append((chat_id, reminder_message(reminder)))

    def to(self, chat_id: int) -> list[str]:
        return [text for chat, text in self.sent if chat == chat_id]


async def scan_every(
    service: ReminderService, outbox: Outbox, first: dt.datetime, last: dt.datetime, minutes: int
) -> list[tuple[dt.datetime, int, str]]:
    """Scan at each step of the clock from `first` to `last`; (when, chat, text) of each send."""
    log: list[tuple[dt.datetime, int, str]] = []
    now = first
    while now <= last:
        before = len(outbox.sent)
        await service.deliver(outbox, now=now)
        log += [(now, chat, text) for chat, text in outbox.sent[before:]]
        now += dt.timedelta(minutes=minutes)
    return log


def _subscribe(service: ReminderService) -> None:
    service.subscribe(FOLLOWER, ["Khối 5"], now=at(1, 0, 0))
    service.subscribe(OTHER_BLOC, ["khối thi đua số 6"], now=at(1, 0, 0))


async def test_a_reminder_goes_out_once_at_each_lead_time(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    log = await scan_every(service, outbox, at(1, 0), at(16, 0), minutes=60)
    assert [(when, chat) for when, chat, _ in log] == [
        (at(8), FOLLOWER),
        (at(14), FOLLOWER),
        (at(15), FOLLOWER),
    ]
    first, second, third = (text for _, _, text in log)
    assert first.startswith("🔔 Nhắc lịch: còn 7 ngày\nCuộc họp: Hội nghị tổng kết năm 2026")
    assert "08:00, Thứ Ba 15/12/2026" in first
    assert "Địa điểm: Cục Thuế tỉnh" in first
    assert second.startswith("🔔 Nhắc lịch: ngày mai\n")
    assert third.startswith("🔔 Nhắc lịch: hôm nay\n")
    assert all("nhắc muộn" not in text for text in (first, second, third))


async def test_a_restart_between_two_scans_sends_nothing_twice(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    await service.deliver(outbox, now=at(8, 7, 0))
    assert len(outbox.to(FOLLOWER)) == 1
    restarted = start()
    assert restarted.due(at(8, 7, 5)) == []
    await scan_every(restarted, outbox, at(8, 7, 5), at(8, 9, 0), minutes=5)
    assert len(outbox.to(FOLLOWER)) == 1
    await restarted.deliver(outbox, now=at(14, 7, 0))
    assert len(outbox.to(FOLLOWER)) == 2


async def test_downtime_over_a_lead_time_sends_it_late_once(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    await service.deliver(outbox, now=at(8, 6, 55))
    assert outbox.sent == []
    # Down from 06:55 on the 8th to 10:00 on the 9th; on start the missed reminder goes out.
    restarted = start()
    log = await scan_every(restarted, outbox, at(9, 10, 0), at(9, 12, 0), minutes=5)
    assert [(when, chat) for when, chat, _ in log] == [(at(9, 10, 0), FOLLOWER)]
    assert log[0][2].startswith("🔔 Nhắc lịch: còn 6 ngày (nhắc muộn)\n")
    # A scan a few minutes after its slot is on time, not late.
    await restarted.deliver(outbox, now=at(14, 7, 4))
    assert outbox.to(FOLLOWER)[-1].startswith("🔔 Nhắc lịch: ngày mai\n")


async def test_downtime_over_two_lead_times_sends_only_the_latest(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    log = await scan_every(service, outbox, at(14, 9, 0), at(14, 10, 0), minutes=5)
    assert [text.split("\n")[0] for _, _, text in log] == ["🔔 Nhắc lịch: ngày mai (nhắc muộn)"]
    await service.deliver(outbox, now=at(15, 7, 0))
    assert len(outbox.to(FOLLOWER)) == 2


async def test_an_event_that_has_passed_is_never_reminded(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    assert service.due(at(15, 8, 0)) == []  # down over every slot until the meeting began
    await scan_every(service, outbox, at(15, 8, 0), at(20, 8, 0), minutes=24 * 60)
    assert outbox.sent == []


async def test_a_chat_is_reminded_only_of_slots_after_it_subscribed(start: Factory) -> None:
    service = start()
    service.subscribe(NEWCOMER, [K5], now=at(10, 9, 0))
    outbox = Outbox()
    await scan_every(service, outbox, at(10, 9, 0), at(14, 7, 0), minutes=60)
    assert [text.split("\n")[0] for text in outbox.to(NEWCOMER)] == ["🔔 Nhắc lịch: ngày mai"]


async def test_a_moved_event_rearms_its_reminders(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    await service.deliver(outbox, now=at(8, 7, 0))
    (occurrence,) = service.calendar.upcoming([K5], at(8, 7, 0))
    service.calendar.move(occurrence, dt.date(2026, 12, 18), occurrence.time, 1, at(10, 9))
    log = await scan_every(service, outbox, at(10, 9, 0), at(19, 0, 0), minutes=60)
    assert [(when, chat) for when, chat, _ in log] == [
        (at(11), FOLLOWER),
        (at(17), FOLLOWER),
        (at(18), FOLLOWER),
    ]
    assert "08:00, Thứ Sáu 18/12/2026" in log[0][2]
    assert "Lịch đã dời (trước đây: 08:00, 15/12/2026)." in log[0][2]
    assert "nhắc muộn" not in log[0][2]


async def test_moving_into_a_passed_slot_reminds_at_once_and_on_time(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    (occurrence,) = service.calendar.upcoming([K5], at(1, 7, 0))
    # Moved at 10:00 on the 9th to the 12th: the 7-day slot (5th) passed before the move.
    service.calendar.move(occurrence, dt.date(2026, 12, 12), dt.time(14, 0), now=at(9, 10))
    await service.deliver(outbox, now=at(9, 10, 0))
    (text,) = outbox.to(FOLLOWER)
    assert text.startswith("🔔 Nhắc lịch: còn 3 ngày\n")


async def test_a_cancelled_event_notifies_the_chats_already_reminded(start: Factory) -> None:
    service = start()
    _subscribe(service)
    outbox = Outbox()
    await service.deliver(outbox, now=at(8, 7, 0))
    service.subscribe(NEWCOMER, ["Khối 5"], now=at(9, 0, 0))
    (occurrence,) = service.calendar.upcoming([K5], at(9, 8, 0))
    service.calendar.cancel(occurrence, "hoãn theo chỉ đạo của UBND tỉnh", now=at(9, 8))
    log = await scan_every(service, outbox, at(9, 8, 5), at(16, 0, 0), minutes=60)
    assert [chat for _, chat, _ in log] == [FOLLOWER]
    assert log[0][2] == (
        "❌ Thông báo hủy lịch: “Hội nghị tổng kết năm 2026” ngày 15/12/2026 đã bị hủy.\n"
        "Lý do: hoãn theo chỉ đạo của UBND tỉnh"
    )
    assert outbox.to(NEWCOMER) == []


async def test_a_chat_that_blocked_the_bot_is_unsubscribed(start: Factory) -> None:
    service = start()
    _subscribe(service)
    service.subscribe(NEWCOMER, [K5], now=at(1, 0, 0))
    outbox = Outbox()
    outbox.blocked.add(FOLLOWER)
    report = await service.deliver(outbox, now=at(8, 7, 0))
    assert report.gone == [FOLLOWER]
    assert report.sent == 1
    assert not service.subscription(FOLLOWER).enabled
    await scan_every(service, outbox, at(8, 8, 0), at(16, 0, 0), minutes=60)
    assert outbox.calls == 1 + 3  # the refused send, then the newcomer's three reminders
    assert outbox.to(FOLLOWER) == []


async def test_a_failing_send_is_retried_a_few_times_never_duplicated(start: Factory) -> None:
    service = start()
    _subscribe(service)
    service.subscribe(NEWCOMER, [K5], now=at(1, 0, 0))
    outbox = Outbox()
    outbox.failures = {FOLLOWER: 2, NEWCOMER: 100}
    log = await scan_every(service, outbox, at(8, 7, 0), at(8, 8, 0), minutes=5)
    assert [(when, chat) for when, chat, _ in log] == [(at(8, 7, 10), FOLLOWER)]
    assert "(nhắc muộn)" in log[0][2]
    assert outbox.failures[NEWCOMER] == 100 - 3  # three attempts, then it gives up
    engine = service.engine
    with engine.connect() as conn:
        rows = conn.execute(
            select(reminder_deliveries.c.chat_id, reminder_deliveries.c.status)
        ).all()
    assert sorted(rows) == [(FOLLOWER, Status.SENT), (NEWCOMER, Status.FAILED)]


async def test_two_scanners_at_once_send_each_reminder_once(start: Factory) -> None:
    first, second = start(), start()
    for chat in range(1, 41):
        first.subscribe(chat, [K5], now=at(1, 0, 0))
    outbox = Outbox()
    reports = await asyncio.gather(
        first.deliver(outbox, now=at(8, 7, 0)), second.deliver(outbox, now=at(8, 7, 0))
    )
    assert sorted(chat for chat, _ in outbox.sent) == list(range(1, 41))
    assert sum(r.sent for r in reports) == 40


async def test_a_scanner_with_a_stale_due_list_cannot_send_again(
    start: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, slow = start(), start()
    _subscribe(first)
    stale = slow.due(at(8, 7, 0))  # computed before the first scanner delivered
    monkeypatch.setattr(slow, "due", lambda now=None: stale)
    outbox = Outbox()
    assert (await first.deliver(outbox, now=at(8, 7, 0))).sent == 1
    report = await slow.deliver(outbox, now=at(8, 7, 0))
    assert (report.sent, report.skipped) == (0, 1)
    assert len(outbox.sent) == 1


class Crash(BaseException):
    """The process dies in the middle of a send."""


async def test_a_send_cut_short_is_not_sent_again(start: Factory) -> None:
    service = start()
    _subscribe(service)

    async def dying(reminder: Reminder) -> None:
        raise Crash

    with pytest.raises(BaseExceptionGroup):
        await service.deliver(dying, now=at(8, 7, 0))
    # Whether the message went out is unknown: at most once, so it is not retried.
    outbox = Outbox()
    await start().deliver(outbox, now=at(8, 7, 5))
    assert outbox.sent == []
    with service.engine.connect() as conn:
        assert conn.execute(select(reminder_deliveries.c.status)).scalars().all() == [
            Status.SENDING
        ]


async def test_events_of_every_bloc_and_yearly_deadlines(start: Factory) -> None:
    deadline = Event(
        "ho-so",
        EventKind.DEADLINE,
        "Gửi hồ sơ khen thưởng",
        dt.date(2000, 12, 20),
        recurring=True,
        place="Sở Nội vụ",
        source="calendar.yaml",
    )
    service = start([deadline])
    _subscribe(service)
    service.set_leads(FOLLOWER, [1], now=at(1, 0, 0))
    service.set_leads(OTHER_BLOC, [1], now=at(1, 0, 0))
    outbox = Outbox()
    await service.deliver(outbox, now=at(19, 7, 0))
    await service.deliver(outbox, now=dt.datetime(2027, 12, 19, 7, 0, tzinfo=ZONE))
    assert sorted(chat for chat, _ in outbox.sent) == [FOLLOWER, FOLLOWER, OTHER_BLOC, OTHER_BLOC]
    assert "Hạn chót: Gửi hồ sơ khen thưởng\nChủ nhật 20/12/2026 (hằng năm)" in outbox.sent[0][1]
    assert "Nơi nhận: Sở Nội vụ" in outbox.sent[0][1]
    assert "Thứ Hai 20/12/2027 (hằng năm)" in outbox.sent[-1][1]


def _event(event_id: str, title: str, **fields: object) -> Event:
    """A meeting on 15/12/2026 at 08:00."""
    return Event(
        event_id, EventKind.MEETING, title, dt.date(2026, 12, 15), dt.time(8, 0), **fields
    )  # type: ignore[arg-type]


SCOPED_EVENTS = [
    _event("tinh", "Hội nghị triển khai công tác thi đua năm 2027"),
    _event("ca-mau", "Hội nghị của tỉnh Cà Mau", province="Cà Mau"),
    _event("long-an", "Hội nghị cũ của Long An", province="Long An"),  # merged into Tây Ninh
    _event("k5", "Họp Khối 5", bloc=K5),
    _event("y-te", "Tập huấn thi đua", sector="y tế"),
    _event("giao-duc", "Hội nghị tổng kết ngành giáo dục"),  # its title names the sector
    _event("k6-y-te", "Họp khối y tế", bloc="Khối thi đua số 6", sector="y tế"),
]
EVERY_CHAT, K5_CHAT, K6_CHAT, CA_MAU_CHAT, Y_TE_CHAT = 1, 5, 6, 7, 8


async def test_reminders_reach_only_the_chats_of_their_province_sector_and_bloc(
    start: Factory,
) -> None:
    service = start(SCOPED_EVENTS, province="Tây Ninh")
    since = at(1, 0, 0)
    service.subscribe(EVERY_CHAT, now=since)
    service.subscribe(K5_CHAT, ["Khối 5"], now=since)
    service.subscribe(K6_CHAT, ["Khối 6"], now=since)
    service.set_province(CA_MAU_CHAT, "Cà Mau", now=since)
    service.subscribe(CA_MAU_CHAT, now=since)
    service.toggle_sector(Y_TE_CHAT, "y tế", now=since)
    service.subscribe(Y_TE_CHAT, now=since)
    due = service.due(at(14, 7, 0))
    received: dict[int, set[str]] = {}
    for reminder in due:
        received.setdefault(reminder.chat_id, set()).add(reminder.occurrence.event.id)
    whole_province = {"tinh", "long-an"}
    assert received == {
        EVERY_CHAT: whole_province | {"k5", "y-te", "giao-duc", "k6-y-te"},
        K5_CHAT: whole_province | {"k5", "y-te", "giao-duc"},
        K6_CHAT: whole_province | {"y-te", "giao-duc", "k6-y-te"},
        CA_MAU_CHAT: {"ca-mau"},
        Y_TE_CHAT: whole_province | {"k5", "y-te", "k6-y-te"},
    }
    # What /nhacnho previews and /lich lists is what the chat receives.
    for chat, events in received.items():
        agenda = service.agenda(chat, now=at(14, 7, 0))
        assert {o.event.id for o in agenda.occurrences} == events


def test_subscription_settings(start: Factory) -> None:
    service = start()
    assert not service.subscription(FOLLOWER).enabled
    assert service.subscription(FOLLOWER).leads == (7, 1, 0)
    service.subscribe(FOLLOWER, now=at(1))
    service.toggle_bloc(FOLLOWER, "Khối 5", now=at(1))
    service.toggle_bloc(FOLLOWER, "Khối 6", now=at(1))
    assert service.toggle_bloc(FOLLOWER, "khối thi đua số 6", now=at(1)).blocs == ("Khối 5",)
    assert service.toggle_lead(FOLLOWER, 7, now=at(1)).leads == (1, 0)
    assert service.toggle_lead(FOLLOWER, 3, now=at(1)).leads == (3, 1, 0)
    assert service.toggle_lead(FOLLOWER, 3, now=at(1)).leads == (1, 0)
    assert service.toggle_lead(FOLLOWER, 1, now=at(1)).leads == (0,)
    assert service.toggle_lead(FOLLOWER, 0, now=at(1)).leads == (0,)  # at least one is kept
    assert not service.toggle(FOLLOWER, now=at(2)).enabled
    assert service.subscription(FOLLOWER).blocs == ("Khối 5",)  # kept while off
    for leads, problem in [
        ((), Problem.NO_LEADS),
        ((90,), Problem.BAD_LEADS),
        ((6, 5, 4, 3, 2, 1), Problem.BAD_LEADS),
    ]:
        with pytest.raises(InputError) as caught:
            service.set_leads(FOLLOWER, leads)
        assert caught.value.problem is problem
    assert service.set_leads(FOLLOWER, [1, 7, 1], now=at(2)).leads == (7, 1)
    agenda = service.agenda(FOLLOWER, now=at(1))
    assert [o.event.title for o in agenda.occurrences] == ["Hội nghị tổng kết năm 2026"]


CALENDAR_FILE = """\
- id: tong-ket-k5
  kind: meeting
  title: Hội nghị tổng kết năm 2026
  bloc: Khối thi đua số 5
  date: 15/12/2026
  time: 08:00
- id: sai
  kind: meeting
  title: Họp sai ngày
  date: 32/12/2026
"""


def test_the_command_line_lists_events_and_previews_reminders(
    cli: typer.Typer, tmp_path: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "calendar.yaml").write_text(CALENDAR_FILE, encoding="utf-8")
    runner = CliRunner()
    listed = runner.invoke(cli, ["calendar", "--json", "--now", "2026-12-01T09:00"])
    assert listed.exit_code == 0, listed.output
    (line,) = listed.stdout.strip().splitlines()
    assert json.loads(line)["date"] == "2026-12-15"
    assert "calendar.yaml, mục 2 (id: sai), dòng 7" in listed.stderr
    service, _ = open_reminders(Settings())
    service.subscribe(FOLLOWER, ["Khối 5"], now=at(1))
    service.engine.dispose()
    preview = runner.invoke(cli, ["remind", "--dry-run", "--now", "2026-12-08T07:00"])
    assert preview.exit_code == 0, preview.output
    assert preview.stdout.startswith("→ chat 100: nhắc trước 7 ngày\n    🔔 Nhắc lịch: còn 7 ngày")
    # A preview sends nothing: the same reminder is still due.
    again = runner.invoke(cli, ["remind", "--dry-run", "--now", "2026-12-08T07:00"])
    assert again.stdout == preview.stdout
    nothing = runner.invoke(cli, ["remind", "--dry-run", "--now", "2026-12-02T07:00"])
    assert nothing.stdout.strip() == "Không có nhắc nhở nào cần gửi lúc 07:00 02/12/2026."
    assert runner.invoke(cli, ["remind"]).exit_code == 2
