"""Where events come from, besides the admins (`schedule`): the calendar file (`calendar.yaml`
in the knowledge folder) that the bloc's secretariat edits, and the facts read from the
documents, reporting deadlines ("trước ngày 20 tháng 12 hằng năm") and meetings with a date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml

from bot.calendar.blocs import BlocNames
from bot.calendar.dates import parse_day, parse_time
from bot.calendar.errors import InputError, Problem
from bot.calendar.events import Event, EventKind, event_id
from bot.facts.meetings import meeting_title
from bot.facts.model import Fact, FactKind
from bot.facts.store import FactStore
from bot.settings import Settings
from bot.vi.normalize import fold, normalize
from bot.vi.provinces import canonical_province, related_provinces

# --- the calendar file ---------------------------------------------------------------------------

FIELDS = (
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
# An event's kind as the file (and an admin's /themlich) may name it, folded.
KIND_WORDS = {
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
    reason: InputError

    def __str__(self) -> str:
        entry = f" (id: {self.entry})" if self.entry else ""
        return f"{self.file}, entry {self.index}{entry}, line {self.line}: {self.reason}"


def load_calendar_file(path: Path) -> tuple[list[Event], list[CalendarError]]:
    """The events of the calendar file and the errors of its malformed entries; the other
    entries still load. A missing file is an empty calendar."""
    if not path.exists():
        return [], []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        reason = InputError(Problem.FILE_UNREADABLE, error=str(exc))
        return [], [CalendarError(path.name, 0, None, line, reason)]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        reason = InputError(Problem.FILE_NOT_LIST)
        return [], [CalendarError(path.name, 0, None, root.start_mark.line + 1, reason)]
    events: list[Event] = []
    errors: list[CalendarError] = []
    seen: set[str] = set()
    for index, node in enumerate(root.value, start=1):
        line = node.start_mark.line + 1
        try:
            event = _file_event(_scalars(node), path.name)
            if event.id in seen:
                raise InputError(Problem.ENTRY_DUPLICATE_ID, value=event.id)
        except InputError as exc:
            errors.append(CalendarError(path.name, index, _entry_id(node), line, exc))
            continue
        seen.add(event.id)
        events.append(event)
    return events, errors


def _scalars(node: yaml.Node) -> dict[str, str]:
    """The entry's fields as written: no YAML typing, so "8:00" stays a time, not 480."""
    if not isinstance(node, yaml.MappingNode):
        raise InputError(Problem.ENTRY_NOT_MAPPING)
    fields: dict[str, str] = {}
    for key, value in node.value:
        name = str(key.value).strip()
        if not isinstance(value, yaml.ScalarNode):
            raise InputError(Problem.ENTRY_NOT_TEXT, field=name)
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
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise InputError(Problem.ENTRY_UNKNOWN, fields=tuple(unknown), known=FIELDS)
    missing = [name for name in _REQUIRED if name not in fields]
    if missing:
        raise InputError(Problem.ENTRY_MISSING, fields=tuple(missing))
    kind = KIND_WORDS.get(" ".join(fold(fields["kind"]).split()))
    if kind is None:
        raise InputError(Problem.ENTRY_BAD_KIND, value=fields["kind"])
    recurring = False
    if "recurring" in fields:
        flag = " ".join(fold(fields["recurring"]).split())
        if flag not in _TRUE | _FALSE:
            raise InputError(Problem.ENTRY_BAD_RECURRING, value=fields["recurring"])
        recurring = flag in _TRUE
    day, month, year = parse_day(fields["date"])
    if year is None and not recurring:
        raise InputError(Problem.MISSING_YEAR, value=fields["date"])
    date = dt.date(year or 2000, month, day)
    time = parse_time(fields["time"]) if "time" in fields else None
    title = normalize(fields["title"])
    bloc = normalize(fields["bloc"]) if "bloc" in fields else None
    if "id" in fields:
        if not _ID.fullmatch(fields["id"]):
            raise InputError(Problem.ENTRY_BAD_ID, value=fields["id"])
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


def events_from_facts(store: FactStore, docs: Mapping[str, DocInfo]) -> list[Event]:
    """Deadlines and dated meetings stated by the documents, one event each even when several
    sentences or reports state it: deadlines of one bloc, day and title; meetings of one bloc
    and day ("tổng kết năm 2024 và ký kết giao ước năm 2025" is one meeting)."""
    found: dict[tuple[object, ...], Event] = {}
    for fact in sorted(store.facts, key=lambda f: f.doc):
        event = fact_event(fact, store, docs.get(fact.doc))
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


def fact_event(fact: Fact, store: FactStore, doc: DocInfo | None) -> Event | None:
    """The calendar event a dated deadline, meeting or effective-date fact states; None for
    other facts."""
    if fact.kind is FactKind.DEADLINE and fact.date and fact.subject:
        kind, title, place, host = EventKind.DEADLINE, fact.subject, fact.recipient, None
        if fact.units:
            title = f"{title} (đối với {', '.join(fact.units)})"
    elif fact.kind is FactKind.EFFECTIVE and fact.date and fact.subject:
        kind, title, place, host = EventKind.EFFECTIVE, fact.subject, None, None
    elif fact.kind is FactKind.MEETING and fact.date and fact.meeting and not fact.chair:
        # Titles are part of the event's id (reminders sent stay sent): change with care.
        title = meeting_title(fact.meeting)
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
        doc=fact.doc,
        evidence=fact.evidence,
    )


def _fact_date(text: str, recurring: bool, doc: DocInfo | None) -> dt.date | None:
    """A fact's date: ISO, or day/month, which falls on its first day on or after the
    document's date ("trước ngày 15/01 năm sau" in December: January of the next year). A
    document without a date cannot place a day/month, unless it is yearly."""
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
    if doc is None or not doc.date:
        return dt.date(2000, month, day) if recurring else None
    published = dt.date.fromisoformat(doc.date)
    for candidate_year in (published.year, published.year + 1):
        try:
            candidate = dt.date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate >= published:
            return candidate
    return dt.date(2000, month, day) if recurring else None  # 29/02 of a leap year


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
