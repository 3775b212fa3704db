"""Time in a report: which year its meeting is about, and the years and dates its sentences write.

"Tổng kết" is the year-end summary meeting (held up to the spring of the next year), "sơ kết" the
mid-year review, "ký kết giao ước" the signing of the year's emulation pledge and "triển khai" the
launch of the year's work.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.facts.words import DASHES, is_year
from bot.vi.normalize import find_dates, fold
from bot.vi.tokens import Sentence


@dataclass(frozen=True)
class Year:
    """A year read after a word: a year, or relative to the year under review."""

    end: int
    year: int | None = None
    relative: int | None = None  # 0: "năm qua" (the year reviewed), 1: "năm tới"


def year_at(s: Sentence, j: int) -> Year:
    """The year written at token j: "năm 2022", "trong năm 2017", "nhiệm kỳ 2023", "2023"."""
    k = j
    if s.key(k) in ("trong", "cua", "vao"):
        k += 1
    if s.key(k) == "nhiem" and s.key(k + 1) == "ky":
        k += 2
    elif s.key(k) == "nam":
        k += 1
        if s.key(k) == "vua" and s.key(k + 1) == "qua":
            return Year(k + 2, relative=0)
        if s.key(k) == "qua":
            return Year(k + 1, relative=0)
        if s.key(k) in ("toi", "sau") or (s.key(k) == "ke" and s.key(k + 1) == "tiep"):
            return Year(k + (2 if s.key(k) == "ke" else 1), relative=1)
    if (
        k < len(s.tokens)
        and is_year(s.tokens[k])
        and not (s.key(k + 1) in DASHES and s.key(k + 2).isdigit())
    ):
        return Year(k + 1, int(s.tokens[k].text))
    return Year(j)


# A sentence opening with its year ("Năm 2023, …"), or with the year reviewed ("Năm qua, …").
_SENTENCE_YEAR: Final = re.compile(r"^\W*(?:trong |vao )?nam ((?:19|20)\d\d)\s*,")
_SENTENCE_PAST: Final = re.compile(r"^\W*(?:trong )?nam (?:vua )?qua\s*,")

# The year a meeting named in a title or a lead sentence is about, folded.
_YEAR_AFTER: Final = r"(?:nam\s+)?(?<![\d/.\-–])(?<!-\s)(?<!–\s)((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)"
_SUMMARY: Final = re.compile(r"\btong ket\b[^.;!?\n]{0,120}?" + _YEAR_AFTER)
_MIDYEAR: Final = re.compile(r"\bso ket\b[^.;!?\n]{0,120}?\bnam\s+((?:19|20)\d\d)\b")
_PLEDGE: Final = re.compile(r"\bky(?: ket)? giao uoc(?: thi dua)?\s+" + _YEAR_AFTER)
_LAUNCH: Final = re.compile(
    r"\b(?:trien khai|phat dong)\b[^.;!?\n]{0,80}?\bnam\s+((?:19|20)\d\d)\b"
)
# The sentences after the title that say what the document's meeting is.
LEAD_SENTENCES: Final = 8
# Before a meeting that is planned or guided, not held: "chuẩn bị tổng kết", "hướng dẫn sơ kết".
_PLANNED: Final = re.compile(
    r"\b(?:chuan bi|se|du kien|ke hoach|de|nham|huong dan|ve viec)\s+(?:\w+\s+){0,2}$"
)


@dataclass(frozen=True)
class Period:
    """The years a document's meeting is about, read from its title and first sentences.

    summary: the year a year-end summary reviews (held up to the spring of the next year);
    midyear: the year of a mid-year review; opening: the year whose pledge is signed or whose
    work is launched.
    """

    summary: int | None
    midyear: int | None
    opening: int | None
    pledge: bool
    named: int | None = None  # undated, the one year the document names (if only one)

    @classmethod
    def read(cls, title: str, sentences: Sequence[Sentence], date: dt.date | None) -> Period:
        """The years read from a document's title and lead sentences, held on its date."""
        texts = [fold(title), *(s.folded for s in sentences[:LEAD_SENTENCES])]

        def first(pattern: re.Pattern[str], fits: range) -> int | None:
            for text in texts:
                for match in pattern.finditer(text):
                    year = int(match.group(1))
                    if _PLANNED.search(text, max(0, match.start() - 30), match.start()):
                        continue
                    if date is None or date.year - year in fits:
                        return year
            return None

        opening = first(_PLEDGE, range(-1, 1))
        named = _named_years(title, sentences) if date is None else set()
        return cls(
            summary=first(_SUMMARY, range(2)),
            midyear=first(_MIDYEAR, range(1)),
            opening=opening or first(_LAUNCH, range(-1, 1)),
            pledge=opening is not None,
            named=named.pop() if len(named) == 1 else None,
        )

    @property
    def kind(self) -> str | None:
        """The kind of the document's main meeting."""
        if self.summary:
            return "tổng kết"
        if self.midyear:
            return "sơ kết"
        if self.opening:
            return "ký kết giao ước" if self.pledge else "triển khai"
        return None

    @property
    def current(self) -> int | None:
        """The year a role named at the meeting without a year holds for."""
        return self.summary or self.midyear or self.opening

    @property
    def next_term(self) -> int | None:
        """The year a role elected at the meeting without a year holds for."""
        if self.summary:
            return self.summary + 1
        return None if self.midyear else self.opening

    def sentence_year(self, s: Sentence) -> int | None:
        """The year a sentence opens with ("Năm 2023, …"), or the year reviewed ("Năm qua, …")."""
        match = _SENTENCE_YEAR.match(s.folded)
        if match:
            return int(match.group(1))
        return self.summary if _SENTENCE_PAST.match(s.folded) else None

    def handover(self) -> tuple[int, int] | None:
        """(year of the unit handing a role over, year of the unit taking it)."""
        if self.summary:
            return self.summary, self.summary + 1
        if self.opening and not self.midyear:
            return self.opening - 1, self.opening
        return None

    def relative(self, relative: int | None) -> int | None:
        """The year "năm qua" (0) or "năm tới" (1) means at this meeting."""
        if relative is None or not self.summary:
            return None
        return self.summary + relative


# A year a text names, folded, outside spans ("2020 - 2025") and numbers of documents
# ("27/2024/QĐ-UBND").
_NAMED_YEAR: Final = re.compile(
    r"(?<![\d/.\-–])(?<!-\s)(?<!–\s)((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)"
)


def _named_years(title: str, sentences: Sequence[Sentence]) -> set[int]:
    """The years a document names outside complete dates, spans and document numbers."""
    years: set[int] = set()
    for text in (fold(title), *(s.folded for s in sentences)):
        for match in find_dates(text):
            if match.year is not None:
                text = text[: match.start] + " " * (match.end - match.start) + text[match.end :]
        years.update(int(year) for year in _NAMED_YEAR.findall(text))
    return years


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
