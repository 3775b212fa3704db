"""The blocs a report names: a bloc's name at a token, and the document's bloc names grouped by
the bloc they name.

"Khối" is an emulation bloc and "cụm" a cluster; both are named by a number ("Khối thi đua số 6"),
by a description ("Khối thi đua các cơ quan Trung ương"), or by both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

from bot.facts.period import LEAD_SENTENCES
from bot.facts.units import is_stop
from bot.facts.words import MEETING_KINDS, ORGANISE, ROLES
from bot.knowledge.metadata import first_bloc
from bot.vi import lexicon
from bot.vi.names import bloc_kind, bloc_number, same_bloc
from bot.vi.normalize import fold
from bot.vi.tokens import Sentence

_GENERIC_BEFORE: Final = frozenset(fold(word) for word in lexicon.BLOC_GENERIC_BEFORE)
_FILLER: Final = frozenset(fold(word) for word in lexicon.BLOC_VERB_FILLERS)


def bloc_at(s: Sentence, i: int) -> tuple[str, int] | None:
    """(name as written, end token) of the bloc named from token i ("Khối thi đua số 6",
    "Khối thi đua các cơ quan Trung ương", "cụm số 1", "Khối Nội chính")."""
    tokens = s.tokens
    if s.key(i) not in ("khoi", "cum") or ROLES.at(s, i):
        return None
    before = [t.key for t in tokens[max(0, i - 2) : i] if t.text != ","]
    if before and before[-1] in _GENERIC_BEFORE:
        return None
    rest = s.text[tokens[i].start : tokens[i].start + 160]
    name = _cached_first_bloc(rest)
    if name and rest.startswith(name):
        stop = tokens[i].start + len(name)
        end = next((k + 1 for k in range(i, len(tokens)) if tokens[k].end >= stop), len(tokens))
        return name, end
    j = i + 1
    if s.key(j) == "thi" and s.key(j + 1) == "dua":
        j += 2
    if s.key(j) == "so":
        j += 1
    if j < len(tokens) and tokens[j].text.isdigit() and len(tokens[j].text) <= 3 and j > i + 1:
        return s.span(i, j + 1), j + 1
    # A short name: "Khối Nội chính", "Khối Đảng".
    j = i + 1
    if not (s.mixed and tokens[i].text[:1].isupper() and j < len(tokens)):
        return None
    word = tokens[j].text
    if not (word[:1].isupper() and word.isalpha()) or s.key(j) in ("thi", "cac"):
        return None
    end = j
    while end < len(tokens) and end - j < 4 and tokens[end].text.isalpha() and not is_stop(s, end):
        end += 1
    return s.span(i, end), end


@functools.lru_cache(maxsize=4096)
def _cached_first_bloc(text: str) -> str | None:
    """The metadata's `first_bloc`, so that the bloc names of facts and of documents agree;
    memoised, since a bloc is read at each "khối" of a sentence."""
    return first_bloc(text)


class Blocs:
    """The bloc names of a document, grouped by the bloc they name; the document's own bloc
    (from its metadata) leads the first group, and its other names are linked to it where
    the text joins them ("Khối Thi đua số 6 của các cơ quan Nội chính") or where a lead
    sentence reports the document's meeting under another name."""

    def __init__(self, doc_bloc: str | None, sentences: Sequence[Sentence]) -> None:
        self.doc_bloc = doc_bloc
        self.groups: list[list[str]] = [[doc_bloc]] if doc_bloc else []
        self.mentions: dict[int, list[tuple[str, int, int]]] = {}
        self.first_seen: dict[str, int] = {}
        self.link_sentence: int | None = None
        for s in sentences:
            found = self.mentions.setdefault(s.index, [])
            for i, tok in enumerate(s.tokens):
                if tok.key in ("khoi", "cum") and (hit := bloc_at(s, i)):
                    found.append((hit[0], i, hit[1]))
                    self._add(hit[0])
                    self.first_seen.setdefault(hit[0], s.index)
        self._link_descriptions(sentences)
        if doc_bloc:
            self._link_lead(sentences)

    def _group_of(self, name: str) -> int | None:
        return next(
            (g for g, names in enumerate(self.groups) if any(same_bloc(name, n) for n in names)),
            None,
        )

    def _add(self, name: str) -> int:
        group = self._group_of(name)
        if group is None:
            self.groups.append([name])
            return len(self.groups) - 1
        if name not in self.groups[group]:
            self.groups[group].append(name)
        return group

    def _link(self, name: str, other: str, sentence: int) -> None:
        """Record that two names in a sentence name one bloc: merge their groups."""
        a, b = self._group_of(name), self._group_of(other)
        if a is None or b is None or a == b or bloc_kind(name) != bloc_kind(other):
            return
        keep, gone = min(a, b), max(a, b)
        self.groups[keep].extend(n for n in self.groups.pop(gone) if n not in self.groups[keep])
        if keep == 0 and self.link_sentence is None:
            self.link_sentence = sentence

    def _link_descriptions(self, sentences: Sequence[Sentence]) -> None:
        """A name joined to another in one phrase: "Khối Thi đua số 6 của các cơ quan Nội
        chính", "Khối thi đua các cơ quan Trung ương (Khối thi đua số 9)"."""
        for s in sentences:
            mentions = self.mentions[s.index]
            for name, _, end in mentions:
                paren = end + skip_forward(s, end)
                if s.key(paren) == "(":
                    inner = next((m for m, start, _ in mentions if start == paren + 1), None)
                    if inner is not None:
                        self._link(name, inner, s.index)
                    continue
                k = end + 1 if s.key(end) in ("cua", "-", "–") else end
                if k == end or s.key(k) != "cac" or bloc_number(name) is None:
                    continue
                stop = k + 1
                while stop < len(s.tokens) and stop - k < 8 and s.tokens[stop].text.isalpha():
                    if is_stop(s, stop) and s.key(stop) not in ("co", "don"):
                        break
                    stop += 1
                self._link(name, f"{bloc_kind(name)} {s.span(k, stop)}", s.index)

    def _link_lead(self, sentences: Sequence[Sentence]) -> None:
        """A lead sentence where a bloc holds the document's meeting names the document's bloc."""
        lead = sentences[:LEAD_SENTENCES]
        if not any(any(n == self.doc_bloc for n, _, _ in self.mentions[s.index]) for s in lead):
            return
        for s in lead:
            found = self.mentions[s.index]
            if (
                found
                and ORGANISE.at(s, found[0][2] + skip_forward(s, found[0][2]))
                and any(MEETING_KINDS.at(s, k) for k in range(found[0][2], len(s.tokens)))
            ):
                self._link(found[0][0], self.doc_bloc or "", s.index)

    def canonical(self, name: str) -> str:
        """The name the facts use for this bloc: the document's bloc name for its own."""
        group = self._group_of(name)
        return name if group is None else self.groups[group][0]

    def in_sentence(self, s: Sentence, kind: str) -> set[str]:
        """Canonical names of the blocs of a kind ("khối", "cụm") a sentence names."""
        return {
            self.canonical(name)
            for name, _, _ in self.mentions.get(s.index, ())
            if bloc_kind(name) == fold(kind)
        }

    def aliases(self) -> list[str]:
        """Other names of the document's bloc, as written, one per distinct spelling."""
        if not self.doc_bloc or not self.groups:
            return []
        seen = {_spelling(self.doc_bloc)}
        found: list[str] = []
        for name in self.groups[0][1:]:
            if _spelling(name) not in seen:
                seen.add(_spelling(name))
                found.append(name)
        return found


def _spelling(name: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", fold(name)) if w not in ("thi", "dua"))


def skip_forward(s: Sentence, j: int) -> int:
    """How many filler tokens ("đóng trên địa bàn tỉnh", ",", "đã") follow token j."""
    k = j
    while k < len(s.tokens) and k - j < 8:
        if (
            s.tokens[k].text == ","
            or s.key(k) in _FILLER
            or (s.mixed and s.tokens[k].text[:1].isupper() and not ORGANISE.at(s, k))
        ):
            k += 1
        else:
            break
    return k - j
