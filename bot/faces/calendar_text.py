"""The calendar in words, for every face: occurrences, agendas, reminders, lead times and the
calendar's refusals (Vietnamese, kept together for review; plain text, escaped by the face
that sends it as HTML)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.calendar.errors import InputError, Problem
from bot.calendar.events import Event, EventKind, Occurrence
from bot.calendar.reminders import Reminder
from bot.calendar.schedule import Agenda
from bot.calendar.sources import CalendarError
from bot.calendar.store import Notice
from bot.vi.normalize import format_date

KIND_NAMES = {
    EventKind.MEETING: "Cuộc họp",
    EventKind.DEADLINE: "Hạn chót",
    EventKind.EFFECTIVE: "Có hiệu lực",
}
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

REMINDER_HEADER = "🔔 Nhắc lịch: {when}"
LATE = " (nhắc muộn)"
WHEN_TODAY = "hôm nay"
WHEN_TOMORROW = "ngày mai"
WHEN_DAYS = "còn {days} ngày"
CANCELLATION = "❌ Thông báo hủy lịch: “{title}” ngày {date} đã bị hủy."
CANCELLATION_REASON = "Lý do: {reason}"
LEAD_SAME_DAY = "sáng hôm diễn ra"
LEAD_DAYS = "{days} ngày"

PROBLEMS = {
    Problem.BAD_DATE: "Ngày không hợp lệ: “{value}”. Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026.",
    Problem.MISSING_YEAR: (
        "Ngày “{value}” thiếu năm. Dùng dạng dd/mm/yyyy, ví dụ 15/12/2026 "
        "(chỉ sự kiện lặp lại hằng năm mới được ghi ngày/tháng)."
    ),
    Problem.BAD_TIME: "Giờ không hợp lệ: “{value}”. Dùng dạng hh:mm, ví dụ 08:00 hoặc 14:30.",
    Problem.PAST_DATE: "Ngày {date} đã qua. Chọn một ngày từ hôm nay trở đi.",
    Problem.UNKNOWN_CODE: "Không tìm thấy sự kiện sắp tới có mã “{code}”. Xem mã trong /lich.",
    Problem.AMBIGUOUS_CODE: "Mã “{code}” trùng nhiều sự kiện; hãy xem lại mã trong /lich.",
    Problem.ALREADY_CANCELLED: "Sự kiện “{title}” ngày {date} đã bị hủy trước đó.",
    Problem.NO_LEADS: "Cần ít nhất một thời điểm nhắc, ví dụ 7, 1, 0 (0 là sáng hôm diễn ra).",
    Problem.BAD_LEADS: (
        "Thời điểm nhắc không hợp lệ: “{leads}”. Ghi số ngày trước sự kiện (0 đến {most}), "
        "cách nhau bởi dấu phẩy, ví dụ 7, 1, 0 (0 là sáng hôm diễn ra)."
    ),
    Problem.FILE_UNREADABLE: "không đọc được YAML: {error}",
    Problem.FILE_NOT_LIST: "tệp phải là một danh sách sự kiện (mỗi sự kiện bắt đầu bằng “- ”)",
    Problem.ENTRY_NOT_MAPPING: "mỗi sự kiện phải là một bảng “khóa: giá trị”",
    Problem.ENTRY_NOT_TEXT: "trường “{field}” phải là một giá trị đơn",
    Problem.ENTRY_MISSING: "thiếu trường: {fields}",
    Problem.ENTRY_UNKNOWN: "trường không biết: {fields} (dùng: {known})",
    Problem.ENTRY_BAD_KIND: (
        "“kind” phải là meeting (họp) hoặc deadline (hạn), không phải “{value}”"
    ),
    Problem.ENTRY_BAD_RECURRING: "“recurring” phải là true hoặc false, không phải “{value}”",
    Problem.ENTRY_BAD_ID: (
        "“id” chỉ gồm chữ không dấu, số, “-” và “_” (tối đa 60 ký tự): “{value}”"
    ),
    Problem.ENTRY_DUPLICATE_ID: "id “{value}” đã dùng cho một sự kiện khác",
}
ENTRY_ERROR = "{file}, mục {index}{entry}, dòng {line}: {message}"

# The command line
CALENDAR_FILE_ERROR = "Bỏ qua mục lỗi trong tệp lịch: {error}"
NOTHING_DUE = "Không có nhắc nhở nào cần gửi lúc {now}."
DUE_TO = "→ chat {chat_id}: {what}"
DUE_REMINDER = "nhắc trước {lead}"
DUE_CANCELLATION = "thông báo hủy"
DRY_RUN_ONLY = (
    "Lệnh này chỉ xem trước (--dry-run); nhắc nhở được gửi thật bởi bot Telegram đang chạy."
)
BAD_NOW = "Thời điểm không hợp lệ: “{value}”. Dùng dạng ISO, ví dụ 2026-12-08T07:00."


def source(event: Event) -> str:
    """Where an event comes from: the calendar file, a document, or an admin."""
    return ADMIN_SOURCE if event.source is None else event.source


def describe(occurrence: Occurrence) -> str:
    """Several lines for people: title, date, bloc, place, host, note, move, source."""
    event = occurrence.event
    when = f"{occurrence.time:%H:%M}, " if occurrence.time else ""
    yearly = f" ({YEARLY})" if event.recurring else ""
    day = f"{WEEKDAYS[occurrence.date.weekday()]} {format_date(occurrence.date)}"
    lines = [
        f"{KIND_NAMES[event.kind]}: {event.title}",
        f"{when}{day}{yearly}",
        f"{LABEL_BLOC}: {event.bloc or ALL_BLOCS}",
    ]
    if event.place:
        label = LABEL_PLACE if event.kind is EventKind.MEETING else LABEL_RECIPIENT
        lines.append(f"{label}: {event.place}")
    if event.host:
        lines.append(f"{LABEL_HOST}: {event.host}")
    if event.note:
        lines.append(f"{LABEL_NOTE}: {event.note}")
    if occurrence.moved:
        before = format_date(occurrence.original)
        if event.time:
            before = f"{event.time:%H:%M}, {before}"
        lines.append(MOVED_FROM.format(before=before))
    lines.append(f"{LABEL_SOURCE}: {source(event)}")
    return "\n".join(lines)


def agenda_text(agenda: Agenda) -> str:
    """The upcoming occurrences as a message, each with its code."""
    followed = ", ".join(agenda.blocs) if agenda.blocs else ALL_BLOCS
    if not agenda.occurrences:
        return AGENDA_EMPTY.format(days=agenda.days, blocs=followed)
    lines = [AGENDA_HEADER.format(days=agenda.days, blocs=followed)]
    for occurrence in agenda.occurrences:
        lines.append("")
        lines.append(f"• [{LABEL_CODE} {occurrence.code}] " + describe(occurrence))
    return "\n".join(lines)


def lead_label(days: int) -> str:
    """A lead time as people read it ("7 ngày", "sáng hôm diễn ra")."""
    return LEAD_SAME_DAY if days == 0 else LEAD_DAYS.format(days=days)


def reminder_message(reminder: Reminder) -> str:
    """The message a chat receives: the reminder with the occurrence, or the cancellation."""
    occurrence = reminder.occurrence
    if reminder.notice is Notice.CANCELLATION:
        text = CANCELLATION.format(title=occurrence.event.title, date=format_date(occurrence.date))
        if occurrence.reason:
            text += "\n" + CANCELLATION_REASON.format(reason=occurrence.reason)
        return text
    days = reminder.days
    when = WHEN_TODAY if days == 0 else WHEN_TOMORROW if days == 1 else WHEN_DAYS.format(days=days)
    header = REMINDER_HEADER.format(when=when) + (LATE if reminder.late else "")
    return f"{header}\n{describe(occurrence)}"


def due_summary(reminder: Reminder) -> str:
    """To whom and what, on one line (the command line's dry run)."""
    what = (
        DUE_REMINDER.format(lead=lead_label(reminder.lead_days))
        if reminder.notice is Notice.REMINDER
        else DUE_CANCELLATION
    )
    late = LATE if reminder.late else ""
    return DUE_TO.format(chat_id=reminder.chat_id, what=what + late)


def problem(error: InputError) -> str:
    """Why the calendar refused an input, and the form it expects."""
    details = {name: _detail(name, value) for name, value in error.details.items()}
    return PROBLEMS[error.problem].format(**details)


def _detail(name: str, value: object) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, tuple):
        return ("," if name == "leads" else ", ").join(map(str, value))
    return str(value)


def file_error(error: CalendarError) -> str:
    """A malformed entry of the calendar file: which one, on which line, and why."""
    entry = f" (id: {error.entry})" if error.entry else ""
    return ENTRY_ERROR.format(
        file=error.file,
        index=error.index,
        entry=entry,
        line=error.line,
        message=problem(error.reason),
    )


def occurrence_json(occurrence: Occurrence) -> dict[str, Any]:
    """An occurrence as JSON (the command line's `calendar --json`)."""
    return {**occurrence.to_dict(), "source": source(occurrence.event)}


def reminder_json(reminder: Reminder) -> dict[str, Any]:
    """A due message as JSON, with its text (the command line's `remind --json`)."""
    return {
        **reminder.to_dict(),
        "event": occurrence_json(reminder.occurrence),
        "text": reminder_message(reminder),
    }


# --- scoring the events read from documents (the command line's `events-eval`) ---------------

GOLD_FILE_ERROR = "Không đọc được tệp sự kiện chuẩn {path}: {error}"
EVENTS_SCORE = (
    "Sự kiện tài liệu nêu: tìm thấy {found}/{gold} (recall {recall:.1%}).\n"
    "Sự kiện lịch liệt kê: có ngày tài liệu nêu {stated}/{listed} (precision {precision:.1%})."
)
EVENTS_MISSED = "Sự kiện bỏ sót:"
EVENTS_UNSTATED = "Sự kiện liệt kê mà câu trích không nêu ngày:"


def events_score_text(score: dict[str, Any]) -> str:
    """The scores, then each missed gold event and each listed event whose sentence does not
    state its date, with the sentence."""
    lines = [EVENTS_SCORE.format(**score)]
    for label, key in ((EVENTS_MISSED, "missed"), (EVENTS_UNSTATED, "unstated")):
        if score[key]:
            lines.append(label)
        for item in score[key]:
            lines.append(f"  • {item['doc']} {item['date']} ({item['kind']})")
            lines.append(f"    “{item['evidence']}”")
    return "\n".join(lines)
