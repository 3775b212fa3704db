"""Gazetteer of Vietnamese provinces: the 63 before 1 July 2025, the 34 after the merger.

Names are matched on folded text (no marks, lowercase, đ → d), so "Đồng Tháp", "ĐỒNG THÁP",
"dong thap" and NFD input meet the same key. In running text a few guards keep ordinary words
and people's names out: "hòa bình" (peace), "phường Hòa Bình" (a ward), "bà Nguyễn Thị Huế".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from bot.vi.normalize import fold, has_diacritics, normalize

# Resolution 202/2025/QH15: each row is a province since 1 July 2025 followed by the provinces
# merged into it. Every new province kept one of the old names, written first.
_MERGERS: Final[tuple[tuple[str, ...], ...]] = (
    ("Hà Nội",),
    ("Huế",),
    ("Lai Châu",),
    ("Điện Biên",),
    ("Sơn La",),
    ("Lạng Sơn",),
    ("Quảng Ninh",),
    ("Thanh Hóa",),
    ("Nghệ An",),
    ("Hà Tĩnh",),
    ("Cao Bằng",),
    ("Tuyên Quang", "Hà Giang"),
    ("Lào Cai", "Yên Bái"),
    ("Thái Nguyên", "Bắc Kạn"),
    ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    ("Bắc Ninh", "Bắc Giang"),
    ("Hưng Yên", "Thái Bình"),
    ("Hải Phòng", "Hải Dương"),
    ("Ninh Bình", "Hà Nam", "Nam Định"),
    ("Quảng Trị", "Quảng Bình"),
    ("Đà Nẵng", "Quảng Nam"),
    ("Quảng Ngãi", "Kon Tum"),
    ("Gia Lai", "Bình Định"),
    ("Khánh Hòa", "Ninh Thuận"),
    ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    ("Đắk Lắk", "Phú Yên"),
    ("Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    ("Đồng Nai", "Bình Phước"),
    ("Tây Ninh", "Long An"),
    ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    ("Đồng Tháp", "Tiền Giang"),
    ("Cà Mau", "Bạc Liêu"),
    ("An Giang", "Kiên Giang"),
)

NEW_PROVINCES: Final[tuple[str, ...]] = tuple(row[0] for row in _MERGERS)
OLD_PROVINCES: Final[tuple[str, ...]] = tuple(name for row in _MERGERS for name in row)
SUCCESSOR: Final[Mapping[str, str]] = {name: row[0] for row in _MERGERS for name in row}
_MERGED_FROM: Final[Mapping[str, tuple[str, ...]]] = {row[0]: row for row in _MERGERS}

# Other spellings found in reports, newspapers and chats. Thừa Thiên Huế became the
# centrally-run city of Huế on 1 January 2025; both names denote one unit.
_VARIANTS: Final[Mapping[str, tuple[str, ...]]] = {
    "Thành phố Hồ Chí Minh": ("TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "HCM", "HCMC"),
    "Huế": ("Thừa Thiên Huế", "TT-Huế"),
    "Bà Rịa - Vũng Tàu": ("BR-VT", "BRVT", "Vũng Tàu", "Bà Rịa"),
    "Đắk Lắk": ("Đắc Lắc", "Đắk Lắc", "Daklak"),
    "Đắk Nông": ("Đắc Nông", "Daknong"),
    "Bắc Kạn": ("Bắc Cạn",),
    "Kon Tum": ("Kontum",),
}
# Names accepted when a name is asked for, never in running text: "Chủ tịch Hồ Chí Minh".
_NAME_ONLY: Final[Mapping[str, tuple[str, ...]]] = {
    "Thành phố Hồ Chí Minh": ("Hồ Chí Minh", "Sài Gòn"),
}
# Provinces whose name is also an ordinary phrase ("hòa bình" = peace, "cao bằng" = as high
# as): in accented text they must be capitalised or follow "tỉnh".
_COMMON_PHRASES: Final[frozenset[str]] = frozenset(
    {"Hòa Bình", "Thái Bình", "Cao Bằng", "Bình Định", "Hải Dương"}
)
# A name followed by this folded word is another name: "Thái Bình Dương" (the Pacific).
_NOT_FOLLOWED_BY: Final[Mapping[str, frozenset[str]]] = {"Thái Bình": frozenset({"duong"})}

# Words before a name that make it the name of something smaller, or of a person.
_PLACE_WORDS: Final[frozenset[str]] = frozenset(
    {"xã", "phường", "huyện", "quận", "trấn", "ấp", "thôn", "bản", "khóm", "đường", "phố"}
    | {"sông", "cầu", "chợ", "bến", "núi", "đèo", "hồ"}
)
_HONORIFICS: Final[frozenset[str]] = frozenset(
    {"ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cháu", "cụ", "thầy", "chí", "c"}
)
# Surnames and middle names, folded: "Nguyễn Thị Huế", "Trần Long An" are people.
_PERSON_WORDS: Final[frozenset[str]] = frozenset(
    {"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do"}
    | {"ho", "ngo", "duong", "ly", "dinh", "truong", "lam", "mai", "trinh", "luong", "ta", "ha"}
    | {"cao", "chu", "to", "trieu", "thai", "quach", "luu", "van", "thi", "huu", "duc", "ngoc"}
    | {"xuan", "quoc", "minh", "thanh", "hong", "kim", "thu", "ba", "trong", "tien", "manh"}
)
# Folded forms that are ambiguous once marks are gone ("quan" is quận and cơ quan).
_AMBIGUOUS_FOLDS: Final[frozenset[str]] = frozenset({"quan", "cho", "co", "ho", "cau", "ben"})
_PLAIN_BLOCKERS: Final[frozenset[str]] = (
    frozenset(fold(w) for w in _PLACE_WORDS | _HONORIFICS) - _AMBIGUOUS_FOLDS
)
_CITY_PREFIXES: Final[tuple[tuple[str, ...], ...]] = (("thanh", "pho"), ("tp",))

_TOKEN: Final = re.compile(r"[^\W_]+")
_JOINING_GAP: Final = re.compile(r"[^\S\n]*[-‐‑–—]?[^\S\n]*")
_URL: Final = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|edu|info)\b\S*",
    re.IGNORECASE,
)
_HOST: Final = re.compile(
    r"(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:vn|com|net|org|gov|edu|info))\b"
    r"(?::\d+)?(?:/\S*)?",
    re.IGNORECASE,
)
# Host labels shorter than this must equal a name; longer ones may carry a prefix or suffix
# ("baoninhthuan", "hanoimoi").
_MIN_AFFIXED_LABEL: Final = 5


@dataclass(frozen=True)
class _Alias:
    canonical: str
    spellings: frozenset[tuple[str, ...]]  # lowercase accented tokens of each spelling
    in_text: bool  # False for names that in running text mean something else


def _words(name: str) -> tuple[str, ...]:
    """Lowercase words of a name, marks kept."""
    return tuple(_TOKEN.findall(normalize(name).lower()))


def _build() -> tuple[dict[tuple[str, ...], _Alias], dict[str, str]]:
    """Aliases by folded words, and canonical names by joined folded words ("dongthap")."""
    by_key: dict[tuple[str, ...], _Alias] = {}
    joined: dict[str, str] = {}

    def add(canonical: str, spelling: str, in_text: bool) -> None:
        words = _words(spelling)
        key = tuple(fold(w) for w in words)
        old = by_key.get(key)
        spellings = (old.spellings if old else frozenset()) | {words}
        by_key[key] = _Alias(canonical, spellings, in_text or bool(old and old.in_text))
        joined.setdefault("".join(key), canonical)

    for name in dict.fromkeys(OLD_PROVINCES):
        add(name, name, True)
        for variant in _VARIANTS.get(name, ()):
            add(name, variant, True)
        for variant in _NAME_ONLY.get(name, ()):
            add(name, variant, False)
    return by_key, joined


_ALIASES, _JOINED = _build()
_MAX_WORDS: Final = max(len(key) for key in _ALIASES)
_FIRST_KEYS: Final = frozenset(key[0] for key in _ALIASES)


def canonical_province(name: str) -> str | None:
    """The official name ("Đồng Tháp") for any spelling of a province, else None.

    Accepts "tỉnh"/"thành phố" prefixes, no marks, any case, NFD, and the joined form used in
    web addresses ("dongthap", "tphcm").
    """
    key = tuple(fold(w) for w in _words(name))
    for prefix in (("tinh",), *_CITY_PREFIXES, ()):
        if key[: len(prefix)] == prefix and (alias := _ALIASES.get(key[len(prefix) :])):
            return alias.canonical
    return _JOINED.get("".join(key))


def related_provinces(name: str) -> set[str]:
    """The province and its merger relatives: for a new province the old ones merged into it,
    for an old one its new province. An unknown name is returned alone."""
    canonical = canonical_province(name)
    if canonical is None:
        return {name}
    related = {canonical, SUCCESSOR[canonical]}
    related.update(_MERGED_FROM.get(canonical, ()))
    return related


def province_mentions(text: str) -> list[str]:
    """Canonical names of every province mention in the text, repeats included, in order.

    Web addresses are skipped (see `provinces_in_url`). Capitalised names always count; a
    lowercase name counts when typed without marks or with its own marks, except names that
    are also ordinary phrases, which need capitals or a preceding "tỉnh"/"thành phố".
    """
    norm = _URL.sub(lambda m: " " * len(m.group()), normalize(text))
    folded = fold(norm)  # same length as norm
    spans = [m.span() for m in _TOKEN.finditer(folded)]
    words = [norm[start:end] for start, end in spans]
    keys = [folded[start:end] for start, end in spans]
    gaps = [norm[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)]
    found: list[str] = []
    i = 0
    while i < len(words):
        match = _match_at(words, keys, gaps, i) if keys[i] in _FIRST_KEYS else None
        if match:
            length, canonical = match
            found.append(canonical)
            i += length
        else:
            i += 1
    return found


def find_provinces(text: str) -> list[str]:
    """Canonical names of the provinces mentioned in the text, in order of first mention."""
    return list(dict.fromkeys(province_mentions(text)))


def provinces_in_url(text: str) -> list[str]:
    """Provinces named by the hosts of web addresses in the text, in order.

    "snv.kiengiang.gov.vn" → Kiên Giang, "baoninhthuan.com.vn" → Ninh Thuận; paths are ignored.
    """
    found: list[str] = []
    for match in _HOST.finditer(text):
        for label in match.group(1).lower().split("."):
            parts = [label.replace("-", ""), *label.split("-")] if "-" in label else [label]
            for part in parts:
                if province := _province_of_label(part):
                    found.append(province)
                    break
    return list(dict.fromkeys(found))


def _province_of_label(label: str) -> str | None:
    """The province a host label names, preferring the longest name it contains."""
    best = ""
    for name in _JOINED:
        if len(name) > len(best) and (
            label == name
            or (
                len(name) >= _MIN_AFFIXED_LABEL
                and (label.endswith(name) or label.startswith(name))
            )
        ):
            best = name
    return _JOINED[best] if best else None


def _match_at(
    words: list[str], keys: list[str], gaps: list[str], i: int
) -> tuple[int, str] | None:
    """(length in words, canonical name) of the accepted province name at word i, or None."""
    for length in range(min(_MAX_WORDS, len(words) - i), 0, -1):
        alias = _ALIASES.get(tuple(keys[i : i + length]))
        if (
            alias
            and alias.in_text
            and all(_joins(words, gaps, j) for j in range(i, i + length - 1))
            and _accepted(alias, words, gaps, i, length)
        ):
            return length, alias.canonical
    return None


def _joins(words: list[str], gaps: list[str], j: int) -> bool:
    """Whether the gap after word j may sit inside a name: spaces, a dash, or the dot of "TP."."""
    if _JOINING_GAP.fullmatch(gaps[j]):
        return True
    return fold(words[j]) == "tp" and re.fullmatch(r"\.[^\S\n]*", gaps[j]) is not None


def _accepted(alias: _Alias, words: list[str], gaps: list[str], i: int, length: int) -> bool:
    """Whether words[i:i+length] names this province here, not an ordinary phrase or a person."""
    end = i + length
    if (
        end < len(words)
        and not gaps[end - 1].strip()
        and fold(words[end]) in _NOT_FOLLOWED_BY.get(alias.canonical, frozenset())
    ):
        return False
    context = _context(words, gaps, i)
    if context is not None:
        return context
    key = tuple(fold(w) for w in words[i:end])
    name = words[i:end]
    for prefix in _CITY_PREFIXES:
        if key[: len(prefix)] == prefix and len(key) > len(prefix):
            name = name[len(prefix) :]
            break
    if all(w[:1].isupper() or w[:1].isdigit() for w in name) or not has_diacritics(" ".join(name)):
        return True
    return (
        tuple(w.lower() for w in words[i:end]) in alias.spellings
        and alias.canonical not in _COMMON_PHRASES
    )


def _context(words: list[str], gaps: list[str], i: int) -> bool | None:
    """What the word before a name says: True after "tỉnh"/"thành phố", False after a place word
    ("phường"), a form of address ("bà") or a person's surname, None when it says nothing."""
    before = _word_before(words, gaps, i)
    if before is None:
        return None
    folded = fold(before)
    if folded == "tinh" or (folded == "pho" and _word_before_is(words, gaps, i - 1, "thanh")):
        return True
    low = before.lower()
    if low in _PLACE_WORDS or low in _HONORIFICS:
        return False
    if not has_diacritics(before) and folded in _PLAIN_BLOCKERS:
        return False
    if before[:1].isupper() and folded in _PERSON_WORDS:
        return False
    return None


def _word_before(words: list[str], gaps: list[str], i: int) -> str | None:
    """The word before word i when only spaces separate them (same phrase)."""
    if i == 0 or gaps[i - 1].strip(" \t\u00a0") != "":
        return None
    return words[i - 1]


def _word_before_is(words: list[str], gaps: list[str], i: int, folded: str) -> bool:
    before = _word_before(words, gaps, i)
    return before is not None and fold(before) == folded
