"""Answers as Telegram HTML: every dynamic string escaped, split under Telegram's length limit
on paragraph boundaries, never inside a tag."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers.service import Answer, Kind, Source
from bot.faces.telegram import texts

MESSAGE_LIMIT = 4096
_QUOTE_CHARS = 300


@dataclass(frozen=True)
class Span:
    """A run of plain text, optionally inside one HTML tag (b, i, code, blockquote)."""

    text: str
    tag: str | None = None

    def html(self) -> str:
        """The escaped HTML of the span."""
        body = escape(self.text, quote=False)
        return f"<{self.tag}>{body}</{self.tag}>" if self.tag else body


Paragraph = tuple[Span, ...]


def paragraph(*spans: Span | str) -> Paragraph:
    """A paragraph from spans and plain strings."""
    return tuple(s if isinstance(s, Span) else Span(s) for s in spans)


def to_messages(paragraphs: Iterable[Paragraph], limit: int = MESSAGE_LIMIT) -> list[str]:
    """HTML messages of at most `limit` characters, paragraphs kept whole where they fit."""
    messages: list[str] = []
    current = ""
    for par in paragraphs:
        for piece in _fit(par, limit):
            if current and len(current) + 2 + len(piece) > limit:
                messages.append(current)
                current = piece
            else:
                current = f"{current}\n\n{piece}" if current else piece
    if current:
        messages.append(current)
    return messages


def _fit(par: Paragraph, limit: int) -> Iterator[str]:
    """A paragraph's HTML, cut between words into pieces that fit when it is too long."""
    html = "".join(s.html() for s in par)
    if len(html) <= limit:
        yield html
        return
    piece = ""
    for span in par:
        for word in _words(span.text, limit // 2):
            part = Span(word, span.tag).html()
            if piece and len(piece) + len(part) > limit:
                yield piece
                piece = ""
            piece += part
    if piece:
        yield piece


def _words(text: str, longest: int) -> Iterator[str]:
    """`text` as words with their trailing spaces; an overlong word is cut."""
    word = ""
    for char in text:
        word += char
        if char.isspace() or len(word) >= longest:
            yield word
            word = ""
    if word:
        yield word


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


def _heading(source: Source) -> Paragraph:
    date = f" ({source.date})" if source.date else ""
    return paragraph("• ", Span(source.title, "b"), date)


def answer_paragraphs(answer: Answer) -> list[Paragraph]:
    """The answer first, then "Nguồn:" with each document once; facts quote their evidence."""
    pars = [paragraph(answer.text)]
    if answer.blocs:
        pars.append(paragraph(Span(texts.CHOOSE_BLOC, "i")))  # the buttons under the reply
    if answer.kind is Kind.CLARIFY or not answer.sources:
        return pars
    pars.append(paragraph(Span(texts.SOURCES, "b")))
    if answer.generated_by:
        # The model's text cites [k]: the k-th source, each listed with its number.
        for number, source in enumerate(answer.sources, 1):
            pars.append(paragraph(f"[{number}] ", *_heading(source)[1:]))
        pars.append(paragraph(Span(texts.WRITTEN_BY.format(model=answer.generated_by), "i")))
        return pars
    for source, quotes in answer.documents():
        spans = list(_heading(source))
        for quote in quotes:
            spans += [Span("\n"), Span(f"“{_quote(quote)}”", "i")]
        pars.append(tuple(spans))
    return pars


def full_sources(question: str, sources: Sequence[Source]) -> list[Paragraph]:
    """Every source of an answer with its whole text (for /nguon)."""
    if not sources:
        return [paragraph(texts.NO_SOURCES)]
    pars = [paragraph(Span(texts.FULL_SOURCES.format(question=question), "b"))]
    for number, source in enumerate(sources, 1):
        date = f" ({source.date})" if source.date else ""
        pars.append(
            paragraph(
                f"[{number}] ",
                Span(source.title, "b"),
                date,
                Span(f" — {source.doc}", "i"),
                "\n",
                Span(source.text, "blockquote"),
            )
        )
    return pars


def answer_keyboard(answer_id: int, blocs: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Bloc choices (one per row) when the answer covers several blocs, then 👍/👎."""
    rows = [
        [InlineKeyboardButton(label, callback_data=f"bl:{answer_id}:{key}")]
        for key, label in blocs
    ]
    rows.append(
        [
            InlineKeyboardButton("👍", callback_data=f"fb:{answer_id}:1"),
            InlineKeyboardButton("👎", callback_data=f"fb:{answer_id}:-1"),
        ]
    )
    return InlineKeyboardMarkup(rows)
