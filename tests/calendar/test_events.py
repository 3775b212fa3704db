"""Events and their occurrences: dates as people write them, yearly events, bloc names, and the
admins' additions, moves and cancellations (typed; `tests/faces` checks their words)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from bot.calendar.blocs import BlocNames, same_bloc_name
from bot.calendar.dates import parse_day, parse_full_date, parse_time
from bot.calendar.errors import InputError, Problem
from bot.calendar.events import Event, EventKind
from bot.calendar.schedule import Calendar, NewEvent
from bot.facts.model import Fact, FactKind
from bot.facts.store import FactStore
from tests.conftest import K5, ZONE, meeting

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)


def test_dates_and_times_as_people_write_them() -> None:
    assert parse_day("15/12/2026") == (15, 12, 2026)
    assert parse_day("5-1-2027") == (5, 1, 2027)
    assert parse_day("2026-12-15") == (15, 12, 2026)
    assert parse_day("20/12") == (20, 12, None)
    assert parse_day("ngày 20 tháng 12 năm 2026") == (20, 12, 2026)
    assert parse_day("29/02") == (29, 2, None)
    for bad in ("31/02/2026", "15/13/2026", "mai", "15/12/1890"):
        with pytest.raises(InputError) as caught:
            parse_day(bad)
        assert (caught.value.problem, caught.value.details) == (Problem.BAD_DATE, {"value": bad})
    with pytest.raises(InputError) as caught:
        parse_full_date("15/12")
    assert caught.value.problem is Problem.MISSING_YEAR
    assert parse_time("08:00") == dt.time(8, 0)
    assert parse_time("8h30") == dt.time(8, 30)
    assert parse_time("14g") == dt.time(14, 0)
    assert parse_time("14 giờ") == dt.time(14, 0)
    with pytest.raises(InputError) as caught:
        parse_time("25:00")
    assert (caught.value.problem, caught.value.details) == (Problem.BAD_TIME, {"value": "25:00"})


def test_a_yearly_event_has_one_occurrence_per_year(state_engine: Engine) -> None:
    leap = Event("nhuan", EventKind.DEADLINE, "Hạn nộp", dt.date(2024, 2, 29), recurring=True)
    calendar = Calendar(state_engine, ZONE, [leap])
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


def test_admins_add_events_that_live_in_the_database(state_engine: Engine) -> None:
    calendar = Calendar(state_engine, ZONE)
    new = NewEvent(EventKind.MEETING, "Hội nghị tổng kết năm 2026", 15, 12, 2026, dt.time(8, 0))
    added = calendar.add(new, by=42, now=NOW)
    (occurrence,) = calendar.upcoming([], NOW)
    assert occurrence.code == added.code
    assert occurrence.event.source is None  # an admin's
    assert occurrence.event.created_at == NOW
    yearly = NewEvent(EventKind.DEADLINE, "Hạn gửi hồ sơ", 20, 12, None, recurring=True)
    assert calendar.add(yearly, now=NOW).date == dt.date(2026, 12, 20)
    # A yearly event whose day has passed this year starts next year.
    passed = NewEvent(EventKind.MEETING, "Họp", 22, 11, None, recurring=True)
    assert calendar.add(passed, now=NOW).date == dt.date(2027, 11, 22)
    # A new calendar over the same database sees them.
    assert len({o.event.id for o in Calendar(state_engine, ZONE).upcoming([], NOW, 400)}) == 3
    for refused, problem in [
        (NewEvent(EventKind.MEETING, "Họp", 1, 11, 2026), Problem.PAST_DATE),
        (NewEvent(EventKind.MEETING, "Họp", 1, 12, None), Problem.MISSING_YEAR),
    ]:
        with pytest.raises(InputError) as caught:
            calendar.add(refused, now=NOW)
        assert caught.value.problem is problem


def test_admins_move_and_cancel_one_occurrence(state_engine: Engine) -> None:
    yearly = Event(
        "han", EventKind.DEADLINE, "Hạn gửi hồ sơ", dt.date(2000, 12, 20), recurring=True
    )
    calendar = Calendar(state_engine, ZONE, [meeting(), yearly])
    first, deadline = calendar.upcoming([], NOW, days=60)
    calendar.move(first, dt.date(2026, 12, 18), dt.time(14, 0), by=42, now=NOW)
    moved = calendar.find(first.code, NOW)
    assert moved.moved
    assert (moved.date, moved.time, moved.original) == (
        dt.date(2026, 12, 18),
        dt.time(14, 0),
        dt.date(2026, 12, 15),
    )
    # Only this year's occurrence of a yearly deadline is cancelled.
    found = calendar.find_active(f"#{deadline.code.upper()}", NOW)
    cancelled = calendar.cancel(found, "hoãn theo chỉ đạo", now=NOW)
    assert (cancelled.cancelled, cancelled.reason) == (True, "hoãn theo chỉ đạo")
    assert [o.code for o in calendar.upcoming([], NOW, days=60)] == [first.code]
    next_year = calendar.occurrences(dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert [o.date for o in next_year] == [dt.date(2027, 12, 20)]
    refusals = [
        (lambda: calendar.find_active(deadline.code, NOW), Problem.ALREADY_CANCELLED),
        (lambda: calendar.cancel(cancelled, now=NOW), Problem.ALREADY_CANCELLED),
        (lambda: calendar.find("zzz999", NOW), Problem.UNKNOWN_CODE),
        (lambda: calendar.move(moved, dt.date(2026, 11, 1), None, now=NOW), Problem.PAST_DATE),
    ]
    for refused, problem in refusals:
        with pytest.raises(InputError) as caught:
            refused()
        assert caught.value.problem is problem


def test_upcoming_is_filtered_by_bloc_and_window(state_engine: Engine) -> None:
    events = [
        meeting(),
        meeting(id="k6", bloc="Khối thi đua số 6", title="Họp khối 6"),
        meeting(id="chung", bloc=None, title="Hạn chung", kind=EventKind.DEADLINE, time=None),
        meeting(id="xa", date=dt.date(2027, 3, 1), title="Quá xa"),
        meeting(id="qua", date=dt.date(2026, 11, 23), time=dt.time(8, 0), title="Đã họp"),
    ]
    calendar = Calendar(state_engine, ZONE, events)
    titles = [o.event.title for o in calendar.upcoming(["khối 5"], NOW, days=60)]
    assert titles == ["Hạn chung", "Hội nghị tổng kết năm 2026"]  # same day: all-day first
    agenda = calendar.agenda(["Khối 9"], NOW, days=60)
    assert (agenda.blocs, agenda.days, agenda.now) == (("Khối 9",), 60, NOW)
    assert [o.event.title for o in agenda.occurrences] == ["Hạn chung"]
    assert calendar.agenda(["Cụm 9"], NOW, days=5).occurrences == ()
    assert calendar.bloc_choices() == [K5, "Khối thi đua số 6"]
