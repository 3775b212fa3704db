"""The audit log as people read it, in the terminal and in Telegram (plain text: a Telegram
caller escapes it)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.audit import Action, Entry

NO_AUDIT = "Nhật ký chưa có thay đổi nào."
_ACTIONS = {Action.ADD: "thêm", Action.REMOVE: "gỡ bỏ", Action.CORRECT: "đính chính"}


def audit_line(entry: Entry, zone: ZoneInfo) -> str:
    """One change: when (local time), who, what was done to what, and the file's hash."""
    when = entry.at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    line = f"{when} · {entry.actor.label()} · {_ACTIONS[entry.action]} · {entry.target}"
    if entry.detail and entry.action is not Action.CORRECT:
        line += f" ({entry.detail})"
    if entry.content_hash:
        line += f" · sha256 {entry.content_hash[:12]}"
    return line
