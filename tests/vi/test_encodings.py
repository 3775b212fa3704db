"""Legacy encodings: Vietnamese typed with TCVN3 or VNI fonts is recognised, nothing else is."""

from __future__ import annotations

import unicodedata

import pytest

from bot.vi.encodings import legacy_encoding

# TCVN3 codes of the small letters, read as Latin-1. TCVN3 has no toned capitals: they were
# typed with the small codes in a capitals font (.VnTimeH), so capitals fall back to them.
_TCVN3 = dict(
    zip(
        "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵăâđêôơưĂÂĐÊÔƠƯ",
        "µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ¨©®ª«¬\xad¡¢§£¤¥¦",
        strict=True,
    )
)

# VNI writes a base letter, then a mark: vowel quality, tone, or both in one character.
_VNI_TONES = {"\u0301": "ùÙ", "\u0300": "øØ", "\u0309": "ûÛ", "\u0303": "õÕ", "\u0323": "ïÏ"}
_VNI_CIRCUMFLEX_TONES = {"": "âÂ", "\u0301": "áÁ", "\u0300": "àÀ", "\u0309": "åÅ"} | {
    "\u0303": "ãÃ",
    "\u0323": "äÄ",
}
_VNI_BREVE_TONES = {"": "êÊ", "\u0301": "éÉ", "\u0300": "èÈ", "\u0309": "úÚ"} | {
    "\u0303": "üÜ",
    "\u0323": "ëË",
}
# i and the dotted ỵ have one character each; ơ ư đ are letters of their own.
_VNI_SINGLE = dict(zip("íìỉĩịỵơưđ", "íìæóòîôöñ", strict=True))


def tcvn3(text: str) -> str:
    """text as a TCVN3 document reads when its bytes are taken for Latin-1."""
    return "".join(
        _TCVN3.get(c, _TCVN3.get(c.lower(), c)) for c in unicodedata.normalize("NFC", text)
    )


def vni(text: str) -> str:
    """text as a VNI document reads when its bytes are taken for Latin-1."""
    return "".join(_vni_letter(c) for c in unicodedata.normalize("NFC", text))


def _vni_letter(char: str) -> str:
    upper = char.isupper()
    single = _VNI_SINGLE.get(char.lower())
    if single is not None:
        return single.upper() if upper else single
    base, *marks = unicodedata.normalize("NFD", char)
    if not marks or base.lower() not in "aeiouy":
        return char
    tone = next((m for m in marks if m in _VNI_TONES), "")
    if "\u0302" in marks:
        mark = _VNI_CIRCUMFLEX_TONES[tone]
    elif "\u0306" in marks:
        mark = _VNI_BREVE_TONES[tone]
    elif "\u031b" in marks:  # ơ ư with a tone: their VNI letter, then the tone
        return vni(unicodedata.normalize("NFC", base + "\u031b")) + _VNI_TONES[tone][upper]
    else:
        mark = _VNI_TONES[tone]
    return base + mark[upper]


# Sentences of the trade, in several wordings, each long enough for a verdict.
SENTENCES = [
    "Ủy ban nhân dân tỉnh ban hành Quy định về công tác thi đua, khen thưởng năm 2023; "
    "các đơn vị trong Khối thi đua số 6 đăng ký giao ước thi đua trước ngày 31 tháng 3.",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022, Giám đốc Sở Nội vụ đề nghị "
    "tặng Bằng khen cho tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua.",
    "Hội nghị tổng kết Cụm thi đua được tổ chức tại hội trường Cục Thống kê; đồng chí Cục "
    "trưởng làm Cụm trưởng, Bảo hiểm xã hội tỉnh làm Cụm phó năm tiếp theo.",
    "ĐIỀU 5. TRÁCH NHIỆM CỦA KHỐI TRƯỞNG: chủ trì xây dựng kế hoạch, hướng dẫn chấm điểm, "
    "tổng hợp kết quả và đề xuất khen thưởng gửi Ban Thi đua - Khen thưởng tỉnh.",
]
ENGLISH = (
    "The provincial emulation council met on Tuesday to review the annual awards. Each unit "
    "in the bloc submitted its report, and the chair proposed certificates of merit for the "
    "teams with outstanding results in the movement."
)
FRENCH = (
    "Le conseil a décidé, après un débat naïf mais sûr, de récompenser les équipes qui ont "
    "fait preuve d'un goût certain pour le travail bien fait ; l'aéroport et la forêt seront "
    "rénovés à Noël, août ou même déjà en été."
)
GERMAN = (
    "Der Ausschuss für Wettbewerb und Auszeichnungen hat die Berichte aller Einheiten "
    "geprüft; die schönsten Ergebnisse werden öffentlich gewürdigt, und über die Prämien "
    "entscheidet später die Behörde des Landes im März."
)


def strip_marks(text: str) -> str:
    """text without any diacritic, đ written d."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def test_the_converters_give_the_familiar_garbage() -> None:
    assert tcvn3("Uỷ ban nhân dân tỉnh, Khối thi đua năm 2023, Quy định") == (
        "Uû ban nh©n d©n tØnh, Khèi thi ®ua n¨m 2023, Quy ®Þnh"
    )
    assert vni("Ủy ban nhân dân tỉnh, Khối thi đua năm 2023, Quy định, trường") == (
        "UÛy ban nhaân daân tænh, Khoái thi ñua naêm 2023, Quy ñònh, tröôøng"
    )


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_text_is_recognised(sentence: str) -> None:
    assert legacy_encoding(tcvn3(sentence)) == "TCVN3"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_text_is_recognised(sentence: str) -> None:
    assert legacy_encoding(vni(sentence)) == "VNI"


def test_a_whole_legacy_document_is_recognised() -> None:
    document = "\n\n".join(SENTENCES)

    assert legacy_encoding(tcvn3(document)) == "TCVN3"
    assert legacy_encoding(vni(document)) == "VNI"


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_unicode_vietnamese_is_not_legacy(sentence: str, form: str) -> None:
    assert legacy_encoding(unicodedata.normalize(form, sentence)) is None


@pytest.mark.parametrize("sentence", SENTENCES)
def test_text_without_diacritics_is_not_legacy(sentence: str) -> None:
    assert legacy_encoding(strip_marks(sentence)) is None


@pytest.mark.parametrize("text", [ENGLISH, FRENCH, GERMAN])
def test_other_languages_are_not_legacy(text: str) -> None:
    assert legacy_encoding(text) is None


def test_a_short_legacy_text_gets_no_verdict() -> None:
    assert legacy_encoding(tcvn3("Quy định về công tác thi đua, khen thưởng")) is None
    assert legacy_encoding(vni("Quy định về công tác thi đua, khen thưởng")) is None


def test_unicode_document_quoting_a_legacy_line_is_not_legacy() -> None:
    document = " ".join(SENTENCES) + " Trích dẫn: " + tcvn3(SENTENCES[0][:60])

    assert legacy_encoding(document) is None
