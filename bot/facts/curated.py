"""Curated facts: a YAML file in the knowledge folder where the bloc's secretariat records or
corrects a fact, and a second one, in the same format, where the bot keeps the corrections admins
make from the chat. Curated facts win over extracted ones and are cited as such.

    - kind: role            # role | award | meeting | bloc | document | deadline
      bloc: Khối thi đua các cơ quan Trung ương
      province: Tây Ninh
      year: 2024
      role: leader          # leader | deputy (for a role)
      unit: Cục Thuế tỉnh
      note: Biên bản hội nghị tổng kết ngày 20/01/2024   # shown as the evidence
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.facts.model import Fact, FactKind, Role
from bot.vi.normalize import parse_date
from bot.vi.provinces import canonical_province

CURATED_FILE = "facts.yaml"
CORRECTIONS_FILE = "corrections.yaml"  # written by the bot, beside CURATED_FILE
# Fields each kind needs besides `kind`.
_REQUIRED: dict[FactKind, tuple[str, ...]] = {
    FactKind.ROLE: ("bloc", "year", "role", "unit"),
    FactKind.AWARD: ("bloc", "year", "award"),
    FactKind.MEETING: ("bloc", "meeting", "date"),
    FactKind.BLOC: ("bloc",),
    FactKind.DOCUMENT: ("number",),
    FactKind.DEADLINE: ("subject", "date"),
}
_TEXT_FIELDS = (
    "bloc",
    "unit",
    "person",
    "award",
    "granter",
    "meeting",
    "place",
    "period",
    "chair",
    "number",
    "doc_type",
    "subject",
    "recipient",
)


@dataclass(frozen=True)
class CuratedError:
    """A malformed entry of the curated file, with the line it starts on."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}, dòng {self.line}: {self.message}"


def load_curated(path: Path) -> tuple[list[Fact], list[CuratedError]]:
    """The curated facts of `path` and the errors of its malformed entries (others still load)."""
    if not path.exists():
        return [], []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return [], [CuratedError(path, line, f"không đọc được YAML: {exc}")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [CuratedError(path, root.start_mark.line + 1, "tệp phải là một danh sách")]
    facts: list[Fact] = []
    errors: list[CuratedError] = []
    for node in root.value:
        line = node.start_mark.line + 1
        try:
            facts.append(curated_fact(yaml.safe_load(yaml.serialize(node)), path.name))
        except (ValueError, TypeError) as exc:
            errors.append(CuratedError(path, line, str(exc)))
    return facts, errors


def load_all_curated(knowledge_dir: Path) -> tuple[list[Fact], list[CuratedError]]:
    """The curated facts of the knowledge folder: the secretariat's file, then the admins'
    corrections."""
    facts: list[Fact] = []
    errors: list[CuratedError] = []
    for name in (CURATED_FILE, CORRECTIONS_FILE):
        found, problems = load_curated(knowledge_dir / name)
        facts += found
        errors += problems
    return facts, errors


def append_curated(path: Path, entry: dict[str, Any]) -> Fact:
    """Check one entry and append it to the curated file `path` (created when missing); the
    file is replaced whole, so a reader never sees half an entry. ValueError (Vietnamese)
    for an invalid entry, and nothing is written."""
    fact = curated_fact(entry, path.name)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    added = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(existing + added, encoding="utf-8")
    tmp.replace(path)
    return fact


def curated_fact(entry: Any, source: str) -> Fact:
    """The fact of one curated entry; ValueError (Vietnamese) names what is wrong."""
    if not isinstance(entry, dict):
        raise ValueError("mỗi mục phải là một bảng khóa: giá trị")
    try:
        kind = FactKind(str(entry.get("kind", "")).strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in FactKind)
        raise ValueError(f"'kind' phải là một trong: {kinds}") from None
    missing = [f for f in _REQUIRED[kind] if entry.get(f) in (None, "")]
    if missing:
        raise ValueError(f"thiếu trường: {', '.join(missing)}")
    values: dict[str, Any] = {f: str(entry[f]).strip() for f in _TEXT_FIELDS if entry.get(f)}
    if entry.get("year") is not None:
        year = entry["year"]
        if not isinstance(year, int) or not 1990 <= year <= 2100:
            raise ValueError(f"'year' không hợp lệ: {year!r}")
        values["year"] = year
    if kind is FactKind.ROLE:
        try:
            values["role"] = Role(str(entry["role"]).strip().lower())
        except ValueError:
            raise ValueError("'role' phải là leader hoặc deputy") from None
    if entry.get("date") is not None:
        values["date"] = _date(entry["date"])
    if entry.get("province"):
        values["province"] = canonical_province(str(entry["province"])) or str(entry["province"])
    if entry.get("units"):
        values["units"] = tuple(str(u).strip() for u in entry["units"])
    if entry.get("count") is not None:
        values["count"] = int(entry["count"])
    note = str(entry.get("note") or "Ghi nhận của thư ký Khối")
    return Fact(kind=kind, doc=source, evidence=note, rule="curated", curated=True, **values)


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    parsed = parse_date(text)
    if parsed is None:
        raise ValueError(f"'date' không hợp lệ: {text!r} (dùng YYYY-MM-DD hoặc ngày/tháng/năm)")
    return parsed.isoformat()
