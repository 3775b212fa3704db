"""The calendar: the secretariat's file, the documents' deadlines and meetings, bloc names, the
admins' additions, moves and cancellations, and the .ics export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlalchemy import Engine

from bot.calendar.events import (
    BlocNames,
    Calendar,
    Event,
    EventKind,
    InputError,
    events_from_facts,
    load_calendar_file,
    load_events,
    merge_events,
    parse_day,
    parse_time,
    same_bloc_name,
)
from bot.db import open_database
from bot.facts.extract import Fact, FactKind
from bot.facts.store import FactStore
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
K5 = "Khối thi đua số 5"

GOOD_AND_BAD = """\
- id: tong-ket
  kind: meeting
  title: Hội nghị tổng kết năm 2026
  bloc: Khối thi đua số 5
  date: 15/12/2026
  time: 8:00
- id: sai-ngay
  kind: meeting
  title: Hội nghị sơ kết
  date: 31/02/2026
- kind: deadline
  date: 20/12
  recurring: true
- id: thoi-tiet
  kind: weather
  title: Mưa
  date: 01/12/2026
- kind: deadline
  title: Gửi hồ sơ khen thưởng
  date: 20/12
  recurring: hằng năm
- id: tong-ket
  kind: meeting
  title: Trùng mã
  date: 16/12/2026
- kind: deadline
  title: Báo cáo quý
  date: 15/1
- kind: meeting
  title: Họp khối
  date: 2026-12-01
  plcae: Cục Thuế
"""


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path / 'calendar.sqlite3'}")
    yield engine
    engine.dispose()


def _meeting(**fields: object) -> Event:
    values: dict[str, object] = {
        "id": "tong-ket",
        "kind": EventKind.MEETING,
        "title": "Hội nghị tổng kết năm 2026",
        "date": dt.date(2026, 12, 15),
        "time": dt.time(8, 0),
        "bloc": K5,
        "place": "Cục Thuế tỉnh",
        "source": "calendar.yaml",
    }
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def test_the_sample_calendar_file_loads_without_errors() -> None:
    events, errors = load_calendar_file(ROOT / "knowledge" / "calendar.yaml")
    assert errors == []
    assert {e.kind for e in events} == {EventKind.MEETING, EventKind.DEADLINE}
    assert any(e.recurring for e in events)
    assert len({e.id for e in events}) == len(events)


def test_malformed_entries_are_named_and_the_others_still_load(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    events, errors = load_calendar_file(path)
    assert [e.title for e in events] == ["Hội nghị tổng kết năm 2026", "Gửi hồ sơ khen thưởng"]
    # "8:00" is a time, not the number 480 that YAML 1.1 would read.
    assert events[0].time == dt.time(8, 0)
    assert events[1].recurring
    messages = [str(e) for e in errors]
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


def test_entries_that_are_not_tables_of_single_values_are_named(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(
        "- Họp khối ngày 15/12/2026\n"
        "- id: hai-ten\n  kind: meeting\n  title: [Họp, Hội nghị]\n  date: 15/12/2026\n"
        "- {kind: meeting, title: Họp khối, date: 16/12/2026}\n",
        encoding="utf-8",
    )
    events, errors = load_calendar_file(path)
    assert [e.title for e in events] == ["Họp khối"]
    assert [str(e) for e in errors] == [
        "calendar.yaml, mục 1, dòng 1: mỗi sự kiện phải là một bảng “khóa: giá trị”",
        "calendar.yaml, mục 2 (id: hai-ten), dòng 2: trường “title” phải là một giá trị đơn",
    ]


def test_an_unreadable_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text("- kind: meeting\n  title: [chưa đóng\n", encoding="utf-8")
    events, errors = load_calendar_file(path)
    assert events == []
    assert len(errors) == 1
    assert "không đọc được YAML" in str(errors[0])


def test_dates_and_times_as_people_write_them() -> None:
    assert parse_day("15/12/2026") == (15, 12, 2026)
    assert parse_day("5-1-2027") == (5, 1, 2027)
    assert parse_day("2026-12-15") == (15, 12, 2026)
    assert parse_day("20/12") == (20, 12, None)
    assert parse_day("ngày 20 tháng 12 năm 2026") == (20, 12, 2026)
    assert parse_day("29/02") == (29, 2, None)
    for bad in ("31/02/2026", "15/13/2026", "mai", "15/12/1890"):
        with pytest.raises(InputError, match="Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026"):
            parse_day(bad)
    assert parse_time("08:00") == dt.time(8, 0)
    assert parse_time("8h30") == dt.time(8, 30)
    assert parse_time("14g") == dt.time(14, 0)
    assert parse_time("14 giờ") == dt.time(14, 0)
    with pytest.raises(InputError, match="hh:mm"):
        parse_time("25:00")


def test_a_yearly_event_has_one_occurrence_per_year(engine: Engine) -> None:
    leap = Event("nhuan", EventKind.DEADLINE, "Hạn nộp", dt.date(2024, 2, 29), recurring=True)
    calendar = Calendar(engine, ZONE, [leap])
    dates = [o.date for o in calendar.occurrences(dt.date(2026, 1, 1), dt.date(2028, 12, 31))]
    assert dates == [dt.date(2026, 2, 28), dt.date(2027, 2, 28), dt.date(2028, 2, 29)]
    assert calendar.occurrences(dt.date(2020, 1, 1), dt.date(2023, 12, 31)) == []


def test_bloc_names_match_by_number_words_and_known_aliases() -> None:
    assert same_bloc_name("Khối 5", "khối thi đua số 5")
    assert same_bloc_name("khoi thi dua so 5", "Khối thi đua số 5")
    assert not same_bloc_name("Khối 5", "Khối thi đua số 6")
    assert not same_bloc_name("Cụm thi đua số 1", "Khối thi đua số 1")
    assert same_bloc_name("Khối Nội chính", "Khối thi đua số 6 (các cơ quan nội chính)")
    assert not same_bloc_name("Khối Nội chính", "Khối thi đua các cơ quan Trung ương")
    full = "Khối thi đua các cơ quan Trung ương đóng trên địa bàn tỉnh"
    assert not BlocNames().same("Khối 5", full)
    # A report that names the bloc both ways makes the number and the full name one bloc.
    alias = Fact(
        kind=FactKind.BLOC,
        doc="tn.md",
        evidence="Khối thi đua số 5 (Khối các cơ quan Trung ương) gồm …",
        rule="test",
        bloc=full,
        province="Tây Ninh",
        subject=f"{K5} | {full}",
    )
    store = FactStore([alias], {"tn.md": (full, "Tây Ninh")})
    names = BlocNames.of_store(store)
    assert names.same("Khối 5", full)
    assert names.same("khối thi đua số 5", "Khối các cơ quan Trung ương")
    assert not names.same("Khối 6", full)
    assert names.covers(["Khối 5"], None)  # an event of no bloc concerns every bloc
    assert names.covers([], "Khối 9")  # a chat following no bloc follows all


def _deadline(
    doc: str, date: str, recurring: bool, subject: str = "gửi hồ sơ khen thưởng"
) -> Fact:
    return Fact(
        kind=FactKind.DEADLINE,
        doc=doc,
        evidence=f"Các khối {subject} trước ngày {date}.",
        rule="deadline.send",
        date=date,
        recurring=recurring,
        subject=subject,
        recipient="Sở Nội vụ",
    )


def _held(doc: str, meeting: str, period: str | None, **fields: object) -> Fact:
    values: dict[str, object] = {
        "kind": FactKind.MEETING,
        "doc": doc,
        "evidence": "Ngày 10/1/2027, Khối tổ chức hội nghị …",
        "rule": "meeting.held",
        "bloc": K5,
        "province": "Tây Ninh",
        "meeting": meeting,
        "period": period,
        "date": "2027-01-10",
        "place": "Cục Thuế tỉnh",
    }
    values.update(fields)
    return Fact(**values)  # type: ignore[arg-type]


def test_documents_give_yearly_deadlines_and_one_event_per_meeting() -> None:
    facts = [
        _deadline("huong-dan.md", "20/12", recurring=True),
        _deadline("sao-luu.md", "20/12", recurring=True),  # the same rule, another copy
        _deadline("ke-hoach.md", "15/11", recurring=False, subject="gửi báo cáo tổng kết"),
        _held("tk.md", "tổng kết", "năm 2026"),
        _held("tk.md", "ký kết giao ước", "năm 2027"),
        _held("tk.md", "tổng kết", "năm 2026", rule="meeting.chair", chair="Ông A"),
        _held("cu.md", "sơ kết", None, date="10/1"),  # no year: cannot be placed
    ]
    docs = {
        "huong-dan.md": SimpleNamespace(title="Hướng dẫn khen thưởng", date="2025-03-01"),
        "ke-hoach.md": SimpleNamespace(title="Kế hoạch tổng kết", date="2026-12-01"),
        "tk.md": SimpleNamespace(title="Tin hội nghị", date=None),
    }
    store = FactStore(facts, {"tk.md": (K5, "Tây Ninh"), "cu.md": (K5, "Tây Ninh")})
    events = events_from_facts(store, docs)  # type: ignore[arg-type]
    deadlines = [e for e in events if e.kind is EventKind.DEADLINE]
    meetings = [e for e in events if e.kind is EventKind.MEETING]
    yearly = [e for e in deadlines if e.recurring]
    assert len(yearly) == 1
    assert (yearly[0].date.day, yearly[0].date.month) == (20, 12)
    assert yearly[0].title == "Gửi hồ sơ khen thưởng"
    assert yearly[0].place == "Sở Nội vụ"
    assert yearly[0].source == "Hướng dẫn khen thưởng [huong-dan.md]"
    # "15/11" in a plan dated 01/12/2026 is the next 15/11.
    (once,) = [e for e in deadlines if not e.recurring]
    assert once.date == dt.date(2027, 11, 15)
    (meeting,) = meetings
    assert meeting.date == dt.date(2027, 1, 10)
    assert meeting.title == "Hội nghị tổng kết năm 2026; hội nghị ký kết giao ước thi đua năm 2027"
    assert meeting.bloc == K5
    assert meeting.place == "Cục Thuế tỉnh"
    # Ids are stable across loads: reminders already sent stay sent.
    assert [e.id for e in events_from_facts(store, docs)] == [e.id for e in events]  # type: ignore[arg-type]


def test_the_calendar_file_wins_over_a_document_event_of_the_same_day() -> None:
    curated = [_meeting(bloc="Khối 5")]
    found = [
        _meeting(id="doc-1", title="Hội nghị tổng kết", bloc=K5, source="tin.md"),
        _meeting(id="doc-2", bloc="Khối thi đua số 6", source="tin.md"),
    ]
    merged = merge_events(curated, found, BlocNames())
    assert [e.id for e in merged] == ["tong-ket", "doc-2"]


def test_events_of_other_provinces_are_left_out(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir(exist_ok=True)
    (knowledge / "calendar.yaml").write_text(
        "- {kind: meeting, title: Họp A, date: 01/12/2026, province: Tây Ninh}\n"
        "- {kind: meeting, title: Họp B, date: 01/12/2026, province: Cà Mau}\n"
        "- {kind: meeting, title: Họp C, date: 01/12/2026}\n",
        encoding="utf-8",
    )
    settings = Settings(default_province="Long An")  # Tây Ninh and Long An merged in 2025
    events, errors = load_events(settings)
    assert errors == []
    assert [e.title for e in events] == ["Họp A", "Họp C"]


def test_admins_add_an_event_with_its_details(engine: Engine) -> None:
    calendar = Calendar(engine, ZONE)
    added = calendar.add(
        "15/12/2026 08:00 Hội nghị tổng kết năm 2026; tại: Cục Thuế tỉnh; chủ trì: Cục Thuế;"
        " ghi chú: mỗi đơn vị 02 đại biểu",
        by=42,
        now=NOW,
        bloc=K5,
    )
    (occurrence,) = calendar.upcoming([], NOW)
    assert occurrence.code == added.code
    event = occurrence.event
    assert (event.title, event.kind, event.bloc) == ("Hội nghị tổng kết năm 2026", "meeting", K5)
    assert (occurrence.date, occurrence.time) == (dt.date(2026, 12, 15), dt.time(8, 0))
    assert (event.place, event.host) == ("Cục Thuế tỉnh", "Cục Thuế")
    assert event.note == "mỗi đơn vị 02 đại biểu"
    deadline = calendar.add("20/12 Hạn gửi hồ sơ khen thưởng\nhằng năm\nkhối: Khối 6", now=NOW)
    assert deadline.event.kind is EventKind.DEADLINE
    assert deadline.event.recurring
    assert deadline.event.bloc == "Khối 6"
    assert deadline.date == dt.date(2026, 12, 20)
    # A new service over the same database sees them (they live in the database).
    assert len(Calendar(engine, ZONE).upcoming([], NOW)) == 2


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
    engine: Engine, arguments: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        Calendar(engine, ZONE).add(arguments, now=NOW)
    assert str(caught.value).startswith(message)


def test_admins_move_and_cancel_one_occurrence_by_its_code(engine: Engine) -> None:
    yearly = Event(
        "han", EventKind.DEADLINE, "Hạn gửi hồ sơ", dt.date(2000, 12, 20), recurring=True
    )
    calendar = Calendar(engine, ZONE, [_meeting(), yearly])
    meeting, deadline = calendar.upcoming([], NOW, days=60)
    calendar.move(f"{meeting.code} 18/12/2026 14:00", by=42, now=NOW)
    moved = calendar.find(meeting.code, NOW)
    assert "Lịch đã dời (trước đây: 08:00, 15/12/2026)." in moved.describe()
    assert (moved.date, moved.time, moved.original) == (
        dt.date(2026, 12, 18),
        dt.time(14, 0),
        dt.date(2026, 12, 15),
    )
    # Only this year's occurrence of a yearly deadline is cancelled.
    cancelled = calendar.cancel(f"#{deadline.code.upper()} hoãn theo chỉ đạo", now=NOW)
    assert (cancelled.cancelled, cancelled.reason) == (True, "hoãn theo chỉ đạo")
    assert [o.code for o in calendar.upcoming([], NOW, days=60)] == [meeting.code]
    next_year = calendar.occurrences(dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert [o.date for o in next_year] == [dt.date(2027, 12, 20)]
    with pytest.raises(InputError, match="đã bị hủy trước đó"):
        calendar.cancel(deadline.code, now=NOW)
    with pytest.raises(InputError, match="Không tìm thấy sự kiện sắp tới có mã “zzz999”"):
        calendar.move("zzz999 18/12/2026", now=NOW)
    with pytest.raises(InputError, match="Cách dùng: /sualich"):
        calendar.move(meeting.code, now=NOW)
    with pytest.raises(InputError, match="Ngày không hợp lệ"):
        calendar.move(f"{meeting.code} 32/12/2026", now=NOW)


def test_upcoming_is_filtered_by_bloc_and_window(engine: Engine) -> None:
    events = [
        _meeting(),
        _meeting(id="k6", bloc="Khối thi đua số 6", title="Họp khối 6"),
        _meeting(id="chung", bloc=None, title="Hạn chung", kind=EventKind.DEADLINE, time=None),
        _meeting(id="xa", date=dt.date(2027, 3, 1), title="Quá xa"),
        _meeting(id="qua", date=dt.date(2026, 11, 23), time=dt.time(8, 0), title="Đã họp"),
    ]
    calendar = Calendar(engine, ZONE, events)
    titles = [o.event.title for o in calendar.upcoming(["khối 5"], NOW, days=60)]
    assert titles == ["Hạn chung", "Hội nghị tổng kết năm 2026"]  # same day: all-day first
    assert calendar.agenda(["Khối 9"], NOW, days=60).startswith("Lịch 60 ngày tới (Khối 9):")
    assert calendar.agenda(["Cụm 9"], NOW, days=5) == (
        "Không có lịch họp hay hạn nộp nào trong 5 ngày tới (Cụm 9)."
    )
    assert calendar.bloc_choices() == [K5, "Khối thi đua số 6"]


def test_the_ics_file_parses_with_a_real_icalendar_library(engine: Engine) -> None:
    events = [
        _meeting(),
        _meeting(
            id="han",
            kind=EventKind.DEADLINE,
            title="Hạn gửi hồ sơ",
            time=None,
            date=dt.date(2026, 12, 20),
            place="Sở Nội vụ",
        ),
    ]
    calendar = Calendar(engine, ZONE, events)
    parsed = icalendar.Calendar.from_ical(calendar.ics(["Khối 5"], NOW))
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
