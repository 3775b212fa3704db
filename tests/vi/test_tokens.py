"""Tokens and phrase tables: a token is compared with its marks or folded, as its builder says."""

from __future__ import annotations

import unicodedata

import pytest

from bot.vi.normalize import normalize
from bot.vi.tokens import Phrases, PhraseTable, Sentence, Token

OFFICES = Phrases(("sở", "sở nội vụ", "ban", "ban quản lý", "số"))


ROLES = PhraseTable({"khối trưởng": "leader", "khối phó": "deputy", "khối": "bloc"})


def matches(table: Phrases, text: str) -> list[str]:
    """The phrases found in a text, as listed."""
    return [phrase for _, _, phrase in table.find(Sentence(text))]


def typed(text: str, *, exact: bool) -> list[Token]:
    """Tokens of a text, each compared with its marks or not, as a question's builder decides."""
    folded = Sentence(text).tokens
    return [Token(t.text, t.lower, t.key, t.start, t.end, exact) for t in folded]


def test_nfd_and_nfc_input_read_the_same() -> None:
    nfc = "Sở Nội vụ tỉnh Hoà Bình"
    nfd = unicodedata.normalize("NFD", nfc)
    assert [t.key for t in Sentence(normalize(nfd)).tokens] == [
        t.key for t in Sentence(normalize(nfc)).tokens
    ]
    # A table normalises its own phrases, whatever form they are written in.
    table = Phrases((unicodedata.normalize("NFD", "sở nội vụ"), "hoà bình"))
    assert [n for _, n, _ in table.find(Sentence(normalize(nfd)))] == [3, 2]


@pytest.mark.parametrize("text", ["so noi vu tinh", "SO NOI VU TINH", "Sở Nội Vụ tỉnh"])
def test_text_without_marks_or_in_capitals_is_matched(text: str) -> None:
    assert matches(OFFICES, text)[0] == "sở nội vụ"


def test_text_with_marks_is_compared_with_its_marks() -> None:
    # "số" (number) is not "sở" (department) when the text has marks to tell them apart.
    assert matches(OFFICES, "số 12") == ["số"]
    assert matches(OFFICES, "Sở Y tế") == ["sở"]
    # Without marks, "so" may be either: the first listed of the longest wins.
    assert matches(OFFICES, "so 12") == ["sở"]


def test_longest_phrase_wins() -> None:
    sentence = Sentence("Ban Quản lý các khu công nghiệp")
    assert OFFICES.match(sentence.tokens, 0) == (3, "ban quản lý")
    assert OFFICES.at(sentence, 1) == 0


def test_sentence_offsets_hold_on_the_folded_text() -> None:
    sentence = Sentence("Khối thi đua số 6, tỉnh Đồng Tháp", 4)
    assert sentence.index == 4
    assert sentence.folded == "khoi thi dua so 6, tinh dong thap"
    assert [t.key for t in sentence.tokens[:3]] == ["khoi", "thi", "dua"]
    assert sentence.span(0, 5) == "Khối thi đua số 6"
    assert sentence.key(99) == ""
    assert sentence.token_at(sentence.text.index(",") + 1) == 6
    assert sentence.capital(0)
    assert not sentence.capital(1)
    # Without case, any word may start a name.
    assert Sentence("KHỐI THI ĐUA").capital(1)


def test_a_sentence_compares_the_tokens_with_marks_exactly() -> None:
    # Typed without marks: only a word that carries some is compared with them.
    tokens = Sentence("so noi vu, Đảng").tokens
    assert [t.exact for t in tokens] == [False, False, False, False, True]
    # Typed with marks: a word without any is written so ("du lịch" is no "dự").
    tokens = Sentence("Khu du lịch hồ Tuyền Lâm").tokens
    assert all(t.exact for t in tokens)


def test_the_token_decides_how_it_is_compared() -> None:
    # Compared with its marks, "so" is no "sở"; folded, it is.
    assert OFFICES.match(typed("so noi vu", exact=True), 0) is None
    assert OFFICES.match(typed("so noi vu", exact=False), 0) == (3, "sở nội vụ")
    assert OFFICES.match(typed("sở nội vụ", exact=True), 0) == (3, "sở nội vụ")


def test_phrases_carry_values() -> None:
    tokens = Sentence("Khối phó năm 2023").tokens
    assert ROLES.match(tokens, 0) == (2, "deputy")
    assert ROLES.match(tokens, 2) is None
    assert ROLES.match(tokens, 9) is None


def test_ending_finds_the_longest_phrase_before_an_index() -> None:
    tokens = Sentence("Đơn vị nào làm khối trưởng khối").tokens
    assert ROLES.ending(tokens, 6) == (2, "leader")
    assert ROLES.ending(tokens, 7) == (1, "bloc")
    assert ROLES.ending(tokens, 5) == (1, "bloc")
    assert ROLES.ending(tokens, 4) is None
    assert ROLES.ending(tokens, 0) is None


def test_scan_does_not_overlap_and_find_does() -> None:
    table = Phrases(("ban quản lý", "quản lý", "lý"))
    sentence = Sentence("Ban quản lý dự án, quản lý")
    assert table.scan(sentence.tokens) == [(0, 3, "ban quản lý"), (6, 8, "quản lý")]
    assert list(table.find(sentence)) == [
        (0, 3, "ban quản lý"),
        (1, 2, "quản lý"),
        (2, 1, "lý"),
        (6, 2, "quản lý"),
        (7, 1, "lý"),
    ]


def test_words_that_need_marks_match_alone_only_with_them() -> None:
    strict = Phrases(("số", "số lượng"), needs_marks={"số"})
    assert strict.match(typed("so 12", exact=False), 0) is None
    assert strict.match(typed("số 12", exact=True), 0) == (1, "số")
    # In a longer phrase, or in a table without the option, the word may lose its marks.
    assert strict.match(typed("so luong", exact=False), 0) == (2, "số lượng")
    assert Phrases(("số",)).match(typed("so 12", exact=False), 0) == (1, "số")
