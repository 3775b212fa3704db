"""Sentences of a text: hard line breaks of PDF/DOCX exports joined, then split at sentence ends
that are not abbreviations ("TP.", "Đ/c.") or numbers ("10.500")."""

from __future__ import annotations

import re

# A line that ends a sentence or a heading; anything else followed by a lowercase start is a
# hard line break inside a sentence (PDF/DOCX exports) and is joined.
_LINE_END = re.compile(r"[.!?…:;\"”)\]]\s*$")
# Sentence-end candidates: terminal punctuation and spaces, or a period glued to the next word
# ("thuộc Khối.Khối thi đua ..."); `_is_sentence_start` confirms them.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”]?\s+|(?<=\w\w\.)(?=\w\w)")
_ABBREVIATION_END = re.compile(r"(?:\b(?:TP|Đ/c|đ/c|Th\.S|TS|ThS|PGS|GS|St|Tp|Ô|B)\.)$")


# A line this long that stops without punctuation was wrapped by the exporter, not ended.
_WRAPPED_LINE = 60


def _is_continuation(line: str) -> bool:
    return line[0].islower() or line[0].isdigit() or line[0] in '(“"'


def _is_sentence_start(text: str, glued: bool) -> bool:
    """Whether a sentence may start here: an uppercase letter (glued: then a lowercase one)."""
    start = text.lstrip('"“(-–•')
    if not start:
        return False
    if glued:
        return len(start) > 1 and start[0].isupper() and start[1].islower()
    return start[0].isupper() or start[0].isdigit()


def unwrap_lines(text: str) -> str:
    """Join hard line breaks inside sentences; keep paragraph breaks (blank lines)."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        merged: list[str] = []
        for line in lines:
            if (
                merged
                and not _LINE_END.search(merged[-1])
                and (_is_continuation(line) or len(merged[-1]) >= _WRAPPED_LINE)
            ):
                merged[-1] = f"{merged[-1]} {line}"
            else:
                merged.append(line)
        paragraphs.append("\n".join(merged))
    return "\n\n".join(p for p in paragraphs if p)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: every line is at least one sentence, long lines split further."""
    sentences: list[str] = []
    for line in unwrap_lines(text).split("\n"):
        line = re.sub(r"\s+", " ", line).strip()
        if not line:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if not _is_sentence_start(line[match.end() :], glued=match.start() == match.end()):
                continue
            piece = line[start : match.start()].strip()
            if piece and _ABBREVIATION_END.search(piece):
                continue
            if piece:
                sentences.append(piece)
            start = match.end()
        tail = line[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences
