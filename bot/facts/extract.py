"""Rule-based facts (no LLM) from bloc reports: roles, members, awards, meetings, documents and
deadlines, each with the sentence it came from and the id of the rule that produced it.

Rules match on tokens compared with their marks when the text has them and folded when it has
none, so reports typed without diacritics or in capitals are read too. Precision comes first:
when a sentence can be read two ways nothing is extracted, since a wrong fact becomes a confident
wrong answer.

Vietnamese words kept in names and values: "khối"/"cụm" (bloc/cluster of emulation), "tổng kết"
(year-end summary meeting), "sơ kết" (mid-year review), "ký kết giao ước" (signing of the year's
emulation pledge), "triển khai" (launch of the year's work).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any, Final

from bot.knowledge.chunking import split_sentences

# Shared with DocMeta so that the bloc names of facts and of documents agree.
from bot.knowledge.metadata import first_bloc
from bot.vi.normalize import DateMatch, expand_abbreviations, find_dates, fold, normalize
from bot.vi.provinces import province_mentions


class FactKind(StrEnum):
    """What a fact is about."""

    BLOC = "bloc"
    ROLE = "role"
    AWARD = "award"
    MEETING = "meeting"
    DOCUMENT = "document"
    DEADLINE = "deadline"


class Role(StrEnum):
    """A bloc's yearly role: leader (Khối trưởng, Cụm trưởng) or deputy (Khối phó, Cụm phó)."""

    LEADER = "leader"
    DEPUTY = "deputy"


@dataclass(frozen=True)
class Fact:
    """One statement of a document, with its evidence sentence."""

    kind: FactKind
    doc: str
    evidence: str
    rule: str
    bloc: str | None = None
    province: str | None = None
    year: int | None = None
    role: Role | None = None
    unit: str | None = None
    person: str | None = None
    units: tuple[str, ...] = ()
    count: int | None = None
    award: str | None = None
    granter: str | None = None
    meeting: str | None = None
    date: str | None = None
    place: str | None = None
    period: str | None = None
    chair: str | None = None
    number: str | None = None
    doc_type: str | None = None
    subject: str | None = None
    recipient: str | None = None
    recurring: bool = False
    curated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict: enums as strings, None, empty and false fields left out."""
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or value is False or value == "" or value == ():
                continue
            if isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, tuple):
                value = list(value)
            data[item.name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fact:
        """The fact `to_dict` gave; unknown keys are ignored."""
        known = {item.name for item in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["kind"] = FactKind(values["kind"])
        if values.get("role") is not None:
            values["role"] = Role(values["role"])
        values["units"] = tuple(values.get("units") or ())
        return cls(**values)


@dataclass(frozen=True)
class DocContext:
    """What the extractor knows of a document besides its text."""

    doc: str
    title: str
    province: str | None
    bloc: str | None
    date: dt.date | None


def extract_facts(context: DocContext, text: str) -> list[Fact]:
    """All facts of one document (text already normalised by bot.vi.normalize.normalize)."""
    return _Document(context, text).extract()


# --- tokens and phrase lists ------------------------------------------------------------------

_TOKEN: Final = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str  # as written
    low: str  # lowercase, marks kept
    key: str  # folded
    start: int
    end: int


class _Sentence:
    """A sentence, its folded form (same length) and its tokens."""

    def __init__(self, text: str, index: int) -> None:
        self.text = text
        self.index = index
        self.folded = _fast_fold(text)
        same = len(self.folded) == len(text)
        self.toks = [
            _Tok(
                m.group(),
                m.group().lower(),
                self.folded[m.start() : m.end()] if same else fold(m.group()),
                m.start(),
                m.end(),
            )
            for m in _TOKEN.finditer(text)
        ]
        self.starts = [tok.start for tok in self.toks]
        # Mixed case: capitals mark names, so a name must start with one.
        self.mixed = any(c.isupper() for c in text) and any(c.islower() for c in text)

    def span(self, i: int, j: int) -> str:
        """The text of tokens i..j-1 as written."""
        return self.text[self.toks[i].start : self.toks[j - 1].end] if j > i else ""

    def key(self, i: int) -> str:
        return self.toks[i].key if 0 <= i < len(self.toks) else ""

    def capital(self, i: int) -> bool:
        """Whether token i may start a name: capitalised, or the text has no case to tell."""
        return not self.mixed or self.toks[i].text[:1].isupper()


_FOLD_TABLE: dict[int, str] = {}


def _fast_fold(text: str) -> str:
    """bot.vi.normalize.fold, memoised per character: the same string on NFC text."""
    lowered = text.lower()
    if len(lowered) != len(text) or not unicodedata.is_normalized("NFC", text):
        return fold(text)
    for char in set(lowered):
        if ord(char) > 127 and ord(char) not in _FOLD_TABLE:
            folded = fold(char)
            _FOLD_TABLE[ord(char)] = folded if len(folded) == 1 else char
    return lowered.translate(_FOLD_TABLE)


def _same(tok: _Tok, low: str, key: str) -> bool:
    """A token equals a listed word: with marks when the token has any, folded otherwise."""
    return tok.low == low if tok.low != tok.key else tok.key == key


class _Phrases:
    """A list of phrases matched on tokens, longest first."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
        for phrase in phrases:
            words = tuple((w, fold(w)) for w in _TOKEN.findall(normalize(phrase).lower()))
            self._by_first.setdefault(words[0][1], []).append((phrase, words))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[1]))

    def match(self, toks: Sequence[_Tok], i: int) -> tuple[int, str]:
        """(length in tokens, phrase) of the longest phrase at token i; (0, "") if none."""
        if 0 <= i < len(toks):
            for phrase, words in self._by_first.get(toks[i].key, ()):
                n = len(words)
                if i + n <= len(toks) and all(
                    _same(toks[i + k], low, key) for k, (low, key) in enumerate(words)
                ):
                    return n, phrase
        return 0, ""

    def at(self, s: _Sentence, i: int) -> int:
        return self.match(s.toks, i)[0]

    def find(self, s: _Sentence) -> Iterator[tuple[int, int, str]]:
        """(position, length, phrase) of each match in a sentence, left to right."""
        for i, tok in enumerate(s.toks):
            if tok.key in self._by_first:
                n, phrase = self.match(s.toks, i)
                if n:
                    yield i, n, phrase


_ROLE_WORDS: Final[dict[str, tuple[Role, str]]] = {
    "khối trưởng": (Role.LEADER, "khối"),
    "trưởng khối": (Role.LEADER, "khối"),
    "cụm trưởng": (Role.LEADER, "cụm"),
    "trưởng cụm": (Role.LEADER, "cụm"),
    "khối phó": (Role.DEPUTY, "khối"),
    "phó khối trưởng": (Role.DEPUTY, "khối"),
    "phó trưởng khối": (Role.DEPUTY, "khối"),
    "cụm phó": (Role.DEPUTY, "cụm"),
    "phó cụm trưởng": (Role.DEPUTY, "cụm"),
    "phó trưởng cụm": (Role.DEPUTY, "cụm"),
}
_ROLES: Final = _Phrases(_ROLE_WORDS)
_PASSIVE: Final = _Phrases(("được",))
# Nouns before a unit's name: "đơn vị Ngân hàng Nhà nước", "tập thể Thanh tra Sở".
_UNIT_NOUNS: Final = _Phrases(("đơn vị", "cơ quan", "tập thể"))

# Words an organisation's name starts with.
_ORG_HEADS: Final = _Phrases(
    (
        "cục", "tổng cục", "chi cục", "sở", "ban", "ban quản lý", "phòng", "văn phòng",
        "trung tâm", "viện", "tòa án", "viện kiểm sát", "công an", "bộ chỉ huy", "bộ tư lệnh",
        "bộ đội biên phòng", "thanh tra", "ngân hàng", "kho bạc", "bảo hiểm xã hội", "hải quan",
        "chi nhánh", "công ty", "tổng công ty", "tập đoàn", "điện lực", "truyền tải điện",
        "viễn thông", "bưu điện", "báo", "đài", "trường", "học viện", "đại học", "bệnh viện",
        "liên đoàn", "hội", "hội đồng nhân dân", "tỉnh đoàn", "thành đoàn", "huyện đoàn", "đoàn",
        "ủy ban", "mặt trận", "huyện ủy", "thành ủy", "tỉnh ủy", "thị ủy", "quận ủy", "đảng ủy",
        "cảng vụ", "kiểm toán", "vườn quốc gia", "xí nghiệp", "nhà máy", "thông tấn xã",
        "hạt kiểm lâm", "nhà xuất bản", "bảo tàng", "thư viện", "hợp tác xã", "trại giam",
        "công đoàn", "cảnh sát", "ubnd", "hđnd", "tand", "vksnd", "nhnn", "kbnn", "bhxh",
        "bđbp", "bch", "mttq", "lđlđ", "agribank", "vietcombank", "vietinbank", "bidv",
        "viettel", "vnpt", "mobifone", "evn", "petrolimex", "vnpost",
    )
)  # fmt: skip
# Phrases that start like an organisation and are none.
_NOT_ORGS: Final = _Phrases(
    (
        "hội nghị", "hội thao", "hội thi", "hội trường", "hội viên", "hội đồng", "ban hành",
        "ban ngành", "ban đầu", "phòng chống", "phòng ngừa", "báo cáo", "báo chí", "bảo đảm",
        "bảo vệ", "bao gồm", "báo công", "đài thọ", "đoàn kết", "đoàn viên", "đoàn thể",
        "đoàn công tác", "trường hợp", "sở dĩ", "sở hữu", "sở trường", "cục bộ", "viện dẫn",
        "phòng họp", "văn phòng phẩm", "ủy ban nhân dân các", "đại diện", "đại hội", "đại biểu",
        "báo cáo viên", "công an nhân dân", "hội đồng thi đua",
    )
)  # fmt: skip
# Administrative places: members of a cluster ("huyện Châu Thành"), and provinces in clusters.
_PLACES: Final = _Phrases(
    ("huyện", "quận", "thị xã", "thành phố", "xã", "phường", "thị trấn", "tỉnh", "tp")
)
_TITLE_BASES: Final = (
    "giám đốc", "tổng giám đốc", "cục trưởng", "chi cục trưởng", "tổng cục trưởng",
    "viện trưởng", "chánh án", "chánh văn phòng", "chánh thanh tra", "chủ tịch", "bí thư",
    "trưởng phòng", "trưởng ban", "trưởng đài", "trưởng công an", "hiệu trưởng",
    "tổng biên tập", "chỉ huy trưởng", "thủ trưởng", "chính ủy", "tư lệnh", "trưởng", "chánh",
    "thư ký", "ủy viên", "lãnh đạo", "đại diện", "đại diện lãnh đạo", "người đứng đầu",
)  # fmt: skip
_TITLES: Final = _Phrases(
    (
        *_TITLE_BASES,
        *(f"phó {title}" for title in _TITLE_BASES),
        *(f"quyền {title}" for title in _TITLE_BASES),
        "tỉnh ủy viên", "thành ủy viên", "huyện ủy viên",
    )
)  # fmt: skip
_HONORIFICS: Final = _Phrases(
    (
        "đồng chí", "đ/c", "ông", "bà", "đại tá", "thượng tá", "trung tá", "thiếu tá",
        "thiếu tướng", "trung tướng", "tiến sĩ", "thạc sĩ", "bác sĩ", "luật sư", "nhà báo",
    )
)  # fmt: skip
_SURNAMES: Final = _Phrases(
    (
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
        "đỗ", "hồ", "ngô", "dương", "lý", "mai", "đinh", "trương", "lâm", "tạ", "đoàn", "cao",
        "lương", "trịnh", "hà", "tô", "châu", "thái", "quách", "lưu", "la", "đào", "kiều",
        "triệu", "vương", "từ", "tôn", "hứa", "khúc", "mạc", "phùng", "lại", "kim", "âu",
        "giang", "nông", "hầu", "thân", "doãn", "chu", "diệp", "lục", "tăng", "bạch", "ninh",
        "lò", "sầm", "bế", "đàm", "đồng", "khổng", "lã", "nghiêm", "thạch", "tống", "vi",
    )
)  # fmt: skip
# Words that end an organisation's name: verbs, prepositions, dates, the next name's markers.
_STOPS: Final = _Phrases(
    (
        "làm", "là", "được", "đã", "đang", "sẽ", "vừa", "cũng", "bàn giao", "chuyển giao",
        "nhận", "tiếp nhận", "đạt", "giữ", "tổ chức", "dự thảo", "chủ trì", "đăng cai",
        "phát biểu", "thay mặt", "tham dự", "dự", "cho", "với", "tại", "trong", "năm", "ngày",
        "tháng", "nhằm", "để", "thì", "có", "cùng", "gồm", "theo", "về", "do", "khi", "từ",
        "đến", "trước", "sau", "tiếp thu", "báo cáo", "trình bày", "chúc mừng", "tặng", "trao",
        "đề nghị", "thống nhất", "bầu", "suy tôn", "tiến hành", "kết luận", "khai mạc",
        "ký kết", "ký", "phát động", "triển khai", "hoàn thành", "thực hiện", "vinh dự", "xếp",
        "đứng", "dẫn đầu", "của", "như", "thuộc", "trên địa bàn", "đóng trên", "ghi nhận",
        "đánh giá", "biểu dương", "nhấn mạnh", "yêu cầu", "cho biết", "khẳng định", "tiếp tục",
        "luôn", "hiện", "nay", "đồng thời", "qua", "bằng", "mà", "nên", "vì", "nhưng", "hoặc",
        "ông", "bà", "đồng chí", "sáng", "chiều", "khối", "cụm", "đơn vị", "tập thể",
        "cá nhân", "lãnh đạo", "chào mừng", "hưởng ứng", "phối hợp", "phụ trách", "này", "đó",
        "tham gia", "bình xét", "xét", "công nhận", "nhất trí", "giao", "đều", "khen thưởng",
        "diễn ra", "họp", "đón nhận", "giữa",
    )
)  # fmt: skip
# Stops that end a name even when capitalised in the middle of a sentence.
_CAPITAL_STOPS: Final = frozenset({"khối", "cụm", "ông", "bà", "đồng chí"})
# A comma inside a name: "Sở Văn hóa, Thể thao và Du lịch", "Ban Thi đua, khen thưởng".
_NAME_COMMAS: Final = _Phrases(
    ("văn hóa, thể thao", "lao động, thương binh", "thi đua, khen thưởng", "thi đua - khen thưởng")
)
_WEAK_END: Final = frozenset({"va", "cac", "nhung", "cua", "voi", "-", "–", "—", "&", "/"})
_DASHES: Final = frozenset({"-", "–", "—"})
_BOUNDARY: Final = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "[", "]", "!", "?", "."})
# Capitalised words that are no organisation's abbreviation.
_NOT_ACRONYMS: Final = frozenset(
    {
        "TĐKT", "KTĐ", "CCHC", "XHCN", "COVID", "ĐBQH", "KT", "XH", "QĐ", "HD", "KH", "CT",
        "TT", "NĐ", "CP", "VN", "ATGT", "ANTT", "PCCC", "NTM", "THCS", "THPT", "CNTT", "TP",
        "CBCCVC", "CBCC", "VKS", "HĐ", "BTĐKT", "SNV", "UB", "HĐTĐKT", "TW", "TƯ", "KTXH",
    }
)  # fmt: skip
# Heads that are a whole name on their own.
_SOLE_NAMES: Final = frozenset(
    {"nhnn", "kbnn", "bhxh", "tand", "vksnd", "agribank", "vietcombank", "vietinbank", "bidv",
     "viettel", "vnpt", "mobifone", "evn", "petrolimex", "vnpost"}
)  # fmt: skip
_MAX_UNIT: Final = 18


# --- names: organisations, persons, blocs -----------------------------------------------------


def _is_acronym(s: _Sentence, i: int) -> bool:
    """An organisation's own abbreviation ("THACO"), told only where the text has case."""
    word = s.toks[i].text
    return (
        s.mixed
        and len(word) >= 3
        and word.isalpha()
        and word.isupper()
        and word not in _NOT_ACRONYMS
    )


def _head(s: _Sentence, i: int, *, places: bool = False) -> tuple[int, bool]:
    """(length, is a place) of the word(s) an organisation's name starts with at token i."""
    n = _ORG_HEADS.at(s, i)
    if n and _NOT_ORGS.at(s, i) >= n:
        n = 0
    if n:
        return (n, False) if s.capital(i) else (0, False)
    if _is_acronym(s, i):
        return 1, False
    if places:
        n = _PLACES.at(s, i)
        if n and i + n < len(s.toks) and (s.toks[i + n].text[:1].isupper() or not s.mixed):
            return n, True
    return 0, False


def _is_stop(s: _Sentence, j: int) -> bool:
    n, phrase = _STOPS.match(s.toks, j)
    if not n:
        return bool(_ROLES.at(s, j))
    return not (s.mixed and s.toks[j].text[:1].isupper() and phrase not in _CAPITAL_STOPS)


def _is_year(tok: _Tok) -> bool:
    return len(tok.text) == 4 and tok.text.isdigit() and 1990 <= int(tok.text) <= 2099


def _unit_end(
    s: _Sentence, i: int, limit: int | None = None, *, places: bool = False
) -> int | None:
    """End (exclusive) of the organisation's name that starts at token i, or None if none does."""
    toks = s.toks
    limit = len(toks) if limit is None else min(limit, len(toks))
    n, place = _head(s, i, places=places)
    if not n or i + n > limit:
        return None
    j = i + n
    while j < limit and j - i < _MAX_UNIT:
        tok = toks[j]
        kept = _NAME_COMMAS.at(s, j)
        if kept:
            j += kept
            continue
        if tok.text == "." and toks[j - 1].key == "tp":
            j += 1
            continue
        if tok.text in _DASHES:
            after = j + 1
            if after >= limit or _breaks_after_dash(s, after):
                break
            j += 1
            continue
        if tok.text in ("&", "/"):
            j += 1
            continue
        if not tok.text[0].isalnum() or _is_year(tok):
            break
        if tok.key == "va":
            after = j + 1
            if after >= limit or _head(s, after, places=True)[0] or _is_stop(s, after):
                break
            if _AWARDS.at(s, after):
                break
            j += 1
            continue
        if _is_stop(s, j):
            break
        j += 1
    while j > i + n and toks[j - 1].key in _WEAK_END:
        j -= 1
    if j - i < 2 and not (_is_acronym(s, i) or toks[i].key in _SOLE_NAMES):
        return None
    if place and j - i < n + 1:
        return None
    return j


def _breaks_after_dash(s: _Sentence, j: int) -> bool:
    """Whether a dash before token j separates a name from what follows (a title, a role)."""
    return bool(
        _TITLES.at(s, j)
        or _HONORIFICS.at(s, j)
        or _ROLES.at(s, j)
        or _is_stop(s, j)
        or s.toks[j].text[:1].isdigit()
    )


def _is_boundary(s: _Sentence, j: int) -> bool:
    """Whether token j ends a piece of a sentence (punctuation, or a dash before a title)."""
    tok = s.toks[j]
    if tok.text == ",":
        return not (_NAME_COMMAS.at(s, j - 2) >= 3)
    if tok.text == ".":
        return s.key(j - 1) != "tp"
    if tok.text in _DASHES:
        return j + 1 < len(s.toks) and (
            bool(_TITLES.at(s, j + 1) or _HONORIFICS.at(s, j + 1) or _ROLES.at(s, j + 1))
        )
    return tok.text in _BOUNDARY


def _piece_start(s: _Sentence, hi: int) -> int:
    """Start of the piece of the sentence that ends at token hi."""
    j = hi - 1
    while j >= 0:
        if _is_boundary(s, j):
            return j + 1
        j -= 1
    return 0


def _is_name(s: _Sentence, lo: int, hi: int) -> bool:
    """Whether tokens lo..hi-1 are a person's full name ("Mai Văn Xuân")."""
    return (
        2 <= hi - lo <= 5
        and bool(_SURNAMES.at(s, lo))
        and all(s.toks[k].text.isalpha() and s.capital(k) for k in range(lo, hi))
    )


def _person_in(s: _Sentence, lo: int, hi: int) -> str | None:
    """The person named by a piece: "đồng chí Phạm Văn Hân", or a bare full name."""
    for k in range(hi - 1, lo - 1, -1):
        n = _HONORIFICS.at(s, k)
        if n and k + n < hi:
            if all(s.toks[m].text.isalpha() and s.capital(m) for m in range(k + n, hi)):
                return s.span(k + n, hi) if hi - (k + n) <= 5 else None
            return None
    return s.span(lo, hi) if _is_name(s, lo, hi) else None


def _person_before(s: _Sentence, lo: int) -> str | None:
    """The person named in the pieces before token lo, skipping pieces that are only titles."""
    hi = lo - 1
    for _ in range(3):
        if hi <= 0:
            return None
        start = _piece_start(s, hi)
        person = _person_in(s, start, hi)
        if person or not _TITLES.at(s, start):
            return person
        hi = start - 1
    return None


@dataclass(frozen=True)
class _Holder:
    unit: str
    person: str | None
    start: int  # where the holder's words start, its title included


def _holder(s: _Sentence, hi: int, *, places: bool = False) -> _Holder | None:
    """The organisation (and person) that the piece ending at token hi names.

    "Cục Quản lý thị trường Tây Ninh", "Phó Cục trưởng Cục Thi hành án dân sự" (the person in
    the piece before), "Chủ tịch Ủy ban MTTQ phường Hạc Thành Mai Văn Xuân"; the name must end
    at hi, and start at the leftmost place in the piece where one does.
    """
    lo = _piece_start(s, hi)
    for j in range(lo, hi):
        title = 0 if _ROLES.at(s, j) else _TITLES.at(s, j)
        if title:
            found = _unit_and_person(s, j + title, hi, places)
            if found:
                unit_end, person = found
                return _Holder(s.span(j + title, unit_end), person or _person_before(s, lo), j)
        if _unit_end(s, j, hi, places=places) == hi:
            return _Holder(s.span(j, hi), None, j)
    return None


def _alone(s: _Sentence, holder: _Holder) -> bool:
    """Whether a holder stands alone in its piece: no role word before it ("Khối trưởng là X,
    Khối phó" does not make X the deputy)."""
    lo = _piece_start(s, holder.start)
    return not any(_ROLES.at(s, k) for k in range(lo, holder.start))


def _unit_and_person(s: _Sentence, i: int, hi: int, places: bool) -> tuple[int, str | None] | None:
    """After a title: (end of the unit, person named after it) when they fill tokens i..hi-1."""
    end = _unit_end(s, i, hi, places=places)
    if end is None:
        return None
    for size in (3, 4):
        p = hi - size
        if p > i + 1 and _is_name(s, p, hi) and _unit_end(s, i, p, places=places) == p:
            return p, s.span(p, hi)
    return (end, None) if end == hi else None


_ADVERBS: Final = _Phrases(
    ("đã", "cũng", "đều", "vừa", "mới", "tiếp tục", "chính thức", "vinh dự", "đã được", "sẽ")
)


def _skip_back(s: _Sentence, hi: int) -> int:
    """Move hi back over adverbs before a verb ("đã", "cũng đã", "chính thức")."""
    moved = True
    while moved and hi > 0:
        moved = False
        for size in (2, 1):
            if hi - size >= 0 and _ADVERBS.at(s, hi - size) == size:
                hi -= size
                moved = True
                break
    return hi


def _subject(s: _Sentence, hi: int, *, places: bool = False) -> _Holder | None:
    """The organisation a verb at token hi is said of; "X, tỉnh Y" joins a place to X."""
    hi = _skip_back(s, hi)
    found = _holder(s, hi, places=places)
    if found is not None:
        return found
    lo = _piece_start(s, hi)
    if lo >= 2 and s.toks[lo - 1].text == "," and _is_place_phrase(s, lo, hi):
        before = _holder(s, lo - 1, places=places)
        if before is not None:
            return _Holder(f"{before.unit}, {s.span(lo, hi)}", before.person, before.start)
    return None


def _is_place_phrase(s: _Sentence, lo: int, hi: int) -> bool:
    n = _PLACES.at(s, lo)
    return bool(n) and 1 <= hi - lo - n <= 4 and all(s.capital(k) for k in range(lo + n, hi))


def _unit_list(s: _Sentence, j: int) -> tuple[list[str], int, bool]:
    """Organisations listed from token j ("A, B (Trưởng khối), C và D"): (names, end of the
    last one, whether the list ends cleanly at a verb or the end of the sentence)."""
    names: list[str] = []
    toks = s.toks
    last = j
    while True:
        end = _unit_end(s, j, places=True)
        if end is None:
            return names, last, False
        names.append(s.span(j, end))
        last = end
        if s.key(last) == "(":
            close = next((m for m in range(last, len(toks)) if toks[m].text == ")"), None)
            if close is None:
                return names, last, False
            last = close + 1
        k = last
        if s.key(k) in (",", ";"):
            k += 1
            if s.key(k) == "va":
                k += 1
        elif s.key(k) == "va":
            k += 1
        else:
            clean = k >= len(toks) or toks[k].text in ".;:" or _is_stop(s, k)
            return names, last, clean
        j = k


_GENERIC_BEFORE: Final = frozenset({"cac", "nhung", "moi", "tung", "cum", "khoi"})


def _bloc_at(s: _Sentence, i: int) -> tuple[str, int] | None:
    """(name as written, end token) of the bloc named from token i ("Khối thi đua số 6",
    "Khối thi đua các cơ quan Trung ương", "cụm số 1", "Khối Nội chính")."""
    toks = s.toks
    if s.key(i) not in ("khoi", "cum") or _ROLES.at(s, i):
        return None
    before = [t.key for t in toks[max(0, i - 2) : i] if t.text != ","]
    if before and before[-1] in _GENERIC_BEFORE:
        return None
    rest = s.text[toks[i].start : toks[i].start + 160]
    name = _cached_first_bloc(rest)
    if name and rest.startswith(name):
        stop = toks[i].start + len(name)
        end = next((k + 1 for k in range(i, len(toks)) if toks[k].end >= stop), len(toks))
        return name, end
    j = i + 1
    if s.key(j) == "thi" and s.key(j + 1) == "dua":
        j += 2
    if s.key(j) == "so":
        j += 1
    if j < len(toks) and toks[j].text.isdigit() and len(toks[j].text) <= 3 and j > i + 1:
        return s.span(i, j + 1), j + 1
    # A short name: "Khối Nội chính", "Khối Đảng".
    j = i + 1
    if not (s.mixed and toks[i].text[:1].isupper() and j < len(toks)):
        return None
    if not (toks[j].text[:1].isupper() and toks[j].text.isalpha()) or s.key(j) in ("thi", "cac"):
        return None
    end = j
    while end < len(toks) and end - j < 4 and toks[end].text.isalpha() and not _is_stop(s, end):
        end += 1
    return s.span(i, end), end


@functools.lru_cache(maxsize=4096)
def _cached_first_bloc(text: str) -> str | None:
    return first_bloc(text)


_BLOC_FILLER: Final = frozenset(
    {"khoi", "cum", "thi", "dua", "cac", "co", "quan", "don", "vi", "tren", "dia", "ban", "dong",
     "tinh", "thanh", "pho", "truc", "thuoc", "so", "va"}
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _bloc_signature(name: str) -> tuple[str, str | None, frozenset[str]]:
    """(kind, number, distinctive words) of a bloc name, for telling two names apart."""
    words = re.findall(r"\w+", fold(name))
    number = next((w for w in words[1:] if w.isdigit()), None)
    content = frozenset(w for w in words if w not in _BLOC_FILLER and not w.isdigit())
    return words[0] if words else "", number, content


def _same_bloc(a: str, b: str) -> bool:
    kind_a, number_a, words_a = _bloc_signature(a)
    kind_b, number_b, words_b = _bloc_signature(b)
    if kind_a != kind_b:
        return False
    if number_a or number_b:
        return number_a == number_b
    smaller = min(words_a, words_b, key=len)
    return bool(smaller) and (
        words_a == words_b or (len(smaller) >= 2 and (words_a <= words_b or words_b <= words_a))
    )


def _bloc_kind(name: str | None) -> str | None:
    return _bloc_signature(name)[0] if name else None


@dataclass(frozen=True)
class _Year:
    """A year read after a word: a year, or relative to the year under review."""

    end: int
    year: int | None = None
    relative: int | None = None  # 0: "năm qua" (the year reviewed), 1: "năm tới"


def _year_at(s: _Sentence, j: int) -> _Year:
    """The year written at token j: "năm 2022", "trong năm 2017", "nhiệm kỳ 2023", "2023"."""
    k = j
    if s.key(k) in ("trong", "cua", "vao"):
        k += 1
    if s.key(k) == "nhiem" and s.key(k + 1) == "ky":
        k += 2
    elif s.key(k) == "nam":
        k += 1
        if s.key(k) == "vua" and s.key(k + 1) == "qua":
            return _Year(k + 2, relative=0)
        if s.key(k) == "qua":
            return _Year(k + 1, relative=0)
        if s.key(k) in ("toi", "sau") or (s.key(k) == "ke" and s.key(k + 1) == "tiep"):
            return _Year(k + (2 if s.key(k) == "ke" else 1), relative=1)
    if (
        k < len(s.toks)
        and _is_year(s.toks[k])
        and not (s.key(k + 1) in _DASHES and s.key(k + 2).isdigit())
    ):
        return _Year(k + 1, int(s.toks[k].text))
    return _Year(j)


@dataclass(frozen=True)
class _Tail:
    """What follows a role word: its bloc and year."""

    end: int
    bloc: str | None
    year: _Year


def _role_tail(s: _Sentence, k: int) -> _Tail:
    """Read "[thi đua] [bloc name] [năm N]" after a role word ending at token k."""
    j = k
    if s.key(j) == "thi" and s.key(j + 1) == "dua":
        j += 2
    bloc = None
    if s.key(j) in ("khoi", "cum") and not _ROLES.at(s, j):
        found = _bloc_at(s, j)
        if found:
            bloc, j = found
            # "Khối trưởng Khối thi đua … đóng trên địa bàn tỉnh năm 2023"
            placed = _year_at(s, j + _skip_forward(s, j))
            if placed.year is not None:
                return _Tail(placed.end, bloc, placed)
        elif s.key(j + 1) == "thi" and s.key(j + 2) == "dua":
            j += 3
    year = _year_at(s, j)
    return _Tail(year.end, bloc, year)


_SENTENCE_YEAR: Final = re.compile(r"^\W*(?:trong |vao )?nam ((?:19|20)\d\d)\s*,")
_SENTENCE_PAST: Final = re.compile(r"^\W*(?:trong )?nam (?:vua )?qua\s*,")


# --- the document's time: which year its meeting reviews --------------------------------------

_YEAR_AFTER: Final = r"(?:nam\s+)?(?<![\d/.\-–])(?<!-\s)(?<!–\s)((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)"
_SUMMARY: Final = re.compile(r"\btong ket\b[^.;!?\n]{0,120}?" + _YEAR_AFTER)
_MIDYEAR: Final = re.compile(r"\bso ket\b[^.;!?\n]{0,120}?\bnam\s+((?:19|20)\d\d)\b")
_PLEDGE: Final = re.compile(r"\bky(?: ket)? giao uoc(?: thi dua)?\s+" + _YEAR_AFTER)
_LAUNCH: Final = re.compile(
    r"\b(?:trien khai|phat dong)\b[^.;!?\n]{0,80}?\bnam\s+((?:19|20)\d\d)\b"
)
_LEAD_SENTENCES: Final = 8
# Before a meeting that is planned or guided, not held: "chuẩn bị tổng kết", "hướng dẫn sơ kết".
_PLANNED: Final = re.compile(
    r"\b(?:chuan bi|se|du kien|ke hoach|de|nham|huong dan|ve viec)\s+(?:\w+\s+){0,2}$"
)


@dataclass(frozen=True)
class _Period:
    """The years a document's meeting is about, read from its title and first sentences.

    summary: the year a year-end summary reviews (held up to the spring of the next year);
    midyear: the year of a mid-year review; opening: the year whose pledge is signed or whose
    work is launched.
    """

    summary: int | None
    midyear: int | None
    opening: int | None
    pledge: bool

    @classmethod
    def read(cls, title: str, sentences: Sequence[_Sentence], date: dt.date | None) -> _Period:
        texts = [fold(title), *(s.folded for s in sentences[:_LEAD_SENTENCES])]

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
        return cls(
            summary=first(_SUMMARY, range(2)),
            midyear=first(_MIDYEAR, range(1)),
            opening=opening or first(_LAUNCH, range(-1, 1)),
            pledge=opening is not None,
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


# --- the document's blocs ---------------------------------------------------------------------


class _Blocs:
    """The bloc names of a document, grouped by the bloc they name; the document's own bloc
    (from its metadata) leads the first group, and its other names are linked to it where
    the text joins them ("Khối Thi đua số 6 của các cơ quan Nội chính") or where a lead
    sentence reports the document's meeting under another name."""

    def __init__(self, doc_bloc: str | None, sentences: Sequence[_Sentence]) -> None:
        self.doc_bloc = doc_bloc
        self.groups: list[list[str]] = [[doc_bloc]] if doc_bloc else []
        self.mentions: dict[int, list[tuple[str, int, int]]] = {}
        self.first_seen: dict[str, int] = {}
        self.link_sentence: int | None = None
        for s in sentences:
            found = self.mentions.setdefault(s.index, [])
            for i, tok in enumerate(s.toks):
                if tok.key in ("khoi", "cum") and (hit := _bloc_at(s, i)):
                    found.append((hit[0], i, hit[1]))
                    self._add(hit[0])
                    self.first_seen.setdefault(hit[0], s.index)
        self._link_descriptions(sentences)
        if doc_bloc:
            self._link_lead(sentences)

    def _group_of(self, name: str) -> int | None:
        return next(
            (g for g, names in enumerate(self.groups) if any(_same_bloc(name, n) for n in names)),
            None,
        )

    def _add(self, name: str) -> int:
        group = self._group_of(name)
        if group is None:
            self.groups.append([name])
            return len(self.groups) - 1
        if name not in self.groups[group]:
            self.groups[group].append(name)
        return group

    def _link(self, name: str, other: str, sentence: int) -> None:
        """Record that two names in a sentence name one bloc: merge their groups."""
        a, b = self._group_of(name), self._group_of(other)
        if a is None or b is None or a == b or _bloc_kind(name) != _bloc_kind(other):
            return
        keep, gone = min(a, b), max(a, b)
        self.groups[keep].extend(n for n in self.groups.pop(gone) if n not in self.groups[keep])
        if keep == 0 and self.link_sentence is None:
            self.link_sentence = sentence

    def _link_descriptions(self, sentences: Sequence[_Sentence]) -> None:
        """A name joined to another in one phrase: "Khối Thi đua số 6 của các cơ quan Nội
        chính", "Khối thi đua các cơ quan Trung ương (Khối thi đua số 9)"."""
        for s in sentences:
            mentions = self.mentions[s.index]
            for name, _, end in mentions:
                paren = end + _skip_forward(s, end)
                if s.key(paren) == "(":
                    inner = next((m for m, start, _ in mentions if start == paren + 1), None)
                    if inner is not None:
                        self._link(name, inner, s.index)
                    continue
                k = end + 1 if s.key(end) in ("cua", "-", "–") else end
                if k == end or s.key(k) != "cac" or _bloc_signature(name)[1] is None:
                    continue
                stop = k + 1
                while stop < len(s.toks) and stop - k < 8 and s.toks[stop].text.isalpha():
                    if _is_stop(s, stop) and s.key(stop) not in ("co", "don"):
                        break
                    stop += 1
                self._link(name, f"{_bloc_kind(name)} {s.span(k, stop)}", s.index)

    def _link_lead(self, sentences: Sequence[_Sentence]) -> None:
        """A lead sentence where a bloc holds the document's meeting names the document's bloc."""
        lead = sentences[:_LEAD_SENTENCES]
        if not any(any(n == self.doc_bloc for n, _, _ in self.mentions[s.index]) for s in lead):
            return
        for s in lead:
            found = self.mentions[s.index]
            if (
                found
                and _ORGANISE.at(s, found[0][2] + _skip_forward(s, found[0][2]))
                and any(_KINDS.at(s, k) for k in range(found[0][2], len(s.toks)))
            ):
                self._link(found[0][0], self.doc_bloc or "", s.index)

    def canonical(self, name: str) -> str:
        """The name the facts use for this bloc: the document's bloc name for its own."""
        group = self._group_of(name)
        return name if group is None else self.groups[group][0]

    def in_sentence(self, s: _Sentence, kind: str) -> set[str]:
        """Canonical names of the blocs of a kind ("khối", "cụm") a sentence names."""
        return {
            self.canonical(name)
            for name, _, _ in self.mentions.get(s.index, ())
            if _bloc_kind(name) == fold(kind)
        }

    def aliases(self) -> list[str]:
        """Other names of the document's bloc, as written, one per distinct spelling."""
        if not self.doc_bloc or not self.groups:
            return []
        seen = {_spelling(self.doc_bloc)}
        found: list[str] = []
        for name in self.groups[0][1:]:
            if _spelling(name) not in seen:
                seen.add(_spelling(name))
                found.append(name)
        return found


def _spelling(name: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", fold(name)) if w not in ("thi", "dua"))


# Words between a bloc's name and its verb: "đóng trên địa bàn tỉnh", "thuộc thành phố", "đã".
_FILLER: Final = frozenset({"dong", "tren", "dia", "ban", "tinh", "da", "thuoc", "thanh", "pho"})


def _skip_forward(s: _Sentence, j: int) -> int:
    """How many filler tokens ("đóng trên địa bàn tỉnh", ",", "đã") follow token j."""
    k = j
    while k < len(s.toks) and k - j < 8:
        if (
            s.toks[k].text == ","
            or s.key(k) in _FILLER
            or (s.mixed and s.toks[k].text[:1].isupper() and not _ORGANISE.at(s, k))
        ):
            k += 1
        else:
            break
    return k - j


_ORGANISE: Final = _Phrases(("tổ chức", "họp", "diễn ra", "tiến hành", "khai mạc"))
_MEETING_KINDS: Final[dict[str, str]] = {
    "hội nghị tổng kết": "tổng kết",
    "tổng kết": "tổng kết",
    "sơ kết": "sơ kết",
    "ký kết giao ước": "ký kết giao ước",
    "ký giao ước": "ký kết giao ước",
    "hội thao": "hội thao",
    "hội nghị triển khai": "triển khai",
    "triển khai công tác": "triển khai",
    "họp": "họp",
}
_KINDS: Final = _Phrases(_MEETING_KINDS)


# --- awards -----------------------------------------------------------------------------------

_AWARD_NAMES: Final[dict[str, str]] = {
    "cờ thi đua": "Cờ thi đua",
    "cờ dẫn đầu": "cờ dẫn đầu",
    "bằng khen": "Bằng khen",
    "giấy khen": "Giấy khen",
    "tập thể lao động xuất sắc": "Tập thể lao động xuất sắc",
    "tập thể lao động tiên tiến": "Tập thể lao động tiên tiến",
    "huân chương lao động": "Huân chương Lao động",
}
_AWARDS: Final = _Phrases(_AWARD_NAMES)
_TITLE_WORD: Final = _Phrases(("danh hiệu",))
# Who grants an award: titles and organisations, and these.
_GRANTERS: Final = _Phrases(
    ("bộ", "chính phủ", "thủ tướng", "thủ tướng chính phủ", "tổng liên đoàn", "hội đồng thi đua")
)
_MINISTRIES: Final = _Phrases(
    ("tài chính", "nội vụ", "công an", "quốc phòng", "tư pháp", "y tế", "công thương",
     "giáo dục và đào tạo", "lao động - thương binh và xã hội", "khoa học và công nghệ",
     "kế hoạch và đầu tư", "giao thông vận tải", "văn hóa, thể thao và du lịch",
     "tài nguyên và môi trường", "nông nghiệp và phát triển nông thôn", "xây dựng",
     "thông tin và truyền thông", "ngoại giao", "nông nghiệp và môi trường", "dân tộc và tôn giáo")
)  # fmt: skip
# Granters that are part of the award's name: "Cờ thi đua của Bộ Tài chính".
_NAMED_GRANTERS: Final = frozenset({"bo", "chinh", "thu"})
_GRANT: Final = _Phrases(
    ("tặng", "tặng thưởng", "xét tặng", "trao tặng", "khen thưởng", "công nhận", "trao")
)
_RECEIVE: Final = _Phrases(
    ("đạt", "nhận", "được tặng", "được tặng thưởng", "được trao", "được trao tặng",
     "vinh dự nhận", "vinh dự được nhận", "được nhận", "đón nhận", "được khen tặng",
     "được công nhận", "được khen thưởng", "được suy tôn", "được bình chọn",
     "được đề nghị tặng", "được đề nghị xét tặng", "được đề nghị", "được")
)  # fmt: skip
_PROPOSE: Final = _Phrases(("đề nghị", "thống nhất đề nghị"))
_REASON: Final = _Phrases(("vì", "do", "có", "đã có", "vì đã có", "do có", "với"))


@dataclass(frozen=True)
class _Award:
    name: str
    granter: str | None
    year: int | None
    end: int


def _granter_end(s: _Sentence, j: int) -> int | None:
    """End of the name of who grants ("UBND tỉnh", "Chủ tịch UBND tỉnh", "Bộ Tài chính",
    "Thủ tướng Chính phủ")."""
    k = j + _TITLES.at(s, j)
    end = _unit_end(s, k)
    if end is not None:
        return end
    n, phrase = _GRANTERS.match(s.toks, k)
    if not n or not s.capital(k):
        return None
    k += n
    if phrase == "bộ" and (ministry := _MINISTRIES.at(s, k)):
        return k + ministry
    if phrase in ("chính phủ", "thủ tướng chính phủ"):
        return k
    start = k
    while k < len(s.toks) and k - start < 6 and s.mixed and s.toks[k].text[:1].isupper():
        k += 1
    return k if k > start else None


def _award_at(s: _Sentence, j: int) -> _Award | None:
    """The award named from token j: "[danh hiệu] [“]Cờ thi đua [ngành Tư pháp | của Bộ Tài
    chính | cấp tỉnh][”] [năm N]", "cờ dẫn đầu Khối thi đua", "Bằng khen"."""
    j += _TITLE_WORD.at(s, j)
    quoted = s.key(j) in ("“", '"')
    j += quoted
    n, phrase = _AWARDS.match(s.toks, j)
    if not n:
        return None
    parts = [_AWARD_NAMES[phrase]]
    granter = None
    j += n
    if phrase == "cờ dẫn đầu" and s.key(j) in ("khoi", "cum"):
        size = 3 if s.key(j + 1) == "thi" and s.key(j + 2) == "dua" else 1
        parts.append(("Khối" if s.key(j) == "khoi" else "Cụm") + " thi đua" * (size == 3))
        j += size
    elif s.key(j) == "xuat" and s.key(j + 1) == "sac":
        parts.append(s.span(j, j + 2))
        j += 2
    elif s.key(j) == "hang" and s.key(j + 1) in ("nhat", "nhi", "ba"):
        parts.append(f"hạng {s.toks[j + 1].text.capitalize()}")
        j += 2
    if s.key(j) == "nganh" and s.capital(j + 1) and (sector := _sector_end(s, j + 1)) > j + 1:
        parts.append(_capitalise_after(s.span(j, sector), "ngành"))
        j = sector
    elif s.key(j) == "cap" and s.key(j + 1) in ("tinh", "bo", "nganh", "co"):
        parts.append(s.span(j, j + 2))
        j += 2
    elif s.key(j) == "cua" and (granted := _granter_end(s, j + 1)) is not None:
        granter = _capitalise_after(s.span(j + 1, granted), "bộ")
        if s.key(j + 1) in _NAMED_GRANTERS:
            parts.append(f"của {granter}")
        j = granted
    if quoted and s.key(j) in ("”", '"'):
        j += 1
    year = _year_at(s, j)
    return _Award(" ".join(parts), granter, year.year, year.end)


def _clause_end(s: _Sentence, j: int) -> int:
    """The first ";" or full stop (not a thousands dot) from token j."""
    for k in range(j, len(s.toks)):
        text = s.toks[k].text
        if text == ";" or (
            text == "." and not (s.key(k - 1).isdigit() and s.key(k + 1).isdigit())
        ):
            return k
    return len(s.toks)


def _sector_end(s: _Sentence, j: int) -> int:
    """End of a sector's name after "ngành": two words ("Tư pháp"), a third if capitalised."""
    end = j
    while end < len(s.toks) and s.toks[end].text.isalpha() and not _is_stop(s, end):
        if end - j == 3 or (end - j == 2 and not (s.mixed and s.capital(end))):
            break
        end += 1
    return end


def _capitalise_after(text: str, word: str) -> str:
    """ "Bộ tài chính" → "Bộ Tài chính", "ngành tư pháp" → "ngành Tư pháp"."""
    if text.isupper():
        text = text.lower()
    words = text.split(" ")
    for index, current in enumerate(words[:-1]):
        if fold(current) == fold(word):
            words[index] = current.capitalize() if word == "bộ" else current.lower()
            words[index + 1] = words[index + 1][:1].upper() + words[index + 1][1:]
    return " ".join(words)


@dataclass(frozen=True)
class _Recipients:
    units: tuple[str, ...]
    count: int | None
    end: int


def _recipients(s: _Sentence, j: int) -> _Recipients | None:
    """Who an award goes to, from token j after "cho": "03 tập thể", "02 đơn vị là A và B",
    "đơn vị A", "tập thể A", "A, B và C". None for individuals (cá nhân)."""
    if s.key(j) == "cac":
        j += 1
    count = None
    tok = s.toks[j] if j < len(s.toks) else None
    if tok is not None and tok.text.isdigit() and len(tok.text) <= 3:
        count = int(tok.text)
        j += 1
        noun = _UNIT_NOUNS.at(s, j)
        if not noun:
            return None
        j += noun
        if s.key(j) == "," and s.key(j + 1) == "ca":
            return None
        if not (s.key(j) in (":", "la") or s.key(j) == "gom"):
            return _Recipients((), count, j)
        j += 1
    else:
        j += _UNIT_NOUNS.at(s, j)
    names, end, _ = _unit_list(s, j)
    if not names:
        return _Recipients((), count, j) if count else None
    if count is not None and len(names) != count:
        names = []
    return _Recipients(tuple(names), count, end)


# --- members, meetings and chairs -------------------------------------------------------------

_INCLUDE: Final = _Phrases(("gồm", "gồm có", "bao gồm"))
_NOW: Final = _Phrases(("hiện", "hiện nay", "hiện nay đã"))
_MEMBER_NOUNS: Final = _Phrases(
    ("đơn vị", "cơ quan", "thành viên", "tập thể", "sở", "ban", "ngành", "huyện", "thị xã",
     "thành phố", "xã", "phường", "phòng", "doanh nghiệp", "chi cục", "cục", "địa phương")
)  # fmt: skip


def _count_at(s: _Sentence, c: int) -> tuple[int, int, bool] | None:
    """(number, end, whether it says "thành viên") of "08 cơ quan, đơn vị thành viên" at c."""
    tok = s.toks[c] if 0 <= c < len(s.toks) else None
    if tok is None or not tok.text.isdigit() or len(tok.text) > 3 or s.key(c + 1) == "/":
        return None
    k = c + 1
    nouns = 0
    while k < len(s.toks):
        n = _MEMBER_NOUNS.at(s, k)
        if n:
            nouns += 1
            k += n
        elif s.toks[k].text == "," and _MEMBER_NOUNS.at(s, k + 1):
            k += 1
        else:
            break
    if not nouns:
        return None
    members = any(s.key(m) == "thanh" and s.key(m + 1) == "vien" for m in range(c + 1, k))
    return int(tok.text), k, members


_FUTURE: Final = _Phrases(
    ("sẽ", "dự kiến", "kế hoạch", "thống nhất", "định hướng", "chuẩn bị", "để", "nhằm")
)
# Before a date that is a cited document's or a deadline, folded.
_NOT_MEETING_DATE: Final = re.compile(
    r"(?:\d+/[\w./-]*[a-z][\w./-]*\s+(?:\w+\s+){0,3}|\b(?:truoc|sau|tu|den|han|cham nhat)\s+)"
    r"(?:ngay\s+)?$"
)


_DATE_HINT: Final = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}|\bngay\s+\d{1,2}\s+thang\b")


def _dates(s: _Sentence) -> list[DateMatch]:
    """find_dates on a sentence, run only on windows around what looks like a date (fast)."""
    found: list[DateMatch] = []
    for hint in _DATE_HINT.finditer(s.folded):
        if found and hint.start() < found[-1].end:
            continue
        lo = max(0, hint.start() - 10)
        for match in find_dates(s.text[lo : hint.end() + 16]):
            if not found or match.start + lo >= found[-1].end:
                found.append(
                    DateMatch(match.day, match.month, match.year, match.start + lo, match.end + lo)
                )
    return found


def _meeting_date(s: _Sentence) -> DateMatch | None:
    """The date a sentence says a meeting was held: not a cited document's date, not a
    deadline, not inside parentheses ("(19/8/1945-19/8/2022)")."""
    for match in _dates(s):
        before = s.folded[max(0, match.start - 60) : match.start]
        if s.text[: match.start].count("(") > s.text[: match.start].count(")"):
            continue
        if _NOT_MEETING_DATE.search(before) or s.folded[match.end : match.end + 2].strip() == "-":
            continue
        return match
    return None


_NOT_PLACES: Final = _Phrases(
    ("hội nghị", "buổi", "cuộc họp", "đây", "đó", "lễ", "hội thao", "đơn vị", "địa phương")
)
_AT: Final = _Phrases(("tại",))


def _place(s: _Sentence) -> str | None:
    """Where a meeting was held: "tại Bộ chỉ huy Bộ đội Biên phòng Tỉnh", "tại tỉnh Long An"."""
    for t, _, _ in _AT.find(s):
        if _NOT_PLACES.at(s, t + 1):
            continue
        j = t + 1
        if not (s.capital(j) or _PLACES.at(s, j)) or j >= len(s.toks):
            continue
        end = j
        while end < len(s.toks) and end - j < 12:
            tok = s.toks[end]
            if tok.text in _BOUNDARY or (end > j and (_is_stop(s, end) or _is_year(tok))):
                break
            end += 1
        while end > j and s.toks[end - 1].key in _WEAK_END:
            end -= 1
        if end > j:
            return s.span(j, end)
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_CHAIR_LABELS: Final[dict[str, str]] = {
    "dự và chỉ đạo": "dự và chỉ đạo",
    "tới dự và chỉ đạo": "dự và chỉ đạo",
    "đến dự và chỉ đạo": "dự và chỉ đạo",
    "đồng chủ trì": "đồng chủ trì",
    "chủ trì": "chủ trì",
    "kết luận": "kết luận",
    "phát biểu kết luận": "kết luận",
    "phát biểu chỉ đạo": "phát biểu chỉ đạo",
}
_CHAIR_CUES: Final = _Phrases(_CHAIR_LABELS)
_MEETING_WORDS: Final = _Phrases(("hội nghị", "cuộc họp", "buổi lễ", "buổi làm việc"))
# Verbs after a chair's name and titles: what they did.
_CHAIR_STOPS: Final = _Phrases(
    ("thay mặt", "đánh giá", "ghi nhận", "tiếp thu", "đề nghị", "phát biểu", "chủ trì",
     "biểu dương", "nhấn mạnh", "cho biết", "chúc mừng", "yêu cầu", "khẳng định", "trao",
     "tặng", "đã", "cùng", "cùng với", "kết luận", "khai mạc", "chỉ đạo", "thông qua", "dự")
)  # fmt: skip


def _chair_text(s: _Sentence, j: int) -> tuple[str, str, int] | None:
    """(name and titles, name, end) of a person named from token j ("đồng chí X, T1, T2")."""
    j += _HONORIFICS.at(s, j)
    name_end = j
    while (
        name_end < len(s.toks)
        and name_end - j < 5
        and s.toks[name_end].text.isalpha()
        and s.capital(name_end)
        and _TITLES.at(s, name_end) < 2
    ):
        name_end += 1
    if name_end - j < 2:
        return None
    end = name_end
    while end < len(s.toks):
        tok = s.toks[end]
        if tok.text in ";.)" or _CHAIR_STOPS.at(s, end):
            break
        if tok.text == "," and _HONORIFICS.at(s, end + 1):
            break
        if tok.key == "va" and _HONORIFICS.at(s, end + 1):
            break
        end += 1
    while end > name_end and s.toks[end - 1].text in ",-–—":
        end -= 1
    return s.span(j, end), s.span(j, name_end), end


def _chair_list(s: _Sentence, j: int) -> list[tuple[str, str]]:
    """Everyone named from token j: "đồng chí A – T và đồng chí B – T2"."""
    found: list[tuple[str, str]] = []
    while (person := _chair_text(s, j)) is not None:
        found.append(person[:2])
        j = person[2]
        if s.key(j) in ("va", ";", ","):
            j += 1
            if s.key(j) in ("va",):
                j += 1
        if not _HONORIFICS.at(s, j):
            break
    return found


def _chair_before(s: _Sentence, c: int) -> tuple[str, str] | None:
    """The person named just before a cue at token c: "(Ông X, Phó Giám đốc Sở Nội vụ chủ
    trì", "Hội nghị do đồng chí X, … chủ trì"."""
    end = _skip_back(s, c)
    for k in range(end - 1, -1, -1):
        if _HONORIFICS.at(s, k) and not _HONORIFICS.at(s, k - 1):
            person = _chair_text(s, k)
            return (person[0], person[1]) if person and person[2] == end else None
    return None


# --- documents and deadlines ------------------------------------------------------------------

_DOC_TYPES: Final[dict[str, str]] = {
    "quyet dinh": "Quyết định",
    "cong van": "Công văn",
    "ke hoach": "Kế hoạch",
    "chi thi": "Chỉ thị",
    "huong dan": "Hướng dẫn",
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "nghi dinh": "Nghị định",
    "nghi quyet": "Nghị quyết",
    "thong bao": "Thông báo",
    "bao cao": "Báo cáo",
    "quy dinh": "Quy định",
    "quy che": "Quy chế",
    "to trinh": "Tờ trình",
    "van ban": "Văn bản",
}
_NUMBER: Final = r"(\d+(?:/(?:19|20)\d\d)?/[a-z0-9]+(?:-[a-z0-9]+)*)"
_DOC_REF: Final = re.compile(
    r"\b("
    + "|".join(sorted(_DOC_TYPES, key=len, reverse=True))
    + r")\s+(?:so\s*:?\s*)?"
    + _NUMBER
    + r"(?![\w/])"
)
_REF_DATE: Final = re.compile(
    r"\s*,?\s*(?:ban hanh\s+)?ngay\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
    r"|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))\b"
)
_REF_YEAR: Final = re.compile(r"\s*(?:ban hanh\s+)?nam\s+((?:19|20)\d\d)\b")
_REF_ISSUER: Final = re.compile(r"\s*(?:cua|do)\s+")
_REF_ABOUT: Final = re.compile(r"\s*(?:ve viec|v/v|ve)\s+")
# Where a cited document's subject ends.
_SUBJECT_END: Final = re.compile(
    r";|\s+va\s+(?=(?:" + "|".join(_DOC_TYPES) + r")\b)|,?\s*(?:cu the\s+)?nhu sau|:|\.\s*$"
    # A comma before a new clause: "…, ngày 10/7/2024, Khối thi đua số 3 tổ chức …".
    r"|(?<!\bcum)(?<!\bkhoi),\s+(?=(?:ngay|sang|chieu|trua|toi|vao ngay|hoi nghi|cac don vi"
    r"|khoi thi dua|cum thi dua)\b)"
)
_HEADER_SENTENCES: Final = 15
_OWN_NUMBER: Final = re.compile(r"^\W*so\s*:\s*" + _NUMBER + r"\s*$")
_SIGNED: Final = re.compile(
    r"^[^,\d]{2,40},\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"
)
_NATIONAL: Final = re.compile(r"^\W*(?:cong hoa|doc lap)")
_SYMBOL_TYPES: Final[dict[str, str]] = {
    "hd": "Hướng dẫn", "qd": "Quyết định", "kh": "Kế hoạch", "ct": "Chỉ thị",
    "tb": "Thông báo", "bc": "Báo cáo", "nq": "Nghị quyết", "tt": "Thông tư",
    "nd": "Nghị định", "ttr": "Tờ trình", "qc": "Quy chế",
}  # fmt: skip


def _token_at(s: _Sentence, char: int) -> int | None:
    """The first token that starts at or after character `char`."""
    k = bisect.bisect_left(s.starts, char)
    return k if k < len(s.toks) else None


def _doc_subject(s: _Sentence, j: int, limit: int) -> str | None:
    """What a cited document is about: after "về việc"/"về", or the lowercase words that
    follow its number and date ("Kế hoạch số 4134/KH-UBND ngày … tổ chức các hoạt động …")."""
    about = _REF_ABOUT.match(s.folded, j)
    if about:
        j = about.end()
    else:
        rest = s.text[j:limit].lstrip()
        if not rest[:1].isalpha() or (s.mixed and not rest[:1].islower()):
            return None
        if _REF_ISSUER.match(s.folded, j):
            return None
    end = _SUBJECT_END.search(s.folded, j)
    subject = s.text[j : min(end.start(), limit) if end else limit].strip(" ,.;")
    subject = re.sub(r"\s+(?:và|va|VÀ)$", "", subject)
    return subject or None


def _type_line(lines: Sequence[_Sentence]) -> tuple[str | None, str | None]:
    """(type, subject) from a header's type line ("HƯỚNG DẪN") and the line after it."""
    for index, line in enumerate(lines[:4]):
        doc_type = _DOC_TYPES.get(line.folded.strip(" .:"))
        if doc_type:
            subject = lines[index + 1].text if index + 1 < len(lines) else None
            return doc_type, subject
    return None, None


@dataclass(frozen=True)
class _Lead:
    """A sentence ending in ":" that the bullets under it complete: to whom, and what."""

    recipient: str
    thing: str


_DEADLINE: Final = re.compile(
    r"\b(?:truoc(?: hoac vao)?(?: ngay)?|cham nhat(?: la)?(?: vao)?(?: truoc)?(?: ngay)?"
    r"|han chot(?: la)?(?: ngay)?|han cuoi(?: la)?(?: ngay)?|khong qua ngay)\s+"
    r"(\d{1,2})(?:\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?|\s+thang\s+(\d{1,2})"
    r"(?:\s+nam\s+(\d{4}))?)(?![\d/])"
)
_SEND: Final = re.compile(r"\b(?:gui|nop|bao cao|trinh|dang ky|hoan thanh|tong hop)\b")
_YEARLY: Final = re.compile(r"\bhang nam\b")
_YEARLY_AFTER: Final = re.compile(
    r"\s*(?:cua\s+)?(?:hang nam|nam sau|nam ke tiep|nam tiep theo)\b"
)
_TO: Final = re.compile(r"\b(?:gui|nop|trinh)\b[^;:]*?\b(ve|den|toi|len|cho)\s+(?=\S)")


_CLAUSE_VERBS: Final = _Phrases(
    ("tổ chức", "thống nhất", "giao", "chủ trì", "đề nghị", "thực hiện", "triển khai",
     "phát động", "tham mưu", "xây dựng", "ban hành", "hướng dẫn")
)  # fmt: skip


def _clause_start(s: _Sentence, char: int) -> int:
    """Where the clause holding character `char` starts: after the last ";" that ends a
    clause with a verb of its own (a ";" between listed names does not)."""
    cut = s.text.rfind(";", 0, char)
    while cut > 0:
        before = s.text.rfind(";", 0, cut)
        lo, hi = _token_at(s, before + 1) or 0, _token_at(s, cut) or 0
        if any(_CLAUSE_VERBS.at(s, k) for k in range(lo, hi)):
            return cut + 1
        cut = before
    return 0


def _deadline_date(found: re.Match[str]) -> tuple[int, int, int | None]:
    """(day, month, year or None) of a deadline match, from either date form."""
    day, month, year, worded_month, worded_year = found.groups()
    year = year or worded_year
    return int(day), int(month or worded_month), int(year) if year else None


def _recipient(s: _Sentence, limit: int) -> tuple[str, int] | None:
    """(to whom, where the phrase starts) for "gửi … về Sở Nội vụ" before character `limit`."""
    found = _TO.search(s.folded, 0, limit)
    if found is None:
        return None
    start = _token_at(s, found.end())
    if start is None:
        return None
    noun = _UNIT_NOUNS.at(s, start)
    if noun and (role := _ROLES.at(s, start + noun)):
        return s.span(start, start + noun + role), found.start(1)
    if not s.capital(start):
        return None
    end = start
    while end < len(s.toks) and end - start < 15 and s.toks[end].start < limit:
        if _NAME_COMMAS.at(s, end):
            end += _NAME_COMMAS.at(s, end)
            continue
        tok = s.toks[end]
        if tok.text in _BOUNDARY or (end > start and _is_stop(s, end)):
            break
        end += 1
    if end == start:
        return None
    return s.span(start, end), found.start(1)


# --- extraction -------------------------------------------------------------------------------

_ELECT: Final = _Phrases(
    ("bầu", "bầu chọn", "suy tôn", "tín nhiệm bầu", "thống nhất bầu", "thống nhất chọn",
     "lựa chọn", "chọn", "nhất trí bầu", "cử", "thống nhất", "nhất trí", "giao",
     "phân công", "tín nhiệm")
)  # fmt: skip
# Words that say an election took place ("giao", "thống nhất" alone do not).
_ELECTION: Final = _Phrases(
    ("bầu", "suy tôn", "bỏ phiếu", "tín nhiệm", "lựa chọn", "thống nhất chọn", "bình bầu")
)
_AS: Final = _Phrases(
    ("làm", "là", "giữ", "giữ chức", "giữ vai trò", "giữ chức vụ", "đảm nhận", "đảm nhiệm",
     "đảm nhận vai trò", "đảm nhiệm vai trò", "làm đơn vị", "là đơn vị", "vào vị trí")
)  # fmt: skip
_IS: Final = _Phrases(("là", "là đơn vị", "sẽ là", "hiện là", "đang là", "hiện đang là"))
# "X giữ vai trò Khối trưởng": says which year only when one is written.
_HOLDS: Final = _Phrases(
    ("giữ vai trò", "giữ chức", "đảm nhận", "đảm nhiệm", "đảm nhận vai trò", "làm",
     "tiếp tục làm", "tiếp tục giữ vai trò", "tiếp tục là")
)  # fmt: skip
_HANDOVER_VERBS: Final = ("bàn giao", "chuyển giao", "trao lại", "bàn giao lại")
# Handing a role over, and taking it over.
_HANDOVERS: Final = _Phrases((*_HANDOVER_VERBS, "nhận bàn giao", "tiếp nhận", "nhận"))
_DUTY: Final = _Phrases(
    ("chức", "nhiệm vụ", "vai trò", "cương vị", "chức danh", "vị trí", "cờ", "cờ luân lưu")
)


@dataclass
class _Clause:
    """A unit given a role in a sentence, and the year written with it."""

    unit: str
    person: str | None
    role: Role
    kind: str
    tail: _Tail
    year: int | None = None


class _Document:
    """One document being read: its sentences, period and blocs, and the facts found so far."""

    def __init__(self, context: DocContext, text: str) -> None:
        self.context = context
        self.sentences = [_Sentence(t, i) for i, t in enumerate(split_sentences(text))]
        self.period = _Period.read(normalize(context.title), self.sentences, context.date)
        self.blocs = _Blocs(context.bloc, self.sentences)
        self.found: list[tuple[Fact, int]] = []  # fact, confidence tier (2: year written)
        self._roles_year: int | None = None  # the year written with a sentence's roles
        self._electing = False  # whether the sentence elects

    def extract(self) -> list[Fact]:
        for s in self.sentences:
            self._roles(s)
            self._members(s)
            self._awards(s)
            self._meetings(s)
        lead: _Lead | None = None
        for s in self.sentences:
            self._chairs(s)
            self._documents(s)
            lead = self._deadlines(s, lead)
        self._header()
        self._bloc_names()
        return self._finish()

    # -- shared --

    def _fact(self, s: _Sentence, kind: FactKind, rule: str, tier: int = 2, **values: Any) -> None:
        values.setdefault("bloc", self.context.bloc)
        fact = Fact(kind=kind, doc=self.context.doc, evidence=s.text, rule=rule, **values)
        self.found.append((fact, tier))

    def _sentence_year(self, s: _Sentence) -> int | None:
        match = _SENTENCE_YEAR.match(s.folded)
        if match:
            return int(match.group(1))
        return self.period.summary if _SENTENCE_PAST.match(s.folded) else None

    def _bloc_for(self, s: _Sentence, kind: str, named: str | None) -> tuple[bool, str | None]:
        """(whether a fact of this bloc kind may be stated here, the bloc's name)."""
        if named:
            name = self.blocs.canonical(named)
            return _bloc_kind(name) == fold(kind), name
        names = self.blocs.in_sentence(s, kind)
        if len(names) == 1:
            return True, names.pop()
        if names:
            return self.context.bloc in names, self.context.bloc
        doc_kind = _bloc_kind(self.context.bloc)
        return doc_kind in (None, fold(kind)), self.context.bloc

    # -- roles --

    def _roles(self, s: _Sentence) -> None:
        written = {
            year
            for i, n, _ in _ROLES.find(s)
            if (year := _role_tail(s, i + n).year.year) is not None
        }
        # The sentence's year ("Năm 2023, …"), else the one year written with its roles, holds
        # for all its roles: "bầu Khối trưởng, Khối phó năm 2024: X làm Khối trưởng; Khối phó
        # là Y".
        self._roles_year = self._sentence_year(s) or (written.pop() if len(written) == 1 else None)
        self._electing = any(True for _ in _ELECTION.find(s))
        done: set[int] = set()
        self._elected(s, done)
        self._handover(s, done)
        covered = -1
        for i, n, phrase in _ROLES.find(s):
            if i > covered and i not in done:
                self._role_in_place(s, i, n, *_ROLE_WORDS[phrase])
            covered = max(covered, i + n - 1)

    def _role(
        self,
        s: _Sentence,
        rule: str,
        clause: _Clause,
        year: int | None,
        tier: int,
    ) -> None:
        if year is None:
            return
        allowed, bloc = self._bloc_for(s, clause.kind, clause.tail.bloc)
        if not allowed:
            return
        self._fact(
            s,
            FactKind.ROLE,
            rule,
            tier,
            bloc=bloc,
            year=year,
            role=clause.role,
            unit=clause.unit,
            person=clause.person,
        )

    def _clause_at(self, s: _Sentence, j: int, done: set[int]) -> _Clause | None:
        """ "[đơn vị] X làm Khối trưởng [năm N]" from token j."""
        j += _UNIT_NOUNS.at(s, j)
        end = _unit_end(s, j, places=True)
        if end is None:
            return None
        at = end + _ADVERBS.at(s, end)
        k = at + _AS.at(s, at)
        if k == at:
            return None
        return self._role_clause(s, s.span(j, end), None, k, done)

    def _role_clause(
        self, s: _Sentence, unit: str, person: str | None, k: int, done: set[int]
    ) -> _Clause | None:
        n, phrase = _ROLES.match(s.toks, k)
        if not n:
            return None
        done.add(k)
        role, kind = _ROLE_WORDS[phrase]
        return _Clause(unit, person, role, kind, _role_tail(s, k + n))

    def _chain(self, s: _Sentence, first: _Clause, done: set[int]) -> list[_Clause]:
        """The clause and those coordinated with it: "…, Y làm Khối phó năm 2024"."""
        clauses = [first]
        while True:
            k = clauses[-1].tail.end
            start = k
            while s.key(k) in (",", ";", "va"):
                k += 1
            if k == start or (nxt := self._clause_at(s, k, done)) is None:
                return clauses
            clauses.append(nxt)

    def _years(self, s: _Sentence, clauses: list[_Clause], default: int | None) -> None:
        """Give each clause its year: its own, a coordinated clause's, the sentence's, or the
        default (tier 1)."""
        own = [c.tail.year.year or self.period.relative(c.tail.year.relative) for c in clauses]
        for index, clause in enumerate(clauses):
            later = next((y for y in own[index:] if y), None)
            earlier = next((y for y in reversed(own[:index]) if y), None)
            clause.year = later or earlier or self._roles_year
        for clause in clauses:
            tier = 2 if clause.year else 1
            self._role(s, "role.elected", clause, clause.year or default, tier)

    def _elected(self, s: _Sentence, done: set[int]) -> None:
        """ "bầu/suy tôn X làm Khối trưởng năm N", "X được bầu làm Khối trưởng"."""
        for v, n, _ in _ELECT.find(s):
            passive = next(
                (p for p in range(max(0, v - 6), v) if _PASSIVE.at(s, p)
                 and not any(_is_boundary(s, m) for m in range(p, v))),
                None,
            )  # fmt: skip
            after = v + n + _AS.at(s, v + n)
            if passive is not None:
                holder = _subject(s, passive, places=True)
                clause = holder and self._role_clause(s, holder.unit, holder.person, after, done)
            else:
                clause = self._clause_at(s, v + n, done)
                if clause is None and _ROLES.at(s, v + n):
                    self._elected_list(s, v + n, done)
                    continue
            if clause:
                self._years(s, self._chain(s, clause, done), self.period.next_term)

    def _elected_list(self, s: _Sentence, k: int, done: set[int]) -> None:
        """ "bầu Khối trưởng, Khối phó năm 2024: X làm Khối trưởng, Y làm Khối phó"."""
        while (n := _ROLES.at(s, k)) or s.key(k) in (",", "va"):
            k += n or 1
        tail = _role_tail(s, k)
        if s.key(tail.end) not in (":", ",", "la"):
            return
        first = self._clause_at(s, tail.end + 1, done)
        if first is not None:
            self._years(s, self._chain(s, first, done), self.period.next_term)

    def _handover(self, s: _Sentence, done: set[int]) -> None:
        """ "X bàn giao Khối trưởng cho Y", "X bàn giao cho Y nhiệm vụ Khối trưởng" (X led the
        year reviewed, Y leads the next); "Y nhận bàn giao Khối trưởng từ X"."""
        years = self.period.handover()
        if years is None:
            return
        for v, n, phrase in _HANDOVERS.find(s):
            k = v + n
            giver: _Holder | None = None
            receiver: _Holder | None = None
            if phrase in _HANDOVER_VERBS and s.key(k) == "cho":
                found = self._unit_after(s, k + 1)
                if found is None:
                    continue
                receiver, k = _Holder(found[0], None, k + 1), found[1]
            clause = self._role_clause(s, "", None, k + _DUTY.at(s, k), done)
            if clause is None or clause.role is not Role.LEADER:
                continue
            other = clause.tail.end + (s.key(clause.tail.end) == "lai")
            if phrase in _HANDOVER_VERBS:
                giver = _subject(s, v, places=True)
                if receiver is None and s.key(other) == "cho":
                    found = self._unit_after(s, other + 1)
                    receiver = _Holder(found[0], None, other + 1) if found else None
            else:
                receiver = _subject(s, v, places=True)
                if s.key(other) == "tu" and (found := self._unit_after(s, other + 1)):
                    giver = _Holder(found[0], None, other + 1)
            written = clause.tail.year.year
            if receiver is None or (written is not None and written not in years):
                continue
            for holder, year in ((receiver, years[1]), (giver, years[0])):
                if holder is not None:
                    clause.unit, clause.person = holder.unit, holder.person
                    self._role(s, "role.handover", clause, year, 1)

    def _unit_after(self, s: _Sentence, j: int) -> tuple[str, int] | None:
        """(name, end) of the organisation named from token j, after "đơn vị"/"cơ quan"."""
        j += _UNIT_NOUNS.at(s, j)
        end = _unit_end(s, j, places=True)
        return (s.span(j, end), end) if end is not None else None

    def _role_in_place(self, s: _Sentence, i: int, n: int, role: Role, kind: str) -> None:
        """A role named beside its holder: "X (Trưởng khối năm 2022)", "X – Khối trưởng",
        "X, cụm trưởng cụm số 1", "X là Khối trưởng", "Khối trưởng năm 2021 là X"."""
        tail = _role_tail(s, i + n)
        found = self._beside(s, i, tail, kind == "cụm")
        if found is None:
            return
        holder, rule = found
        clause = _Clause(holder.unit, holder.person, role, kind, tail)
        year = tail.year.year or self.period.relative(tail.year.relative) or self._roles_year
        # "Khối phó là X" in a sentence about an election names the elected unit.
        default = self.period.next_term if rule == "role.named" and self._electing else None
        self._role(s, rule, clause, year or default or self.period.current, 2 if year else 1)

    def _beside(
        self, s: _Sentence, i: int, tail: _Tail, places: bool
    ) -> tuple[_Holder, str] | None:
        """(holder, rule) of a role word at token i from the words around it."""
        before = s.key(i - 1)
        nouns = _UNIT_NOUNS.at(s, i - 2) == 2
        mark = i - (3 if nouns else 1)
        if s.key(mark) == "(":
            holder = _holder(s, mark, places=places) if s.key(tail.end) == ")" else None
            return (holder, "role.listed") if holder and _alone(s, holder) else None
        if s.key(mark) in (",", *_DASHES):
            holder = _holder(s, mark, places=places)
            if holder and _alone(s, holder):
                return holder, "role.appositive"
        copula = next((k for k in range(max(0, i - 4), i) if _IS.at(s, k) == i - k), None)
        holds = next((k for k in range(max(0, i - 4), i) if _HOLDS.at(s, k) == i - k), None)
        if holds is not None and not (tail.year.year or self._roles_year):
            holds = None
        verb = copula if copula is not None else holds
        if verb is not None and before != ",":
            holder = _subject(s, verb, places=places)
            return (holder, "role.named") if holder else None
        if s.key(tail.end) in ("la", ":") and _IS.at(s, tail.end) <= 1:
            after = self._unit_after(s, tail.end + 1)
            # After a colon the name must stand alone: "Khối trưởng: Sở Y tế; …", not the
            # subject of a clause ("…: Cục Thống kê được suy tôn làm Trưởng khối").
            alone = after is not None and (
                s.key(tail.end) == "la" or after[1] >= len(s.toks) or _is_boundary(s, after[1])
            )
            if after is not None and alone:
                return _Holder(after[0], None, tail.end + 1), "role.named"
        return None

    # -- awards --

    def _award_year(self, s: _Sentence, award: _Award, lo: int, hi: int) -> int | None:
        """The year an award is for: written with it, the one year of its clause (tokens
        lo..hi-1), the sentence's year, else the year under review."""
        if award.year:
            return award.year
        clause_years = {int(t.text) for t in s.toks[lo:hi] if _is_year(t)}
        if len(clause_years) == 1:
            return clause_years.pop()
        return self._sentence_year(s) or self.period.summary or self.period.current

    def _award_fact(
        self,
        s: _Sentence,
        rule: str,
        award: _Award,
        who: _Recipients,
        year: int | None,
        **values: Any,
    ) -> None:
        if year is None or not (who.units or who.count):
            return
        unit = who.units[0] if len(who.units) == 1 else None
        units = who.units if len(who.units) > 1 else ()
        values.setdefault("granter", award.granter)
        self._fact(s, FactKind.AWARD, rule, award=award.name, year=year, unit=unit, units=units,
                   count=who.count, **values)  # fmt: skip

    def _awards(self, s: _Sentence) -> None:
        done = self._proposed(s)
        self._received(s, done)

    def _proposed(self, s: _Sentence) -> set[int]:
        """ "đề nghị UBND tỉnh tặng Cờ thi đua cho 03 tập thể và Bằng khen cho 05 tập thể"."""
        done: set[int] = set()
        for d, n, _ in _PROPOSE.find(s):
            if _PASSIVE.at(s, d - 1):
                continue
            j = d + n
            granter = None
            if not _GRANT.at(s, j):
                end = _granter_end(s, j)
                if end is None:
                    continue
                granter, j = s.span(j, end), end
            j += _GRANT.at(s, j)
            while (award := _award_at(s, j)) is not None:
                done.add(j)
                if s.key(award.end) != "cho" or (who := _recipients(s, award.end + 1)) is None:
                    break
                year = self._award_year(s, award, d, who.end)
                self._award_fact(s, "award.proposed", award, who, year,
                                 granter=granter or award.granter)  # fmt: skip
                j = who.end
                if s.key(j) == "," and _PROPOSE.at(s, j + 1):
                    break
                if s.key(j) not in ("va", ","):
                    break
                j += 1
        return done

    def _received(self, s: _Sentence, done: set[int]) -> None:
        """ "X đạt danh hiệu cờ thi đua của Bộ tài chính", "X nhận giấy khen … có thành tích …",
        "X được suy tôn danh hiệu “Cờ thi đua ngành Tư pháp” năm N", "UBND tỉnh tặng Cờ thi
        đua cho X"."""
        for v, n, verb in _RECEIVE.find(s):
            self._receipt(s, v, n, verb, done)
        for v, g, _ in _GRANT.find(s):
            award = _award_at(s, v + g)
            if award is None or v + g in done or _PASSIVE.at(s, v - 1):
                continue
            who = _recipients(s, award.end + 1) if s.key(award.end) == "cho" else None
            giver = _holder(s, _skip_back(s, v))
            if who is None or giver is None:
                continue
            done.add(v + g)
            year = self._award_year(s, award, v, who.end)
            granter = s.span(giver.start, _skip_back(s, v))
            self._award_fact(s, "award.granted", award, who, year, granter=granter)

    def _receipt(self, s: _Sentence, v: int, n: int, verb: str, done: set[int]) -> None:
        j = v + n
        granter = None
        if verb == "được đề nghị" or not _award_at(s, j):
            end = _granter_end(s, j)
            if end is None or not _GRANT.at(s, end):
                return
            granter, j = s.span(j, end), end + _GRANT.at(s, end)
        award = _award_at(s, j)
        if award is None or j in done:
            return
        holder = _subject(s, v)
        if holder is None or holder.person or _HONORIFICS.at(s, holder.start - 1):
            return
        done.add(j)
        rule = "award.received"
        if "suy tôn" in verb or "bình chọn" in verb:
            rule = "award.honoured"
        elif "đề nghị" in verb:
            rule = "award.proposed"
        stop = _clause_end(s, award.end)
        year = self._award_year(s, award, holder.start, stop)
        who = _Recipients((holder.unit,), None, award.end)
        self._award_fact(s, rule, award, who, year, granter=granter or award.granter,
                         subject=self._reason(s, award.end, stop))  # fmt: skip

    @staticmethod
    def _reason(s: _Sentence, j: int, stop: int) -> str | None:
        """What an award is for: "thành tích …" after "vì"/"có"/"do"."""
        for k in range(j, min(stop, j + 12)):
            if (
                s.key(k) == "thanh"
                and s.key(k + 1) == "tich"
                and (_REASON.at(s, k - 1) or _REASON.at(s, k - 2) == 2)
            ):
                return s.span(k, stop).rstrip(" .;")
            if s.key(k) == "vi" and _REASON.at(s, k):
                return s.span(k + 1, stop).rstrip(" .;") or None
        return None

    # -- blocs --

    def _members(self, s: _Sentence) -> None:
        """Members and size of a bloc: "Khối … gồm 7 đơn vị: A, …", "Khối … hiện có 10 đơn vị
        thành viên, gồm: A, …", "08 cơ quan, đơn vị thành viên Khối thi đua số 6 là A (Trưởng
        khối năm 2022), …", "Trong số 09 đơn vị thuộc Khối"."""
        for bloc, end in self._bloc_subjects(s):
            k = end + _skip_forward(s, end)
            k += _NOW.at(s, k)
            verb = _INCLUDE.at(s, k) or (s.key(k) == "co" and "," not in s.span(end, k))
            if not verb:
                continue
            k += verb
            count = _count_at(s, k)
            if count is None and s.key(k - 1) == "co":
                continue
            if count is not None:
                k = count[1] + (s.key(count[1]) == ",")
                k += _INCLUDE.at(s, k)
            self._member_list(s, bloc, k, count[0] if count else None)
            return
        for c, tok in enumerate(s.toks):
            count = _count_at(s, c) if tok.text.isdigit() else None
            if count is None or s.key(c - 1) in ("/", "cho"):
                continue
            value, end, members = count
            among = s.key(c - 2) in ("trong", "tong") and s.key(c - 1) == "so"
            k = end + (1 if s.key(end) in ("cua", "trong", "thuoc") else 0)
            if not (members or among) or s.key(k) not in ("khoi", "cum"):
                continue
            named = self._bloc_named_at(s, k)
            if named is None:
                continue
            bloc, after = named
            if members and (_INCLUDE.at(s, after) or s.key(after) in ("la", ":")):
                self._member_list(s, bloc, after + max(1, _INCLUDE.at(s, after)), value)
            else:
                self._bloc_fact(s, "bloc.count", bloc, (), value)
            return

    def _bloc_subjects(self, s: _Sentence) -> list[tuple[str | None, int]]:
        """(bloc, end) of each bloc the sentence names, a bare "Khối" being the document's."""
        found: list[tuple[str | None, int]] = []
        for k, tok in enumerate(s.toks):
            # A bare "Khối" is a subject only at the start of a clause.
            bare = _bloc_at(s, k) is None and k > 0 and not _is_boundary(s, k - 1)
            if tok.key in ("khoi", "cum") and not _ROLES.at(s, k) and not bare:
                named = self._bloc_named_at(s, k)
                if named is not None:
                    found.append(named)
        return found

    def _bloc_named_at(self, s: _Sentence, k: int) -> tuple[str | None, int] | None:
        """(bloc, end) for a bloc named at token k; a bare "Khối [thi đua]" is the document's."""
        found = _bloc_at(s, k)
        if found:
            return self.blocs.canonical(found[0]), found[1]
        if _bloc_kind(self.context.bloc) not in (None, s.key(k)):
            return None
        return self.context.bloc, k + (3 if s.key(k + 1) == "thi" and s.key(k + 2) == "dua" else 1)

    def _member_list(self, s: _Sentence, bloc: str | None, j: int, count: int | None) -> None:
        written = _count_at(s, j)
        if written is not None:
            count, j, _ = written
        elif s.key(j) == "cac" and _MEMBER_NOUNS.at(s, j + 1):
            j += 1
            while _MEMBER_NOUNS.at(s, j) or s.key(j) == ",":
                j += _MEMBER_NOUNS.at(s, j) or 1
        if s.key(j) in (":", "la"):
            j += 1
        names, _, clean = _unit_list(s, j)
        if not clean or len(names) < 2 or (count is not None and len(names) != count):
            names = []
        if names or count:
            rule = "bloc.members" if names else "bloc.count"
            self._bloc_fact(s, rule, bloc, tuple(names), count or len(names))

    def _bloc_fact(
        self, s: _Sentence, rule: str, bloc: str | None, units: tuple[str, ...], count: int | None
    ) -> None:
        self._fact(s, FactKind.BLOC, rule, bloc=bloc, units=units, count=count,
                   year=self.period.current)  # fmt: skip

    def _bloc_names(self) -> None:
        aliases = self.blocs.aliases()
        if not aliases:
            return
        index = self.blocs.link_sentence
        if index is None:
            index = min(self.blocs.first_seen.get(a, 0) for a in aliases)
        self._fact(self.sentences[index], FactKind.BLOC, "bloc.names", subject=" | ".join(aliases))

    # -- meetings --

    def _meetings(self, s: _Sentence) -> None:
        """ "Chiều ngày 04/01/2023, tại X, Khối … đã tổ chức hội nghị tổng kết … năm 2022"."""
        toks = s.toks
        v = next((k for k, _, _ in _ORGANISE.find(s)), None)
        if v is None or any(_FUTURE.at(s, k) for k in range(max(0, v - 3), v)):
            return
        kinds: list[tuple[str, int]] = []
        first = 0 if _PASSIVE.at(s, _skip_back(s, v) - 1) else v
        for k in range(first, len(toks)):
            if toks[k].text == ";":
                break
            n, phrase = _KINDS.match(toks, k)
            if n and _MEETING_KINDS[phrase] not in [kind for kind, _ in kinds]:
                kinds.append((_MEETING_KINDS[phrase], k + n))
        if len(kinds) > 1:
            kinds = [(kind, at) for kind, at in kinds if kind != "họp"]
        if not kinds:
            return
        date = _meeting_date(s)
        place = _place(s)
        if date is None and place is None:
            return
        hi = _skip_back(s, v)
        lo = _piece_start(s, hi)
        found = _holder(s, lo - 1) if _ROLES.at(s, lo) and lo >= 2 else _holder(s, hi)
        host = found.unit if found and (found.start == lo or _ROLES.at(s, lo)) else None
        named = next((self.blocs.canonical(n) for n, a, _ in self.blocs.mentions[s.index]
                      if lo <= a < hi), self.context.bloc)  # fmt: skip
        for kind, at in kinds:
            period, year = self._meeting_period(s, kind, at, date)
            self._fact(
                s,
                FactKind.MEETING,
                "meeting.held",
                bloc=named,
                meeting=kind,
                year=year,
                period=period,
                date=self._date_text(date, kind, year),
                place=place,
                unit=host,
            )

    def _meeting_period(
        self, s: _Sentence, kind: str, j: int, date: DateMatch | None
    ) -> tuple[str | None, int | None]:
        """(period as written, year) a meeting is about: "6 tháng đầu năm 2022", "năm 2022"."""
        toks = s.toks
        for k in range(j, min(len(toks), j + 20)):
            if _KINDS.at(s, k) and k > j:
                break
            if not _is_year(toks[k]):
                continue
            start = k - 1 if s.key(k - 1) == "nam" else k
            if s.key(start - 1) in ("dau", "cuoi") and s.key(start - 2) == "thang":
                start -= 3
            year = int(toks[k].text)
            if kind == "tổng kết" and date and date.year == year and date.month <= 6:
                if self.period.summary != year - 1:
                    return None, None
                return f"năm {year - 1}", year - 1
            return s.span(start, k + 1), year
        defaults = {
            "tổng kết": self.period.summary,
            "sơ kết": self.period.midyear,
            "ký kết giao ước": self.period.opening,
            "triển khai": self.period.opening,
        }
        return None, defaults.get(kind, self.period.current)  # fmt: skip

    def _date_text(self, date: DateMatch | None, kind: str | None, year: int | None) -> str | None:
        """ISO date when its year is written or known from the document, else "d/m"."""
        if date is None:
            return None
        full = date.to_date()
        if full is None:
            known = self.context.date
            if known and (known.day, known.month) == (date.day, date.month):
                full = known
            elif year is not None:
                after_summary = kind == "tổng kết" and date.month <= 6
                full = _safe_date(year + after_summary, date.month, date.day)
        return full.isoformat() if full else f"{date.day}/{date.month}"

    def _main_meeting(self) -> Fact | None:
        return next((f for f, _ in self.found if f.rule == "meeting.held"), None)

    def _chairs(self, s: _Sentence) -> None:
        """Who chaired, directed or concluded: "Tới dự và chỉ đạo Hội nghị có đồng chí X, …",
        "Kết luận Hội nghị, đồng chí X, …", "(Ông X, Phó Giám đốc Sở Nội vụ chủ trì hội nghị)"."""
        toks = s.toks
        for c, n, cue in _CHAIR_CUES.find(s):
            label = _CHAIR_LABELS[cue]
            j = c + n
            j += _MEETING_WORDS.at(s, j)
            if s.key(j) == "tai":
                j += 1 + _MEETING_WORDS.at(s, j + 1)
            chairs: list[tuple[str, str]] = []
            if s.key(j) in ("co", ","):
                chairs = _chair_list(s, j + 1)
            elif (
                c > 0
                and (found := _chair_before(s, c))
                and (j >= len(toks) or toks[j].text in ").;" or _MEETING_WORDS.at(s, c + n))
            ):
                chairs = [found]
            for text, person in chairs:
                self._chair_fact(s, text, person, label)
            if chairs:
                return

    def _chair_fact(self, s: _Sentence, text: str, person: str, label: str) -> None:
        main = self._main_meeting()
        self._fact(
            s,
            FactKind.MEETING,
            "meeting.chair",
            meeting=main.meeting if main else self.period.kind,
            year=main.year if main else self.period.current,
            date=main.date if main else None,
            chair=text,
            person=person,
            subject=label,
        )

    # -- documents --

    def _documents(self, s: _Sentence) -> None:
        """ "Quyết định số 354/QĐ-UBND ngày 12/3/2018 của Ủy ban nhân dân tỉnh về việc …"."""
        refs = list(_DOC_REF.finditer(s.folded))
        for index, ref in enumerate(refs):
            limit = refs[index + 1].start() if index + 1 < len(refs) else len(s.folded)
            j = ref.end()
            date = year = None
            if found := _REF_DATE.match(s.folded, j):
                day, month, year_text = (g for g in found.groups() if g is not None)
                date = _safe_date(int(year_text), int(month), int(day))
                j = found.end()
            elif found := _REF_YEAR.match(s.folded, j):
                year, j = int(found.group(1)), found.end()
            number = s.text[ref.start(2) : ref.end(2)]
            if (
                date is None
                and year is None
                and (in_number := re.search(r"/((?:19|20)\d\d)/", number))
            ):
                year = int(in_number.group(1))
            issuer = None
            if found := _REF_ISSUER.match(s.folded, j):
                start = _token_at(s, found.end())
                end = None
                if start is not None:
                    bloc = _bloc_at(s, start)
                    end = bloc[1] if bloc else _granter_end(s, start)
                if start is not None and end is not None:
                    issuer, j = s.span(start, end), s.toks[end - 1].end
            self._fact(
                s,
                FactKind.DOCUMENT,
                "document.cited",
                number=number,
                doc_type=_DOC_TYPES[ref.group(1)],
                date=date.isoformat() if date else None,
                year=date.year if date else year,
                unit=issuer,
                subject=_doc_subject(s, j, limit),
            )

    def _header(self) -> None:
        """A document's own number and date: "Số: 1479/HD-BTĐKT" … "Hà Nội, ngày 25 tháng 07
        năm 2016", with its type line ("HƯỚNG DẪN") and issuer lines above."""
        head = self.sentences[:_HEADER_SENTENCES]
        for index, s in enumerate(head):
            found = _OWN_NUMBER.match(s.folded)
            if not found:
                continue
            number = s.text[found.start(1) : found.end(1)]
            date = None
            for line in head[index + 1 : index + 4]:
                if signed := _SIGNED.match(line.folded):
                    date = _safe_date(int(signed.group(3)), int(signed.group(2)),
                                      int(signed.group(1)))  # fmt: skip
                    break
            doc_type, subject = _type_line(head[index + 1 :])
            if doc_type is None:
                code = re.search(r"/(?:\d{4}/)?([a-z]+)", found.group(1))
                doc_type = _SYMBOL_TYPES.get(code.group(1)) if code else None
            issuer = next(
                (line.text for line in reversed(head[max(0, index - 4) : index])
                 if line.text.isupper() and not _NATIONAL.match(line.folded)),
                None,
            )  # fmt: skip
            self._fact(
                s,
                FactKind.DOCUMENT,
                "document.header",
                bloc=None,
                number=number,
                doc_type=doc_type,
                date=date.isoformat() if date else None,
                year=date.year if date else None,
                unit=issuer,
                subject=subject,
            )
            return

    # -- deadlines --

    def _deadlines(self, s: _Sentence, lead: _Lead | None) -> _Lead | None:
        """ "gửi hồ sơ về X trước ngày 20 tháng 12 hằng năm", "chậm nhất ngày 15/3 năm sau";
        returns what a lead sentence ending in ":" says for the bullets under it."""
        bullet = s.text[:1] in "-+•*" or bool(re.match(r"^[a-zđ]\)", s.folded))
        if lead is not None and not bullet:
            lead = None
        found = _DEADLINE.search(s.folded)
        recipient = _recipient(s, found.start() if found else len(s.folded))
        if found is None:
            if s.folded.rstrip().endswith(":") and recipient is not None:
                send = _SEND.search(s.folded)
                thing = s.text[: send.start()].strip(" -+•") if send else ""
                return _Lead(recipient[0], thing)
            return lead
        send = _SEND.search(s.folded)
        if send is None or s.folded[: send.start()].endswith("da "):
            return lead
        day, month, year_text = _deadline_date(found)
        date = _safe_date(year_text, month, day) if year_text else None
        after = s.folded[found.end() : found.end() + 24]
        recurring = bool(_YEARLY_AFTER.match(after) or _YEARLY.search(s.folded))
        if found.start() <= 3:
            subject = s.text[found.end() :]
        else:
            clause = _clause_start(s, found.start())
            end = recipient[1] if recipient else found.start()
            subject = s.text[clause:end]
            subject = re.sub(r"^\s*(?:đồng thời|Đồng thời)\s*", "", subject)
        subject = re.sub(r"^[\s\-+•*]*(?:đối với|Đối với|ĐỐI VỚI)?\s*", "", subject)
        subject = re.sub(r"\s+(?:gửi|nộp|gửi về|GỬI|NỘP|gui|nop)$", "", subject.strip(" ,;:."))
        if lead is not None and lead.thing and fold(subject).endswith("ho so"):
            rest = lead.thing
            if fold(rest).startswith("ho so"):
                rest = rest[len("hồ sơ") :].strip()
            subject = f"{subject} {rest}".strip()
        if not subject:
            return lead
        self._fact(
            s,
            FactKind.DEADLINE,
            "deadline.send",
            date=date.isoformat() if date else f"{day}/{month}",
            year=year_text,
            recurring=recurring,
            recipient=recipient[0] if recipient else (lead.recipient if lead else None),
            subject=subject,
        )
        return lead

    # -- finishing --

    def _finish(self) -> list[Fact]:
        kept = _resolve_roles(self.found)
        facts: list[Fact] = []
        seen: set[tuple[Any, ...]] = set()
        for fact in kept:
            fact = self._with_province(fact)
            key = tuple(sorted((k, str(v)) for k, v in fact.to_dict().items()
                               if k not in ("evidence", "rule")))  # fmt: skip
            if key not in seen:
                seen.add(key)
                facts.append(fact)
        return facts

    def _with_province(self, fact: Fact) -> Fact:
        """The document's province, unless the fact's names point to another one."""
        named = " ; ".join(n for n in (fact.unit, *fact.units, fact.place) if n)
        mentioned = _provinces(named) if named else []
        province = self.context.province
        if mentioned and province not in mentioned:
            province = mentioned[0]
        return fact if province == fact.province else replace(fact, province=province)


# --- finishing --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _provinces(text: str) -> list[str]:
    return province_mentions(text)


@functools.lru_cache(maxsize=4096)
def _unit_words(name: str) -> frozenset[str]:
    generic = {"tinh", "thanh", "pho", "chi", "nhanh", "viet", "nam", "don", "vi", "cua"}
    return frozenset(w for w in re.findall(r"\w+", fold(expand_abbreviations(name)))
                     if w not in generic)  # fmt: skip


def _same_unit(a: str, b: str) -> bool:
    """Whether two names are one organisation ("Cục QLTT", "Cục Quản lý thị trường Tây Ninh")."""
    words_a, words_b = _unit_words(a), _unit_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _resolve_roles(found: list[tuple[Fact, int]]) -> list[Fact]:
    """Drop role facts that contradict each other: for one bloc, year and role, names of other
    units (or one unit both leader and deputy) keep only the facts with the year written, and
    none when those disagree too."""
    slots: dict[tuple[Any, ...], list[tuple[Fact, int]]] = {}
    for fact, tier in found:
        if fact.kind is FactKind.ROLE:
            slots.setdefault((fact.bloc, fact.year), []).append((fact, tier))
    dropped: set[int] = set()
    for entries in slots.values():
        for a, tier_a in entries:
            for b, tier_b in entries:
                same = _same_unit(a.unit or "", b.unit or "")
                if (a.role is b.role) != same:
                    if tier_a < tier_b:
                        dropped.add(id(a))
                    elif tier_a == tier_b:
                        dropped.update((id(a), id(b)))
    return [fact for fact, _ in found if id(fact) not in dropped]
