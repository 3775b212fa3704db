"""The calendar of the blocs: meetings and deadlines, their yearly occurrences, the admins'
changes and an iCalendar export. Knows nothing of Telegram.

Events come from three places:
- the calendar file (`calendar.yaml` in the knowledge folder) that the bloc's secretariat edits;
- the facts read from the documents: reporting deadlines ("trước ngày 20 tháng 12 hằng năm")
  and meetings with a date;
- the admins, who add events from a chat (kept in the database).

A yearly ("hằng năm") event has one occurrence per year. An admin moves or cancels one
occurrence; the change is kept in the database under the occurrence's original date, so the
occurrence keeps its code while its date, and so its reminders, change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import icalendar
import yaml
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Dialect,
    Engine,
    String,
    Table,
    Text,
    Time,
    TypeDecorator,
    delete,
    insert,
    select,
)
from sqlalchemy import DateTime as _DateTime

from bot.db import metadata
from bot.facts.extract import Fact, FactKind
from bot.facts.store import FactStore
from bot.vi.names import bloc_number, distinctive_words
from bot.settings import Settings
from bot.vi.normalize import find_dates, fold, format_date, normalize
from bot.vi.provinces import canonical_province, related_provinces

# --- messages (Vietnamese, shown to people) ------------------------------------------------------

KIND_NAMES = {"meeting": "Cuộc họp", "deadline": "Hạn chót"}
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
ALL_BLOCS = "Tất cả các khối"
LABEL_BLOC = "Khối"
LABEL_PLACE = "Địa điểm"
LABEL_RECIPIENT = "Nơi nhận"
LABEL_HOST = "Chủ trì"
LABEL_SOURCE = "Nguồn"
LABEL_NOTE = "Ghi chú"
LABEL_CODE = "mã"
YEARLY = "hằng năm"
MOVED_FROM = "Lịch đã dời (trước đây: {before})."
ADMIN_SOURCE = "do quản trị viên thêm"
AGENDA_HEADER = "Lịch {days} ngày tới ({blocs}):"
AGENDA_EMPTY = "Không có lịch họp hay hạn nộp nào trong {days} ngày tới ({blocs})."
ICS_NAME = "Lịch thi đua, khen thưởng"
ICS_FILE_NAME = "lich-thi-dua.ics"

BAD_DATE = "Ngày không hợp lệ: “{value}”. Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026."
BAD_TIME = "Giờ không hợp lệ: “{value}”. Dùng dạng hh:mm, ví dụ 08:00 hoặc 14:30."
PAST_DATE = "Ngày {date} đã qua. Chọn một ngày từ hôm nay trở đi."
MISSING_YEAR = (
    "Ngày “{value}” thiếu năm. Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026 "
    "(chỉ sự kiện lặp lại hằng năm mới được ghi ngày/tháng)."
)
USAGE_ADD = (
    "Cách dùng: /themlich <ngày> [giờ] <tên sự kiện>; khối: …; tại: …; chủ trì: …; "
    "ghi chú: …; loại: họp hoặc hạn; hằng năm\n"
    "Ví dụ: /themlich 15/12/2026 08:00 Hội nghị tổng kết năm 2026; tại: Cục Thuế tỉnh"
)
USAGE_MOVE = (
    "Cách dùng: /sualich <mã> <ngày mới> [giờ mới]\n"
    "Ví dụ: /sualich a1b2c3 18/12/2026 14:00 (mã sự kiện xem trong /lich)"
)
USAGE_CANCEL = (
    "Cách dùng: /huylich <mã> [lý do]\n"
    "Ví dụ: /huylich a1b2c3 hoãn theo chỉ đạo của UBND tỉnh (mã sự kiện xem trong /lich)"
)
UNKNOWN_OPTION = (
    "Không hiểu “{value}”. Các mục được dùng: khối, tại, chủ trì, ghi chú, loại, hằng năm."
)
BAD_KIND = "Loại sự kiện “{value}” không hợp lệ: dùng “họp” hoặc “hạn”."
MISSING_TITLE = "Thiếu tên sự kiện."
UNKNOWN_CODE = "Không tìm thấy sự kiện sắp tới có mã “{code}”. Xem mã trong /lich."
AMBIGUOUS_CODE = "Mã “{code}” trùng nhiều sự kiện; hãy xem lại mã trong /lich."
ALREADY_CANCELLED = "Sự kiện “{title}” ngày {date} đã bị hủy trước đó."
ADDED = "Đã thêm vào lịch (mã {code}):\n{event}"
MOVED = "Đã dời lịch (mã {code}):\n{event}"
CANCELLED = "Đã hủy “{title}” ngày {date}. Các nhóm đã được nhắc sẽ nhận thông báo hủy."

FILE_NOT_LIST = "tệp phải là một danh sách sự kiện (mỗi sự kiện bắt đầu bằng “- ”)"
FILE_UNREADABLE = "không đọc được YAML: {error}"
ENTRY_NOT_MAPPING = "mỗi sự kiện phải là một bảng “khóa: giá trị”"
ENTRY_MISSING = "thiếu trường: {fields}"
ENTRY_UNKNOWN = "trường không biết: {fields} (dùng: {known})"
ENTRY_NOT_TEXT = "trường “{field}” phải là một giá trị đơn"
ENTRY_BAD_KIND = "“kind” phải là meeting (họp) hoặc deadline (hạn), không phải “{value}”"
ENTRY_BAD_RECURRING = "“recurring” phải là true hoặc false, không phải “{value}”"
ENTRY_BAD_ID = "“id” chỉ gồm chữ không dấu, số, “-” và “_” (tối đa 60 ký tự): “{value}”"
ENTRY_DUPLICATE_ID = "id “{value}” đã dùng cho một sự kiện khác"
ENTRY_ERROR = "{file}, mục {index}{entry}, dòng {line}: {message}"

# --- events --------------------------------------------------------------------------------------


class EventKind(StrEnum):
    """A meeting (hội nghị, cuộc họp, hội thao) or a deadline (hạn nộp, hạn báo cáo)."""

    MEETING = "meeting"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class Event:
    """One event of the calendar; a yearly one stands for all its occurrences."""

    id: str
    kind: EventKind
    title: str
    date: dt.date  # a yearly event: its first year's date
    time: dt.time | None = None
    bloc: str | None = None  # None: every bloc (a deadline of the province's guidance)
    province: str | None = None
    place: str | None = None  # where a meeting is held; where a deadline's papers go
    host: str | None = None
    recurring: bool = False  # yearly
    source: str = ""  # the calendar file, a document, or ADMIN_SOURCE
    note: str | None = None
    created_at: dt.datetime | None = None  # when an admin added it

    def on(self, year: int) -> dt.date | None:
        """The yearly event's date in `year` (29/02 falls on 28/02 in other years)."""
        if year < self.date.year:
            return None
        day = self.date.day
        if (self.date.month, day) == (2, 29) and not _leap(year):
            day = 28
        return dt.date(year, self.date.month, day)

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Its original dates between `start` and `end` (both included)."""
        if not self.recurring:
            return [self.date] if start <= self.date <= end else []
        found = (self.on(year) for year in range(start.year, end.year + 1))
        return [d for d in found if d is not None and start <= d <= end]


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event: its original date, and its date after an admin's move."""

    event: Event
    original: dt.date
    date: dt.date
    time: dt.time | None
    cancelled: bool = False
    reason: str | None = None
    changed_at: dt.datetime | None = None  # when an admin moved or cancelled it

    @property
    def code(self) -> str:
        """A short code people type to name this occurrence (/sualich, /huylich)."""
        return _digest(f"{self.event.id}|{self.original.isoformat()}")[:6]

    @property
    def uid(self) -> str:
        """A globally unique id (iCalendar UID)."""
        return f"{_digest(f'{self.event.id}|{self.original.isoformat()}')[:20]}@thidua-bot"

    @property
    def moved(self) -> bool:
        """Whether an admin changed its date or time."""
        return (self.date, self.time) != (self.original, self.event.time)

    def start(self, zone: ZoneInfo) -> dt.datetime:
        """When it starts (the beginning of its day when no time is known)."""
        return dt.datetime.combine(self.date, self.time or dt.time(0), zone)

    def passed(self, now: dt.datetime, zone: ZoneInfo) -> bool:
        """Whether it is over: started, or (without a time) its day is over."""
        if self.time is not None:
            return self.start(zone) <= now
        return self.date < now.astimezone(zone).date()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (dates ISO), for the command line."""
        event = self.event
        return {
            "code": self.code,
            "id": event.id,
            "kind": str(event.kind),
            "title": event.title,
            "bloc": event.bloc,
            "province": event.province,
            "date": self.date.isoformat(),
            "time": f"{self.time:%H:%M}" if self.time else None,
            "place": event.place,
            "host": event.host,
            "recurring": event.recurring,
            "moved_from": self.original.isoformat() if self.moved else None,
            "cancelled": self.cancelled,
            "source": event.source,
        }

    def describe(self) -> str:
        """Several lines for people: title, date, bloc, place, host, source."""
        event = self.event
        when = f"{self.time:%H:%M}, " if self.time else ""
        kind = KIND_NAMES[event.kind]
        yearly = f" ({YEARLY})" if event.recurring else ""
        lines = [
            f"{kind}: {event.title}",
            f"{when}{WEEKDAYS[self.date.weekday()]} {format_date(self.date)}{yearly}",
            f"{LABEL_BLOC}: {event.bloc or ALL_BLOCS}",
        ]
        if event.place:
            label = LABEL_PLACE if event.kind is EventKind.MEETING else LABEL_RECIPIENT
            lines.append(f"{label}: {event.place}")
        if event.host:
            lines.append(f"{LABEL_HOST}: {event.host}")
        if event.note:
            lines.append(f"{LABEL_NOTE}: {event.note}")
        if self.moved:
            before = format_date(self.original)
            if self.event.time:
                before = f"{self.event.time:%H:%M}, {before}"
            lines.append(MOVED_FROM.format(before=before))
        lines.append(f"{LABEL_SOURCE}: {event.source}")
        return "\n".join(lines)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def event_id(prefix: str, *parts: object) -> str:
    """A stable id from what identifies an event (folded, so spelling variants agree)."""
    return f"{prefix}-{_digest('|'.join(fold(str(p)) for p in parts))[:12]}"


class InputError(ValueError):
    """Bad input from a person; the message (Vietnamese) says the expected form."""


# --- dates and times as people write them --------------------------------------------------------

_DAY_MONTH = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})?(?:\s*(?:phut|p))?")


def parse_day(text: str) -> tuple[int, int, int | None]:
    """(day, month, year or None) of "15/12/2026", "15-12-2026", "2026-12-15", "20/12",
    "ngày 20 tháng 12 năm 2026"; InputError names the expected form."""
    value = normalize(text).strip()
    folded = fold(value)
    if found := _DAY_MONTH.fullmatch(folded):
        day, month, year = int(found[1]), int(found[2]), int(found[3]) if found[3] else None
    elif found := _ISO.fullmatch(folded):
        day, month, year = int(found[3]), int(found[2]), int(found[1])
    else:
        matches = [m for m in find_dates(value) if m.start <= 5]
        if len(matches) != 1 or len(folded) - matches[0].end > 1:
            raise InputError(BAD_DATE.format(value=value))
        day, month, year = matches[0].day, matches[0].month, matches[0].year
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        raise InputError(BAD_DATE.format(value=value)) from None
    if year is not None and not 2000 <= year <= 2100:
        raise InputError(BAD_DATE.format(value=value))
    return day, month, year


def parse_full_date(text: str) -> dt.date:
    """A date with its year; InputError names the expected form."""
    day, month, year = parse_day(text)
    if year is None:
        raise InputError(MISSING_YEAR.format(value=text.strip()))
    return dt.date(year, month, day)


def parse_time(text: str) -> dt.time:
    """ "08:00", "8h", "8h30", "14g30", "14 giờ"; InputError names the expected form."""
    found = _TIME.fullmatch(fold(normalize(text)).strip())
    if found and int(found[1]) < 24 and int(found[2] or 0) < 60:
        return dt.time(int(found[1]), int(found[2] or 0))
    raise InputError(BAD_TIME.format(value=text.strip()))


def _looks_like_time(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(?::\d{2}|[hg]\d{0,2})", fold(token)))


# --- blocs ---------------------------------------------------------------------------------------


def _group_kind(folded: str) -> str | None:
    """ "khoi" or "cum" when a name says which; blocs and clusters are never one another."""
    found = re.search(r"\b(khoi|cum)\b", folded)
    return found.group(1) if found else None


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in distinctive_words(name) if not w.isdigit())


def same_bloc_name(a: str, b: str) -> bool:
    """Whether two bloc names may name one bloc: the same number ("Khối 5", "khối thi đua số
    5"), else the distinctive words of one include the other's ("Khối Nội chính", "Khối thi
    đua số 6 (các cơ quan nội chính)")."""
    kind_a, kind_b = _group_kind(fold(a)), _group_kind(fold(b))
    if kind_a and kind_b and kind_a != kind_b:
        return False
    number_a, number_b = bloc_number(a), bloc_number(b)
    if number_a is not None and number_b is not None:
        return number_a == number_b
    words_a, words_b = _name_words(a), _name_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


class BlocNames:
    """Bloc identity across spellings: a name matches another directly (`same_bloc_name`) or
    through the aliases the documents give one bloc (the FactStore's groups), so "Khối 5"
    matches the bloc's descriptive name when a report states both."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._groups = [frozenset(group) for group in groups]
        self._aliases: dict[str, frozenset[str]] = {}
        self._same: dict[tuple[str, str], bool] = {}

    @classmethod
    def of_store(cls, store: FactStore) -> BlocNames:
        """The bloc groups of a FactStore."""
        return cls({bloc.name, *bloc.names} for bloc in store.blocs)

    def aliases(self, name: str) -> frozenset[str]:
        """The name and every name of the known blocs it matches."""
        if name not in self._aliases:
            found = {name}
            for group in self._groups:
                if any(same_bloc_name(name, alias) for alias in group):
                    found |= group
            self._aliases[name] = frozenset(found)
        return self._aliases[name]

    def same(self, a: str, b: str) -> bool:
        """Whether `a` and `b` are one bloc."""
        key = (a, b)
        if key not in self._same:
            self._same[key] = any(
                same_bloc_name(x, y) for x in self.aliases(a) for y in self.aliases(b)
            )
        return self._same[key]

    def covers(self, wanted: Sequence[str], bloc: str | None) -> bool:
        """Whether an event of `bloc` concerns a chat following `wanted` (no bloc = all)."""
        return not wanted or bloc is None or any(self.same(w, bloc) for w in wanted)


# --- the calendar file ---------------------------------------------------------------------------

_FIELDS = (
    "id",
    "kind",
    "title",
    "bloc",
    "province",
    "date",
    "time",
    "place",
    "host",
    "recurring",
    "note",
)
_REQUIRED = ("kind", "title", "date")
_KINDS = {
    "meeting": EventKind.MEETING,
    "hop": EventKind.MEETING,
    "hoi nghi": EventKind.MEETING,
    "deadline": EventKind.DEADLINE,
    "han": EventKind.DEADLINE,
    "han nop": EventKind.DEADLINE,
}
_TRUE = frozenset({"true", "yes", "co", "hang nam", "yearly"})
_FALSE = frozenset({"false", "no", "khong"})
_ID = re.compile(r"[A-Za-z0-9_-]{1,60}")


@dataclass(frozen=True)
class CalendarError:
    """A malformed entry of the calendar file: which one, on which line, and why."""

    file: str
    index: int  # 1-based position in the file; 0 for the file as a whole
    entry: str | None  # its id, when it has one
    line: int
    message: str

    def __str__(self) -> str:
        entry = f" (id: {self.entry})" if self.entry else ""
        return ENTRY_ERROR.format(
            file=self.file, index=self.index, entry=entry, line=self.line, message=self.message
        )


def load_calendar_file(path: Path) -> tuple[list[Event], list[CalendarError]]:
    """The events of the calendar file and the errors of its malformed entries; the other
    entries still load. A missing file is an empty calendar."""
    if not path.exists():
        return [], []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return [], [CalendarError(path.name, 0, None, line, FILE_UNREADABLE.format(error=exc))]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [CalendarError(path.name, 0, None, root.start_mark.line + 1, FILE_NOT_LIST)]
    events: list[Event] = []
    errors: list[CalendarError] = []
    seen: set[str] = set()
    for index, node in enumerate(root.value, start=1):
        line = node.start_mark.line + 1
        try:
            event = _file_event(_scalars(node), path.name)
            if event.id in seen:
                raise InputError(ENTRY_DUPLICATE_ID.format(value=event.id))
        except InputError as exc:
            errors.append(CalendarError(path.name, index, _entry_id(node), line, str(exc)))
            continue
        seen.add(event.id)
        events.append(event)
    return events, errors


def _scalars(node: yaml.Node) -> dict[str, str]:
    """The entry's fields as written: no YAML typing, so "8:00" stays a time, not 480."""
    if not isinstance(node, yaml.MappingNode):
        raise InputError(ENTRY_NOT_MAPPING)
    fields: dict[str, str] = {}
    for key, value in node.value:
        name = str(key.value).strip()
        if not isinstance(value, yaml.ScalarNode):
            raise InputError(ENTRY_NOT_TEXT.format(field=name))
        if value.tag != "tag:yaml.org,2002:null" and str(value.value).strip() not in ("", "~"):
            fields[name] = str(value.value).strip()
    return fields


def _entry_id(node: yaml.Node) -> str | None:
    """The id an entry gives itself, to name it in an error."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                return str(value.value)
    return None


def _file_event(fields: dict[str, str], source: str) -> Event:
    unknown = sorted(set(fields) - set(_FIELDS))
    if unknown:
        raise InputError(ENTRY_UNKNOWN.format(fields=", ".join(unknown), known=", ".join(_FIELDS)))
    missing = [name for name in _REQUIRED if name not in fields]
    if missing:
        raise InputError(ENTRY_MISSING.format(fields=", ".join(missing)))
    kind = _KINDS.get(" ".join(fold(fields["kind"]).split()))
    if kind is None:
        raise InputError(ENTRY_BAD_KIND.format(value=fields["kind"]))
    recurring = False
    if "recurring" in fields:
        flag = " ".join(fold(fields["recurring"]).split())
        if flag not in _TRUE | _FALSE:
            raise InputError(ENTRY_BAD_RECURRING.format(value=fields["recurring"]))
        recurring = flag in _TRUE
    day, month, year = parse_day(fields["date"])
    if year is None and not recurring:
        raise InputError(MISSING_YEAR.format(value=fields["date"]))
    date = dt.date(year or 2000, month, day)
    time = parse_time(fields["time"]) if "time" in fields else None
    title = normalize(fields["title"])
    bloc = normalize(fields["bloc"]) if "bloc" in fields else None
    if "id" in fields:
        if not _ID.fullmatch(fields["id"]):
            raise InputError(ENTRY_BAD_ID.format(value=fields["id"]))
        identity = fields["id"]
    else:
        when = f"{day}/{month}" if recurring else date.isoformat()
        identity = event_id("cal", bloc or "", title, when)
    province = fields.get("province")
    return Event(
        id=identity,
        kind=kind,
        title=title,
        date=date,
        time=time,
        bloc=bloc,
        province=(canonical_province(province) or province) if province else None,
        place=_optional(fields, "place"),
        host=_optional(fields, "host"),
        recurring=recurring,
        source=source,
        note=_optional(fields, "note"),
    )


def _optional(fields: Mapping[str, str], name: str) -> str | None:
    return normalize(fields[name]) if name in fields else None


# --- events read from the documents --------------------------------------------------------------


class DocInfo(Protocol):
    """What the calendar needs of an indexed document."""

    @property
    def title(self) -> str:
        """The document's title."""

    @property
    def date(self) -> str | None:
        """Its date, ISO."""


_TITLE_CHARS = 160
_MEETING_TITLES = {
    "họp": "Cuộc họp",
    "hội thao": "Hội thao",
    "ký kết giao ước": "Hội nghị ký kết giao ước thi đua",
    "triển khai": "Hội nghị triển khai công tác thi đua, khen thưởng",
}


def events_from_facts(store: FactStore, docs: Mapping[str, DocInfo]) -> list[Event]:
    """Deadlines and dated meetings stated by the documents, one event each even when several
    sentences or reports state it: deadlines of one bloc, day and title; meetings of one bloc
    and day ("tổng kết năm 2024 và ký kết giao ước năm 2025" is one meeting)."""
    found: dict[tuple[object, ...], Event] = {}
    for fact in sorted(store.facts, key=lambda f: f.doc):
        event = _fact_event(fact, store, docs.get(fact.doc))
        if event is None:
            continue
        owner = store.bloc_of(fact)
        when = (event.date.month, event.date.day) if event.recurring else event.date
        key: tuple[object, ...] = (id(owner) if owner else event.bloc, event.kind, when)
        if event.kind is EventKind.DEADLINE:
            key += (fold(event.title),)
        known = found.get(key)
        if known is None:
            found[key] = event
        elif fold(event.title) not in fold(known.title):
            found[key] = dataclasses.replace(
                known,
                title=f"{known.title}; {event.title[:1].lower()}{event.title[1:]}",
                place=known.place or event.place,
                host=known.host or event.host,
            )
    return list(found.values())


def _fact_event(fact: Fact, store: FactStore, doc: DocInfo | None) -> Event | None:
    if fact.kind is FactKind.DEADLINE and fact.date and fact.subject:
        kind, title, place, host = EventKind.DEADLINE, fact.subject, fact.recipient, None
    elif fact.kind is FactKind.MEETING and fact.date and fact.meeting and not fact.chair:
        title = _MEETING_TITLES.get(fact.meeting, f"Hội nghị {fact.meeting}")
        if fact.period:
            title = f"{title} {fact.period}"
        kind, place, host = EventKind.MEETING, fact.place, fact.unit
    else:
        return None
    title = normalize(title).strip(" ,;:.")
    title = title[:1].upper() + title[1:]
    if len(title) > _TITLE_CHARS:
        title = title[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    recurring = fact.recurring
    date = _fact_date(fact.date or "", recurring, doc)
    if date is None:
        return None
    owner = store.bloc_of(fact)
    bloc = owner.name if owner else fact.bloc
    when = f"{date.day}/{date.month}" if recurring else date.isoformat()
    source = f"{doc.title} [{fact.doc}]" if doc and doc.title else fact.doc
    return Event(
        id=event_id("doc", fact.doc, title, when),
        kind=kind,
        title=title,
        date=date,
        bloc=bloc,
        province=fact.province,
        place=place,
        host=host,
        recurring=recurring,
        source=source,
    )


def _fact_date(text: str, recurring: bool, doc: DocInfo | None) -> dt.date | None:
    """A fact's date: ISO, or day/month; a day/month that is not yearly falls on its first
    day after the document's date (a document without a date cannot place it)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        day, month, year = parse_day(text)
    except InputError:
        return None
    if year is not None:
        return dt.date(year, month, day)
    if recurring:
        return dt.date(2000, month, day)
    if doc is None or not doc.date:
        return None
    published = dt.date.fromisoformat(doc.date)
    for candidate_year in (published.year, published.year + 1):
        try:
            candidate = dt.date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate >= published:
            return candidate
    return None


def merge_events(
    curated: Sequence[Event], found: Sequence[Event], blocs: BlocNames
) -> list[Event]:
    """The calendar file's events, then the documents' events it does not already hold: the
    file wins over a document event of the same kind, bloc and day."""

    def day(event: Event) -> tuple[int, ...]:
        return (event.date.month, event.date.day) if event.recurring else (event.date.toordinal(),)

    def same(a: Event, b: Event) -> bool:
        if a.kind is not b.kind or day(a) != day(b):
            return False
        if a.bloc is None or b.bloc is None:
            return a.bloc is None and b.bloc is None
        return blocs.same(a.bloc, b.bloc)

    return [*curated, *(e for e in found if not any(same(c, e) for c in curated))]


def load_events(
    settings: Settings,
    store: FactStore | None = None,
    docs: Mapping[str, DocInfo] | None = None,
) -> tuple[list[Event], list[CalendarError]]:
    """The calendar file's events and the documents' ones, without those of other provinces
    than the deployment's (when it names one)."""
    path = settings.paths.knowledge_dir / settings.reminders.calendar_file
    curated, errors = load_calendar_file(path)
    found = events_from_facts(store, docs or {}) if store is not None else []
    blocs = BlocNames.of_store(store) if store is not None else BlocNames()
    events = merge_events(curated, found, blocs)
    if settings.default_province:
        ours = related_provinces(settings.default_province)
        events = [e for e in events if e.province is None or e.province in ours]
    return events, errors


# --- admins' events and changes, in the database -------------------------------------------------


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC, so SQLite and PostgreSQL read back the same."""

    impl = _DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


calendar_events = Table(
    "calendar_events",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("bloc", Text),
    Column("province", Text),
    Column("date", Date, nullable=False),
    Column("time", Time),
    Column("place", Text),
    Column("host", Text),
    Column("recurring", Boolean, nullable=False),
    Column("note", Text),
    Column("created_by", BigInteger),
    Column("created_at", UtcDateTime, nullable=False),
)

calendar_changes = Table(
    "calendar_changes",
    metadata,
    Column("event_id", String(80), primary_key=True),
    Column("original", Date, primary_key=True),
    Column("date", Date, nullable=False),
    Column("time", Time),
    Column("cancelled", Boolean, nullable=False),
    Column("reason", Text),
    Column("changed_by", BigInteger),
    Column("changed_at", UtcDateTime, nullable=False),
)

TABLES = (calendar_events, calendar_changes)


def localize(now: dt.datetime | None, zone: ZoneInfo) -> dt.datetime:
    """`now` in `zone` (a naive time is a local one); the current time when None."""
    if now is None:
        return dt.datetime.now(zone)
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


@dataclass(frozen=True)
class _Change:
    date: dt.date
    time: dt.time | None
    cancelled: bool
    reason: str | None
    changed_at: dt.datetime


# How far ahead an occurrence's code is looked up (/sualich, /huylich).
LOOKUP_DAYS = 400
_ADD_KEYS = {
    "khoi": "bloc",
    "tai": "place",
    "dia diem": "place",
    "noi nhan": "place",
    "chu tri": "host",
    "loai": "kind",
    "ghi chu": "note",
}
_YEARLY_FLAGS = frozenset({"hang nam", "lap lai hang nam", "moi nam"})


class Calendar:
    """Every event (file, documents, admins) with the admins' moves and cancellations."""

    def __init__(
        self,
        engine: Engine,
        zone: ZoneInfo,
        events: Sequence[Event] = (),
        blocs: BlocNames | None = None,
    ) -> None:
        self.engine = engine
        self.zone = zone
        self.blocs = blocs or BlocNames()
        self._events = list(events)
        metadata.create_all(engine, tables=list(TABLES))

    def reload(self, events: Sequence[Event], blocs: BlocNames | None = None) -> None:
        """Replace the file's and the documents' events (after the knowledge changed)."""
        self._events = list(events)
        if blocs is not None:
            self.blocs = blocs

    def events(self) -> list[Event]:
        """The file's and documents' events, then the admins'."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(calendar_events)).mappings().all()
        added = [
            Event(
                id=row["id"],
                kind=EventKind(row["kind"]),
                title=row["title"],
                date=row["date"],
                time=row["time"],
                bloc=row["bloc"],
                province=row["province"],
                place=row["place"],
                host=row["host"],
                recurring=row["recurring"],
                source=ADMIN_SOURCE,
                note=row["note"],
                created_at=row["created_at"],
            )
            for row in rows
        ]
        return [*self._events, *added]

    def _changes(self) -> dict[tuple[str, dt.date], _Change]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(calendar_changes)).mappings().all()
        return {
            (row["event_id"], row["original"]): _Change(
                row["date"], row["time"], row["cancelled"], row["reason"], row["changed_at"]
            )
            for row in rows
        }

    def occurrences(
        self, start: dt.date, end: dt.date, *, cancelled: bool = False
    ) -> list[Occurrence]:
        """Occurrences dated from `start` to `end` after the admins' changes, by date and time;
        cancelled ones only when asked."""
        changes = self._changes()
        events = self.events()
        by_id = {event.id: event for event in events}
        found: dict[tuple[str, dt.date], Occurrence] = {}
        for event in events:
            for original in event.dates(start, end):
                found[(event.id, original)] = Occurrence(event, original, original, event.time)
        for (identity, original), change in changes.items():
            changed = by_id.get(identity)
            if changed is None or original not in changed.dates(original, original):
                continue
            found[(identity, original)] = Occurrence(
                changed,
                original,
                change.date,
                change.time,
                change.cancelled,
                change.reason,
                change.changed_at,
            )
        return sorted(
            (
                o
                for o in found.values()
                if start <= o.date <= end and (cancelled or not o.cancelled)
            ),
            key=lambda o: (o.date, o.time or dt.time(0), o.event.title),
        )

    def upcoming(
        self, blocs: Sequence[str] = (), now: dt.datetime | None = None, days: int = 60
    ) -> list[Occurrence]:
        """Occurrences not over yet within `days` days, for a chat following `blocs`."""
        now = localize(now, self.zone)
        today = now.date()
        return [
            o
            for o in self.occurrences(today, today + dt.timedelta(days=days))
            if not o.passed(now, self.zone) and self.blocs.covers(blocs, o.event.bloc)
        ]

    def bloc_choices(self) -> list[str]:
        """One name per bloc that events are about, to offer as choices."""
        names: list[str] = []
        for event in self.events():
            if event.bloc and not any(self.blocs.same(event.bloc, n) for n in names):
                names.append(event.bloc)
        return sorted(names, key=fold)

    def agenda(
        self, blocs: Sequence[str] = (), now: dt.datetime | None = None, days: int = 60
    ) -> str:
        """The upcoming occurrences as a message, each with its code."""
        followed = ", ".join(blocs) if blocs else ALL_BLOCS
        items = self.upcoming(blocs, now, days)
        if not items:
            return AGENDA_EMPTY.format(days=days, blocs=followed)
        lines = [AGENDA_HEADER.format(days=days, blocs=followed)]
        for occurrence in items:
            lines.append("")
            lines.append(f"• [{LABEL_CODE} {occurrence.code}] " + occurrence.describe())
        return "\n".join(lines)

    def ics(
        self, blocs: Sequence[str] = (), now: dt.datetime | None = None, days: int = 60
    ) -> bytes:
        """The upcoming occurrences as an iCalendar (.ics) file."""
        now = localize(now, self.zone)
        return to_ics(self.upcoming(blocs, now, days), self.zone, now)

    # -- admins' changes --

    def find(self, code: str, now: dt.datetime | None = None) -> Occurrence:
        """The occurrence (from today on, cancelled included) that a code names."""
        today = localize(now, self.zone).date()
        wanted = code.strip().lstrip("#").lower()
        found = [
            o
            for o in self.occurrences(
                today, today + dt.timedelta(days=LOOKUP_DAYS), cancelled=True
            )
            if o.code == wanted
        ]
        if not found:
            raise InputError(UNKNOWN_CODE.format(code=code.strip()))
        if len(found) > 1:
            raise InputError(AMBIGUOUS_CODE.format(code=code.strip()))
        return found[0]

    def add(
        self,
        text: str,
        by: int | None = None,
        now: dt.datetime | None = None,
        bloc: str | None = None,
    ) -> Occurrence:
        """Add an event from an admin's arguments (see USAGE_ADD); `bloc` is the chat's bloc,
        used when the arguments name none."""
        now = localize(now, self.zone)
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        if not parts:
            raise InputError(USAGE_ADD)
        words = parts[0].split()
        if not words:
            raise InputError(USAGE_ADD)
        values: dict[str, str] = {}
        recurring = False
        for part in parts[1:]:
            key, colon, value = part.partition(":")
            folded = " ".join(fold(key).split())
            if not colon and folded in _YEARLY_FLAGS:
                recurring = True
            elif colon and folded in _ADD_KEYS and value.strip():
                values[_ADD_KEYS[folded]] = normalize(value.strip())
            else:
                raise InputError(f"{UNKNOWN_OPTION.format(value=part)}\n{USAGE_ADD}")
        day, month, year = parse_day(words[0])
        if year is None and not recurring:
            raise InputError(f"{MISSING_YEAR.format(value=words[0])}\n{USAGE_ADD}")
        rest = words[1:]
        time = None
        if rest and _looks_like_time(rest[0]):
            time = parse_time(rest[0])
            rest = rest[1:]
        title = normalize(" ".join(rest)).strip()
        if not title:
            raise InputError(f"{MISSING_TITLE}\n{USAGE_ADD}")
        if "kind" in values:
            kind = _KINDS.get(fold(values["kind"]))
            if kind is None:
                raise InputError(BAD_KIND.format(value=values["kind"]))
        else:
            kind = EventKind.DEADLINE if fold(title).startswith("han ") else EventKind.MEETING
        date = self._first_date(day, month, year, now.date())
        event = Event(
            id=f"adm-{uuid.uuid4().hex[:12]}",
            kind=kind,
            title=title,
            date=date,
            time=time,
            bloc=values.get("bloc", bloc),
            place=values.get("place"),
            host=values.get("host"),
            recurring=recurring,
            source=ADMIN_SOURCE,
            note=values.get("note"),
            created_at=now,
        )
        row = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
        del row["source"]
        with self.engine.begin() as conn:
            conn.execute(insert(calendar_events).values(**row, created_by=by))
        return Occurrence(event, date, date, time)

    def _first_date(self, day: int, month: int, year: int | None, today: dt.date) -> dt.date:
        if year is not None:
            date = dt.date(year, month, day)
            if date < today:
                raise InputError(PAST_DATE.format(date=format_date(date)))
            return date
        # A yearly event typed without a year: its next occurrence.
        probe = Event("", EventKind.MEETING, "", dt.date(2000, month, day), recurring=True)
        return next(d for y in (today.year, today.year + 1) if (d := probe.on(y)) and d >= today)

    def move(self, text: str, by: int | None = None, now: dt.datetime | None = None) -> Occurrence:
        """Move an occurrence: "<mã> <ngày mới> [giờ mới]" (see USAGE_MOVE)."""
        now = localize(now, self.zone)
        words = text.split()
        if len(words) not in (2, 3):
            raise InputError(USAGE_MOVE)
        occurrence = self.find(words[0], now)
        if occurrence.cancelled:
            raise InputError(
                ALREADY_CANCELLED.format(
                    title=occurrence.event.title, date=format_date(occurrence.date)
                )
            )
        date = parse_full_date(words[1])
        if date < now.date():
            raise InputError(PAST_DATE.format(date=format_date(date)))
        time = parse_time(words[2]) if len(words) == 3 else occurrence.time
        moved = dataclasses.replace(occurrence, date=date, time=time, changed_at=now)
        self._save_change(moved, by)
        return moved

    def cancel(
        self, text: str, by: int | None = None, now: dt.datetime | None = None
    ) -> Occurrence:
        """Cancel an occurrence: "<mã> [lý do]" (see USAGE_CANCEL)."""
        now = localize(now, self.zone)
        code, _, reason = text.strip().partition(" ")
        if not code:
            raise InputError(USAGE_CANCEL)
        occurrence = self.find(code, now)
        if occurrence.cancelled:
            raise InputError(
                ALREADY_CANCELLED.format(
                    title=occurrence.event.title, date=format_date(occurrence.date)
                )
            )
        cancelled = dataclasses.replace(
            occurrence, cancelled=True, reason=normalize(reason.strip()) or None, changed_at=now
        )
        self._save_change(cancelled, by)
        return cancelled

    def _save_change(self, occurrence: Occurrence, by: int | None) -> None:
        key = (calendar_changes.c.event_id == occurrence.event.id) & (
            calendar_changes.c.original == occurrence.original
        )
        with self.engine.begin() as conn:
            conn.execute(delete(calendar_changes).where(key))
            conn.execute(
                insert(calendar_changes).values(
                    event_id=occurrence.event.id,
                    original=occurrence.original,
                    date=occurrence.date,
                    time=occurrence.time,
                    cancelled=occurrence.cancelled,
                    reason=occurrence.reason,
                    changed_by=by,
                    changed_at=occurrence.changed_at,
                )
            )


# --- iCalendar -----------------------------------------------------------------------------------


def to_ics(occurrences: Iterable[Occurrence], zone: ZoneInfo, now: dt.datetime) -> bytes:
    """An iCalendar file with one VEVENT per occurrence (in date order): timed ones in `zone`
    (with its VTIMEZONE), the others as all-day events."""
    occurrences = list(occurrences)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//thidua-bot//lich thi dua khen thuong//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", ICS_NAME)
    calendar.add("x-wr-timezone", zone.key)
    for occurrence in occurrences:
        event = occurrence.event
        item = icalendar.Event()
        item.add("uid", occurrence.uid)
        item.add("dtstamp", now.astimezone(dt.UTC))
        if occurrence.time is not None:
            item.add("dtstart", occurrence.start(zone))
        else:
            item.add("dtstart", occurrence.date)
            item.add("dtend", occurrence.date + dt.timedelta(days=1))
        item.add("summary", f"{KIND_NAMES[event.kind]}: {event.title}")
        if event.place and event.kind is EventKind.MEETING:
            item.add("location", event.place)
        item.add("description", occurrence.describe())
        item.add("categories", [event.bloc or ALL_BLOCS])
        calendar.add_component(item)
    if occurrences:
        first, last = occurrences[0].date, occurrences[-1].date
        calendar.add_missing_timezones(first.replace(day=1), last + dt.timedelta(days=366))
    return calendar.to_ical()
