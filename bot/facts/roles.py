"""Roles: which unit led (Khối trưởng, Cụm trưởng) or deputised (Khối phó, Cụm phó) a bloc in
which year.

The year follows the genre: "suy tôn X làm Khối trưởng năm N" → N; "X bàn giao Khối trưởng cho Y"
at the meeting reviewing year N → X for N, Y for N+1; "X (Trưởng khối năm N)"; a role named
without a year at a meeting holds for the year that meeting is about (tier 1, which a written
year overrides).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Final

from bot.facts.blocs import bloc_at, skip_forward
from bot.facts.document import Document, Found
from bot.facts.model import FactKind, Role
from bot.facts.period import Year, year_at
from bot.facts.units import (
    Holder,
    holder_before,
    is_boundary,
    stands_alone,
    subject_of,
    unit_end,
)
from bot.facts.words import ADVERBS, DASHES, PASSIVE, ROLE_WORDS, ROLES, UNIT_NOUNS
from bot.vi import lexicon
from bot.vi.names import bloc_kind
from bot.vi.normalize import fold
from bot.vi.tokens import Phrases, Sentence

_ELECT: Final = Phrases(lexicon.ELECT_VERBS)
_ELECTION: Final = Phrases(lexicon.ELECTION_WORDS)
_AS: Final = Phrases(lexicon.ROLE_AS)
_IS: Final = Phrases(lexicon.ROLE_COPULAS)
_HOLDS: Final = Phrases(lexicon.ROLE_HOLDS)
_HANDOVERS: Final = Phrases((*lexicon.HANDOVER_VERBS, *lexicon.TAKEOVER_VERBS))
_DUTY: Final = Phrases(lexicon.DUTY_NOUNS)


def extract(doc: Document) -> Iterator[Found]:
    """The role facts of a report, sentence by sentence."""
    for s in doc.sentences:
        yield from _sentence_roles(doc, s)


@dataclass(frozen=True)
class _Tail:
    """What follows a role word: its bloc and year."""

    end: int
    bloc: str | None
    year: Year


def _role_tail(s: Sentence, k: int) -> _Tail:
    """Read "[thi đua] [bloc name] [năm N]" after a role word ending at token k."""
    j = k
    if s.key(j) == "thi" and s.key(j + 1) == "dua":
        j += 2
    bloc = None
    if s.key(j) in ("khoi", "cum") and not ROLES.at(s, j):
        found = bloc_at(s, j)
        if found:
            bloc, j = found
            # "Khối trưởng Khối thi đua … đóng trên địa bàn tỉnh năm 2023"
            placed = year_at(s, j + skip_forward(s, j))
            if placed.year is not None:
                return _Tail(placed.end, bloc, placed)
        elif s.key(j + 1) == "thi" and s.key(j + 2) == "dua":
            j += 3
    year = year_at(s, j)
    return _Tail(year.end, bloc, year)


@dataclass(frozen=True)
class _Clause:
    """A unit given a role in a sentence, and what follows the role word."""

    unit: str
    person: str | None
    role: Role
    kind: str
    tail: _Tail


@dataclass(frozen=True)
class _Reading:
    """A sentence being read for roles, and what it says for all of them."""

    doc: Document
    s: Sentence
    # The sentence's year ("Năm 2023, …"), else the one year written with its roles: it holds
    # for all its roles ("bầu Khối trưởng, Khối phó năm 2024: X làm Khối trưởng; Khối phó là Y").
    year: int | None
    electing: bool  # whether the sentence speaks of an election


def _sentence_roles(doc: Document, s: Sentence) -> list[Found]:
    written = {
        year for i, n, _ in ROLES.find(s) if (year := _role_tail(s, i + n).year.year) is not None
    }
    reading = _Reading(
        doc,
        s,
        year=doc.period.sentence_year(s) or (written.pop() if len(written) == 1 else None),
        electing=any(True for _ in _ELECTION.find(s)),
    )
    done: set[int] = set()  # role words already read by a rule
    found = _elected(reading, done)
    found += _handover(reading, done)
    covered = -1
    for i, n, phrase in ROLES.find(s):
        if i > covered and i not in done:
            found += _role_in_place(reading, i, n, *ROLE_WORDS[phrase])
        covered = max(covered, i + n - 1)
    return found


def _bloc_for(doc: Document, s: Sentence, kind: str, named: str | None) -> tuple[bool, str | None]:
    """(whether a role of this bloc kind may be stated here, the bloc's name)."""
    if named:
        name = doc.blocs.canonical(named)
        return bloc_kind(name) == fold(kind), name
    names = doc.blocs.in_sentence(s, kind)
    if len(names) == 1:
        return True, names.pop()
    if names:
        return doc.context.bloc in names, doc.context.bloc
    doc_kind = bloc_kind(doc.context.bloc)
    return doc_kind in (None, fold(kind)), doc.context.bloc


def _role(
    reading: _Reading, rule: str, clause: _Clause, year: int | None, tier: int
) -> list[Found]:
    """The fact of a clause's role in a year; none when the year or the bloc does not fit."""
    if year is None:
        return []
    allowed, bloc = _bloc_for(reading.doc, reading.s, clause.kind, clause.tail.bloc)
    if not allowed:
        return []
    return [
        reading.doc.fact(
            reading.s,
            FactKind.ROLE,
            rule,
            tier,
            bloc=bloc,
            year=year,
            role=clause.role,
            unit=clause.unit,
            person=clause.person,
        )
    ]


def _clause_at(s: Sentence, j: int, done: set[int]) -> _Clause | None:
    """ "[đơn vị] X làm Khối trưởng [năm N]" from token j."""
    j += UNIT_NOUNS.at(s, j)
    end = unit_end(s, j, places=True)
    if end is None:
        return None
    at = end + ADVERBS.at(s, end)
    k = at + _AS.at(s, at)
    if k == at:
        return None
    return _role_clause(s, s.span(j, end), None, k, done)


def _role_clause(
    s: Sentence, unit: str, person: str | None, k: int, done: set[int]
) -> _Clause | None:
    """The clause of the role word at token k, given to a unit; marks the word read."""
    hit = ROLES.match(s.tokens, k)
    if hit is None:
        return None
    n, phrase = hit
    done.add(k)
    role, kind = ROLE_WORDS[phrase]
    return _Clause(unit, person, role, kind, _role_tail(s, k + n))


def _chain(s: Sentence, first: _Clause, done: set[int]) -> list[_Clause]:
    """The clause and those coordinated with it: "…, Y làm Khối phó năm 2024"."""
    clauses = [first]
    while True:
        k = clauses[-1].tail.end
        start = k
        while s.key(k) in (",", ";", "va"):
            k += 1
        if k == start or (nxt := _clause_at(s, k, done)) is None:
            return clauses
        clauses.append(nxt)


def _years(reading: _Reading, clauses: list[_Clause], default: int | None) -> list[Found]:
    """Give each clause its year: its own, a coordinated clause's, the sentence's, or the
    default (tier 1)."""
    period = reading.doc.period
    own = [c.tail.year.year or period.relative(c.tail.year.relative) for c in clauses]
    found: list[Found] = []
    for index, clause in enumerate(clauses):
        later = next((y for y in own[index:] if y), None)
        earlier = next((y for y in reversed(own[:index]) if y), None)
        year = later or earlier or reading.year
        found += _role(reading, "role.elected", clause, year or default, 2 if year else 1)
    return found


def _elected(reading: _Reading, done: set[int]) -> list[Found]:
    """ "bầu/suy tôn X làm Khối trưởng năm N", "X được bầu làm Khối trưởng"."""
    s, next_term = reading.s, reading.doc.period.next_term
    found: list[Found] = []
    for v, n, _ in _ELECT.find(s):
        passive = next(
            (p for p in range(max(0, v - 6), v) if PASSIVE.at(s, p)
             and not any(is_boundary(s, m) for m in range(p, v))),
            None,
        )  # fmt: skip
        after = v + n + _AS.at(s, v + n)
        if passive is not None:
            holder = subject_of(s, passive, places=True)
            clause = holder and _role_clause(s, holder.unit, holder.person, after, done)
        else:
            clause = _clause_at(s, v + n, done)
            if clause is None and ROLES.at(s, v + n):
                found += _elected_list(reading, v + n, done)
                continue
        if clause:
            found += _years(reading, _chain(s, clause, done), next_term)
    return found


def _elected_list(reading: _Reading, k: int, done: set[int]) -> list[Found]:
    """ "bầu Khối trưởng, Khối phó năm 2024: X làm Khối trưởng, Y làm Khối phó"."""
    s = reading.s
    while (n := ROLES.at(s, k)) or s.key(k) in (",", "va"):
        k += n or 1
    tail = _role_tail(s, k)
    if s.key(tail.end) not in (":", ",", "la"):
        return []
    first = _clause_at(s, tail.end + 1, done)
    if first is None:
        return []
    return _years(reading, _chain(s, first, done), reading.doc.period.next_term)


def _handover(reading: _Reading, done: set[int]) -> list[Found]:
    """ "X bàn giao Khối trưởng cho Y", "X bàn giao cho Y nhiệm vụ Khối trưởng" (X led the
    year reviewed, Y leads the next); "Y nhận bàn giao Khối trưởng từ X"."""
    s = reading.s
    years = reading.doc.period.handover()
    if years is None:
        return []
    found: list[Found] = []
    for v, n, phrase in _HANDOVERS.find(s):
        k = v + n
        giver: Holder | None = None
        receiver: Holder | None = None
        if phrase in lexicon.HANDOVER_VERBS and s.key(k) == "cho":
            named = _unit_after(s, k + 1)
            if named is None:
                continue
            receiver, k = Holder(named[0], None, k + 1), named[1]
        clause = _role_clause(s, "", None, k + _DUTY.at(s, k), done)
        if clause is None or clause.role is not Role.LEADER:
            continue
        other = clause.tail.end + (s.key(clause.tail.end) == "lai")
        if phrase in lexicon.HANDOVER_VERBS:
            giver = subject_of(s, v, places=True)
            if receiver is None and s.key(other) == "cho":
                named = _unit_after(s, other + 1)
                receiver = Holder(named[0], None, other + 1) if named else None
        else:
            receiver = subject_of(s, v, places=True)
            if s.key(other) == "tu" and (named := _unit_after(s, other + 1)):
                giver = Holder(named[0], None, other + 1)
        written = clause.tail.year.year
        if receiver is None or (written is not None and written not in years):
            continue
        for holder, year in ((receiver, years[1]), (giver, years[0])):
            if holder is not None:
                given = replace(clause, unit=holder.unit, person=holder.person)
                found += _role(reading, "role.handover", given, year, 1)
    return found


def _unit_after(s: Sentence, j: int) -> tuple[str, int] | None:
    """(name, end) of the organisation named from token j, after "đơn vị"/"cơ quan"."""
    j += UNIT_NOUNS.at(s, j)
    end = unit_end(s, j, places=True)
    return (s.span(j, end), end) if end is not None else None


def _role_in_place(reading: _Reading, i: int, n: int, role: Role, kind: str) -> list[Found]:
    """A role named beside its holder: "X (Trưởng khối năm 2022)", "X – Khối trưởng",
    "X, cụm trưởng cụm số 1", "X là Khối trưởng", "Khối trưởng năm 2021 là X"."""
    period = reading.doc.period
    tail = _role_tail(reading.s, i + n)
    beside = _beside(reading, i, tail, kind == "cụm")
    if beside is None:
        return []
    holder, rule = beside
    clause = _Clause(holder.unit, holder.person, role, kind, tail)
    year = tail.year.year or period.relative(tail.year.relative) or reading.year
    # "Khối phó là X" in a sentence about an election names the elected unit.
    default = period.next_term if rule == "role.named" and reading.electing else None
    return _role(reading, rule, clause, year or default or period.current, 2 if year else 1)


def _beside(reading: _Reading, i: int, tail: _Tail, places: bool) -> tuple[Holder, str] | None:
    """(holder, rule) of a role word at token i from the words around it."""
    s = reading.s
    before = s.key(i - 1)
    nouns = UNIT_NOUNS.at(s, i - 2) == 2
    mark = i - (3 if nouns else 1)
    if s.key(mark) == "(":
        holder = holder_before(s, mark, places=places) if s.key(tail.end) == ")" else None
        return (holder, "role.listed") if holder and stands_alone(s, holder) else None
    if s.key(mark) in (",", *DASHES):
        holder = holder_before(s, mark, places=places)
        if holder and stands_alone(s, holder):
            return holder, "role.appositive"
    copula = next((k for k in range(max(0, i - 4), i) if _IS.at(s, k) == i - k), None)
    holds = next((k for k in range(max(0, i - 4), i) if _HOLDS.at(s, k) == i - k), None)
    if holds is not None and not (tail.year.year or reading.year):
        holds = None
    verb = copula if copula is not None else holds
    if verb is not None and before != ",":
        holder = subject_of(s, verb, places=places)
        return (holder, "role.named") if holder else None
    if s.key(tail.end) in ("la", ":") and _IS.at(s, tail.end) <= 1:
        after = _unit_after(s, tail.end + 1)
        # After a colon the name must stand alone: "Khối trưởng: Sở Y tế; …", not the
        # subject of a clause ("…: Cục Thống kê được suy tôn làm Trưởng khối").
        alone = after is not None and (
            s.key(tail.end) == "la" or after[1] >= len(s.tokens) or is_boundary(s, after[1])
        )
        if after is not None and alone:
            return Holder(after[0], None, tail.end + 1), "role.named"
    return None
