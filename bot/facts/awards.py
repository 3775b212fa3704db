"""Awards: which unit received, or was proposed for, which award ("Cờ thi đua", "Bằng khen") for
which year, granted by whom and for what."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from bot.facts.document import Document, Found
from bot.facts.model import FactKind
from bot.facts.period import year_at
from bot.facts.units import granter_end, holder_before, is_stop, skip_back, subject_of, unit_list
from bot.facts.words import AWARDS, HONORIFICS, PASSIVE, UNIT_NOUNS, is_year
from bot.vi import lexicon
from bot.vi.normalize import fold
from bot.vi.tokens import Phrases, Sentence

_TITLE_WORD: Final = Phrases(lexicon.AWARD_TITLE_WORDS)
_GRANT: Final = Phrases(lexicon.GRANT_VERBS)
_RECEIVE: Final = Phrases(lexicon.RECEIVE_VERBS)
_PROPOSE: Final = Phrases(lexicon.PROPOSE_VERBS)
_REASON: Final = Phrases(lexicon.REASON_WORDS)
# Granters that are part of the award's name ("Cờ thi đua của Bộ Tài chính"): their first key.
_NAMED_GRANTERS: Final = frozenset({"bo", "chinh", "thu"})


def extract(doc: Document) -> Iterator[Found]:
    """The award facts of a report, sentence by sentence: proposals first, then receipts and
    grants."""
    for s in doc.sentences:
        done: set[int] = set()  # where an award already read starts
        yield from _proposed(doc, s, done)
        yield from _received(doc, s, done)


@dataclass(frozen=True)
class _Award:
    """An award named in a sentence: its name, who grants it, its year, and where it ends."""

    name: str
    granter: str | None
    year: int | None
    end: int


def _award_at(s: Sentence, j: int) -> _Award | None:
    """The award named from token j: "[danh hiệu] [“]Cờ thi đua [ngành Tư pháp | của Bộ Tài
    chính | cấp tỉnh][”] [năm N]", "cờ dẫn đầu Khối thi đua", "Bằng khen"."""
    j += _TITLE_WORD.at(s, j)
    quoted = s.key(j) in ("“", '"')
    j += quoted
    hit = AWARDS.match(s.tokens, j)
    if hit is None:
        return None
    n, phrase = hit
    parts = [lexicon.AWARD_FORMS[phrase]]
    granter = None
    j += n
    if phrase == "cờ dẫn đầu" and s.key(j) in ("khoi", "cum"):
        size = 3 if s.key(j + 1) == "thi" and s.key(j + 2) == "dua" else 1
        parts.append(("Khối" if s.key(j) == "khoi" else "Cụm") + " thi đua" * (size == 3))
        j += size
    elif s.key(j) == "xuat" and s.key(j + 1) == "sac":
        parts.append(s.span(j, j + 2))
        j += 2
    elif s.key(j) == "hang" and s.key(j + 1) in ("nhat", "nhi", "ba"):
        parts.append(f"hạng {s.tokens[j + 1].text.capitalize()}")
        j += 2
    if s.key(j) == "nganh" and s.capital(j + 1) and (sector := _sector_end(s, j + 1)) > j + 1:
        parts.append(_capitalise_after(s.span(j, sector), "ngành"))
        j = sector
    elif s.key(j) == "cap" and s.key(j + 1) in ("tinh", "bo", "nganh", "co"):
        parts.append(s.span(j, j + 2))
        j += 2
    elif s.key(j) == "cua" and (granted := granter_end(s, j + 1)) is not None:
        granter = _capitalise_after(s.span(j + 1, granted), "bộ")
        if s.key(j + 1) in _NAMED_GRANTERS:
            parts.append(f"của {granter}")
        j = granted
    if quoted and s.key(j) in ("”", '"'):
        j += 1
    year = year_at(s, j)
    return _Award(" ".join(parts), granter, year.year, year.end)


def _clause_end(s: Sentence, j: int) -> int:
    """The first ";" or full stop (not a thousands dot) from token j."""
    for k in range(j, len(s.tokens)):
        text = s.tokens[k].text
        if text == ";" or (
            text == "." and not (s.key(k - 1).isdigit() and s.key(k + 1).isdigit())
        ):
            return k
    return len(s.tokens)


def _sector_end(s: Sentence, j: int) -> int:
    """End of a sector's name after "ngành": two words ("Tư pháp"), a third if capitalised."""
    end = j
    while end < len(s.tokens) and s.tokens[end].text.isalpha() and not is_stop(s, end):
        if end - j == 3 or (end - j == 2 and not (s.mixed and s.capital(end))):
            break
        end += 1
    return end


def _capitalise_after(text: str, word: str) -> str:
    """ "Bộ tài chính" → "Bộ Tài chính", "ngành tư pháp" → "ngành Tư pháp"."""
    if text.isupper():
        text = text.lower()
    words = text.split(" ")
    for index, current in enumerate(words[:-1]):
        if fold(current) == fold(word):
            words[index] = current.capitalize() if word == "bộ" else current.lower()
            words[index + 1] = words[index + 1][:1].upper() + words[index + 1][1:]
    return " ".join(words)


@dataclass(frozen=True)
class _Recipients:
    """Who an award goes to: units named, or only counted; and where they end."""

    units: tuple[str, ...]
    count: int | None
    end: int


def _recipients(s: Sentence, j: int) -> _Recipients | None:
    """Who an award goes to, from token j after "cho": "03 tập thể", "02 đơn vị là A và B",
    "đơn vị A", "tập thể A", "A, B và C". None for individuals (cá nhân)."""
    if s.key(j) == "cac":
        j += 1
    count = None
    tok = s.tokens[j] if j < len(s.tokens) else None
    if tok is not None and tok.text.isdigit() and len(tok.text) <= 3:
        count = int(tok.text)
        j += 1
        noun = UNIT_NOUNS.at(s, j)
        if not noun:
            return None
        j += noun
        if s.key(j) == "," and s.key(j + 1) == "ca":
            return None
        if not (s.key(j) in (":", "la") or s.key(j) == "gom"):
            return _Recipients((), count, j)
        j += 1
    else:
        j += UNIT_NOUNS.at(s, j)
    names, end, _ = unit_list(s, j)
    if not names:
        return _Recipients((), count, j) if count else None
    if count is not None and len(names) != count:
        names = []
    return _Recipients(tuple(names), count, end)


def _award_year(doc: Document, s: Sentence, award: _Award, lo: int, hi: int) -> int | None:
    """The year an award is for: written with it, the one year of its clause (tokens
    lo..hi-1), the sentence's year, else the year under review."""
    if award.year:
        return award.year
    clause_years = {int(t.text) for t in s.tokens[lo:hi] if is_year(t)}
    if len(clause_years) == 1:
        return clause_years.pop()
    return doc.period.sentence_year(s) or doc.period.summary or doc.period.current


def _award_fact(
    doc: Document,
    s: Sentence,
    rule: str,
    award: _Award,
    who: _Recipients,
    year: int | None,
    **values: Any,
) -> list[Found]:
    if year is None or not (who.units or who.count):
        return []
    unit = who.units[0] if len(who.units) == 1 else None
    units = who.units if len(who.units) > 1 else ()
    values.setdefault("granter", award.granter)
    return [doc.fact(s, FactKind.AWARD, rule, award=award.name, year=year, unit=unit,
                     units=units, count=who.count, **values)]  # fmt: skip


def _proposed(doc: Document, s: Sentence, done: set[int]) -> list[Found]:
    """ "đề nghị UBND tỉnh tặng Cờ thi đua cho 03 tập thể và Bằng khen cho 05 tập thể"."""
    found: list[Found] = []
    for d, n, _ in _PROPOSE.find(s):
        if PASSIVE.at(s, d - 1):
            continue
        j = d + n
        granter = None
        if not _GRANT.at(s, j):
            end = granter_end(s, j)
            if end is None:
                continue
            granter, j = s.span(j, end), end
        j += _GRANT.at(s, j)
        while (award := _award_at(s, j)) is not None:
            done.add(j)
            if s.key(award.end) != "cho" or (who := _recipients(s, award.end + 1)) is None:
                break
            year = _award_year(doc, s, award, d, who.end)
            found += _award_fact(doc, s, "award.proposed", award, who, year,
                                 granter=granter or award.granter)  # fmt: skip
            j = who.end
            if s.key(j) == "," and _PROPOSE.at(s, j + 1):
                break
            if s.key(j) not in ("va", ","):
                break
            j += 1
    return found


def _received(doc: Document, s: Sentence, done: set[int]) -> list[Found]:
    """ "X đạt danh hiệu cờ thi đua của Bộ tài chính", "X nhận giấy khen … có thành tích …",
    "X được suy tôn danh hiệu “Cờ thi đua ngành Tư pháp” năm N", "UBND tỉnh tặng Cờ thi
    đua cho X"."""
    found: list[Found] = []
    for v, n, verb in _RECEIVE.find(s):
        found += _receipt(doc, s, v, n, verb, done)
    for v, g, _ in _GRANT.find(s):
        award = _award_at(s, v + g)
        if award is None or v + g in done or PASSIVE.at(s, v - 1):
            continue
        who = _recipients(s, award.end + 1) if s.key(award.end) == "cho" else None
        giver = holder_before(s, skip_back(s, v))
        if who is None or giver is None:
            continue
        done.add(v + g)
        year = _award_year(doc, s, award, v, who.end)
        granter = s.span(giver.start, skip_back(s, v))
        found += _award_fact(doc, s, "award.granted", award, who, year, granter=granter)
    return found


def _receipt(doc: Document, s: Sentence, v: int, n: int, verb: str, done: set[int]) -> list[Found]:
    """A unit receiving an award, from the verb at token v."""
    j = v + n
    granter = None
    if verb == "được đề nghị" or not _award_at(s, j):
        end = granter_end(s, j)
        if end is None or not _GRANT.at(s, end):
            return []
        granter, j = s.span(j, end), end + _GRANT.at(s, end)
    award = _award_at(s, j)
    if award is None or j in done:
        return []
    holder = subject_of(s, v)
    if holder is None or holder.person or HONORIFICS.at(s, holder.start - 1):
        return []
    done.add(j)
    rule = "award.received"
    if "suy tôn" in verb or "bình chọn" in verb:
        rule = "award.honoured"
    elif "đề nghị" in verb:
        rule = "award.proposed"
    stop = _clause_end(s, award.end)
    year = _award_year(doc, s, award, holder.start, stop)
    who = _Recipients((holder.unit,), None, award.end)
    return _award_fact(doc, s, rule, award, who, year, granter=granter or award.granter,
                       subject=_reason(s, award.end, stop))  # fmt: skip


def _reason(s: Sentence, j: int, stop: int) -> str | None:
    """What an award is for: "thành tích …" after "vì"/"có"/"do"."""
    for k in range(j, min(stop, j + 12)):
        if (
            s.key(k) == "thanh"
            and s.key(k + 1) == "tich"
            and (_REASON.at(s, k - 1) or _REASON.at(s, k - 2) == 2)
        ):
            return s.span(k, stop).rstrip(" .;")
        if s.key(k) == "vi" and _REASON.at(s, k):
            return s.span(k + 1, stop).rstrip(" .;") or None
    return None
