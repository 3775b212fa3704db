"""Legacy Vietnamese encodings: text typed with TCVN3 (ABC) or VNI fonts, read as Unicode.

Before Unicode, Vietnamese was typed with 8-bit fonts that draw Vietnamese letters in place of
Latin-1 characters. TCVN3 (fonts .VnTime, .VnArial) gives each letter one code, mostly symbols
("®" for đ, "¸" for á: "Quy ®Þnh"); VNI (fonts VNI-Times) writes a base letter followed by a
mark ("a" + "ù" for á, "ñ" for đ: "Quy ñònh"). Such a document decodes without error, as
cp1252 or as UTF-8 of those characters, but reads as garbage; the characters give it away.
"""

from __future__ import annotations

import re
import unicodedata

# Below this many words a verdict is a guess.
_MIN_WORDS = 20
# Share of the words that must carry the encoding's traces.
_MIN_SHARE = 0.2
# The traces must also outnumber the words with real Vietnamese letters by this factor, so that
# a Unicode document quoting an old passage is not refused.
_DOMINANCE = 2

# Letters that exist only in Vietnamese Unicode text, never in Latin-1: ă đ ơ ư ĩ ũ and the
# toned vowels of the Latin Extended Additional block (NFC).
_VIETNAMESE_LETTER = re.compile(r"[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")

# TCVN3: Latin-1 symbols standing for letters (¨ ă, © â, ® đ, ¸ á, µ à, ­ ư, × ì, ÷ ữ...), or
# a Latin-1 capital right after a small letter ("tØnh" tỉnh, "®Þnh" định, "nhÊt" nhất).
_TCVN3_TRACE = re.compile(r"[¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾×÷]|[a-z][À-ÖØ-Þ]")

# VNI: a vowel followed by the mark of a vowel quality or a tone, in pairs that no Unicode
# Vietnamese word contains ("aâ" â, "aê" ă, "aù" á, "oä" ộ, "öø" ừ), or "ñ" (đ) starting a
# word. Pairs such as "uâ" (xuân), "oá" (khoá) or "iù" (giùm) are real Vietnamese and left out.
_VNI_TRACE = re.compile(
    r"(?i:[aeo]â|aê|[ae][áàåãä]|o[åä]|a[éèúüë]|[aeiouyôö][øïû]|[aeouyôö][ùõ]|\bñ)"
)

TCVN3 = "TCVN3"
VNI = "VNI"


def legacy_encoding(text: str) -> str | None:
    """ "TCVN3" or "VNI" when text is Vietnamese typed in that legacy encoding, else None.

    Needs at least 20 words; Unicode Vietnamese (NFC or NFD), text without diacritics and
    other languages give None.
    """
    words = [word for word in unicodedata.normalize("NFC", text).split() if _has_letter(word)]
    if len(words) < _MIN_WORDS:
        return None
    vietnamese = sum(1 for word in words if _VIETNAMESE_LETTER.search(word))
    traces = {
        TCVN3: sum(1 for word in words if _TCVN3_TRACE.search(word)),
        VNI: sum(1 for word in words if _VNI_TRACE.search(word)),
    }
    encoding, count = max(traces.items(), key=lambda item: item[1])
    if count >= _MIN_SHARE * len(words) and count > _DOMINANCE * vietnamese:
        return encoding
    return None


def _has_letter(word: str) -> bool:
    """Whether word holds at least one letter (numbers and punctuation are not words)."""
    return any(char.isalpha() for char in word)
