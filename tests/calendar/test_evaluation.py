"""Scoring the events read from documents against a gold file: the matching rule, the
approximate precision, and the command that prints both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import typer
from typer.testing import CliRunner

from bot.calendar.evaluation import listed_events, load_gold, score_events
from bot.facts.model import Fact, FactKind
from bot.facts.store import FactStore

GOLD = """\
- doc: tin.txt
  kind: meeting
  date: '2024-01-10'
  evidence: 'Chiều 10/1, Khối tổ chức hội nghị tổng kết năm 2023.'
- doc: huong-dan.txt
  kind: deadline
  date: '12-15 yearly'
  evidence: 'Các khối gửi hồ sơ về Sở Nội vụ trước ngày 15/12 hằng năm.'
- doc: tin.txt
  kind: meeting
  date: '2024-03-05'
  evidence: 'Ngày 5/3, Khối ký kết giao ước thi đua năm 2024.'
"""


def _fact(doc: str, kind: FactKind, date: str, evidence: str, **fields: object) -> Fact:
    return Fact(kind=kind, doc=doc, evidence=evidence, rule="test", date=date, **fields)  # type: ignore[arg-type]


def test_found_missed_stated_and_unstated(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(GOLD, encoding="utf-8")
    gold = load_gold(path)
    assert gold[1].recurring
    assert gold[1].date == dt.date(2000, 12, 15)
    facts = [
        # Listed with its year: matches the gold meeting.
        _fact("tin.txt", FactKind.MEETING, "2024-01-10", "Chiều 10/1, Khối …", meeting="tổng kết"),
        # A yearly deadline listed from its first year: matched by day and month.
        _fact(
            "huong-dan.txt",
            FactKind.DEADLINE,
            "15/12",
            "… trước ngày 15/12 hằng năm.",
            subject="Gửi hồ sơ",
            recurring=True,
        ),
        # Not in the gold file, but its sentence states the date: stated.
        _fact(
            "tin.txt", FactKind.MEETING, "2024-06-20", "Ngày 20/6/2024, Khối họp …", meeting="họp"
        ),
        # The same day in another document: not the gold event, and its sentence has no date.
        _fact("khac.txt", FactKind.MEETING, "2024-03-05", "Khối ký.", meeting="ký kết giao ước"),
    ]
    docs = {name: SimpleNamespace(title=name, date="2024-01-12") for name in ("huong-dan.txt",)}
    listed = listed_events(FactStore(facts, {}), docs)  # type: ignore[arg-type]
    score = score_events(listed, gold)
    assert [g.when() for g in score.found] == ["2024-01-10", "12-15 yearly"]
    assert [g.when() for g in score.missed] == ["2024-03-05"]
    assert [item.doc for item in score.unstated] == ["khac.txt"]
    assert (len(score.stated), round(score.recall, 3), score.precision) == (3, 0.667, 0.75)


def test_events_eval_command_prints_the_scores(cli: typer.Typer, tmp_path: Path) -> None:
    knowledge = tmp_path / "docs"
    knowledge.mkdir()
    (knowledge / "tin.txt").write_text(
        "Khối thi đua số 3 tổng kết năm 2023\n\nChiều 10/1/2024, tại Sở Tư pháp, Khối thi đua "
        "số 3 tổ chức hội nghị tổng kết công tác thi đua năm 2023.\n",
        encoding="utf-8",
    )
    gold = tmp_path / "events.yaml"
    gold.write_text(GOLD, encoding="utf-8")
    args = ["events-eval", "--knowledge", str(knowledge), "--gold", str(gold)]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["gold"], data["found"], data["listed"], data["stated"]) == (3, 1, 1, 1)
    text = CliRunner().invoke(cli, args)
    assert "1/3" in text.output
    assert "huong-dan.txt 12-15 yearly" in text.output
    broken = CliRunner().invoke(cli, ["events-eval", "--gold", str(tmp_path / "none.yaml")])
    assert broken.exit_code == 2
