"""Understanding a question without an LLM: what it asks, and about which year, province, bloc,
unit, meeting or award.

Keywords are matched on the question's tokens as `question_tokens` says.

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
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any, Final

from bot.answers.question_names import ROLE_OF_UNIT, read_bloc, read_units
from bot.answers.question_tokens import QuestionToken, question_tokens
from bot.vi import lexicon
from bot.vi.lexicon import NEEDS_MARKS
from bot.vi.normalize import fold, iter_years, normalize
from bot.vi.provinces import find_provinces
from bot.vi.tokens import Phrases, PhraseTable


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
    bloc_places: tuple[str, ...] = ()  # folded names of the places the bloc gathers

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
                "bloc_places": tuple(data.get("bloc_places", ())),
                "meeting_ask": MeetingAsk(ask) if ask else None,
            }
        )


# --- Keywords ---------------------------------------------------------------------------------

_ROLES: Final = PhraseTable(
    {p: Intent(role) for p, (role, _) in lexicon.ROLE_WORDS.items()}, needs_marks=NEEDS_MARKS
)
_WH: Final = PhraseTable(lexicon.WH, needs_marks=NEEDS_MARKS)
_FINAL_PARTICLES: Final = Phrases(lexicon.FINAL_PARTICLES, needs_marks=NEEDS_MARKS)
_TRAILING: Final = Phrases(lexicon.TRAILING, needs_marks=NEEDS_MARKS)
_NOUNS: Final = PhraseTable(lexicon.NOUNS, needs_marks=NEEDS_MARKS)
_COUNTED: Final = Phrases(lexicon.COUNTED, needs_marks=NEEDS_MARKS)
_COUNT_LEADS: Final = Phrases(lexicon.COUNT_LEADS)  # "so don vi" is "số đơn vị"
_MEMBER_CUES: Final = Phrases(lexicon.MEMBER_CUES, needs_marks=NEEDS_MARKS)
_IN_BLOC: Final = Phrases(lexicon.IN_BLOC, needs_marks=NEEDS_MARKS)
_AWARD_CUES: Final = Phrases(lexicon.AWARD_CUES, needs_marks=NEEDS_MARKS)
_AWARDS: Final = PhraseTable(lexicon.AWARDS, needs_marks=NEEDS_MARKS)
_AWARD_ASK_NOUNS: Final = Phrases(lexicon.AWARD_ASK_NOUNS, needs_marks=NEEDS_MARKS)
_MEETINGS: Final = PhraseTable(lexicon.MEETINGS, needs_marks=NEEDS_MARKS)
_NAMED_AT: Final = Phrases(lexicon.NAMED_AT_SUMMARY, needs_marks=NEEDS_MARKS)
_SUMMARY: Final = Phrases(lexicon.SUMMARY_WORDS)
_CHAIR_VERBS: Final = Phrases(lexicon.CHAIR_VERBS, needs_marks=NEEDS_MARKS)
_HOST_VERBS: Final = Phrases(lexicon.HOST_VERBS, needs_marks=NEEDS_MARKS)
_DEADLINE_CUES: Final = Phrases(lexicon.DEADLINE_CUES, needs_marks=NEEDS_MARKS)
_SUBMIT_VERBS: Final = Phrases(lexicon.SUBMIT_VERBS, needs_marks=NEEDS_MARKS)
_BEFORE: Final = Phrases((lexicon.BEFORE,), needs_marks=NEEDS_MARKS)
_DOC_CUES: Final = Phrases(lexicon.DOC_CUES, needs_marks=NEEDS_MARKS)
_ISSUED: Final = Phrases((lexicon.ISSUED,), needs_marks=NEEDS_MARKS)
_OPEN_NOUNS: Final = Phrases(lexicon.OPEN_NOUNS, needs_marks=NEEDS_MARKS)
_RELATIVE_YEARS: Final = PhraseTable(lexicon.RELATIVE_YEARS, needs_marks=NEEDS_MARKS)


def _has(table: PhraseTable[Any], tokens: Sequence[QuestionToken]) -> bool:
    return bool(table.scan(tokens))


# --- Asks: the question words and what they ask for -------------------------------------------


@dataclass(frozen=True)
class _Ask:
    """One question word: kind is who/time/year/where/doc/bloc/count/number/quantity/what/
    how/list/yes_no; `noun` is where the noun before a "nào"/"gì" starts."""

    kind: str
    start: int
    end: int
    noun: int


def _asks(tokens: Sequence[QuestionToken]) -> list[_Ask]:
    """The question words of the question, each with what it asks for."""
    asks: list[_Ask] = []
    for start, end, kind in _WH.scan(tokens):
        before = _NOUNS.ending(tokens, start)
        noun = start - before[0] if before else start
        if kind in ("which", "what"):
            kind = before[1] if before else "what"
            if kind == "doc" and tokens[start].key == "gi" and tokens[noun].key != "van":
                kind = "what"  # "văn bản gì" asks for a document, "kế hoạch gì" for content
        elif kind == "how_many":
            kind = _how_many(tokens, start, end)
        asks.append(_Ask(kind, start, end, noun))
    last = len(tokens)
    while last and (not tokens[last - 1].key.isalnum() or _TRAILING.match(tokens, last - 1)):
        last -= 1
    if last and _FINAL_PARTICLES.match(tokens, last - 1):
        asks.append(_Ask("yes_no", last - 1, last, last - 1))
    return asks


def _how_many(tokens: Sequence[QuestionToken], start: int, end: int) -> str:
    """What a "bao nhiêu"/"mấy" asks: a count of units, a number, a time or a quantity."""
    before = tokens[start - 1].key if start else ""
    if any(_COUNTED.match(tokens, j) for j in (end, end + 1)):
        return "count"
    if (end < len(tokens) and tokens[end].key == "gio") or before in ("ngay", "thang"):
        return "time"
    if before == "nam":
        return "year"
    if before == "so":
        return "number"
    leads = (e for s, e, _ in _COUNT_LEADS.scan(tokens[:start]))
    return "count" if any(_COUNTED.match(tokens, e) for e in leads) else "quantity"


# --- Year -------------------------------------------------------------------------------------


def _year(tokens: Sequence[QuestionToken], today: dt.date) -> int | None:
    """The first year named: "2023", "24/2/2023", "năm 23", "năm nay", "năm ngoái"."""
    for i, token in enumerate(tokens):
        if not any(c.isalpha() for c in token.text):
            year = next(iter_years(token.text), None)
            if year is not None:
                return year
        relative = _RELATIVE_YEARS.match(tokens, i)
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
    tokens: Sequence[QuestionToken], asks: Sequence[_Ask], meetings: Sequence[tuple[int, int, str]]
) -> tuple[set[MeetingAsk], set[int]]:
    """What is asked about a meeting, and which "who" asks that consumes (the chair's)."""
    kinds: set[MeetingAsk] = set()
    consumed: set[int] = set()
    if not meetings:
        return kinds, consumed
    chairs = [s for s, _, _ in _CHAIR_VERBS.scan(tokens)]
    hosts = [s for s, _, _ in _HOST_VERBS.scan(tokens)]
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
    tokens: Sequence[QuestionToken],
    asks: Sequence[_Ask],
    roles: Sequence[tuple[int, int, Intent]],
    units: tuple[str, ...],
) -> _Analysis:
    """Choose the intent; see the module docstring."""
    kinds = {a.kind for a in asks}
    submit = _has(_SUBMIT_VERBS, tokens)
    deadline = (
        _has(_DEADLINE_CUES, tokens)
        or (submit and _has(_BEFORE, tokens))  # "nộp trước ngày 15/6 phải không"
        or any(a.kind == "time" and (submit or _BEFORE.ending(tokens, a.noun)) for a in asks)
    )
    if _is_document_ask(tokens, asks):
        return _Analysis(Intent.DOCUMENT, None, False, False)
    if deadline:
        return _Analysis(Intent.DEADLINE, None, False, False)

    meetings = _MEETINGS.scan(tokens)
    awards = _AWARD_CUES.scan(tokens)
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


def _is_document_ask(tokens: Sequence[QuestionToken], asks: Sequence[_Ask]) -> bool:
    """A document is asked for: "văn bản nào", "quyết định số mấy", "ban hành ngày nào"."""
    if any(a.kind == "doc" for a in asks) or _has(_DOC_CUES, tokens):
        return True
    issued = _has(_ISSUED, tokens)
    doc_nouns = any(kind == "doc" for _, _, kind in _NOUNS.scan(tokens))
    for ask in asks:
        if issued and (ask.kind in _TIME or (ask.kind == "who" and doc_nouns)):
            return True
        if ask.kind == "number" and doc_nouns and not _bloc_before(tokens, ask.start - 1):
            return True
    return False


def _bloc_before(tokens: Sequence[QuestionToken], end: int) -> bool:
    """Whether the words just before `end` name a bloc: "khối số mấy", "khối thi đua số"."""
    hit = _NOUNS.ending(tokens, end)
    return hit is not None and hit[1] == "bloc"


def _role_asked(
    tokens: Sequence[QuestionToken], roles: Sequence[tuple[int, int, Intent]], asks: Sequence[_Ask]
) -> Intent:
    """LEADER or DEPUTY: the role word nearest the last question word; the first when both
    are asked together ("khối trưởng và khối phó") or no question word is there."""
    kinds = {intent for _, _, intent in roles}
    if len(kinds) == 1 or not asks or _has_alternative(tokens, roles):
        return roles[0][2]
    ask = asks[-1].start
    return min(roles, key=lambda r: min(abs(r[0] - ask), abs(r[1] - ask)))[2]


def _has_alternative(
    tokens: Sequence[QuestionToken], roles: Sequence[tuple[int, int, Intent]]
) -> bool:
    """Both roles named side by side: "khối trưởng và khối phó", "khối trưởng hay khối phó"."""
    return any(
        a[2] != b[2]
        and b[0] - a[1] <= 1
        and all(t.key in ("va", "hay", "hoac", ",", "/") for t in tokens[a[1] : b[0]])
        for a, b in itertools.pairwise(roles)
    )


def _role_of_unit_at(
    tokens: Sequence[QuestionToken],
    asks: Sequence[_Ask],
    roles: Sequence[tuple[int, int, Intent]],
    units: tuple[str, ...],
) -> int | None:
    """Position of a "what role does X hold" ask: "X giữ vai trò gì", "X là gì trong khối"."""
    if roles:
        return None  # "Khối trưởng có vai trò gì" asks about the duties of a known role
    for start, end, _ in ROLE_OF_UNIT.scan(tokens):
        if units or any(a.start in (end, end + 1) and a.kind in ("what", "who") for a in asks):
            return start
    for ask in asks:
        if (
            units
            and ask.kind == "what"
            and tokens[ask.start - 1].key == "la"
            and _IN_BLOC.match(tokens, ask.end)
            and ask.end + 1 < len(tokens)
            and tokens[ask.end + 1].key in ("khoi", "cum")
        ):
            return ask.start
    return None


def _award_what(tokens: Sequence[QuestionToken], asks: Sequence[_Ask]) -> bool:
    """A "gì" about the award itself: "danh hiệu gì", "vì thành tích gì", "được tặng những gì"."""
    for ask in asks:
        end = ask.start - (ask.start > 0 and tokens[ask.start - 1].key == "nhung")
        if ask.kind == "what" and _AWARD_ASK_NOUNS.ending(tokens, end):
            return True
    return False


def _members_at(tokens: Sequence[QuestionToken], asks: Sequence[_Ask]) -> int | None:
    """Position of a member ask: "gồm những đơn vị nào", "thành viên", "BHXH ở khối nào"."""
    positions = [a.start for a in asks if a.kind == "bloc"]
    fits = not asks or any(a.kind in _IDENTITY | {"yes_no"} for a in asks)
    for start, _, cue in _MEMBER_CUES.scan(tokens):
        after = tokens[start + 2].key if start + 2 < len(tokens) else ""
        if fits and not (cue == "thành viên" and after in ("nao", "gi")):
            positions.append(start)
    for ask in asks:
        # "những đơn vị nào thuộc khối": a unit asked by where it belongs
        if (
            ask.kind == "who"
            and (hit := _IN_BLOC.match(tokens, ask.end))
            and ask.end + hit[0] < len(tokens)
            and tokens[ask.end + hit[0]].key in ("khoi", "cum")
        ):
            positions.append(ask.start)
    return max(positions) if positions else None


def _open_at(tokens: Sequence[QuestionToken], asks: Sequence[_Ask]) -> int | None:
    """Position of an ask for an explanation: "như thế nào", "nhiệm vụ gì", "hạn chế gì"."""
    positions = [a.start for a in asks if a.kind == "how"]
    cues = _OPEN_NOUNS.scan(tokens)
    for ask in asks:
        if ask.kind == "what":
            positions.extend(s for s, _, _ in cues if ask.start - 5 <= s < ask.start)
    if not asks:
        positions.extend(s for s, _, _ in cues)
    return max(positions) if positions else None


def _named_at_summary(tokens: Sequence[QuestionToken], year: int) -> int:
    """1 when the role asked was named at the summary of `year` ("bầu tại hội nghị tổng kết
    năm 2019", "sau hội nghị tổng kết 2019"): it serves the year after; else 0."""
    for start, end, _ in _SUMMARY.scan(tokens):
        after = [t for t in tokens[end : end + 3] if t.key != "nam"]
        if not after or next(iter_years(after[0].text), None) != year:
            continue
        if any(_NAMED_AT.match(tokens, k) for k in range(max(0, start - 6), start)):
            return 1
    return 0


# --- Entry point ------------------------------------------------------------------------------


def parse_question(question: str, today: dt.date) -> ParsedQuestion:
    """Understand a question: intent, year (relative years counted from `today`), provinces,
    bloc, units, meeting and award named, and what exactly is asked."""
    text = normalize(question).strip()
    tokens = question_tokens(text)
    asks = _asks(tokens)
    roles = _ROLES.scan(tokens)
    bloc = read_bloc(tokens, [(start, end) for start, end, _ in roles])
    units = read_units(tokens, bloc.spans)
    analysis = _analyse(tokens, asks, roles, units)
    meeting = next((kind for _, _, kind in _MEETINGS.scan(tokens) if kind), None)
    award = next((name for _, _, name in _AWARDS.scan(tokens)), None)
    year = _year(tokens, today)
    if year is not None and analysis.intent in (Intent.LEADER, Intent.DEPUTY):
        year += _named_at_summary(tokens, year)
    return ParsedQuestion(
        text=text,
        intent=analysis.intent,
        year=year,
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
        bloc_places=bloc.places,
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
