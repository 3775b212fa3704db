"""How many of the dated meetings and deadlines the documents state the calendar lists, and how
many of those it lists the documents do state: scored against a gold file of events.

A gold event counts as found when an event is listed from the same document on the same date;
a yearly one ("MM-DD yearly") on the same day and month. Precision is the share of listed
events whose date the document does state. Telling that for sure would need a gold list of
every date each document states; it is approximated by what can be checked without one: a
listed event is stated when it matches a gold event, or when its evidence sentence writes its
day and month (with its year, when the sentence writes one). An event whose date the sentence
does not hold (a date carried over from another sentence, a year guessed wrongly) counts
against precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.calendar.events import Event
from bot.calendar.sources import DocInfo, fact_event
from bot.facts.model import Fact
from bot.facts.store import FactStore
from bot.vi.normalize import find_dates

_YEARLY = re.compile(r"(\d{1,2})-(\d{1,2})\s+yearly")


@dataclass(frozen=True)
class GoldEvent:
    """A meeting or deadline a document states, as the gold file lists it."""

    doc: str
    kind: str
    date: dt.date  # a yearly event: its day and month in the year 2000
    recurring: bool
    what: str
    evidence: str

    def when(self) -> str:
        """Its date as the gold file writes it."""
        return f"{self.date:%m-%d} yearly" if self.recurring else self.date.isoformat()


@dataclass(frozen=True)
class Listed:
    """An event the calendar lists from one document, and the fact it comes from."""

    fact: Fact
    event: Event

    @property
    def doc(self) -> str:
        """The document that states it."""
        return self.fact.doc

    def when(self) -> str:
        """Its date: ISO, or "MM-DD yearly"."""
        date = self.event.date
        return f"{date:%m-%d} yearly" if self.event.recurring else date.isoformat()


@dataclass(frozen=True)
class EventScore:
    """The gold events found and missed, the listed events stated and not stated."""

    found: tuple[GoldEvent, ...]
    missed: tuple[GoldEvent, ...]
    stated: tuple[Listed, ...]
    unstated: tuple[Listed, ...]

    @property
    def recall(self) -> float:
        """Share of gold events found."""
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def precision(self) -> float:
        """Share of listed events whose date the document states (see the module)."""
        total = len(self.stated) + len(self.unstated)
        return len(self.stated) / total if total else 1.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-able summary with the missed and the unstated events."""
        return {
            "gold": len(self.found) + len(self.missed),
            "found": len(self.found),
            "recall": round(self.recall, 4),
            "listed": len(self.stated) + len(self.unstated),
            "stated": len(self.stated),
            "precision": round(self.precision, 4),
            "missed": [
                {"doc": g.doc, "kind": g.kind, "date": g.when(), "evidence": g.evidence}
                for g in self.missed
            ],
            "unstated": [
                {
                    "doc": item.doc,
                    "kind": str(item.event.kind),
                    "date": item.when(),
                    "title": item.event.title,
                    "evidence": item.fact.evidence,
                }
                for item in self.unstated
            ],
        }


def load_gold(path: Path) -> list[GoldEvent]:
    """The gold events of a YAML list (doc, kind, date: YYYY-MM-DD or "MM-DD yearly", what,
    evidence); ValueError names a malformed entry."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    gold: list[GoldEvent] = []
    for number, entry in enumerate(entries, start=1):
        text = str(entry.get("date", "")).strip()
        if found := _YEARLY.fullmatch(text):
            date, recurring = dt.date(2000, int(found[1]), int(found[2])), True
        else:
            try:
                date, recurring = dt.date.fromisoformat(text), False
            except ValueError:
                raise ValueError(f"entry {number}: bad date {text!r}") from None
        gold.append(
            GoldEvent(
                doc=str(entry["doc"]),
                kind=str(entry.get("kind", "")),
                date=date,
                recurring=recurring,
                what=str(entry.get("what", "")),
                evidence=str(entry.get("evidence", "")),
            )
        )
    return gold


def listed_events(store: FactStore, docs: Mapping[str, DocInfo]) -> list[Listed]:
    """The events the calendar takes from each document, one per document, kind and date (the
    calendar merges those several documents state; here each document keeps its own)."""
    listed: dict[tuple[object, ...], Listed] = {}
    for fact in store.facts:
        event = fact_event(fact, store, docs.get(fact.doc))
        if event is not None:
            item = Listed(fact, event)
            listed.setdefault((fact.doc, event.kind, item.when()), item)
    return list(listed.values())


def score_events(listed: Sequence[Listed], gold: Sequence[GoldEvent]) -> EventScore:
    """Recall and precision of the listed events against the gold ones (see the module)."""
    found = [g for g in gold if any(_same(g, item) for item in listed)]
    missed = [g for g in gold if g not in found]
    stated: list[Listed] = []
    unstated: list[Listed] = []
    for item in listed:
        ok = any(_same(g, item) for g in gold) or _states(item)
        (stated if ok else unstated).append(item)
    return EventScore(tuple(found), tuple(missed), tuple(stated), tuple(unstated))


def _same(gold: GoldEvent, item: Listed) -> bool:
    """Same document and date; by day and month when either is yearly."""
    if gold.doc != item.doc:
        return False
    if gold.recurring or item.event.recurring:
        return (gold.date.month, gold.date.day) == (item.event.date.month, item.event.date.day)
    return gold.date == item.event.date


def _states(item: Listed) -> bool:
    """Whether the evidence sentence writes the event's day and month, and its year if any."""
    event = item.event
    return any(
        (match.day, match.month) == (event.date.day, event.date.month)
        and (match.year is None or event.recurring or match.year == event.date.year)
        for match in find_dates(item.fact.evidence)
    )
