"""Tokens and phrase tables: text with marks is compared with its marks, text without is folded."""

from __future__ import annotations

import unicodedata

import pytest

from bot.vi.normalize import normalize
from bot.vi.tokens import Phrases, Sentence

OFFICES = Phrases(("sở", "sở nội vụ", "ban", "ban quản lý", "số"))


def matches(table: Phrases, text: str) -> list[str]:
    """The phrases found in a text, as listed."""
    return [phrase for _, _, phrase in table.find(Sentence(text))]


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
