"""Replies about a bloc itself: who led or deputised it in a year, its members and their count."""

from __future__ import annotations

import re

from bot.answers import wording as messages
from bot.answers.questions import ParsedQuestion
from bot.answers.replies import (
    ROLE_OF_INTENT,
    FactReply,
    distinct,
    group,
    prefer_curated,
)
from bot.facts.model import Fact, FactKind, Role
from bot.facts.store import Bloc, FactStore
from bot.vi import normalize as vt
from bot.vi.names import same_unit

_ROLE_WORDS = re.compile(
    r"\b(?:pho (?:khoi|cum) truong|(?:khoi|cum) (?:truong|pho)|(?:truong|pho) (?:khoi|cum))"
    r"(?: thi dua)?\b"
)


def role(store: FactStore, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
    """Who led (or deputised) the blocs in the year asked, else in the latest year known."""
    if question.asks_role_of_unit and question.units:
        return _role_of_unit(store, question, blocs)
    role = ROLE_OF_INTENT[question.intent]
    role_name = _role_name(role, blocs)
    year = question.year
    if year is None:
        # No year asked: the most recent year the documents name a holder for.
        year = max(
            (f.year for f in store.select(FactKind.ROLE, blocs, role=role) if f.year),
            default=None,
        )
    found = store.select(FactKind.ROLE, blocs, year=year, role=role)
    if not found:
        return _unknown_role(store, role, year, blocs)
    found = prefer_curated(found)
    by_bloc = group(store, found)
    when = f" năm {year}" if year else ""
    if len(by_bloc) == 1:
        bloc, facts = next(iter(by_bloc.items()))
        units = _units(facts, bloc.province)
        if len(units) > 1:
            text = messages.CONFLICT.format(
                what=f"{role_name}{when} của {bloc.label()}",
                values="; ".join(
                    f"{unit} ({', '.join(_docs_of(facts, unit, bloc.province))})" for unit in units
                ),
            )
        else:
            text = f"{role_name}{when} của {bloc.label()}: {units[0]}."
        return FactReply(text, True, tuple(facts))
    lines = [
        f"{bloc.label()}: {', '.join(_units(facts, bloc.province))}"
        for bloc, facts in by_bloc.items()
    ]
    text = f"{role_name}{when}, theo từng khối: " + "; ".join(lines) + "."
    return FactReply(text, True, tuple(found), tuple(by_bloc))


def _role_of_unit(store: FactStore, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
    found = [
        f
        for f in store.select(FactKind.ROLE, blocs, year=question.year)
        if f.unit and any(same_unit(f.unit, u, f.province) for u in question.units)
    ]
    if not found:
        return FactReply(messages.UNKNOWN_ROLE_OF_UNIT.format(unit=question.units[0]), False, ())
    chosen = [f for f in prefer_curated(found) if f.role]
    if len({vt.fold(f.unit or "") for f in chosen}) == 1:
        # One unit, the one asked: its role is the answer ("Trưởng cụm năm 2013").
        roles = distinct(
            messages.READ_ROLE_OF.format(
                role=_role_term(f)[:1].upper() + _role_term(f)[1:],
                when=f" năm {f.year}" if f.year else "",
            ).rstrip(".")
            for f in chosen
        )
        return FactReply("; ".join(roles) + ".", True, tuple(found))
    parts = [f"{f.unit} là {_role_term(f)}{f' năm {f.year}' if f.year else ''}" for f in chosen]
    return FactReply("; ".join(distinct(parts)) + ".", True, tuple(found))


def _unknown_role(store: FactStore, role: Role, year: int | None, blocs: list[Bloc]) -> FactReply:
    role_name = _role_name(role, blocs)
    where = blocs[0].label() if len(blocs) == 1 else "các khối trong tài liệu"
    when = f" năm {year}" if year else ""
    text = messages.UNKNOWN.format(what=f"{role_name}{when} của {where}")
    nearby = [
        f
        for f in store.select(FactKind.ROLE, blocs)
        if f.year is not None and year is not None and abs(f.year - year) <= 1
    ]
    nearby.sort(key=lambda f: (f.year != year, f.role != role))
    if nearby:
        known = "; ".join(
            f"{messages.ROLE_NAMES[f.role]} năm {f.year}: {f.unit}" for f in nearby[:3] if f.role
        )
        text += f" {messages.KNOWN_NEARBY} {known}."
    return FactReply(text, False, tuple(nearby[:3]))


def _member_facts(store: FactStore, blocs: list[Bloc]) -> list[Fact]:
    return [f for f in store.select(FactKind.BLOC, blocs) if f.units or f.count]


def members(store: FactStore, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
    """The member units of each bloc, from its longest list."""
    facts = [f for f in _member_facts(store, blocs) if f.units]
    if not facts:
        return FactReply(messages.UNKNOWN.format(what="danh sách đơn vị của khối"), False, ())
    by_bloc = group(store, facts)
    lines = []
    for bloc, bloc_facts in by_bloc.items():
        best = max(bloc_facts, key=lambda f: len(f.units))
        lines.append(f"{bloc.label()} gồm {len(best.units):02d} đơn vị: {', '.join(best.units)}.")
    return FactReply(
        " ".join(lines), True, tuple(facts), tuple(by_bloc) if len(by_bloc) > 1 else ()
    )


def count(store: FactStore, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
    """How many units each bloc has."""
    facts = _member_facts(store, blocs)
    if not facts:
        return FactReply(messages.UNKNOWN.format(what="số đơn vị của khối"), False, ())
    by_bloc = group(store, facts)
    lines = []
    for bloc, bloc_facts in by_bloc.items():
        counts = distinct(f"{f.count or len(f.units):02d}" for f in bloc_facts)
        lines.append(f"{bloc.label()} có {' hoặc '.join(counts)} đơn vị.")
    return FactReply(
        " ".join(lines), True, tuple(facts), tuple(by_bloc) if len(by_bloc) > 1 else ()
    )


def _role_name(role: Role, blocs: list[Bloc]) -> str:
    """ "Khối trưởng"/"Khối phó", or "Cụm trưởng"/"Cụm phó" when the blocs are clusters."""
    clusters = bool(blocs) and all(vt.fold(b.name).startswith("cum") for b in blocs)
    return messages.CLUSTER_ROLE_NAMES[role] if clusters else messages.ROLE_NAMES[role]


def _role_term(fact: Fact) -> str:
    """The role as the evidence words it ("Trưởng khối thi đua", "Cụm trưởng"), when the
    evidence words this fact's role; else our own name for it."""
    role = fact.role or Role.LEADER
    for match in _ROLE_WORDS.finditer(vt.fold(fact.evidence)):
        deputy = "pho" in match.group(0).split()
        if deputy == (role is Role.DEPUTY):
            return fact.evidence[match.start() : match.end()]
    return messages.ROLE_NAMES[role]


def _units(facts: list[Fact], province: str | None) -> list[str]:
    """The distinct units of the facts, one name per unit (the longest of its spellings)."""
    names: list[str] = []
    for unit in (f.unit for f in facts if f.unit):
        same = next((n for n in names if same_unit(n, unit, province)), None)
        if same is None:
            names.append(unit)
        elif len(unit) > len(same):
            names[names.index(same)] = unit
    return names


def _docs_of(facts: list[Fact], unit: str, province: str | None) -> list[str]:
    return sorted({f.doc for f in facts if f.unit and same_unit(f.unit, unit, province)})
