"""A bloc's members and size ("Khối … gồm 7 đơn vị: A, …"), and the other names a report gives
its bloc."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from bot.facts.blocs import bloc_at, skip_forward
from bot.facts.document import Document, Found
from bot.facts.model import FactKind
from bot.facts.units import is_boundary, unit_list
from bot.facts.words import ROLES
from bot.vi import lexicon
from bot.vi.names import bloc_kind
from bot.vi.tokens import Phrases, Sentence

_INCLUDE: Final = Phrases(lexicon.INCLUDE_VERBS)
_NOW: Final = Phrases(lexicon.NOW_WORDS)
_MEMBER_NOUNS: Final = Phrases(lexicon.MEMBER_COUNT_NOUNS)


def extract(doc: Document) -> Iterator[Found]:
    """The members and size of blocs, at most one fact a sentence."""
    for s in doc.sentences:
        yield from _members(doc, s)


def names(doc: Document) -> list[Found]:
    """The other names of the document's bloc, in one fact, from the sentence that links them
    to it (or the first that names one)."""
    aliases = doc.blocs.aliases()
    if not aliases:
        return []
    index = doc.blocs.link_sentence
    if index is None:
        index = min(doc.blocs.first_seen.get(a, 0) for a in aliases)
    s = doc.sentences[index]
    return [doc.fact(s, FactKind.BLOC, "bloc.names", subject=" | ".join(aliases))]


def _count_at(s: Sentence, c: int) -> tuple[int, int, bool] | None:
    """(number, end, whether it says "thành viên") of "08 cơ quan, đơn vị thành viên" at c."""
    tok = s.tokens[c] if 0 <= c < len(s.tokens) else None
    if tok is None or not tok.text.isdigit() or len(tok.text) > 3 or s.key(c + 1) == "/":
        return None
    k = c + 1
    nouns = 0
    while k < len(s.tokens):
        n = _MEMBER_NOUNS.at(s, k)
        if n:
            nouns += 1
            k += n
        elif s.tokens[k].text == "," and _MEMBER_NOUNS.at(s, k + 1):
            k += 1
        else:
            break
    if not nouns:
        return None
    members = any(s.key(m) == "thanh" and s.key(m + 1) == "vien" for m in range(c + 1, k))
    return int(tok.text), k, members


def _members(doc: Document, s: Sentence) -> list[Found]:
    """Members and size of a bloc: "Khối … gồm 7 đơn vị: A, …", "Khối … hiện có 10 đơn vị
    thành viên, gồm: A, …", "08 cơ quan, đơn vị thành viên Khối thi đua số 6 là A (Trưởng
    khối năm 2022), …", "Trong số 09 đơn vị thuộc Khối"."""
    for bloc, end in _bloc_subjects(doc, s):
        k = end + skip_forward(s, end)
        k += _NOW.at(s, k)
        verb = _INCLUDE.at(s, k) or (s.key(k) == "co" and "," not in s.span(end, k))
        if not verb:
            continue
        k += verb
        count = _count_at(s, k)
        if count is None and s.key(k - 1) == "co":
            continue
        if count is not None:
            k = count[1] + (s.key(count[1]) == ",")
            k += _INCLUDE.at(s, k)
        return _member_list(doc, s, bloc, k, count[0] if count else None)
    for c, tok in enumerate(s.tokens):
        count = _count_at(s, c) if tok.text.isdigit() else None
        if count is None or s.key(c - 1) in ("/", "cho"):
            continue
        value, end, members = count
        among = s.key(c - 2) in ("trong", "tong") and s.key(c - 1) == "so"
        k = end + (1 if s.key(end) in ("cua", "trong", "thuoc") else 0)
        if not (members or among) or s.key(k) not in ("khoi", "cum"):
            continue
        named = _bloc_named_at(doc, s, k)
        if named is None:
            continue
        bloc, after = named
        if members and (_INCLUDE.at(s, after) or s.key(after) in ("la", ":")):
            return _member_list(doc, s, bloc, after + max(1, _INCLUDE.at(s, after)), value)
        return [_bloc_fact(doc, s, "bloc.count", bloc, (), value)]
    return []


def _bloc_subjects(doc: Document, s: Sentence) -> list[tuple[str | None, int]]:
    """(bloc, end) of each bloc the sentence names, a bare "Khối" being the document's."""
    found: list[tuple[str | None, int]] = []
    for k, tok in enumerate(s.tokens):
        # A bare "Khối" is a subject only at the start of a clause.
        bare = bloc_at(s, k) is None and k > 0 and not is_boundary(s, k - 1)
        if tok.key in ("khoi", "cum") and not ROLES.at(s, k) and not bare:
            named = _bloc_named_at(doc, s, k)
            if named is not None:
                found.append(named)
    return found


def _bloc_named_at(doc: Document, s: Sentence, k: int) -> tuple[str | None, int] | None:
    """(bloc, end) for a bloc named at token k; a bare "Khối [thi đua]" is the document's."""
    found = bloc_at(s, k)
    if found:
        return doc.blocs.canonical(found[0]), found[1]
    if bloc_kind(doc.context.bloc) not in (None, s.key(k)):
        return None
    return doc.context.bloc, k + (3 if s.key(k + 1) == "thi" and s.key(k + 2) == "dua" else 1)


def _member_list(
    doc: Document, s: Sentence, bloc: str | None, j: int, count: int | None
) -> list[Found]:
    """The members listed from token j (after "gồm"), or only their number when the list does
    not match it."""
    written = _count_at(s, j)
    if written is not None:
        count, j, _ = written
    elif s.key(j) == "cac" and _MEMBER_NOUNS.at(s, j + 1):
        j += 1
        while _MEMBER_NOUNS.at(s, j) or s.key(j) == ",":
            j += _MEMBER_NOUNS.at(s, j) or 1
    if s.key(j) in (":", "la"):
        j += 1
    members, _, clean = unit_list(s, j)
    if not clean or len(members) < 2 or (count is not None and len(members) != count):
        members = []
    if not (members or count):
        return []
    rule = "bloc.members" if members else "bloc.count"
    return [_bloc_fact(doc, s, rule, bloc, tuple(members), count or len(members))]


def _bloc_fact(
    doc: Document,
    s: Sentence,
    rule: str,
    bloc: str | None,
    units: tuple[str, ...],
    count: int | None,
) -> Found:
    return doc.fact(
        s, FactKind.BLOC, rule, bloc=bloc, units=units, count=count, year=doc.period.current
    )
