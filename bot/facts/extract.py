"""Rule-based facts (no LLM) from bloc reports: roles, members, awards, meetings, documents and
deadlines, each with the sentence it came from and the id of the rule that produced it.

Each family of rules reads the same `Document` (sentences, period, blocs, computed once) in its
own module. Rules match on tokens compared with their marks when the text has them and folded
when it has none, so reports typed without diacritics or in capitals are read too. Precision
comes first: when a sentence can be read two ways nothing is extracted, since a wrong fact
becomes a confident wrong answer.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, Final

from bot.facts import awards, deadlines, documents, meetings, members, roles
from bot.facts.document import Document, Family, Found
from bot.facts.model import DocContext, Fact, FactKind
from bot.vi.names import same_unit
from bot.vi.provinces import province_mentions

# Facts are listed sentence by sentence, and within a sentence family by family in this order:
# first these, then (second pass) the chairs, documents, deadlines and effective dates.
_FIRST_PASS: Final[tuple[Family, ...]] = (
    roles.extract,
    members.extract,
    awards.extract,
    meetings.extract,
)


def extract_facts(context: DocContext, text: str) -> list[Fact]:
    """All facts of one document (text already normalised by bot.vi.normalize.normalize)."""
    doc = Document.read(context, text)
    found = list(_by_sentence(*(family(doc) for family in _FIRST_PASS)))
    # The chairs of a meeting need the document's main meeting: the first one held.
    main = next((f.fact for f in found if f.fact.rule == "meeting.held"), None)
    found += _by_sentence(
        meetings.chairs(doc, main),
        documents.extract(doc),
        deadlines.extract(doc),
        documents.effective(doc),
    )
    found += documents.header(doc)
    found += members.names(doc)
    return _finish(context, found)


def _by_sentence(*families: Iterable[Found]) -> Iterator[Found]:
    """Facts of several families merged sentence by sentence; within a sentence, in the order
    the families are given (each family lists its facts in sentence order)."""
    return heapq.merge(*families, key=lambda found: found.sentence)


# --- finishing --------------------------------------------------------------------------------


def _finish(context: DocContext, found: list[Found]) -> list[Fact]:
    """The facts kept: contradicting roles dropped, the province set, duplicates removed."""
    facts: list[Fact] = []
    seen: set[tuple[Any, ...]] = set()
    for fact in _resolve_roles(found):
        fact = _with_province(context, fact)
        key = tuple(sorted((k, str(v)) for k, v in fact.to_dict().items()
                           if k not in ("evidence", "rule")))  # fmt: skip
        if key not in seen:
            seen.add(key)
            facts.append(fact)
    return facts


def _with_province(context: DocContext, fact: Fact) -> Fact:
    """The document's province, unless the fact's names point to another one."""
    named = " ; ".join(n for n in (fact.unit, *fact.units, fact.place) if n)
    mentioned = _provinces(named) if named else []
    province = context.province
    if mentioned and province not in mentioned:
        province = mentioned[0]
    return fact if province == fact.province else replace(fact, province=province)


@functools.lru_cache(maxsize=4096)
def _provinces(text: str) -> list[str]:
    return province_mentions(text)


def _resolve_roles(found: list[Found]) -> list[Fact]:
    """Drop role facts that contradict each other: for one bloc, year and role, names of other
    units (or one unit both leader and deputy) keep only the facts with the year written, and
    none when those disagree too."""
    slots: dict[tuple[Any, ...], list[Found]] = {}
    for item in found:
        if item.fact.kind is FactKind.ROLE:
            slots.setdefault((item.fact.bloc, item.fact.year), []).append(item)
    dropped: set[int] = set()
    for entries in slots.values():
        for a in entries:
            for b in entries:
                same = same_unit(a.fact.unit or "", b.fact.unit or "")
                if (a.fact.role is b.fact.role) != same:
                    if a.tier < b.tier:
                        dropped.add(id(a))
                    elif a.tier == b.tier:
                        dropped.update((id(a), id(b)))
    return [item.fact for item in found if id(item) not in dropped]
