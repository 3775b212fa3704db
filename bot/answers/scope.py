"""The scope a question names (its provinces and sectors) and the documents inside it.

A question that names a province or a sector is answered only from documents of that scope; a
scope that no document covers is said so, never answered from another one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from bot.knowledge.index import DocRecord
from bot.vi import lexicon
from bot.vi import normalize as vt
from bot.vi.provinces import province_mentions, related_provinces

_SECTOR_CUES: Final = {
    sector: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(vt.fold(c)) for c in cues) + r")(?!\w)")
    for sector, cues in lexicon.SECTORS.items()
}


@dataclass(frozen=True)
class Scope:
    """What a question is limited to, and the documents within that limit."""

    provinces: tuple[str, ...]
    sectors: tuple[str, ...]
    docs: frozenset[str]

    @property
    def named(self) -> bool:
        """Whether the question names any scope."""
        return bool(self.provinces or self.sectors)

    def label(self) -> str:
        """The scope as people name it ("tỉnh Cà Mau", "ngành y tế")."""
        parts = [f"tỉnh {p}" for p in self.provinces] + [f"ngành {s}" for s in self.sectors]
        return ", ".join(parts)


def sectors_in(text: str) -> tuple[str, ...]:
    """The sectors a text names."""
    folded = vt.fold(text)
    return tuple(s for s, cue in _SECTOR_CUES.items() if cue.search(folded))


def scope_of(provinces: tuple[str, ...], question: str, docs: Mapping[str, DocRecord]) -> Scope:
    """The scope of a question naming `provinces` (already read from it), and its documents:
    those that speak of every sector named and are of the provinces (old and new names), or,
    for a sector's documents and those of no known province, name them."""
    sectors = sectors_in(question)
    places = {p for name in provinces for p in related_provinces(name)}
    inside = frozenset(
        name
        for name, doc in docs.items()
        if all(s in _doc_sectors(doc) for s in sectors)
        and (
            not places
            or doc.province in places
            or bool((sectors or doc.province is None) and _names_any(doc, places))
        )
    )
    return Scope(provinces, sectors, inside)


def _names_any(doc: DocRecord, places: set[str]) -> bool:
    """Whether a (sector's) document names one of the provinces in its text: a national
    guidance lists the provinces of each cluster."""
    return bool(places & _provinces_of(doc.content_hash, doc.text))


@functools.lru_cache(maxsize=4096)
def _provinces_of(content_hash: str, text: str) -> frozenset[str]:
    """The provinces a document names, cached by its content."""
    return frozenset(province_mentions(text))


def _doc_sectors(doc: DocRecord) -> tuple[str, ...]:
    return _sectors_of(doc.content_hash, f"{doc.title}\n{doc.bloc or ''}\n{doc.text}")


@functools.lru_cache(maxsize=4096)
def _sectors_of(content_hash: str, text: str) -> tuple[str, ...]:
    """A document's sectors, cached by its content."""
    return sectors_in(text)
