"""The fact model: what is stored and shown of a fact."""

from __future__ import annotations

from bot.facts.model import Fact, FactKind, Role


def test_fact_round_trips_through_a_json_dict() -> None:
    fact = Fact(
        kind=FactKind.AWARD,
        doc="a.txt",
        evidence="…",
        rule="award.proposed",
        year=2022,
        units=("Bảo hiểm xã hội", "Cục Quản lý thị trường"),
        count=2,
        award="Bằng khen",
        recurring=False,
    )
    data = fact.to_dict()
    assert data["kind"] == "award"
    assert data["units"] == ["Bảo hiểm xã hội", "Cục Quản lý thị trường"]
    assert "role" not in data
    assert "recurring" not in data
    assert "person" not in data
    assert Fact.from_dict(data) == fact
    role = Fact(FactKind.ROLE, "a.txt", "…", "role.elected", role=Role.DEPUTY, year=2024)
    assert Fact.from_dict(role.to_dict()).role is Role.DEPUTY
