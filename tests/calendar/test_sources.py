"""Where events come from: the secretariat's calendar file (malformed entries named, typed) and
the documents' deadlines and meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.calendar.blocs import BlocNames
from bot.calendar.errors import Problem
from bot.calendar.events import EventKind
from bot.calendar.sources import events_from_facts, load_calendar_file, load_events, merge_events
from bot.facts.model import Fact, FactKind
from bot.facts.store import FactStore
from bot.settings import Settings
from tests.conftest import GOOD_AND_BAD, K5, NOT_TABLES, ROOT, meeting


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
    assert [(e.file, e.index, e.entry, e.line, e.reason.problem) for e in errors] == [
        ("calendar.yaml", 2, "sai-ngay", 7, Problem.BAD_DATE),
        ("calendar.yaml", 3, None, 11, Problem.ENTRY_MISSING),
        ("calendar.yaml", 4, "thoi-tiet", 14, Problem.ENTRY_BAD_KIND),
        ("calendar.yaml", 6, "tong-ket", 22, Problem.ENTRY_DUPLICATE_ID),
        ("calendar.yaml", 7, None, 26, Problem.MISSING_YEAR),
        ("calendar.yaml", 8, None, 29, Problem.ENTRY_UNKNOWN),
    ]
    assert errors[0].reason.details == {"value": "31/02/2026"}
    assert errors[1].reason.details == {"fields": ("title",)}
    assert errors[5].reason.details["fields"] == ("plcae",)


def test_entries_that_are_not_tables_of_single_values_are_named(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(NOT_TABLES, encoding="utf-8")
    events, errors = load_calendar_file(path)
    assert [e.title for e in events] == ["Họp khối"]
    assert [(e.index, e.entry, e.line, e.reason.problem) for e in errors] == [
        (1, None, 1, Problem.ENTRY_NOT_MAPPING),
        (2, "hai-ten", 2, Problem.ENTRY_NOT_TEXT),
    ]


def test_an_unreadable_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text("- kind: meeting\n  title: [chưa đóng\n", encoding="utf-8")
    events, errors = load_calendar_file(path)
    assert events == []
    assert [(e.index, e.reason.problem) for e in errors] == [(0, Problem.FILE_UNREADABLE)]


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
    (held,) = meetings
    assert held.date == dt.date(2027, 1, 10)
    assert held.title == "Hội nghị tổng kết năm 2026; hội nghị ký kết giao ước thi đua năm 2027"
    assert held.bloc == K5
    assert held.place == "Cục Thuế tỉnh"
    # Ids are stable across loads: reminders already sent stay sent.
    assert [e.id for e in events_from_facts(store, docs)] == [e.id for e in events]  # type: ignore[arg-type]


@pytest.mark.parametrize("recurring", [True, False])
def test_a_january_deadline_of_a_december_document_falls_in_the_next_year(
    recurring: bool,
) -> None:
    fact = _deadline("huong-dan.md", "15/1", recurring=recurring)
    docs = {"huong-dan.md": SimpleNamespace(title="Hướng dẫn tổng kết", date="2023-12-05")}
    (event,) = events_from_facts(FactStore([fact], {}), docs)  # type: ignore[arg-type]
    assert event.date == dt.date(2024, 1, 15)
    assert event.recurring is recurring
    assert event.dates(dt.date(2023, 12, 1), dt.date(2024, 2, 1)) == [dt.date(2024, 1, 15)]
    if recurring:
        assert event.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == [dt.date(2025, 1, 15)]


def test_a_deadline_names_whom_it_concerns_and_an_effective_date_is_its_own_kind() -> None:
    deadline = replace(
        _deadline("huong-dan.md", "30/8", recurring=True), units=("các cơ sở giáo dục",)
    )
    effective = Fact(
        kind=FactKind.EFFECTIVE,
        doc="quy-che.md",
        evidence="Quyết định có hiệu lực từ ngày 12 tháng 4 năm 2024.",
        rule="document.effective",
        date="2024-04-12",
        subject="Quy chế thi đua, khen thưởng có hiệu lực",
    )
    events = events_from_facts(FactStore([deadline, effective], {}), {})
    assert {(e.kind, e.title) for e in events} == {
        (EventKind.DEADLINE, "Gửi hồ sơ khen thưởng (đối với các cơ sở giáo dục)"),
        (EventKind.EFFECTIVE, "Quy chế thi đua, khen thưởng có hiệu lực"),
    }


def test_the_calendar_file_wins_over_a_document_event_of_the_same_day() -> None:
    curated = [meeting(bloc="Khối 5")]
    found = [
        meeting(id="doc-1", title="Hội nghị tổng kết", bloc=K5, source="tin.md"),
        meeting(id="doc-2", bloc="Khối thi đua số 6", source="tin.md"),
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
