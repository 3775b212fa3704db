"""The grammar of a correction an admin types: `<loại> [năm] [khối]: <nội dung>`.

    khối trưởng 2025 Khối thi đua số 6: Cục Thuế tỉnh
    khối phó 2025 Khối thi đua số 6: Sở Tư pháp
    thành viên Khối thi đua số 6: Cục Thuế tỉnh; Kho bạc Nhà nước tỉnh; Sở Tư pháp
    cờ thi đua 2024 Khối thi đua số 6: Cục Thuế tỉnh
    họp Khối thi đua số 6: tổng kết 20/01/2026 tại Hội trường Cục Thuế tỉnh
    hạn Khối thi đua số 6: nộp hồ sơ đề nghị khen thưởng trước 15/12/2025

Kinds and words are read without diacritics too. The result is an entry of the curated file's
format (`bot.facts.curated`); the bloc is resolved against the blocs the knowledge names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.vi import normalize as vt

USAGE = (
    "Cách dùng: /sua &lt;loại&gt; [năm] [khối]: &lt;nội dung đúng&gt;\n"
    "Loại: khối trưởng, khối phó, thành viên, cờ thi đua, họp, hạn.\n\n"
    "Ví dụ:\n"
    "• /sua khối trưởng 2025 Khối thi đua số 6: Cục Thuế tỉnh\n"
    "• /sua khối phó 2025 Khối thi đua số 6: Sở Tư pháp\n"
    "• /sua thành viên Khối thi đua số 6: Cục Thuế tỉnh; Kho bạc Nhà nước tỉnh; Sở Tư pháp\n"
    "• /sua cờ thi đua 2024 Khối thi đua số 6: Cục Thuế tỉnh\n"
    "• /sua họp Khối thi đua số 6: tổng kết 20/01/2026 tại Hội trường Cục Thuế tỉnh\n"
    "• /sua hạn Khối thi đua số 6: nộp hồ sơ đề nghị khen thưởng trước 15/12/2025"
)
NO_COLON = "Thiếu dấu hai chấm trước nội dung đúng."
UNKNOWN_KIND = "Không rõ loại dữ kiện cần đính chính."
NO_VALUE = "Thiếu nội dung đúng sau dấu hai chấm."
NO_YEAR = "Cần ghi năm (ví dụ 2025) cho {kind}."
NO_BLOC = "Cần ghi tên khối/cụm thi đua cho {kind}."
NO_DATE = "Cần ghi ngày (ngày/tháng/năm) cho {kind}."
UNKNOWN_BLOC = "Không tìm thấy “{bloc}” trong các khối tài liệu nêu. Gõ /khoi để xem danh sách."
MANY_BLOCS = "“{bloc}” khớp với nhiều khối: {blocs}. Ghi rõ hơn (số khối, tên tỉnh)."

# The kinds as people write them (folded), longest first when matched.
_KINDS: dict[str, str] = {
    "khoi truong": "khối trưởng",
    "cum truong": "khối trưởng",
    "truong khoi": "khối trưởng",
    "truong cum": "khối trưởng",
    "khoi pho": "khối phó",
    "cum pho": "khối phó",
    "pho khoi": "khối phó",
    "pho cum": "khối phó",
    "pho truong khoi": "khối phó",
    "pho truong cum": "khối phó",
    "thanh vien": "thành viên",
    "co thi dua": "cờ thi đua",
    "hop": "họp",
    "hoi nghi": "họp",
    "han": "hạn",
    "thoi han": "hạn",
}
_YEAR = re.compile(r"\b(?:năm\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_PLACE = re.compile(r"\s+tại\s+(.+)$", re.IGNORECASE)
_BEFORE = re.compile(r"\s*\b(?:trước|chậm nhất|hạn chót|đến)(?:\s+ngày)?\s*$", re.IGNORECASE)


class CorrectionError(ValueError):
    """A correction that cannot be read; the message (Vietnamese, HTML-safe) says why."""


@dataclass(frozen=True)
class Correction:
    """A correction read from the chat: what it corrects and the curated entry to store."""

    kind: str  # as people name it: "khối trưởng", "thành viên", …
    entry: dict[str, Any]

    def describe(self) -> str:
        """One line for the admin to confirm."""
        entry = self.entry
        scope = " ".join(
            part
            for part in (
                f"năm {entry['year']}" if entry.get("year") else "",
                f"của {entry['bloc']}" if entry.get("bloc") else "",
                f"({entry['province']})" if entry.get("province") else "",
            )
            if part
        )
        value = (
            "; ".join(entry["units"])
            if entry.get("units")
            else entry.get("unit") or entry.get("subject") or entry.get("meeting", "")
        )
        date = entry.get("date")
        when = f", ngày {vt.format_date(dt.date.fromisoformat(date))}" if date else ""
        place = f", tại {entry['place']}" if entry.get("place") else ""
        head = f"{self.kind[:1].upper()}{self.kind[1:]} {scope}".strip()
        return f"{head}: {value}{when}{place}"


# Resolves a bloc as written to (name, province); CorrectionError when none or several.
FindBloc = Callable[[str], tuple[str, str | None]]


def parse_correction(text: str, find_bloc: FindBloc) -> Correction:
    """The correction `text` states (without the command); CorrectionError says what is
    missing."""
    text = vt.normalize(text).strip()
    head, colon, value = text.partition(":")
    if not colon:
        raise CorrectionError(NO_COLON)
    value = value.strip()
    if not value:
        raise CorrectionError(NO_VALUE)
    kind, rest = _kind(head)
    found = _YEAR.search(rest)
    year = int(found.group(1)) if found else None
    bloc_text = (rest[: found.start()] + rest[found.end() :] if found else rest).strip(" ,;-")
    if kind in ("khối trưởng", "khối phó", "cờ thi đua") and year is None:
        raise CorrectionError(NO_YEAR.format(kind=kind))
    if kind != "hạn" and not bloc_text:
        raise CorrectionError(NO_BLOC.format(kind=kind))
    entry: dict[str, Any] = {}
    if bloc_text:
        bloc, province = find_bloc(bloc_text)
        entry["bloc"] = bloc
        if province:
            entry["province"] = province
    match kind:
        case "khối trưởng" | "khối phó":
            role = "leader" if kind == "khối trưởng" else "deputy"
            entry = {"kind": "role", **entry, "year": year, "role": role, "unit": value}
        case "thành viên":
            units = [u.strip() for u in re.split(r";" if ";" in value else r",", value)]
            units = [u for u in units if u]
            entry = {"kind": "bloc", **entry, "units": units, "count": len(units)}
        case "cờ thi đua":
            entry = {"kind": "award", **entry, "year": year, "award": "Cờ thi đua", "unit": value}
        case "họp":
            date, rest_text = _date(value, kind)
            place = _PLACE.search(rest_text)
            meeting = (rest_text[: place.start()] if place else rest_text).strip(" ,;") or (
                "tổng kết"
            )
            entry = {"kind": "meeting", **entry, "meeting": meeting, "date": date}
            if place:
                entry["place"] = place.group(1).strip(" .")
            if year:
                entry["year"] = year
        case _:
            date, subject = _date(value, kind)
            entry = {
                "kind": "deadline",
                **entry,
                "subject": _BEFORE.sub("", subject),
                "date": date,
            }
    return Correction(kind, entry)


def _kind(head: str) -> tuple[str, str]:
    """The kind the head starts with and the rest of the head."""
    words = head.split()
    folded = [vt.fold(w) for w in words]
    for size in (3, 2, 1):
        kind = _KINDS.get(" ".join(folded[:size]))
        if kind is not None and len(words) >= size:
            return kind, " ".join(words[size:])
    raise CorrectionError(UNKNOWN_KIND)


def _date(value: str, kind: str) -> tuple[str, str]:
    """The ISO date the value states and the value without it."""
    first = next((m for m in vt.find_dates(value) if m.year), None)
    day = first.to_date() if first else None
    if first is None or day is None:
        raise CorrectionError(NO_DATE.format(kind=kind))
    rest = f"{value[: first.start]} {value[first.end :]}"
    return day.isoformat(), " ".join(rest.split()).strip(" ,;")
