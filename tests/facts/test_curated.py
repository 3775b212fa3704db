"""The curated facts file: entries load, malformed ones are named by line, others still load."""

from __future__ import annotations

from pathlib import Path

from bot.facts.curated import load_curated
from bot.facts.model import FactKind, Role

GOOD_AND_BAD = """\
- kind: role
  bloc: Khối thi đua các cơ quan Trung ương
  province: tay ninh
  year: 2024
  role: leader
  unit: Cục Thuế tỉnh
  note: Biên bản hội nghị tổng kết ngày 20/01/2024
- kind: role
  bloc: Khối thi đua số 6
  year: 2024
  role: chairman
  unit: Sở Tư pháp
- kind: meeting
  bloc: Khối thi đua số 6
  meeting: sơ kết
  date: 15/7/2024
  place: Sở Tư pháp
- kind: award
  bloc: Khối thi đua số 6
  award: Cờ thi đua
- kind: weather
  bloc: x
"""


def test_good_entries_load_and_bad_ones_are_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    facts, errors = load_curated(path)
    assert [f.kind for f in facts] == [FactKind.ROLE, FactKind.MEETING]
    leader = facts[0]
    assert (leader.role, leader.year, leader.unit, leader.province) == (
        Role.LEADER,
        2024,
        "Cục Thuế tỉnh",
        "Tây Ninh",
    )
    assert leader.curated
    assert leader.evidence == "Biên bản hội nghị tổng kết ngày 20/01/2024"
    assert facts[1].date == "2024-07-15"
    assert [e.line for e in errors] == [8, 18, 21]
    assert "role" in errors[0].message
    assert "year" in errors[1].message
    assert "facts.yaml, dòng 21" in str(errors[2])


def test_unreadable_yaml_is_one_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("- kind: role\n  bloc: [x\n", encoding="utf-8")
    facts, errors = load_curated(path)
    assert facts == []
    assert len(errors) == 1
    assert errors[0].line >= 2


def test_missing_file_is_no_facts(tmp_path: Path) -> None:
    assert load_curated(tmp_path / "facts.yaml") == ([], [])
