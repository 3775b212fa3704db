"""Understanding a question without an LLM: what it asks, and about which year, province, bloc,
unit, meeting or award.

Staff type in Vietnamese with or without marks, NFC or NFD, with abbreviations. Every keyword
below is written with its marks and matched word by word. In a question typed with marks, words
must carry the same marks ("cờ" is not "có", "quan" is not "quận"); in one typed without, a
word matches by its folded form ("co thi dua" is "cờ thi đua"), and a word typed with marks
still must carry them. A few short words mean too many things once their marks are gone;
standing alone, they match only when typed with marks (`lexicon.NEEDS_MARKS`).

The intent is what the question asks for, not every topic it mentions: "Khối trưởng có vai trò
gì" mentions the leader but asks about duties (OPEN). Each topic is a candidate only when the
question carries an ask that fits it (a "who" for a role, a "when"/"where"/"who chaired" for a
meeting, ...); when several remain, the one asked last wins, and a bare noun phrase without any
question word ("khoi pho khoi noi chinh 2022") is about its head, the first topic.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any, Final, Generic, TypeVar

from bot.vi import lexicon
from bot.vi.names import number_at, roman_value
from bot.vi.normalize import ABBREVIATIONS, fold, has_diacritics, iter_years, normalize
from bot.vi.provinces import canonical_province, find_provinces


class Intent(StrEnum):
    """What a question asks for."""

    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBERS = "members"
    COUNT = "count"
    AWARD = "award"
    MEETING = "meeting"
    DOCUMENT = "document"
    DEADLINE = "deadline"
    OPEN = "open"


class MeetingAsk(StrEnum):
    """What a MEETING question asks about the meeting; ANY when it asks none or several."""

    DATE = "date"
    PLACE = "place"
    CHAIR = "chair"
    ANY = "any"


# --- Public result ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedQuestion:
    """A question as understood: its intent and the entities that narrow the search."""

    text: str
    intent: Intent
    year: int | None
    provinces: tuple[str, ...]
    bloc_number: int | None
    bloc_words: tuple[str, ...]
    cluster: bool
    units: tuple[str, ...]
    meeting: str | None
    meeting_ask: MeetingAsk | None
    award: str | None
    asks_count: bool
    asks_role_of_unit: bool

    def names_bloc(self) -> bool:
        """Whether the question says which bloc (by number, name words or member units)."""
        return self.bloc_number is not None or bool(self.bloc_words) or bool(self.units)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form, to keep a chat's last question across restarts."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ParsedQuestion:
        """The inverse of `to_dict`."""
        ask = data.get("meeting_ask")
        return cls(
            **{
                **data,
                "intent": Intent(data["intent"]),
                "provinces": tuple(data["provinces"]),
                "bloc_words": tuple(data["bloc_words"]),
                "units": tuple(data["units"]),
                "meeting_ask": MeetingAsk(ask) if ask else None,
            }
        )


# --- Tokens and keyword matching --------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    text: str  # as typed (normalised), case kept
    lower: str
    key: str  # folded: no marks, đ → d
    marked: bool  # carries marks itself
    exact: bool  # compared with its marks (see the module docstring)
    province: int  # length in tokens of the province name starting here, 0 if none


# A document symbol or a date stays one token: "1479/HD-BTĐKT", "24/2/2023".
_TOKEN_RE: Final = re.compile(r"\d+(?:[/.\-]\w+)+|\w+|[^\w\s]")
_SHORT_FORMS: Final = {fold(k): v for k, v in {**ABBREVIATIONS, **lexicon.CHAT_SHORTHAND}.items()}
_WORD_RE: Final = re.compile(r"[^\W\d_]+")
_MARKED_SHARE: Final = 0.5
_MAX_NAME_WORDS: Final = 12


def _typed_with_marks(text: str) -> bool:
    """Whether the question was typed with marks: most of its words (capitals aside) carry
    some, as Vietnamese words mostly do."""
    words = [w for w in _WORD_RE.findall(text) if not w.isupper()]
    return sum(map(_marked, words)) >= _MARKED_SHARE * len(words) > 0


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=1 << 16)
def _marked(word: str) -> bool:
    return has_diacritics(word)


@lru_cache(maxsize=1 << 14)
def _is_province(name: str) -> bool:
    return canonical_province(name) is not None


def _province_length(keys: Sequence[str], i: int) -> int:
    """Length in words of a province name starting at word i ("dong thap"), 0 if none."""
    for n in range(min(4, len(keys) - i), 0, -1):
        span = keys[i : i + n]
        if all(k.isalpha() for k in span) and _is_province(" ".join(span)):
            return n
    return 0


def _tokenize(text: str) -> list[_Token]:
    """Tokens of normalised text, abbreviations expanded ("BHXH" → "Bảo hiểm xã hội")."""
    typed_exact = _typed_with_marks(text)
    words: list[tuple[str, bool]] = []  # (word, compared with its marks)
    for raw in _TOKEN_RE.findall(text):
        key = _key(raw)
        long_form = _SHORT_FORMS.get(key)
        if long_form and (key not in lexicon.CAPITALS_ONLY or raw.isupper()):
            words.extend((word, True) for word in long_form.split())
        else:
            words.append((raw, typed_exact))
    keys = [_key(word) for word, _ in words]
    tokens = []
    for i, (word, exact) in enumerate(words):
        marked = _marked(word)
        province = _province_length(keys, i)
        tokens.append(_Token(word, word.lower(), keys[i], marked, exact or marked, province))
    return tokens


V = TypeVar("V")


class _Table(Generic[V]):
    """Keyword phrases, each with a value, matched on tokens as the module docstring says."""

    def __init__(self, phrases: Mapping[str, V], *, loose: bool = False) -> None:
        self._needs_marks = frozenset() if loose else lexicon.NEEDS_MARKS
        self._entries: dict[tuple[str, ...], list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in phrases.items():
            words = tuple(normalize(phrase).lower().split())
            key = tuple(fold(w) for w in words)
            self._entries.setdefault(key, []).append((words, value))
        self._longest = max(len(key) for key in self._entries)
        self._firsts = frozenset(key[0] for key in self._entries)
        self._lasts = frozenset(key[-1] for key in self._entries)

    def _value(self, span: Sequence[_Token]) -> V | None:
        for words, value in self._entries.get(tuple(t.key for t in span), ()):
            if all(not t.exact or t.lower == w for t, w in zip(span, words, strict=True)) and (
                len(words) > 1 or span[0].marked or words[0] not in self._needs_marks
            ):
                return value
        return None

    def match(self, tokens: Sequence[_Token], i: int) -> tuple[int, V] | None:
        """(length, value) of the longest phrase starting at token i, or None."""
        if i >= len(tokens) or tokens[i].key not in self._firsts:
            return None
        for n in range(min(self._longest, len(tokens) - i), 0, -1):
            value = self._value(tokens[i : i + n])
            if value is not None:
                return n, value
        return None

    def ending(self, tokens: Sequence[_Token], end: int) -> tuple[int, V] | None:
        """(length, value) of the longest phrase ending just before token `end`, or None."""
        if end <= 0 or tokens[end - 1].key not in self._lasts:
            return None
        for n in range(min(self._longest, end), 0, -1):
            value = self._value(tokens[end - n : end])
            if value is not None:
                return n, value
        return None

    def scan(self, tokens: Sequence[_Token]) -> list[tuple[int, int, V]]:
        """(start, end, value) of each phrase in the tokens, longest first, without overlaps."""
        found: list[tuple[int, int, V]] = []
        i = 0
        while i < len(tokens):
            hit = self.match(tokens, i) if tokens[i].key in self._firsts else None
            if hit:
                found.append((i, i + hit[0], hit[1]))
                i += hit[0]
            else:
                i += 1
        return found


def _table(phrases: Iterable[str], *, loose: bool = False) -> _Table[str]:
    return _Table({phrase: phrase for phrase in phrases}, loose=loose)


_ROLE_TABLE: Final = _Table({p: Intent(role) for p, (role, _) in lexicon.ROLE_WORDS.items()})
_ROLE_OF_UNIT_TABLE: Final = _table(lexicon.ROLE_OF_UNIT)
_WH_TABLE: Final = _Table(lexicon.WH)
_FINAL_TABLE: Final = _table(lexicon.FINAL_PARTICLES)
_TRAILING_TABLE: Final = _table(lexicon.TRAILING)
_NOUN_TABLE: Final = _Table(lexicon.NOUNS)
_COUNTED_TABLE: Final = _table(lexicon.COUNTED)
_COUNT_LEAD_TABLE: Final = _table(lexicon.COUNT_LEADS, loose=True)  # "so don vi" is "số đơn vị"
_MEMBER_TABLE: Final = _table(lexicon.MEMBER_CUES)
_IN_BLOC_TABLE: Final = _table(lexicon.IN_BLOC)
_AWARD_TABLE: Final = _table(lexicon.AWARD_CUES)
_AWARD_NAME_TABLE: Final = _Table(lexicon.AWARDS)
_AWARD_ASK_TABLE: Final = _table(lexicon.AWARD_ASK_NOUNS)
_MEETING_TABLE: Final = _Table(lexicon.MEETINGS)
_CHAIR_TABLE: Final = _table(lexicon.CHAIR_VERBS)
_HOST_TABLE: Final = _table(lexicon.HOST_VERBS)
_DEADLINE_TABLE: Final = _table(lexicon.DEADLINE_CUES)
_SUBMIT_TABLE: Final = _table(lexicon.SUBMIT_VERBS)
_BEFORE_TABLE: Final = _table((lexicon.BEFORE,))
_DOC_CUE_TABLE: Final = _table(lexicon.DOC_CUES)
_ISSUED_TABLE: Final = _table((lexicon.ISSUED,))
_OPEN_TABLE: Final = _table(lexicon.OPEN_NOUNS)
_UNIT_TABLE: Final = _Table(lexicon.UNIT_HEADS)
_NOT_UNIT_AFTER_TABLE: Final = _table(lexicon.NOT_UNIT_AFTER)
_NOT_UNIT_TABLE: Final = _table(lexicon.NOT_UNITS)
_OWNER_BEFORE_TABLE: Final = _table(lexicon.OWNER_BEFORE)
_LOCALITY_TABLE: Final = _table(lexicon.LOCALITIES)
_NAME_PART_TABLE: Final = _table(lexicon.NAME_PARTS)
_STOP_TABLE: Final = _table(lexicon.NAME_STOPS)
_UNIT_STOP_TABLE: Final = _table(lexicon.UNIT_ONLY_STOPS)
_FILLER_TABLE: Final = _table(lexicon.BLOC_FILLERS)
_OPENER_TABLE: Final = _table(lexicon.BLOC_OPENERS)
_LIST_TABLE: Final = _table(lexicon.LIST_NOUNS)
_NOT_BLOC_TABLE: Final = _table(lexicon.NOT_BLOC_AFTER)
_GENERIC_TABLE: Final = _table(lexicon.QUESTION_GENERIC_BEFORE)
_RELATIVE_TABLE: Final = _Table(lexicon.RELATIVE_YEARS)
_THI_DUA_TABLE: Final = _table(("thi đua",))


def _has(table: _Table[V], tokens: Sequence[_Token]) -> bool:
    return bool(table.scan(tokens))


# --- Asks: the question words and what they ask for ------------------------------------------


@dataclass(frozen=True)
class _Ask:
    """One question word: kind is who/time/year/where/doc/bloc/count/number/quantity/what/
    how/list/yes_no; `noun` is where the noun before a "nào"/"gì" starts."""

    kind: str
    start: int
    end: int
    noun: int


def _asks(tokens: Sequence[_Token]) -> list[_Ask]:
    """The question words of the question, each with what it asks for."""
    asks: list[_Ask] = []
    for start, end, kind in _WH_TABLE.scan(tokens):
        before = _NOUN_TABLE.ending(tokens, start)
        noun = start - before[0] if before else start
        if kind in ("which", "what"):
            kind = before[1] if before else "what"
            if kind == "doc" and tokens[start].key == "gi" and tokens[noun].key != "van":
                kind = "what"  # "văn bản gì" asks for a document, "kế hoạch gì" for content
        elif kind == "how_many":
            kind = _how_many(tokens, start, end)
        asks.append(_Ask(kind, start, end, noun))
    last = len(tokens)
    while last and (not tokens[last - 1].key.isalnum() or _TRAILING_TABLE.match(tokens, last - 1)):
        last -= 1
    if last and _FINAL_TABLE.match(tokens, last - 1):
        asks.append(_Ask("yes_no", last - 1, last, last - 1))
    return asks


def _how_many(tokens: Sequence[_Token], start: int, end: int) -> str:
    """What a "bao nhiêu"/"mấy" asks: a count of units, a number, a time or a quantity."""
    before = tokens[start - 1].key if start else ""
    if any(_COUNTED_TABLE.match(tokens, j) for j in (end, end + 1)):
        return "count"
    if (end < len(tokens) and tokens[end].key == "gio") or before in ("ngay", "thang"):
        return "time"
    if before == "nam":
        return "year"
    if before == "so":
        return "number"
    leads = (e for s, e, _ in _COUNT_LEAD_TABLE.scan(tokens[:start]))
    return "count" if any(_COUNTED_TABLE.match(tokens, e) for e in leads) else "quantity"


# --- Bloc, units, year ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Bloc:
    number: int | None
    words: tuple[str, ...]
    cluster: bool
    spans: tuple[tuple[int, int], ...]


def _bloc(tokens: Sequence[_Token], roles: Sequence[tuple[int, int, Intent]]) -> _Bloc:
    """The bloc or cluster the question names: number, distinctive folded words, kind.

    It is a cluster when the first bloc named is a "Cụm", else when the first "khối"/"cụm"
    outside a role word is, else when the role is a cluster's ("cụm trưởng").
    """
    role_at = {i: end for start, end, _ in roles for i in range(start, end)}
    number: int | None = None
    words: tuple[str, ...] = ()
    heads: list[str] = []  # "khoi"/"cum" of each bloc named
    bare: list[str] = []  # of each "khối"/"cụm" outside a role word
    spans: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.key not in ("khoi", "cum") or _generic_head(tokens, i):
            continue
        j = role_at.get(i, i + 1)
        if _NOT_BLOC_TABLE.match(tokens, j):
            continue
        if i not in role_at:
            bare.append(token.key)
        j += _step(tokens, j, _THI_DUA_TABLE)
        found_number, j = number_at([t.text for t in tokens], j)
        if found_number is not None:  # "Khối thi đua số 6 các cơ quan nội chính"
            opens = j < len(tokens) and tokens[j].key in ("cac", "cua")
        else:
            opens = i not in role_at or bool(_OPENER_TABLE.match(tokens, j))
        name, end = _bloc_name(tokens, j) if opens else ((), j)
        if found_number is None and not name:
            continue
        heads.append(token.key)
        spans.append((i, end))
        if number is None:
            number = found_number
        words = words or name
    role_heads = [t.key for s, e, _ in roles for t in tokens[s:e] if t.key in ("khoi", "cum")]
    kind = next(iter(heads + bare + role_heads), "khoi")
    return _Bloc(number, words, kind == "cum", tuple(spans))


def _generic_head(tokens: Sequence[_Token], i: int) -> bool:
    """Whether "khối"/"cụm" at i speaks of blocs in general: "các khối", "cụm, khối"."""
    if i and _GENERIC_TABLE.match(tokens, i - 1):
        return True
    words = [t.key for t in tokens if t.key not in (",", "/")]
    at = sum(1 for t in tokens[:i] if t.key not in (",", "/"))
    neighbours = words[max(0, at - 1) : at] + words[at + 1 : at + 2]
    return any(word in ("khoi", "cum") for word in neighbours)


def _bloc_name(tokens: Sequence[_Token], j: int) -> tuple[tuple[str, ...], int]:
    """Distinctive folded words of a bloc's descriptive name starting at j, and its end."""
    words: list[str] = []
    k = j
    while k < len(tokens) and k - j < _MAX_NAME_WORDS:
        token = tokens[k]
        if token.key == ",":
            if not _LIST_TABLE.match(tokens, k + 1):
                break
            k += 1
            continue
        if token.key in ("-", "–", "—"):
            k += 1
            continue
        if not token.key.isalpha() or token.province:
            break
        if token.key == "so" and k + 1 < len(tokens) and tokens[k + 1].key.isdigit():
            break
        step = _step(tokens, k, _FILLER_TABLE)
        if step:
            k += step
            continue
        part = _NAME_PART_TABLE.match(tokens, k)
        if part is None and tokens[k - 1].key in ("cac", ","):  # "Cụm các huyện, thị xã"
            part = _LOCALITY_TABLE.match(tokens, k)
        if part is None and _STOP_TABLE.match(tokens, k):
            break
        length = part[0] if part else 1
        words.extend(t.key for t in tokens[k : k + length])
        k += length
    if set(words) <= lexicon.BLOC_WEAK:
        words = []
    return tuple(words), k


def _step(tokens: Sequence[_Token], k: int, table: _Table[str]) -> int:
    hit = table.match(tokens, k)
    return hit[0] if hit else 0


def _units(tokens: Sequence[_Token], skip: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """Organisation names in the question, outside the bloc's name, as typed."""
    inside = {i for start, end in skip for i in range(start, end)}
    mostly_upper = sum(c.isupper() for t in tokens for c in t.text) > sum(
        c.islower() for t in tokens for c in t.text
    )
    found: dict[str, None] = {}
    i = 0
    while i < len(tokens):
        head = None if _NOT_UNIT_TABLE.match(tokens, i) else _UNIT_TABLE.match(tokens, i)
        if i in inside or (i and _NOT_UNIT_AFTER_TABLE.match(tokens, i - 1)):
            i += head[0] if head else 1
            continue
        if head is None:
            if _is_brand(tokens, i, mostly_upper):
                found.setdefault(tokens[i].text)
            i += 1
            continue
        end = _unit_end(tokens, i + head[0])
        if head[1] or end > i + head[0]:
            end = _with_locality(tokens, end)
            name = " ".join(t.text for t in tokens[i:end])
            if fold(name) not in lexicon.AUTHORITIES and not _is_owner(tokens, i):
                found.setdefault(name)
        i = max(end, i + 1)
    return tuple(found)


def _is_owner(tokens: Sequence[_Token], i: int) -> bool:
    """Whether the unit at i only owns or issues what is asked about: "Trung tâm X thuộc Sở
    Nội vụ", "văn bản của Sở Nội vụ" (but "vai trò của Cục Thuế" names the unit asked)."""
    owner = _OWNER_BEFORE_TABLE.ending(tokens, i)
    return owner is not None and not (
        owner[1] == "của" and _ROLE_OF_UNIT_TABLE.ending(tokens, i - owner[0])
    )


def _is_brand(tokens: Sequence[_Token], i: int, mostly_upper: bool) -> bool:
    """An unknown name in capitals ("THACO") among ordinary words: a company."""
    text = tokens[i].text
    return (
        not mostly_upper
        and len(text) >= 3
        and text.isalpha()
        and text.isupper()
        and roman_value(text) is None
        and not tokens[i].province
        and not tokens[i].marked
        and tokens[i].key not in ("khoi", "cum")
        and _STOP_TABLE.match(tokens, i) is None
    )


def _unit_end(tokens: Sequence[_Token], k: int) -> int:
    """End of a unit's name whose head ends at k."""
    start = k
    while k < len(tokens) and k - start < _MAX_NAME_WORDS:
        token = tokens[k]
        if not token.key.isalpha() or token.province:
            break
        if token.key == "va":
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            if (
                after is None
                or not after.text[:1].isupper()
                or _UNIT_TABLE.match(tokens, k + 1)
                or after.province
            ):
                break
            k += 1
            continue
        part = _NAME_PART_TABLE.match(tokens, k)
        if part is None and (_STOP_TABLE.match(tokens, k) or _UNIT_STOP_TABLE.match(tokens, k)):
            break
        k += part[0] if part else 1
    return k


def _with_locality(tokens: Sequence[_Token], end: int) -> int:
    """Extend a unit's name over its district or commune: "Chi cục ... huyện Tân Thạnh"."""
    locality = _LOCALITY_TABLE.match(tokens, end)
    if locality is None:
        return end
    k = end + locality[0]
    start = k
    while k < len(tokens) and k - start < 3 and tokens[k].key.isalpha():
        if tokens[k].province or _STOP_TABLE.match(tokens, k):
            break
        k += 1
    return k if k > start else end


def _year(tokens: Sequence[_Token], today: dt.date) -> int | None:
    """The first year named: "2023", "24/2/2023", "năm 23", "năm nay", "năm ngoái"."""
    for i, token in enumerate(tokens):
        if not any(c.isalpha() for c in token.text):
            year = next(iter_years(token.text), None)
            if year is not None:
                return year
        relative = _RELATIVE_TABLE.match(tokens, i)
        if relative is not None:
            return today.year + relative[1]
        if (
            token.key == "nam"
            and i + 1 < len(tokens)
            and len(tokens[i + 1].text) == 2
            and tokens[i + 1].text.isdigit()
        ):
            return 2000 + int(tokens[i + 1].text)
    return None


# --- Intent -----------------------------------------------------------------------------------

_PRIORITY: Final = (
    Intent.AWARD,
    Intent.COUNT,
    Intent.LEADER,
    Intent.DEPUTY,
    Intent.MEETING,
    Intent.MEMBERS,
    Intent.OPEN,
)
_IDENTITY: Final = frozenset({"who", "list"})
# A role is asked by "who", "which year" or yes/no: "NHNN làm khối trưởng năm nào?".
_ROLE_ASKS: Final = _IDENTITY | {"yes_no", "year"}
_AWARD_ASKS: Final = _ROLE_ASKS | {"count"}
_TIME: Final = frozenset({"time", "year"})


@dataclass(frozen=True)
class _Analysis:
    intent: Intent
    meeting_ask: MeetingAsk | None
    asks_count: bool
    asks_role_of_unit: bool


def _meeting_asks(
    tokens: Sequence[_Token], asks: Sequence[_Ask], meetings: Sequence[tuple[int, int, str]]
) -> tuple[set[MeetingAsk], set[int]]:
    """What is asked about a meeting, and which "who" asks that consumes (the chair's)."""
    kinds: set[MeetingAsk] = set()
    consumed: set[int] = set()
    if not meetings:
        return kinds, consumed
    chairs = [s for s, _, _ in _CHAIR_TABLE.scan(tokens)]
    hosts = [s for s, _, _ in _HOST_TABLE.scan(tokens)]
    meeting_ends = {e for _, e, _ in meetings}
    for n, ask in enumerate(asks):
        if ask.kind == "time" or (ask.kind == "year" and ask.noun in meeting_ends):
            kinds.add(MeetingAsk.DATE)
        elif ask.kind == "where":
            kinds.add(MeetingAsk.PLACE)
        elif ask.kind == "who" and any(abs(c - ask.start) <= 3 for c in chairs):
            kinds.add(MeetingAsk.CHAIR)
            consumed.add(n)
        elif ask.kind == "who" and any(abs(h - ask.start) <= 3 for h in hosts):
            kinds.add(MeetingAsk.PLACE)
            consumed.add(n)
    return kinds, consumed


def _analyse(
    tokens: Sequence[_Token],
    asks: Sequence[_Ask],
    roles: Sequence[tuple[int, int, Intent]],
    units: tuple[str, ...],
) -> _Analysis:
    """Choose the intent; see the module docstring."""
    kinds = {a.kind for a in asks}
    submit = _has(_SUBMIT_TABLE, tokens)
    deadline = (
        _has(_DEADLINE_TABLE, tokens)
        or (submit and _has(_BEFORE_TABLE, tokens))  # "nộp trước ngày 15/6 phải không"
        or any(a.kind == "time" and (submit or _BEFORE_TABLE.ending(tokens, a.noun)) for a in asks)
    )
    if _is_document_ask(tokens, asks):
        return _Analysis(Intent.DOCUMENT, None, False, False)
    if deadline:
        return _Analysis(Intent.DEADLINE, None, False, False)

    meetings = _MEETING_TABLE.scan(tokens)
    awards = _AWARD_TABLE.scan(tokens)
    meeting_kinds, consumed = _meeting_asks(tokens, asks, meetings)
    free = [a for n, a in enumerate(asks) if n not in consumed]
    free_kinds = {a.kind for a in free}
    candidates: list[tuple[int, Intent]] = []

    role_of_unit = _role_of_unit_at(tokens, asks, roles, units)
    if role_of_unit is not None:
        candidates.append((role_of_unit, Intent.LEADER))
    role_asks = [a for a in free if a.kind in _ROLE_ASKS]
    if roles and (role_asks or not asks):
        candidates.append((roles[-1][0], _role_asked(tokens, roles, role_asks)))

    count = "count" in kinds
    if awards and (not asks or free_kinds & _AWARD_ASKS or _award_what(tokens, asks)):
        candidates.append((awards[-1][0], Intent.AWARD))
    elif count:
        candidates.append((max(a.start for a in asks if a.kind == "count"), Intent.COUNT))

    if meetings and (meeting_kinds or not asks):
        candidates.append((meetings[-1][0], Intent.MEETING))
    if not count:
        members = _members_at(tokens, asks)
        if members is not None:
            candidates.append((members, Intent.MEMBERS))
    opened = _open_at(tokens, asks)
    if opened is not None:
        candidates.append((opened, Intent.OPEN))

    if candidates:
        pick = min if not asks else max
        position = pick(p for p, _ in candidates)
        intent = min((i for p, i in candidates if p == position), key=lambda i: _PRIORITY.index(i))
    elif "list" in kinds:
        intent = Intent.MEMBERS  # "danh sách đơn vị khối 6"
    else:
        intent = Intent.OPEN

    meeting_ask = None
    if intent is Intent.MEETING:
        meeting_ask = meeting_kinds.pop() if len(meeting_kinds) == 1 else MeetingAsk.ANY
    role_asked = intent in (Intent.LEADER, Intent.DEPUTY) and (
        role_of_unit is not None
        or (bool(units) and ("yes_no" in kinds or (_has_alternative(tokens, roles))))
    )
    return _Analysis(
        intent, meeting_ask, count and intent in (Intent.COUNT, Intent.AWARD), role_asked
    )


def _is_document_ask(tokens: Sequence[_Token], asks: Sequence[_Ask]) -> bool:
    """A document is asked for: "văn bản nào", "quyết định số mấy", "ban hành ngày nào"."""
    if any(a.kind == "doc" for a in asks) or _has(_DOC_CUE_TABLE, tokens):
        return True
    issued = _has(_ISSUED_TABLE, tokens)
    doc_nouns = any(kind == "doc" for _, _, kind in _NOUN_TABLE.scan(tokens))
    for ask in asks:
        if issued and (ask.kind in _TIME or (ask.kind == "who" and doc_nouns)):
            return True
        if ask.kind == "number" and doc_nouns and not _bloc_before(tokens, ask.start - 1):
            return True
    return False


def _bloc_before(tokens: Sequence[_Token], end: int) -> bool:
    """Whether the words just before `end` name a bloc: "khối số mấy", "khối thi đua số"."""
    hit = _NOUN_TABLE.ending(tokens, end)
    return hit is not None and hit[1] == "bloc"


def _role_asked(
    tokens: Sequence[_Token], roles: Sequence[tuple[int, int, Intent]], asks: Sequence[_Ask]
) -> Intent:
    """LEADER or DEPUTY: the role word nearest the last question word; the first when both
    are asked together ("khối trưởng và khối phó") or no question word is there."""
    kinds = {intent for _, _, intent in roles}
    if len(kinds) == 1 or not asks or _has_alternative(tokens, roles):
        return roles[0][2]
    ask = asks[-1].start
    return min(roles, key=lambda r: min(abs(r[0] - ask), abs(r[1] - ask)))[2]


def _has_alternative(tokens: Sequence[_Token], roles: Sequence[tuple[int, int, Intent]]) -> bool:
    """Both roles named side by side: "khối trưởng và khối phó", "khối trưởng hay khối phó"."""
    return any(
        a[2] != b[2]
        and b[0] - a[1] <= 1
        and all(t.key in ("va", "hay", "hoac", ",", "/") for t in tokens[a[1] : b[0]])
        for a, b in itertools.pairwise(roles)
    )


def _role_of_unit_at(
    tokens: Sequence[_Token],
    asks: Sequence[_Ask],
    roles: Sequence[tuple[int, int, Intent]],
    units: tuple[str, ...],
) -> int | None:
    """Position of a "what role does X hold" ask: "X giữ vai trò gì", "X là gì trong khối"."""
    if roles:
        return None  # "Khối trưởng có vai trò gì" asks about the duties of a known role
    for start, end, _ in _ROLE_OF_UNIT_TABLE.scan(tokens):
        if units or any(a.start in (end, end + 1) and a.kind in ("what", "who") for a in asks):
            return start
    for ask in asks:
        if (
            units
            and ask.kind == "what"
            and tokens[ask.start - 1].key == "la"
            and _IN_BLOC_TABLE.match(tokens, ask.end)
            and ask.end + 1 < len(tokens)
            and tokens[ask.end + 1].key in ("khoi", "cum")
        ):
            return ask.start
    return None


def _award_what(tokens: Sequence[_Token], asks: Sequence[_Ask]) -> bool:
    """A "gì" about the award itself: "danh hiệu gì", "vì thành tích gì", "được tặng những gì"."""
    for ask in asks:
        end = ask.start - (ask.start > 0 and tokens[ask.start - 1].key == "nhung")
        if ask.kind == "what" and _AWARD_ASK_TABLE.ending(tokens, end):
            return True
    return False


def _members_at(tokens: Sequence[_Token], asks: Sequence[_Ask]) -> int | None:
    """Position of a member ask: "gồm những đơn vị nào", "thành viên", "BHXH ở khối nào"."""
    positions = [a.start for a in asks if a.kind == "bloc"]
    fits = not asks or any(a.kind in _IDENTITY | {"yes_no"} for a in asks)
    for start, _, cue in _MEMBER_TABLE.scan(tokens):
        after = tokens[start + 2].key if start + 2 < len(tokens) else ""
        if fits and not (cue == "thành viên" and after in ("nao", "gi")):
            positions.append(start)
    for ask in asks:
        # "những đơn vị nào thuộc khối": a unit asked by where it belongs
        if (
            ask.kind == "who"
            and (hit := _IN_BLOC_TABLE.match(tokens, ask.end))
            and ask.end + hit[0] < len(tokens)
            and tokens[ask.end + hit[0]].key in ("khoi", "cum")
        ):
            positions.append(ask.start)
    return max(positions) if positions else None


def _open_at(tokens: Sequence[_Token], asks: Sequence[_Ask]) -> int | None:
    """Position of an ask for an explanation: "như thế nào", "nhiệm vụ gì", "hạn chế gì"."""
    positions = [a.start for a in asks if a.kind == "how"]
    cues = _OPEN_TABLE.scan(tokens)
    for ask in asks:
        if ask.kind == "what":
            positions.extend(s for s, _, _ in cues if ask.start - 5 <= s < ask.start)
    if not asks:
        positions.extend(s for s, _, _ in cues)
    return max(positions) if positions else None


# --- Entry point ------------------------------------------------------------------------------


def parse_question(question: str, today: dt.date) -> ParsedQuestion:
    """Understand a question: intent, year (relative years counted from `today`), provinces,
    bloc, units, meeting and award named, and what exactly is asked."""
    text = normalize(question).strip()
    tokens = _tokenize(text)
    asks = _asks(tokens)
    roles = _ROLE_TABLE.scan(tokens)
    bloc = _bloc(tokens, roles)
    units = _units(tokens, bloc.spans)
    analysis = _analyse(tokens, asks, roles, units)
    meeting = next((kind for _, _, kind in _MEETING_TABLE.scan(tokens) if kind), None)
    award = next((name for _, _, name in _AWARD_NAME_TABLE.scan(tokens)), None)
    return ParsedQuestion(
        text=text,
        intent=analysis.intent,
        year=_year(tokens, today),
        provinces=tuple(find_provinces(text)),
        bloc_number=bloc.number,
        bloc_words=bloc.words,
        cluster=bloc.cluster,
        units=units,
        meeting=meeting,
        meeting_ask=analysis.meeting_ask,
        award=award,
        asks_count=analysis.asks_count,
        asks_role_of_unit=analysis.asks_role_of_unit,
    )


# "còn năm 2022 thì sao?", "thế còn Khối 6?", "vậy khối phó thì thế nào?": the question leans on
# the previous one (folded).
_FOLLOW_UP: Final = re.compile(
    r"^(?:(?:the|vay|the thi|con)\s+)*con\b|\bthi sao\b|\bthi the nao\b|\bthi ra sao\b"
)


def is_follow_up(question: str) -> bool:
    """Whether a question is worded as a follow-up of the previous one."""
    return bool(_FOLLOW_UP.search(fold(normalize(question)).strip()))


def follow_up(previous: ParsedQuestion, current: ParsedQuestion) -> ParsedQuestion:
    """`current` read in the light of `previous`: what it leaves out (intent, bloc, year,
    provinces, meeting or award asked) is taken from the previous question."""
    same_intent = current.intent in (Intent.OPEN, previous.intent)
    bloc_source = current if current.names_bloc() else previous
    kept = previous if same_intent else current
    return replace(
        previous,
        text=f"{current.text} {previous.text}",
        intent=previous.intent if current.intent is Intent.OPEN else current.intent,
        year=current.year if current.year is not None else previous.year,
        provinces=current.provinces or previous.provinces,
        bloc_number=bloc_source.bloc_number,
        bloc_words=bloc_source.bloc_words,
        cluster=bloc_source.cluster,
        units=bloc_source.units,
        meeting=current.meeting or kept.meeting,
        meeting_ask=current.meeting_ask or kept.meeting_ask,
        award=current.award or kept.award,
        asks_count=current.asks_count or kept.asks_count,
        asks_role_of_unit=current.asks_role_of_unit or kept.asks_role_of_unit,
    )
