"""Helpers of the fact tests: a report written around a few sentences, and the dev corpus read
through the same metadata the index uses."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.extract import extract_facts
from bot.facts.model import DocContext, Fact, FactKind, Role
from bot.knowledge.metadata import infer_metadata
from bot.vi.normalize import normalize
from tests.conftest import DEV_CORPUS

needs_corpus = pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="dev corpus is absent")

L, D = Role.LEADER, Role.DEPUTY
SUMMARY_2023 = "Khối thi đua số 3 tổng kết công tác thi đua, khen thưởng năm 2023"


def facts_of(
    text: str,
    *,
    title: str = SUMMARY_2023,
    bloc: str | None = "Khối thi đua số 3",
    province: str | None = "Bình Dương",
    date: dt.date | None = dt.date(2024, 1, 10),
) -> list[Fact]:
    """Facts of a report whose title line is `title` and whose body is `text`."""
    context = DocContext("report.txt", title, province, bloc, date)
    return extract_facts(context, normalize(f"{title}\n\n{text}"))


def roles(found: list[Fact]) -> set[tuple[int | None, Role | None, str | None]]:
    """(year, role, unit) of the role facts."""
    return {(f.year, f.role, f.unit) for f in found if f.kind is FactKind.ROLE}


def of_kind(found: list[Fact], kind: FactKind) -> list[Fact]:
    """The facts of one kind, in order."""
    return [f for f in found if f.kind is kind]


def dev_context(prefix: str) -> tuple[DocContext, str]:
    """The context and normalised text of the dev corpus document whose name starts so."""
    (path,) = DEV_CORPUS.glob(f"{prefix}*.txt")
    text = normalize(path.read_text(encoding="utf-8"))
    meta = infer_metadata(text.splitlines()[0], text, {})
    return DocContext(path.name, meta.title, meta.province, meta.bloc, meta.date), text


def dev_facts(prefix: str) -> list[Fact]:
    """The facts of a dev corpus document."""
    return extract_facts(*dev_context(prefix))
