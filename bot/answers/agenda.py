"""The calendar asked in chat: "sắp tới có hạn gì?", "hạn gửi hồ sơ Cờ thi đua là khi nào?",
"tuần sau có lịch gì không?". Answered from the calendar's occurrences (the documents', the
calendar file's and the admins' events, after the admins' moves), counted from today: a window
lists what falls in it; a named deadline or meeting gets its next date, or, when all are past,
the last one, said as past."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from bot.calendar.events import EventKind, Occurrence
from bot.calendar.schedule import Calendar
from bot.vi import lexicon
from bot.vi.names import same_bloc
from bot.vi.normalize import fold, format_date, normalize
from bot.vi.provinces import related_provinces
from bot.vi.tokens import PhraseTable, Sentence

_UPCOMING_DAYS = 60  # "sắp tới": the same horizon as /lich
_AHEAD_DAYS = 400  # a named event's next date: within a year (a yearly one always is)
_BEHIND_DAYS = 3 * 366  # all past: the last within three years
_LISTED = 6
_MIN_COVERAGE = 0.6  # share of the question's naming words an event must hold


class _Cue(Enum):
    DEADLINE = "deadline"
    MEETING = "meeting"  # a generic word: "họp", "hội nghị"
    NAMED_MEETING = "named meeting"  # a kind that names one: "sơ kết", "tổng kết"
    ANY = "any"
    UPCOMING = "upcoming"
    WHEN = "when"


_CUES: PhraseTable[_Cue] = PhraseTable(
    {
        **dict.fromkeys(lexicon.MEETING_KINDS, _Cue.NAMED_MEETING),
        **dict.fromkeys(lexicon.AGENDA_DEADLINE_WORDS, _Cue.DEADLINE),
        **dict.fromkeys(lexicon.AGENDA_MEETING_WORDS, _Cue.MEETING),
        **dict.fromkeys(lexicon.AGENDA_ANY_WORDS, _Cue.ANY),
        **dict.fromkeys(lexicon.AGENDA_UPCOMING_WORDS, _Cue.UPCOMING),
        **dict.fromkeys(lexicon.AGENDA_WHEN_WORDS, _Cue.WHEN),
    },
    # Without marks these are other words too ("hop": hợp, "toi": tôi); "han" is left free:
    # in a question about the calendar it is "hạn".
    needs_marks=("họp", "lịch", "sắp", "tới", "mai"),
)
_MEETINGS: PhraseTable[str] = PhraseTable(
    {
        phrase: kind
        for phrase, kind in lexicon.MEETING_KINDS.items()
        if phrase not in lexicon.WEAK_MEETING_PHRASES
    }
)
_TO = frozenset(fold(w) for w in lexicon.AGENDA_RECIPIENT_WORDS)
_WINDOWS: PhraseTable[tuple[str, int]] = PhraseTable(
    {
        **{w: ("day", i) for w, (i, _) in lexicon.AGENDA_DAY_WINDOWS.items()},
        **{w: ("week", i) for w, i in lexicon.AGENDA_WEEK_WINDOWS.items()},
        **{w: ("month", i) for w, i in lexicon.AGENDA_MONTH_WINDOWS.items()},
    },
    needs_marks=("mai",),
)
# Single words that name nothing: what is left of a question, once they and the calendar
# phrases go, names the event.
_NOT_NAMING = frozenset(
    fold(w)
    for phrase in (*lexicon.FUNCTION_WORDS, *lexicon.AGENDA_FILLER_WORDS)
    for w in phrase.split()
)


@dataclass(frozen=True)
class AgendaAsk:
    """What a calendar question asks: kinds of events, the days to look at, whether to list
    them (a window, "sắp tới") or to give the date of the one named, and the naming words."""

    kinds: frozenset[EventKind]
    start: dt.date
    end: dt.date
    listing: bool
    terms: tuple[str, ...]
    meetings: frozenset[str] = frozenset()  # kinds of meeting named ("tổng kết")
    recipient: frozenset[str] = frozenset()  # of the terms, those naming where papers go


@dataclass(frozen=True)
class AgendaReply:
    """The answer's text and the occurrences it rests on."""

    text: str
    occurrences: tuple[Occurrence, ...]
    found: bool


def agenda_ask(
    text: str, today: dt.date, year: int | None, names: tuple[str, ...] = ()
) -> AgendaAsk | None:
    """The calendar question `text` asks, counted from `today`; None when it is no calendar
    question (no deadline, meeting or calendar word, or a date asked of a stated year, which
    the documents answer). `names` (provinces, blocs) scope the question: they name no event."""
    sentence = Sentence(normalize(text))
    found_cues = _CUES.scan(sentence.tokens)
    found_windows = _WINDOWS.scan(sentence.tokens)
    cues = {value for _, _, value in found_cues}
    windows = [value for _, _, value in found_windows]
    generic = [(i, j) for i, j, cue in found_cues if cue is not _Cue.NAMED_MEETING]
    phrases = {
        i
        for start, end in (*generic, *((i, j) for i, j, _ in found_windows))
        for i in range(start, end)
    }
    deadline, meeting = _Cue.DEADLINE in cues, _Cue.MEETING in cues
    if (deadline and meeting) or (_Cue.ANY in cues and not deadline and not meeting):
        kinds = frozenset({EventKind.DEADLINE, EventKind.MEETING})
    elif deadline:  # "hạn nộp báo cáo tổng kết": the meeting's kind names the report
        kinds = frozenset({EventKind.DEADLINE})
    elif meeting or _Cue.NAMED_MEETING in cues:
        kinds = frozenset({EventKind.MEETING})
    else:
        return None
    scoping = {w for name in names for w in fold(name).split()}
    naming = [
        i
        for i, t in enumerate(sentence.tokens)
        if i not in phrases
        and t.key.isalpha()
        and t.key not in _NOT_NAMING
        and t.key not in scoping
    ]
    terms = tuple(sentence.tokens[i].key for i in naming)
    to = next(
        (i for i, t in enumerate(sentence.tokens) if i not in phrases and t.key in _TO), None
    )
    recipient = frozenset(sentence.tokens[i].key for i in naming if to is not None and i > to)
    meetings = _meeting_kinds(sentence)
    if windows:
        start, end = _window(windows[0], today)
        return AgendaAsk(kinds, start, end, True, terms, meetings, recipient)
    if _Cue.UPCOMING in cues:
        ahead = today + dt.timedelta(_UPCOMING_DAYS)
        return AgendaAsk(kinds, today, ahead, True, terms, meetings, recipient)
    # A date asked, or a deadline named alone ("hạn nộp báo cáo tổng kết"), of no stated year.
    asks_date = _Cue.WHEN in cues or kinds == {EventKind.DEADLINE}
    if asks_date and year is None:
        ahead = today + dt.timedelta(_AHEAD_DAYS)
        return AgendaAsk(kinds, today, ahead, False, terms, meetings, recipient)
    return None


def _meeting_kinds(sentence: Sentence) -> frozenset[str]:
    """The kinds of meeting a text names ("sơ kết", "tổng kết"), generic words left out."""
    return frozenset(kind for _, _, kind in _MEETINGS.scan(sentence.tokens))


def _window(window: tuple[str, int], today: dt.date) -> tuple[dt.date, dt.date]:
    unit, shift = window
    if unit == "day":
        day = today + dt.timedelta(shift)
        return day, day
    if unit == "week":
        monday = today - dt.timedelta(today.weekday()) + dt.timedelta(7 * shift)
        return monday, monday + dt.timedelta(6)
    month = today.month - 1 + shift
    first = dt.date(today.year + month // 12, month % 12 + 1, 1)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - dt.timedelta(1)


def answer_agenda(
    ask: AgendaAsk,
    calendar: Calendar,
    today: dt.date,
    provinces: tuple[str, ...] = (),
    blocs: tuple[str, ...] = (),
) -> AgendaReply:
    """The occurrences the question asks for, within the provinces and blocs of its scope."""
    within = _scoped(calendar.occurrences(ask.start, ask.end), ask, provinces, blocs)
    named = [o for o in within if _covers(o, ask)]
    if ask.listing and len(named) != 1:
        shown = tuple(named[:_LISTED])
        if not shown:
            return AgendaReply(_nothing(ask), (), False)
        more = f"\n… và {len(named) - _LISTED} sự kiện khác." if len(named) > _LISTED else ""
        lines = [f"Lịch {_period(ask)} ({len(named)}):", *map(_line, shown)]
        return AgendaReply("\n".join(lines) + more, shown, True)
    past = _scoped(
        calendar.occurrences(today - dt.timedelta(_BEHIND_DAYS), today - dt.timedelta(1)),
        ask,
        provinces,
        blocs,
    )
    # The one named best by its own title; of those as well named, the next, else the last.
    candidates = [(o, 1) for o in named] + [(o, 0) for o in reversed(past) if _covers(o, ask)]
    if not candidates:
        return AgendaReply(_nothing(ask), (), False)
    best, _ = max(candidates, key=lambda pair: (_title_coverage(pair[0], ask), pair[1]))
    return AgendaReply(f"{_what(best)}: {_when(best, today)}.", (best,), True)


def _scoped(
    occurrences: list[Occurrence],
    ask: AgendaAsk,
    provinces: tuple[str, ...],
    blocs: tuple[str, ...],
) -> list[Occurrence]:
    """Occurrences of the kinds asked, of the provinces named (events of none pass), and of
    the blocs named (events of the whole province pass)."""
    allowed = {p for name in provinces for p in related_provinces(name)}
    return [
        o
        for o in occurrences
        if o.event.kind in ask.kinds
        and not o.cancelled
        and (not allowed or o.event.province is None or o.event.province in allowed)
        and (not blocs or o.event.bloc is None or any(same_bloc(o.event.bloc, b) for b in blocs))
    ]


def _covers(occurrence: Occurrence, ask: AgendaAsk) -> bool:
    """Whether the event is of the kind of meeting named (a "sơ kết" is no "tổng kết") and its
    title (with its bloc, place, note and its document's title) holds most of the naming
    words."""
    event = occurrence.event
    kinds = _meeting_kinds(Sentence(event.title))
    if ask.meetings and kinds and not ask.meetings & kinds:
        return False
    terms = ask.terms
    if not terms:
        return True
    named = (event.title, event.bloc, event.province, event.place, event.note, event.source)
    words = _keys(" ".join(filter(None, named)))
    return sum(t in words for t in terms) >= _MIN_COVERAGE * len(terms)


def _title_coverage(occurrence: Occurrence, ask: AgendaAsk) -> float:
    """Share of the naming words in the event's own title, those of the recipient aside (who
    sends what tells deadlines apart; they often share where the papers go)."""
    terms = [t for t in ask.terms if t not in ask.recipient]
    if not terms:
        return 0.0
    words = _keys(occurrence.event.title)
    return sum(t in words for t in terms) / len(terms)


def _keys(text: str) -> set[str]:
    """The folded words of a text."""
    return {t.key for t in Sentence(normalize(text)).tokens}


def _what(occurrence: Occurrence) -> str:
    event = occurrence.event
    label = "Hạn" if event.kind is EventKind.DEADLINE else "Lịch"
    bloc = f" ({event.bloc})" if event.bloc else ""
    return f"{label} “{event.title}”{bloc}"


def _when(occurrence: Occurrence, today: dt.date) -> str:
    """The date, with how far it is from today; a past one said as past."""
    event = occurrence.event
    date = format_date(occurrence.date)
    yearly = " (hằng năm)" if event.recurring else ""
    days = (occurrence.date - today).days
    past = "đã hết hạn ngày" if event.kind is EventKind.DEADLINE else "đã diễn ra ngày"
    if days < 0:
        return f"{past} {date}{yearly}"
    if days == 0:
        return f"hôm nay, {date}{yearly}"
    this_year = event.on(today.year) if event.recurring else None
    if this_year is not None and this_year < today < occurrence.date:
        # A yearly one: this year's date, past, then the next.
        earlier = format_date(this_year)
        return f"hằng năm; năm nay {past} {earlier}, lần tới ngày {date}, còn {days} ngày"
    return f"ngày {date}{yearly}, còn {days} ngày"


def _line(occurrence: Occurrence) -> str:
    """One occurrence of a list, short: its date, then what it is."""
    event = occurrence.event
    label = "hạn: " if event.kind is EventKind.DEADLINE else ""
    bloc = f" ({event.bloc})" if event.bloc else ""
    return f"• {format_date(occurrence.date)} — {label}{event.title}{bloc}"


def _period(ask: AgendaAsk) -> str:
    if ask.start == ask.end:
        return f"ngày {format_date(ask.start)}"
    return f"từ {format_date(ask.start)} đến {format_date(ask.end)}"


def _nothing(ask: AgendaAsk) -> str:
    what = {
        frozenset({EventKind.DEADLINE}): "hạn nào",
        frozenset({EventKind.MEETING}): "cuộc họp nào",
    }.get(ask.kinds, "hạn hay cuộc họp nào")
    return f"Tài liệu và lịch hiện có không nêu {what} {_period(ask)} khớp với câu hỏi."
