"""The admins' calendar commands in Telegram (/themlich, /sualich, /huylich): their argument
grammar and their replies, and the /nhacnho status, without Telegram."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from bot.calendar.errors import InputError
from bot.calendar.events import Event, EventKind
from bot.calendar.reminders import ReminderService
from bot.calendar.schedule import Calendar
from bot.faces.calendar_text import agenda_text, problem
from bot.faces.ics import to_ics
from bot.faces.telegram.calendar_commands import (
    AdminCommand,
    ArgumentError,
    add,
    cancel,
    move,
    parse_new_event,
    parse_province,
    status,
)
from bot.settings import Settings
from tests.conftest import K5, ZONE, meeting

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
CHAT = 100

Factory = Callable[..., ReminderService]


@pytest.fixture
def start(state_engine: Engine) -> Factory:
    """A reminder service over the test database, with the given file and document events."""

    def factory(events: list[Event] | None = None) -> ReminderService:
        calendar = Calendar(state_engine, ZONE, [] if events is None else events)
        return ReminderService(state_engine, calendar, Settings().reminders, ZONE)

    return factory


def _command(text: str, now: dt.datetime = NOW) -> AdminCommand:
    return AdminCommand(CHAT, text, 42, now)


def test_admins_add_an_event_with_its_details(start: Factory) -> None:
    service = start()
    service.subscribe(CHAT, [K5], now=NOW)
    reply = add(
        service,
        _command(
            "15/12/2026 08:00 Hội nghị tổng kết năm 2026; tại: Cục Thuế tỉnh; chủ trì: Cục Thuế;"
            " ghi chú: mỗi đơn vị 02 đại biểu"
        ),
    )
    (occurrence,) = service.calendar.upcoming([], NOW)
    assert reply.startswith(f"Đã thêm vào lịch (mã {occurrence.code}):\nCuộc họp: ")
    event = occurrence.event
    assert (event.title, event.kind, event.bloc) == ("Hội nghị tổng kết năm 2026", "meeting", K5)
    assert (occurrence.date, occurrence.time) == (dt.date(2026, 12, 15), dt.time(8, 0))
    assert (event.place, event.host) == ("Cục Thuế tỉnh", "Cục Thuế")
    assert event.note == "mỗi đơn vị 02 đại biểu"
    deadline = parse_new_event("20/12 Hạn gửi hồ sơ khen thưởng\nhằng năm\nkhối: Khối 6")
    assert deadline.kind is EventKind.DEADLINE
    assert deadline.recurring
    assert (deadline.day, deadline.month, deadline.year) == (20, 12, None)
    assert deadline.bloc == "Khối 6"
    assert parse_new_event("16/12/2026 14g Họp; loại: hạn").kind is EventKind.DEADLINE


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            "31/02/2026 Họp khối",
            "Ngày không hợp lệ: “31/02/2026”. Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026.",
        ),
        ("mai Họp khối", "Ngày không hợp lệ: “mai”. Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026."),
        ("15/12 Họp khối", "Ngày “15/12” thiếu năm. Dùng dạng dd/mm/yyyy"),
        ("01/11/2026 Họp khối", "Ngày 01/11/2026 đã qua."),
        ("15/12/2026 25:00 Họp khối", "Giờ không hợp lệ: “25:00”. Dùng dạng hh:mm"),
        ("15/12/2026 08:00", "Thiếu tên sự kiện."),
        ("15/12/2026 Họp khối; phòng: 3", "Không hiểu “phòng: 3”."),
        ("15/12/2026 Họp khối; loại: tiệc", "Loại sự kiện “tiệc” không hợp lệ"),
        ("", "Cách dùng: /themlich <ngày> [giờ] <tên sự kiện>"),
    ],
)
def test_bad_admin_input_says_the_expected_form(
    start: Factory, arguments: str, message: str
) -> None:
    service = start()
    assert add(service, _command(arguments)).startswith(message)
    assert service.calendar.upcoming([], NOW) == []


def test_admins_move_and_cancel_one_occurrence_by_its_code(start: Factory) -> None:
    yearly = Event(
        "han", EventKind.DEADLINE, "Hạn gửi hồ sơ", dt.date(2000, 12, 20), recurring=True
    )
    service = start([meeting(), yearly])
    first, deadline = service.calendar.upcoming([], NOW, days=60)
    reply = move(service, _command(f"{first.code} 18/12/2026 14:00"))
    assert "Lịch đã dời (trước đây: 08:00, 15/12/2026)." in reply
    assert service.calendar.find(first.code, NOW).date == dt.date(2026, 12, 18)
    reply = cancel(service, _command(f"#{deadline.code.upper()} hoãn theo chỉ đạo"))
    assert reply.startswith("Đã hủy “Hạn gửi hồ sơ” ngày 20/12/2026.")
    assert service.calendar.find(deadline.code, NOW).reason == "hoãn theo chỉ đạo"
    assert "đã bị hủy trước đó" in cancel(service, _command(deadline.code))
    assert "đã bị hủy trước đó" in move(service, _command(f"{deadline.code} 21/12/2026"))
    assert move(service, _command("zzz999 18/12/2026")).startswith(
        "Không tìm thấy sự kiện sắp tới có mã “zzz999”"
    )
    assert move(service, _command(first.code)).startswith("Cách dùng: /sualich")
    assert move(service, _command(f"{first.code} 32/12/2026")).startswith("Ngày không hợp lệ")
    # A past date is named before a malformed time, as the arguments go.
    assert move(service, _command(f"{first.code} 01/01/2026 25:00")).startswith(
        "Ngày 01/01/2026 đã qua."
    )
    assert cancel(service, _command(" ")).startswith("Cách dùng: /huylich")


def test_admin_commands_reply_in_vietnamese(start: Factory) -> None:
    at = dt.datetime(2026, 12, 1, 7, 0, tzinfo=ZONE)
    service = start()
    service.subscribe(CHAT, ["Khối 5"], now=at)
    reply = add(service, _command("15/12/2026 08:00 Họp khối; tại: Cục Thuế tỉnh", at))
    assert reply.startswith("Đã thêm vào lịch (mã ")
    assert "Khối: Khối 5\nĐịa điểm: Cục Thuế tỉnh" in reply  # the chat's bloc
    (occurrence,) = service.calendar.upcoming([], at)
    assert f"(mã {occurrence.code})" in reply
    reply = move(service, _command(f"{occurrence.code} 16/12/2026", at + dt.timedelta(days=1)))
    assert reply.startswith(f"Đã dời lịch (mã {occurrence.code}):\nCuộc họp: Họp khối\n08:00")
    assert "Lịch đã dời (trước đây: 08:00, 15/12/2026)." in reply
    assert cancel(service, _command(occurrence.code, at + dt.timedelta(days=2))) == (
        "Đã hủy “Họp khối” ngày 16/12/2026. Các nhóm đã được nhắc sẽ nhận thông báo hủy."
    )
    agenda = service.agenda(CHAT, now=at + dt.timedelta(days=2))
    assert agenda_text(agenda).startswith("Không có lịch họp hay hạn nộp nào")


def test_the_subscription_status_and_refused_lead_times(start: Factory) -> None:
    at = dt.datetime(2026, 12, 1, 7, 0, tzinfo=ZONE)
    service = start([meeting()])
    service.subscribe(CHAT, ["Khối 5"], now=at)
    service.set_leads(CHAT, [3, 1, 0], now=at)
    hour = service.settings.send_hour
    service.toggle_sector(CHAT, "y tế", now=at)
    assert status(service.subscription(CHAT), hour, "Tây Ninh") == (
        "Nhắc lịch: đang bật.\nTỉnh: Tây Ninh\nKhối theo dõi: Khối 5\nNgành theo dõi: Y tế\n"
        "Nhắc trước: 3 ngày, 1 ngày, sáng hôm diễn ra, lúc 07:00."
    )
    service.toggle(CHAT, now=at)
    assert status(service.subscription(CHAT), hour).startswith("Nhắc lịch: đang tắt.")
    assert status(service.subscription(999), hour) == (
        "Nhắc lịch: đang tắt.\nTỉnh: tất cả các tỉnh\nKhối theo dõi: Tất cả các khối\n"
        "Ngành theo dõi: Tất cả các ngành\n"
        "Nhắc trước: 7 ngày, 1 ngày, sáng hôm diễn ra, lúc 07:00."
    )
    with pytest.raises(InputError) as caught:
        service.set_leads(CHAT, [])
    assert "ví dụ 7, 1, 0" in problem(caught.value)
    with pytest.raises(InputError) as caught:
        service.set_leads(CHAT, [90])
    assert problem(caught.value).startswith("Thời điểm nhắc không hợp lệ: “90”")
    agenda = service.agenda(CHAT, now=at)
    assert "Hội nghị tổng kết năm 2026" in agenda_text(agenda)
    assert b"BEGIN:VEVENT" in to_ics(agenda)


def test_the_province_of_nhacnho_and_the_sector_of_themlich() -> None:
    assert parse_province("tỉnh tay ninh") == "Tây Ninh"
    assert parse_province("Tỉnh mặc định") is None
    with pytest.raises(ArgumentError, match="Không nhận ra tỉnh “Khối 5”"):
        parse_province("Khối 5")
    assert parse_new_event("15/12/2026 Tập huấn; ngành: Y tế").sector == "y tế"
    with pytest.raises(ArgumentError, match="Ngành “thuế” không rõ"):
        parse_new_event("15/12/2026 Tập huấn; ngành: thuế")
