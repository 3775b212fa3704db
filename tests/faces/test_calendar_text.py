"""The calendar in words: the calendar file's errors, refused dates and times, occurrences,
agendas, reminders and the .ics export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import Engine

from bot.calendar.dates import parse_day, parse_time
from bot.calendar.errors import InputError
from bot.calendar.events import EventKind
from bot.calendar.schedule import Calendar
from bot.calendar.sources import load_calendar_file
from bot.faces.calendar_text import agenda_text, describe, file_error, problem
from bot.faces.ics import to_ics
from tests.conftest import GOOD_AND_BAD, NOT_TABLES, ZONE, meeting

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)


def _file_errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    return [file_error(error) for error in load_calendar_file(path)[1]]


def test_malformed_entries_are_named_with_what_is_wrong(tmp_path: Path) -> None:
    messages = _file_errors(tmp_path, GOOD_AND_BAD)
    assert len(messages) == 6
    assert messages[0].startswith("calendar.yaml, mục 2 (id: sai-ngay), dòng 7:")
    assert "31/02/2026" in messages[0]
    assert "dd/mm/yyyy" in messages[0]
    assert "mục 3" in messages[1]
    assert "thiếu trường: title" in messages[1]
    assert "weather" in messages[2]
    assert "id “tong-ket” đã dùng" in messages[3]
    assert "thiếu năm" in messages[4]
    assert "plcae" in messages[5]
    assert messages[5].endswith(
        "trường không biết: plcae (dùng: id, kind, title, bloc, province, date, time, place, "
        "host, recurring, note)"
    )


def test_entries_that_are_not_tables_of_single_values_are_named(tmp_path: Path) -> None:
    assert _file_errors(tmp_path, NOT_TABLES) == [
        "calendar.yaml, mục 1, dòng 1: mỗi sự kiện phải là một bảng “khóa: giá trị”",
        "calendar.yaml, mục 2 (id: hai-ten), dòng 2: trường “title” phải là một giá trị đơn",
    ]


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    (message,) = _file_errors(tmp_path, "- kind: meeting\n  title: [chưa đóng\n")
    assert "không đọc được YAML" in message


def test_a_refused_date_or_time_says_the_expected_form() -> None:
    for bad in ("31/02/2026", "15/13/2026", "mai", "15/12/1890"):
        with pytest.raises(InputError) as caught:
            parse_day(bad)
        assert "Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026" in problem(caught.value)
    with pytest.raises(InputError) as caught:
        parse_time("25:00")
    assert problem(caught.value) == (
        "Giờ không hợp lệ: “25:00”. Dùng dạng hh:mm, ví dụ 08:00 hoặc 14:30."
    )


def test_an_occurrence_in_words(state_engine: Engine) -> None:
    calendar = Calendar(state_engine, ZONE, [meeting(note="02 đại biểu")])
    (occurrence,) = calendar.upcoming([], NOW)
    moved = calendar.move(occurrence, dt.date(2026, 12, 18), dt.time(14, 0), now=NOW)
    assert describe(moved) == (
        "Cuộc họp: Hội nghị tổng kết năm 2026\n"
        "14:00, Thứ Sáu 18/12/2026\n"
        "Khối: Khối thi đua số 5\n"
        "Địa điểm: Cục Thuế tỉnh\n"
        "Ghi chú: 02 đại biểu\n"
        "Lịch đã dời (trước đây: 08:00, 15/12/2026).\n"
        "Nguồn: calendar.yaml"
    )


def test_an_agenda_in_words(state_engine: Engine) -> None:
    events = [
        meeting(),
        meeting(id="chung", bloc=None, title="Hạn chung", kind=EventKind.DEADLINE, time=None),
    ]
    calendar = Calendar(state_engine, ZONE, events)
    text = agenda_text(calendar.agenda(["Khối 9"], NOW, days=60))
    assert text.startswith("Lịch 60 ngày tới (Khối 9):\n\n• [mã ")
    assert "] Hạn chót: Hạn chung\nThứ Ba 15/12/2026\nKhối: Tất cả các khối" in text
    assert agenda_text(calendar.agenda(["Cụm 9"], NOW, days=5)) == (
        "Không có lịch họp hay hạn nộp nào trong 5 ngày tới (Cụm 9)."
    )


def test_the_ics_file_parses_with_a_real_icalendar_library(state_engine: Engine) -> None:
    events = [
        meeting(),
        meeting(
            id="han",
            kind=EventKind.DEADLINE,
            title="Hạn gửi hồ sơ",
            time=None,
            date=dt.date(2026, 12, 20),
            place="Sở Nội vụ",
        ),
    ]
    calendar = Calendar(state_engine, ZONE, events)
    parsed = icalendar.Calendar.from_ical(to_ics(calendar.agenda(["Khối 5"], NOW)))
    items = list(parsed.walk("VEVENT"))
    assert [str(i["SUMMARY"]) for i in items] == [
        "Cuộc họp: Hội nghị tổng kết năm 2026",
        "Hạn chót: Hạn gửi hồ sơ",
    ]
    start = items[0].decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 15, 8, 0, tzinfo=ZONE)
    assert start.utcoffset() == dt.timedelta(hours=7)
    assert str(items[0]["LOCATION"]) == "Cục Thuế tỉnh"
    assert items[1].decoded("DTSTART") == dt.date(2026, 12, 20)
    assert "LOCATION" not in items[1]
    assert len({str(i["UID"]) for i in items}) == 2
    assert [tz.tz_name for tz in parsed.timezones] == ["Asia/Ho_Chi_Minh"]
