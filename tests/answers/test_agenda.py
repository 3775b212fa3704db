"""The calendar asked in chat: which questions are calendar questions, the windows they name,
and the answers from a real calendar (SQLite) counted from a fixed today."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from bot.answers.agenda import AgendaAsk, agenda_ask, answer_agenda
from bot.calendar.events import Event, EventKind
from bot.calendar.schedule import Calendar
from bot.vi.normalize import fold
from tests.conftest import ZONE, meeting

AUGUST_20 = dt.date(2026, 8, 20)  # a Thursday
FLAG_DEADLINE = Event(
    id="co",
    kind=EventKind.DEADLINE,
    title="Gửi hồ sơ đề nghị tặng Cờ thi đua của UBND tỉnh",
    date=dt.date(2024, 8, 30),
    recurring=True,
    province="Lâm Đồng",
    doc="huong-dan.txt",
    evidence="Các khối gửi hồ sơ đề nghị tặng Cờ thi đua trước ngày 30/8 hằng năm.",
)
REPORT_DEADLINE = Event(
    id="bao-cao",
    kind=EventKind.DEADLINE,
    title="Gửi báo cáo tổng kết công tác thi đua",
    date=dt.date(2024, 12, 5),
    recurring=True,
    province="Lâm Đồng",
)
MID_YEAR = meeting(
    id="so-ket",
    title="Hội nghị sơ kết 6 tháng đầu năm 2026",
    date=dt.date(2026, 7, 9),
    province="Lâm Đồng",
)
YEAR_END = meeting(date=dt.date(2026, 8, 27), province="Lâm Đồng")
ELSEWHERE = meeting(id="khac", date=dt.date(2026, 8, 26), province="Nghệ An", bloc="Khối 2")


@pytest.fixture
def calendar(state_engine: Engine) -> Calendar:
    events = [FLAG_DEADLINE, REPORT_DEADLINE, MID_YEAR, YEAR_END, ELSEWHERE]
    return Calendar(state_engine, ZONE, events)


def ask(text: str, today: dt.date = AUGUST_20, year: int | None = None) -> AgendaAsk:
    found = agenda_ask(text, today, year)
    assert found is not None, text
    return found


@pytest.mark.parametrize(
    "text",
    [
        "sắp tới có hạn gì?",
        "Sắp tới có hạn nộp nào không ạ?",
        "tới đây còn hạn gì không",
    ],
)
def test_upcoming_deadlines_in_several_wordings(text: str) -> None:
    for variant in (text, fold(text), unicodedata.normalize("NFD", text)):
        found = ask(variant)
        assert found.kinds == {EventKind.DEADLINE}
        assert found.listing
        assert (found.start, found.end) == (AUGUST_20, AUGUST_20 + dt.timedelta(60))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("tuần sau có lịch gì không?", dt.date(2026, 8, 24), dt.date(2026, 8, 30)),
        ("tuan nay co lich hop nao", dt.date(2026, 8, 17), dt.date(2026, 8, 23)),
        ("Tháng sau có hạn nộp báo cáo nào?", dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
        ("hôm nay có họp không?", AUGUST_20, AUGUST_20),
    ],
)
def test_windows_named_from_today(text: str, start: dt.date, end: dt.date) -> None:
    found = ask(text)

    assert (found.start, found.end, found.listing) == (start, end, True)


def test_next_month_across_a_year_boundary() -> None:
    found = ask("tháng tới có lịch gì?", today=dt.date(2026, 12, 20))

    assert (found.start, found.end) == (dt.date(2027, 1, 1), dt.date(2027, 1, 31))


@pytest.mark.parametrize(
    "text",
    [
        "Ai là khối trưởng năm 2023?",
        "Hội nghị tổng kết tổ chức ở đâu?",
        "Khối có bao nhiêu đơn vị?",
    ],
)
def test_other_questions_are_no_calendar_questions(text: str) -> None:
    assert agenda_ask(text, AUGUST_20, None) is None


def test_a_date_asked_of_a_stated_year_is_left_to_the_documents() -> None:
    assert agenda_ask("Hội nghị tổng kết năm 2022 tổ chức khi nào?", AUGUST_20, 2022) is None


def test_a_named_deadline_gets_this_years_date_with_its_evidence(calendar: Calendar) -> None:
    for text in ("hạn gửi hồ sơ Cờ thi đua là khi nào?", "han nop ho so co thi dua"):
        reply = answer_agenda(ask(text), calendar, AUGUST_20)

        assert reply.text == (
            "Hạn “Gửi hồ sơ đề nghị tặng Cờ thi đua của UBND tỉnh”: "
            "ngày 30/08/2026 (hằng năm), còn 10 ngày."
        )
        assert reply.occurrences[0].event.evidence == FLAG_DEADLINE.evidence


def test_a_yearly_deadline_already_past_this_year_says_so_and_gives_the_next(
    calendar: Calendar,
) -> None:
    today = dt.date(2026, 12, 10)
    reply = answer_agenda(ask("hạn nộp báo cáo tổng kết", today), calendar, today)

    assert "năm nay đã hết hạn ngày 05/12/2026" in reply.text
    assert "lần tới ngày 05/12/2027" in reply.text


def test_a_meeting_of_the_kind_named_and_a_past_one_said_as_past(calendar: Calendar) -> None:
    here = ("Lâm Đồng",)
    next_one = answer_agenda(ask("khi nào họp tổng kết?"), calendar, AUGUST_20, here)
    past = answer_agenda(ask("khi nào họp sơ kết?"), calendar, AUGUST_20, here)

    assert "27/08/2026, còn 7 ngày" in next_one.text
    assert past.text.endswith("đã diễn ra ngày 09/07/2026.")


def test_a_window_lists_what_falls_in_it_within_the_province(calendar: Calendar) -> None:
    everywhere = answer_agenda(ask("tuần sau có lịch gì không?"), calendar, AUGUST_20)
    here = answer_agenda(
        ask("tuần sau có lịch gì không?"), calendar, AUGUST_20, provinces=("Lâm Đồng",)
    )

    assert [o.event.id for o in everywhere.occurrences] == ["khac", "tong-ket", "co"]
    assert [o.event.id for o in here.occurrences] == ["tong-ket", "co"]
    assert here.text.startswith("Lịch từ 24/08/2026 đến 30/08/2026 (2):")


def test_a_window_with_nothing_says_so(calendar: Calendar) -> None:
    reply = answer_agenda(ask("hôm nay có họp không?"), calendar, AUGUST_20)

    assert not reply.found
    assert "không nêu cuộc họp nào ngày 20/08/2026" in reply.text


def test_ask_answers_the_next_deadline_from_the_calendar_file(
    cli: typer.Typer, knowledge: object
) -> None:
    found = CliRunner().invoke(cli, ["ask", "--today", "2026-12-10", "tuần sau có lịch gì không?"])

    assert found.exit_code == 0, found.output
    assert "Lịch từ 14/12/2026 đến 20/12/2026" in found.output
    assert "• 15/12/2026 — Hội nghị tổng kết" in found.output
    assert "Lịch do thư ký Khối ghi [calendar.yaml]" in found.output


def test_who_sends_tells_deadlines_apart_not_where_the_papers_go(state_engine: Engine) -> None:
    def deadline(identity: str, day: dt.date, who: str) -> Event:
        title = f"Gửi báo cáo đề nghị khen thưởng về Sở Nội vụ (đối với {who})"
        return Event(identity, EventKind.DEADLINE, title, day, recurring=True, place="Sở Nội vụ")

    calendar = Calendar(
        state_engine,
        ZONE,
        [
            deadline("truong", dt.date(2024, 9, 15), "các trường học"),
            deadline("xa", dt.date(2024, 1, 20), "các xã, phường"),
        ],
    )
    today = dt.date(2026, 8, 1)
    for text in (
        "Các xã gửi báo cáo đề nghị khen thưởng về Sở Nội vụ trước ngày nào?",
        "cac xa phuong nop bao cao de nghi khen thuong len so noi vu han la khi nao",
    ):
        reply = answer_agenda(ask(text, today), calendar, today)

        assert reply.occurrences[0].event.id == "xa", text
        assert "20/01/2027" in reply.text
