"""Vietnamese texts of the admins' commands (uploads, /tailieu, /xoatailieu, /sua, /nhatky),
and the HTML of an upload's summary and of the list of documents. Placeholders in the
constants are filled in already HTML-escaped by the caller."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from zoneinfo import ZoneInfo

from bot.faces.telegram import render
from bot.facts.model import Fact, FactKind, Role
from bot.library import KnownDocument, Learned
from bot.vi.normalize import format_date

UPLOAD_NOT_ADMIN = (
    "Chỉ quản trị viên của trợ lý (ADMIN_IDS) mới thêm được tài liệu. Vui lòng gửi tài liệu "
    "cho quản trị viên của đơn vị."
)
UPLOAD_USAGE = (
    "Để thêm tài liệu: gửi tệp PDF, DOCX, HTML, TXT hoặc MD trong tin nhắn riêng với bot, "
    "hoặc trong nhóm trả lời (reply) tin nhắn có tệp bằng lệnh /themtailieu."
)
TOO_BIG = "Tệp “{name}” lớn hơn giới hạn {limit} MB. Vui lòng gửi bản nhỏ hơn (ví dụ tách tệp)."
READING = "Đang đọc và lập chỉ mục tệp “{name}”…"
DOWNLOAD_FAILED = (
    "Không tải được tệp “{name}” từ Telegram (tệp quá lớn hoặc không còn). Vui lòng gửi lại."
)
REJECTED = "Không thêm tệp “{name}”: {reason}.\nKho tài liệu không thay đổi."
DUPLICATE = "Tài liệu này đã có trong kho (tệp {name}); không thêm lần nữa."
KEEP = "✅ Giữ"
REMOVE = "🗑 Gỡ bỏ"
KEPT = "Đã giữ tài liệu."
LEARNED = "Đã học tài liệu “{title}”"
UNKNOWN = "chưa rõ"
NO_FACTS = (
    "Chưa đọc được dữ kiện nào (khối trưởng, khen thưởng, thành viên, hội nghị, thời hạn); "
    "tài liệu vẫn được dùng để trả lời câu hỏi."
)
MORE = "… và {count} dữ kiện khác."

REMOVE_NOT_ADMIN = "Chỉ quản trị viên của trợ lý (ADMIN_IDS) mới gỡ bỏ được tài liệu."
NO_SUCH_NUMBER = "Không có tài liệu số “{value}”. Gõ /tailieu để xem danh sách và số thứ tự."
ASK_REMOVE = (
    "Gỡ bỏ tài liệu “{title}”? Các đoạn văn, dữ kiện và lịch đọc từ tài liệu này sẽ không còn "
    "được dùng (tệp được lưu lại trong thư mục .removed)."
)
CONFIRM_REMOVE = "🗑 Gỡ bỏ"
CANCEL = "Thôi"
NOT_REMOVED = "Đã giữ nguyên tài liệu."
REMOVED = "Đã gỡ bỏ tài liệu “{title}” (<code>{name}</code>)."
GONE = "Tài liệu này không còn trong kho."
EMPTY = "Kho tài liệu đang trống."
LIST_HEAD = "Tài liệu trợ lý đang biết ({count}), trang {page}/{pages}:"
LIST_REMOVE_HEAD = "Chọn tài liệu cần gỡ bỏ ({count}), trang {page}/{pages}:"
ADDED_BY = "thêm {when} bởi {who}"
IN_FOLDER = "có sẵn trong thư mục tài liệu"
FACT_COUNT = "{count} dữ kiện"
PREVIOUS = "◀ Trước"
NEXT = "Sau ▶"

CORRECT_NOT_ADMIN = "Chỉ quản trị viên của trợ lý (ADMIN_IDS) mới đính chính được dữ kiện."
ASK_CORRECT = "Ghi nhận đính chính sau?\n<b>{correction}</b>"
CONFIRM_CORRECT = "✅ Ghi nhận"
NOT_CORRECTED = "Đã bỏ qua đính chính."
CORRECTED = (
    "Đã ghi nhận đính chính: <b>{correction}</b>\n"
    "Từ nay trợ lý trả lời theo đính chính này và nêu nguồn là đính chính của bạn."
)
INVALID = "Không ghi nhận được đính chính: {reason}"
EXPIRED = "Yêu cầu đính chính này đã hết hạn. Vui lòng gõ lại /sua."
HINT = "Nội dung đúng"
PROMPT_HEAD = "Đính chính câu trả lời:"
PROMPT_FORM = f"{PROMPT_HEAD} trả lời (reply) tin nhắn này bằng nội dung đúng cho"
PROMPT_FREE = (
    f"{PROMPT_HEAD} trả lời (reply) tin nhắn này theo mẫu "
    "&lt;loại&gt; [năm] [khối]: &lt;nội dung đúng&gt;, hoặc gõ /sua để xem hướng dẫn."
)
AUDIT_NOT_ADMIN = "Chỉ quản trị viên của trợ lý (ADMIN_IDS) mới xem được nhật ký."
AUDIT_HEAD = "Nhật ký thay đổi tài liệu (mới nhất trước):"

_FACTS_SHOWN = 5
_KINDS = (
    (FactKind.ROLE, "Khối trưởng, khối phó"),
    (FactKind.AWARD, "Khen thưởng"),
    (FactKind.BLOC, "Thành viên khối"),
    (FactKind.MEETING, "Hội nghị"),
    (FactKind.DEADLINE, "Thời hạn"),
)
_FORM = re.compile(re.escape(PROMPT_FORM) + r"\s*“(.+?)”", re.DOTALL)


def learned(found: Learned) -> list[render.Paragraph]:
    """An upload's summary: the document as understood, then the facts and dates read from
    it, each with its evidence sentence."""
    doc = found.doc
    date = format_date(dt.date.fromisoformat(doc.date)) if doc.date else UNKNOWN
    paragraphs = [
        render.paragraph(
            render.Span(LEARNED.format(title=doc.title), "b"),
            f" ({doc.name}, {found.seconds:.1f} giây).\n",
            f"Tỉnh: {doc.province or UNKNOWN} · Khối: {doc.bloc or UNKNOWN} · Ngày: {date}",
        )
    ]
    for kind, label in _KINDS:
        facts = [f for f in found.facts if f.kind is kind]
        if not facts:
            continue
        paragraphs.append(render.paragraph(render.Span(f"{label} ({len(facts)}):", "b")))
        for fact in facts[:_FACTS_SHOWN]:
            paragraphs.append(
                render.paragraph(f"• {fact_line(fact)}\n", render.Span(f"“{fact.evidence}”", "i"))
            )
        if len(facts) > _FACTS_SHOWN:
            paragraphs.append(render.paragraph(MORE.format(count=len(facts) - _FACTS_SHOWN)))
    if not any(f.kind is kind for f in found.facts for kind, _ in _KINDS):
        paragraphs.append(render.paragraph(NO_FACTS))
    if found.events:
        lines = [f"• {format_date(e.date)} — {e.title}" for e in found.events[:_FACTS_SHOWN]]
        paragraphs.append(
            render.paragraph(render.Span(f"Lịch ({len(found.events)}):", "b"), "\n", *lines)
        )
    return paragraphs


def fact_line(fact: Fact) -> str:
    """What a fact says, in one line."""
    year = f" năm {fact.year}" if fact.year else ""
    bloc = f" — {fact.bloc}" if fact.bloc else ""
    who = ", ".join(fact.units) if fact.units else (fact.unit or fact.person or "")
    match fact.kind:
        case FactKind.ROLE:
            role = "Khối trưởng" if fact.role is Role.LEADER else "Khối phó"
            return f"{role}{year}: {who}{bloc}"
        case FactKind.AWARD:
            return f"{fact.award}{year}: {who or fact.count or ''}{bloc}"
        case FactKind.BLOC:
            count = f"{fact.count} đơn vị" if fact.count else ""
            return f"{fact.bloc}: {who or count}"
        case FactKind.MEETING:
            place = f", tại {fact.place}" if fact.place else ""
            return f"Hội nghị {fact.meeting or ''} {fact.date or ''}{place}{bloc}".strip()
        case _:
            return f"{fact.subject or fact.number or ''}: {fact.date or ''}{bloc}"


def document_list(
    documents: list[KnownDocument],
    page: int,
    pages: int,
    size: int,
    zone: ZoneInfo,
    *,
    removing: bool,
) -> str:
    """One page of the documents: number, title, date, who added it and when, facts."""
    head = LIST_REMOVE_HEAD if removing else LIST_HEAD
    lines = [f"<b>{head.format(count=len(documents), page=page + 1, pages=pages)}</b>"]
    for number, known in enumerate(documents[page * size : (page + 1) * size], page * size + 1):
        record = known.record
        date = f" ({format_date(dt.date.fromisoformat(record.date))})" if record.date else ""
        if known.added is not None:
            when = known.added.at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
            origin = ADDED_BY.format(when=when, who=escape(known.added.actor.name))
        else:
            origin = IN_FOLDER
        facts = FACT_COUNT.format(count=known.facts)
        lines.append(
            f"{number}. <b>{escape(record.title)}</b>{date}\n"
            f"    <code>{escape(record.name)}</code> · {origin} · {facts}"
        )
    return "\n".join(lines)


def prompt(form: str | None) -> str:
    """The prompt an admin replies to after a 👎 (HTML)."""
    if form is None:
        return PROMPT_FREE
    return f"{PROMPT_FORM} “{escape(form)}”"


def prompt_form(text: str) -> str | None:
    """The form a correction prompt carries, read back from its text."""
    found = _FORM.search(text)
    return found.group(1) if found else None
