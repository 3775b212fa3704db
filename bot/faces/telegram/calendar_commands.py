"""The calendar's commands in Telegram as words: the grammar of the admins' /themlich, /sualich
and /huylich and their replies, and the /nhacnho status. No Telegram here: the handlers in
`reminders` run these off the event loop and send what they return."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answers.scope import sectors_in
from bot.calendar.dates import localize, parse_day, parse_full_date, parse_time
from bot.calendar.errors import InputError, Problem
from bot.calendar.events import EventKind
from bot.calendar.reminders import ReminderService
from bot.calendar.schedule import Agenda, NewEvent, require_upcoming
from bot.calendar.sources import KIND_WORDS
from bot.calendar.store import Subscription
from bot.faces.calendar_text import ALL_BLOCS, WEEKDAYS, describe, lead_label, problem
from bot.faces.telegram import texts
from bot.vi.normalize import fold, format_date, normalize
from bot.vi.provinces import canonical_province

# The options of /themlich after the title ("khối: …; tại: …"), folded.
_ADD_KEYS = {
    "khoi": "bloc",
    "nganh": "sector",
    "tai": "place",
    "dia diem": "place",
    "noi nhan": "place",
    "chu tri": "host",
    "loai": "kind",
    "ghi chu": "note",
}
_YEARLY_FLAGS = frozenset({"hang nam", "lap lai hang nam", "moi nam"})


class ArgumentError(ValueError):
    """Arguments a command cannot use; the message (Vietnamese) says the expected form."""


@dataclass(frozen=True)
class AdminCommand:
    """An admin's calendar command: the chat, the arguments as typed, the admin and when."""

    chat_id: int
    text: str
    by: int | None
    now: dt.datetime


def parse_new_event(text: str) -> NewEvent:
    """The arguments of /themlich: "<ngày> [giờ] <tên>; khối: …; ngành: …; tại: …; chủ trì: …;
    ghi chú: …; loại: họp|hạn; hằng năm" (options split by ";" or line breaks). ArgumentError
    or, for the date and time, InputError."""
    parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    words = parts[0].split() if parts else []
    if not words:
        raise ArgumentError(texts.USAGE_ADD)
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
            raise ArgumentError(f"{texts.UNKNOWN_OPTION.format(value=part)}\n{texts.USAGE_ADD}")
    day, month, year = parse_day(words[0])
    if year is None and not recurring:
        missing = problem(InputError(Problem.MISSING_YEAR, value=words[0]))
        raise ArgumentError(f"{missing}\n{texts.USAGE_ADD}")
    rest = words[1:]
    time = None
    if rest and _looks_like_time(rest[0]):
        time = parse_time(rest[0])
        rest = rest[1:]
    title = normalize(" ".join(rest)).strip()
    if not title:
        raise ArgumentError(f"{texts.MISSING_TITLE}\n{texts.USAGE_ADD}")
    if "kind" in values:
        kind = KIND_WORDS.get(fold(values["kind"]))
        if kind is None:
            raise ArgumentError(texts.BAD_KIND.format(value=values["kind"]))
    else:
        kind = EventKind.DEADLINE if fold(title).startswith("han ") else EventKind.MEETING
    sector = None
    if "sector" in values:
        named = sectors_in(values["sector"])
        if len(named) != 1:
            raise ArgumentError(texts.BAD_SECTOR.format(value=values["sector"]))
        sector = named[0]
    return NewEvent(
        kind=kind,
        title=title,
        day=day,
        month=month,
        year=year,
        time=time,
        recurring=recurring,
        bloc=values.get("bloc"),
        sector=sector,
        place=values.get("place"),
        host=values.get("host"),
        note=values.get("note"),
    )


def _looks_like_time(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(?::\d{2}|[hg]\d{0,2})", fold(token)))


Command = Callable[[ReminderService, AdminCommand], str]  # an admin's command → the reply


def _replies(command: Command) -> Command:
    """The command, replying with why the input was refused instead of raising."""

    @functools.wraps(command)
    def replied(service: ReminderService, arguments: AdminCommand) -> str:
        try:
            return command(service, arguments)
        except ArgumentError as exc:
            return str(exc)
        except InputError as exc:
            return problem(exc)

    return replied


@_replies
def add(service: ReminderService, command: AdminCommand) -> str:
    """/themlich: add an event (about the chat's bloc when the arguments name none)."""
    new = parse_new_event(command.text)
    occurrence = service.add_event(command.chat_id, new, command.by, command.now)
    return texts.ADDED.format(code=occurrence.code, event=describe(occurrence))


@_replies
def move(service: ReminderService, command: AdminCommand) -> str:
    """/sualich <mã> <ngày mới> [giờ mới]: move an occurrence (its reminders re-arm)."""
    words, now = command.text.split(), command.now
    if len(words) not in (2, 3):
        raise ArgumentError(texts.USAGE_MOVE)
    calendar = service.calendar
    occurrence = calendar.find_active(words[0], now)
    date = parse_full_date(words[1])
    # Checked here too, so that a past date is named before a malformed time.
    require_upcoming(date, localize(now, calendar.zone).date())
    time = parse_time(words[2]) if len(words) == 3 else occurrence.time
    moved = calendar.move(occurrence, date, time, command.by, now)
    return texts.MOVED.format(code=moved.code, event=describe(moved))


@_replies
def cancel(service: ReminderService, command: AdminCommand) -> str:
    """/huylich <mã> [lý do]: cancel an occurrence (the chats already reminded are told)."""
    code, _, reason = command.text.strip().partition(" ")
    if not code:
        raise ArgumentError(texts.USAGE_CANCEL)
    calendar = service.calendar
    occurrence = calendar.find_active(code, command.now)
    done = calendar.cancel(occurrence, normalize(reason.strip()) or None, command.by, command.now)
    return texts.CANCELLED.format(title=done.event.title, date=format_date(done.date))


def status(subscription: Subscription, send_hour: int, province: str | None = None) -> str:
    """The chat's subscription as a message (/nhacnho); `province` is the deployment's."""
    leads = ", ".join(lead_label(d) for d in subscription.leads)
    sectors = ", ".join(texts.SECTOR_NAMES[s] for s in subscription.sectors)
    followed = subscription.province or province or texts.ALL_PROVINCES
    return "\n".join(
        (
            texts.STATUS_ON if subscription.enabled else texts.STATUS_OFF,
            texts.STATUS_PROVINCE.format(province=followed),
            texts.STATUS_BLOCS.format(blocs=", ".join(subscription.blocs) or ALL_BLOCS),
            texts.STATUS_SECTORS.format(sectors=sectors or texts.ALL_SECTORS),
            texts.STATUS_LEADS.format(leads=leads, hour=send_hour),
        )
    )


PREVIEW_LINES = 10  # events listed under /nhacnho; /lich lists them all


def preview(agenda: Agenda, enabled: bool) -> str:
    """What the chat will be reminded of in the agenda's days (/nhacnho, before it confirms)."""
    found = agenda.occurrences
    if not found:
        return texts.PREVIEW_NONE.format(days=agenda.days)
    head = texts.PREVIEW_ON if enabled else texts.PREVIEW_OFF
    lines = [head.format(days=agenda.days, count=len(found))]
    for occurrence in found[:PREVIEW_LINES]:
        day = f"{WEEKDAYS[occurrence.date.weekday()]} {format_date(occurrence.date)}"
        bloc = occurrence.event.bloc or ALL_BLOCS
        lines.append(f"• {day}: {occurrence.event.title} ({bloc})")
    if len(found) > PREVIEW_LINES:
        lines.append(texts.PREVIEW_MORE.format(count=len(found) - PREVIEW_LINES))
    return "\n".join(lines)


_DEFAULT_PROVINCE = frozenset({"mac dinh", "tinh mac dinh"})


def parse_province(text: str) -> str | None:
    """The argument of "/nhacnho tỉnh <tên>": a province's official name, or None for "mặc
    định" (the deployment's). ArgumentError for a name that is no province."""
    folded = " ".join(fold(text).split())
    if folded in _DEFAULT_PROVINCE:
        return None
    found = canonical_province(text)
    if found is None:
        raise ArgumentError(texts.UNKNOWN_PROVINCE.format(value=text.strip()))
    return found
