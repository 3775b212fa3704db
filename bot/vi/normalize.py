"""Vietnamese text layer: normalisation, tone placement, folding, abbreviations, tokens, dates.

Every matching path in the project goes through this module, so that a question typed in NFD,
without diacritics, with old-style tone marks ("hoà", "thuỷ") or with abbreviations ("NHNN")
meets the same keys as the documents.

Length contract: on NFC input, `normalize`, `strip_marks` and `fold` return strings of the same
length, character for character, so offsets found on a folded string hold on the original.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Combining marks: the five tones, and the vowel-quality marks (breve, circumflex, horn).
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_QUALITY_MARKS = {"\u0306", "\u0302", "\u031b"}
_VOWELS = set("aăâeêioôơuưy")
_QUALITY_VOWELS = set("ăâêôư")
_WORD_RE = re.compile(r"[^\W\d_]+")
_TOKEN_RE = re.compile(r"\w+")


def _split_tone(char: str) -> tuple[str, str]:
    """Split one NFC character into (character without tone, tone mark or '')."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone[-1:] if tone else ""


def _tone_position(word: str) -> int | None:
    """Index in `word` (toneless, NFC) where the tone mark belongs, traditional placement.

    Traditional ("kiểu cũ") placement is used as the canonical one: hòa, thủy, khỏe, but
    hoàng, huỳnh (a final consonant moves the mark to the second vowel).
    Returns None for words that are not a single Vietnamese syllable (e.g. "THACO").
    """
    lower = word.lower()
    positions = [i for i, c in enumerate(lower) if c in _VOWELS]
    if not positions:
        return None
    if positions != list(range(positions[0], positions[-1] + 1)):
        return None  # two vowel groups: not one syllable
    if (lower.startswith("qu") and positions[0] == 1) or (
        lower.startswith("gi") and positions[0] == 1 and len(positions) > 1
    ):
        positions = positions[1:]
    group = [lower[i] for i in positions]
    if "ơ" in group:
        return positions[group.index("ơ")]
    for index, vowel in zip(positions, group, strict=True):
        if vowel in _QUALITY_VOWELS:
            return index
    if len(positions) == 1:
        return positions[0]
    if len(positions) == 3:
        return positions[1]
    has_final = positions[-1] < len(lower) - 1
    return positions[-1] if has_final else positions[0]


def _place_tone(match: re.Match[str]) -> str:
    word = match.group(0)
    parts = [_split_tone(c) for c in word]
    tones = [tone for _, tone in parts if tone]
    if not tones:
        return word
    bare = "".join(base for base, _ in parts)
    position = _tone_position(bare)
    if position is None:
        return word
    marked = unicodedata.normalize("NFC", bare[position] + tones[-1])
    return bare[:position] + marked + bare[position + 1 :]


def normalize(text: str) -> str:
    """NFC with one canonical tone-mark placement (hoà → hòa, thuỷ → thủy); case is kept."""
    return _WORD_RE.sub(_place_tone, unicodedata.normalize("NFC", text))


def _strip_char(char: str) -> str:
    if char in "đĐ":
        return char
    decomposed = unicodedata.normalize("NFD", char)
    kept = "".join(c for c in decomposed if c not in _TONE_MARKS and c not in _QUALITY_MARKS)
    return kept if len(kept) == 1 else char


def strip_marks(text: str) -> str:
    """Remove tone and vowel-quality marks, keeping đ/Đ (folding đ is a separate step)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_strip_char(c) if ord(c) > 127 else c for c in text)


def fold_d(text: str) -> str:
    """Fold đ/Đ to d/D: deliberate and separate, since đ is a letter of its own."""
    return text.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """The search key: lowercase, no marks, đ → d. fold("Khối Đồng Tháp") == "khoi dong thap"."""
    return fold_d(strip_marks(text)).lower()


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark or đ (i.e. was not typed unaccented)."""
    return strip_marks(text) != unicodedata.normalize("NFC", text) or "đ" in text.lower()


# Abbreviations in use in emulation work (DOMAIN.md), folded key → long form.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TĐKT": "thi đua khen thưởng",
    "KTĐ": "khối thi đua",
    "SNV": "Sở Nội vụ",
    "NHNN": "Ngân hàng Nhà nước",
    "KBNN": "Kho bạc Nhà nước",
    "BHXH": "Bảo hiểm xã hội",
    "QLTT": "Quản lý thị trường",
    "THADS": "Thi hành án dân sự",
    "VKSND": "Viện kiểm sát nhân dân",
    "TAND": "Tòa án nhân dân",
    "BĐBP": "Bộ đội Biên phòng",
    "BCH": "Bộ Chỉ huy",
    "CCHC": "cải cách hành chính",
    "MTTQ": "Mặt trận Tổ quốc",
    "LĐLĐ": "Liên đoàn Lao động",
    "TW": "Trung ương",
}
_ABBREV_BY_FOLD = {fold(short): long for short, long in ABBREVIATIONS.items()}
_LONG_FORMS = sorted(
    ((fold(long), short) for short, long in ABBREVIATIONS.items()),
    key=lambda item: -len(item[0]),
)


def expand_abbreviations(text: str) -> str:
    """Replace each abbreviation, typed in any case and with or without marks, by its long form."""

    def expand(match: re.Match[str]) -> str:
        return _ABBREV_BY_FOLD.get(fold(match.group(0)), match.group(0))

    return _TOKEN_RE.sub(expand, normalize(text))


def abbreviate(text: str) -> str:
    """Replace long forms ("Ngân hàng Nhà nước", any case or marks) by their abbreviation."""
    text = normalize(text)
    folded = fold(text)
    for long_folded, short in _LONG_FORMS:
        pattern = re.compile(rf"\b{re.escape(long_folded)}\b")
        while match := pattern.search(folded):
            start, end = match.span()
            text = text[:start] + short + text[end:]
            folded = folded[:start] + fold(short) + folded[end:]
    return text


def tokens(text: str) -> list[str]:
    """Lowercase syllable tokens with diacritics (canonical tones); one-letter syllables kept."""
    return _TOKEN_RE.findall(normalize(text).lower())


def lexical_tokens(text: str, *, folded: bool = False) -> list[str]:
    """Tokens for the lexical index: abbreviations are kept and followed by their long form."""
    result: list[str] = []
    for token in tokens(text):
        result.append(fold(token) if folded else token)
        long_form = _ABBREV_BY_FOLD.get(fold(token))
        if long_form is not None:
            result.extend(fold(t) if folded else t for t in tokens(long_form))
    return result


def with_bigrams(words: list[str]) -> list[str]:
    """Tokens plus each pair of neighbouring syllables ("khối_trưởng"): most Vietnamese words
    are two syllables, so pairs give BM25 word-level precision without a segmenter."""
    return words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]


# Words that shape a question but name no subject: a passage need not contain them. Matched
# with marks; a question typed without marks drops only the forms no content word shares
# (folded "thi" is both "thì" and "thi đua", "co" both "có" and "cơ quan").
_QUESTION_TEXT = (
    "ai là gì nào bao nhiêu mấy không có của được thì sao ở đâu khi hỏi cho biết những "
    "các đơn vị đã và với theo trong về hãy ạ vậy thế nhỉ"
)
QUESTION_WORDS = frozenset(_QUESTION_TEXT.split(" "))
FOLDED_QUESTION_WORDS = frozenset({"ai", "gi", "nao", "bao", "nhieu", "khong", "nhung"})


# How reports word what a question asks: a question about a role, an award, the members, a
# place or a date also looks for the verbs and nouns that reports use to state it.
_ROLE_LEADER = ("khối trưởng", "trưởng khối", "cụm trưởng", "trưởng cụm", "bàn giao", "suy tôn")
_ROLE_DEPUTY = ("khối phó", "phó khối", "cụm phó", "phó cụm", "suy tôn")
QUERY_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "khối trưởng": _ROLE_LEADER,
    "trưởng khối": _ROLE_LEADER,
    "cụm trưởng": _ROLE_LEADER,
    "trưởng cụm": _ROLE_LEADER,
    "khối phó": _ROLE_DEPUTY,
    "phó khối": _ROLE_DEPUTY,
    "cụm phó": _ROLE_DEPUTY,
    "phó cụm": _ROLE_DEPUTY,
    "thành viên": ("gồm", "thành viên"),
    "gồm": ("gồm", "thành viên"),
    "ở đâu": ("tại",),
    "ngày nào": ("ngày",),
    "khi nào": ("ngày",),
    "cờ": ("cờ thi đua", "cờ dẫn đầu", "đề nghị tặng"),
    "bằng khen": ("bằng khen", "đề nghị tặng"),
    "chủ trì": ("chủ trì", "đồng chí"),
    "chỉ đạo": ("chỉ đạo", "đồng chí"),
    "kết luận": ("kết luận", "đồng chí"),
    "phát biểu": ("phát biểu", "đồng chí"),
    "ban hành": ("ban hành", "ngày", "số"),
}
_EXPANSION_KEYS = [(fold(key), key) for key in QUERY_EXPANSIONS]


def expansions(question: str) -> list[str]:
    """Phrases that state what the question asks for (see QUERY_EXPANSIONS)."""
    folded = f" {' '.join(tokens(fold(question)))} "
    found: dict[str, None] = {}
    for key_folded, key in _EXPANSION_KEYS:
        if f" {key_folded} " in folded:
            found.update(dict.fromkeys(QUERY_EXPANSIONS[key]))
    return list(found)


def content_words(question: str, *, folded: bool) -> list[str]:
    """Lexical tokens of a question without its question words, first occurrences only."""
    stop = FOLDED_QUESTION_WORDS if folded else QUESTION_WORDS
    seen: dict[str, None] = {}
    for token in lexical_tokens(question, folded=folded):
        if token not in stop:
            seen.setdefault(token)
    return list(seen)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text; offsets refer to `normalize(text)`; year is None for "10/1"."""

    day: int
    month: int
    year: int | None
    start: int
    end: int

    def to_date(self) -> dt.date | None:
        """The calendar date, or None when the year is missing."""
        return dt.date(self.year, self.month, self.day) if self.year else None


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])")
_WORDED_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?(?!\d)")
# "Chiều 10/1", "ngày 27/2", "trước ngày 31-5", "trước 10/12": a day/month without year, only
# after a word that introduces a date.
_SHORT_DATE = re.compile(
    r"\b(?:ngay|sang|chieu|trua|toi|dem|hom|truoc|cham nhat)\s+(\d{1,2})[/.-](\d{1,2})"
    r"(?![\d/]|[.-]\d)"
)
# Several days of one month: "ngày 23 và 24/8/2014", "các ngày 23, 24/8", "ngày 23-24/8",
# "từ ngày 23 đến ngày 24 tháng 8 năm 2014": the first day, and the last one's date.
_DAY_SPAN = re.compile(
    r"\b(?:ngay|sang|chieu|trua|toi|dem)\s+(\d{1,2})\s*(?:,|va|-|–|den(?:\s+ngay)?)\s*"
    r"(\d{1,2})(?:\s?[/.-]\s?(\d{1,2})(?:\s?[/.-]\s?(\d{4}))?|\s+thang\s+(\d{1,2})"
    r"(?:\s+nam\s+(\d{4}))?)(?![\d/]|[.-]\d)"
)
# A day/month alone in parentheses: "sáng nay (17/12)", "ngày Hội Nông dân Việt Nam (14/10)".
_BRACKETED_DATE = re.compile(r"\(\s*(\d{1,2})/(\d{1,2})\s*\)")


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return year is None or 1900 <= year <= 2100


def find_dates(text: str) -> list[DateMatch]:
    """All dates in the text, in order: 24/2/2023, 24-02-2023, 2023-02-24, "ngày 24 tháng 2
    năm 2023", "chiều 10/1" and "(10/1)" (year None); each day of "ngày 23 và 24/8/2014"."""
    folded = fold(normalize(text))
    found: list[DateMatch] = []

    def add(day: str, month: str, year: str | None, start: int, end: int) -> None:
        y = int(year) if year else None
        if _valid(int(day), int(month), y) and not any(
            m.start <= start < m.end or start <= m.start < end for m in found
        ):
            found.append(DateMatch(int(day), int(month), y, start, end))

    for m in _ISO_DATE.finditer(folded):
        add(m.group(3), m.group(2), m.group(1), m.start(), m.end())
    for m in _DAY_SPAN.finditer(folded):
        month, year = m.group(3) or m.group(5), m.group(4) or m.group(6)
        add(m.group(1), month, year, m.start(1), m.end(1))
        add(m.group(2), month, year, m.start(2), m.end())
    for m in _NUMERIC_DATE.finditer(folded):
        add(m.group(1), m.group(2), m.group(3), m.start(), m.end())
    for m in _WORDED_DATE.finditer(folded):
        add(m.group(1), m.group(2), m.group(3), m.start(), m.end())
    for m in _SHORT_DATE.finditer(folded):
        add(m.group(1), m.group(2), None, m.start(1), m.end())
    for m in _BRACKETED_DATE.finditer(folded):
        add(m.group(1), m.group(2), None, m.start(1), m.end(2))
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str) -> dt.date | None:
    """The first complete date (with a year) in the text, or None."""
    return next((d for m in find_dates(text) if (d := m.to_date())), None)


def format_date(value: dt.date) -> str:
    """Vietnamese day/month/year as administrative documents write it: 05/01/2024."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


_SCHOOL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)(?!\d)")


def school_years(text: str) -> list[int]:
    """The first years of the school years a text names: "năm học 2022-2023", "2022 - 2023"
    (two consecutive years joined by a dash or a slash)."""
    return [
        int(m.group(1))
        for m in _SCHOOL_YEAR.finditer(text)
        if int(m.group(2)) == int(m.group(1)) + 1
    ]


def iter_years(text: str) -> Iterator[int]:
    """Four-digit years 1990-2099 mentioned in the text."""
    for match in re.finditer(r"(?<!\d)(19[9]\d|20\d\d)(?!\d)", text):
        yield int(match.group(1))
