"""Documents: those a report cites ("Quyết định số 354/QĐ-UBND ngày 12/3/2018 của …") and a
document's own number, date and kind from its header."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from bot.facts.blocs import bloc_at
from bot.facts.document import Document, Found
from bot.facts.model import FactKind
from bot.facts.period import safe_date
from bot.facts.units import granter_end
from bot.vi import lexicon
from bot.vi.normalize import find_dates, fold
from bot.vi.tokens import Sentence

# Folded kind → the kind as facts give it.
_DOC_TYPES: Final = {fold(kind): kind for kind in lexicon.DOCUMENT_KINDS}
# A document's number, folded: "354/qd-ubnd", "98/2023/nd-cp".
_NUMBER: Final = r"(\d+(?:/(?:19|20)\d\d)?/[a-z0-9]+(?:-[a-z0-9]+)*)"
# A cited document, folded: "quyet dinh so 354/qd-ubnd".
_DOC_REF: Final = re.compile(
    r"\b("
    + "|".join(sorted(_DOC_TYPES, key=len, reverse=True))
    + r")\s+(?:so\s*:?\s*)?"
    + _NUMBER
    + r"(?![\w/])"
)
# What follows a cited number, folded: its date or year, its issuer, its subject.
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
# A document's own header: "Số: 1479/HD-BTĐKT", the place and date it was signed, the
# national motto above the type line.
_HEADER_SENTENCES: Final = 15
_OWN_NUMBER: Final = re.compile(r"^\W*so\s*:\s*" + _NUMBER + r"\s*$")
_SIGNED: Final = re.compile(
    r"^[^,\d]{2,40},\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"
)
_NATIONAL: Final = re.compile(r"^\W*(?:cong hoa|doc lap)")


# Before the date a document takes effect, folded: "có hiệu lực thi hành kể từ ngày".
_EFFECTIVE: Final = re.compile(
    r"\b(?:" + "|".join(fold(cue) for cue in lexicon.EFFECTIVE_CUES) + r")\s+(?:ke\s+)?"
    r"(?:tu\s+)?(?:ngay\s+)?$"
)


def extract(doc: Document) -> Iterator[Found]:
    """The documents a report cites, sentence by sentence."""
    for s in doc.sentences:
        yield from _cited(doc, s)


def effective(doc: Document) -> Iterator[Found]:
    """The dates a document says it (or the rules it issues) takes effect, sentence by
    sentence: "Quyết định này có hiệu lực thi hành kể từ ngày 27 tháng 8 năm 2024"; "this
    decision" is named by the document's title."""
    for s in doc.sentences:
        for match in find_dates(s.text):
            cue = _EFFECTIVE.search(s.folded, max(0, match.start - 40), match.start)
            date = match.to_date()
            if cue is None or date is None:
                continue
            what = re.sub(r"^(?:Điều \d+\s*[.:]\s*)?", "", s.text[: cue.start()]).strip(" ,-")
            if len(what.split()) <= 3 or fold(what).endswith(" nay"):
                what = doc.context.title
            yield doc.fact(
                s,
                FactKind.EFFECTIVE,
                "document.effective",
                date=date.isoformat(),
                subject=f"{what} có hiệu lực",
            )
            break


def header(doc: Document) -> list[Found]:
    """A document's own number and date: "Số: 1479/HD-BTĐKT" … "Hà Nội, ngày 25 tháng 07
    năm 2016", with its type line ("HƯỚNG DẪN") and issuer lines above."""
    head = doc.sentences[:_HEADER_SENTENCES]
    for index, s in enumerate(head):
        found = _OWN_NUMBER.match(s.folded)
        if not found:
            continue
        number = s.text[found.start(1) : found.end(1)]
        date = None
        for line in head[index + 1 : index + 4]:
            if signed := _SIGNED.match(line.folded):
                date = safe_date(int(signed.group(3)), int(signed.group(2)),
                                 int(signed.group(1)))  # fmt: skip
                break
        doc_type, subject = _type_line(head[index + 1 :])
        if doc_type is None:
            code = re.search(r"/(?:\d{4}/)?([a-z]+)", found.group(1))
            doc_type = lexicon.DOCUMENT_SYMBOLS.get(code.group(1)) if code else None
        issuer = next(
            (line.text for line in reversed(head[max(0, index - 4) : index])
             if line.text.isupper() and not _NATIONAL.match(line.folded)),
            None,
        )  # fmt: skip
        return [
            doc.fact(
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
        ]
    return []


def _cited(doc: Document, s: Sentence) -> list[Found]:
    """ "Quyết định số 354/QĐ-UBND ngày 12/3/2018 của Ủy ban nhân dân tỉnh về việc …"."""
    cited: list[Found] = []
    refs = list(_DOC_REF.finditer(s.folded))
    for index, ref in enumerate(refs):
        limit = refs[index + 1].start() if index + 1 < len(refs) else len(s.folded)
        j = ref.end()
        date = year = None
        if found := _REF_DATE.match(s.folded, j):
            day, month, year_text = (g for g in found.groups() if g is not None)
            date = safe_date(int(year_text), int(month), int(day))
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
            start = s.token_at(found.end())
            end = None
            if start is not None:
                bloc = bloc_at(s, start)
                end = bloc[1] if bloc else granter_end(s, start)
            if start is not None and end is not None:
                issuer, j = s.span(start, end), s.tokens[end - 1].end
        cited.append(
            doc.fact(
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
        )
    return cited


def _doc_subject(s: Sentence, j: int, limit: int) -> str | None:
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


def _type_line(lines: Sequence[Sentence]) -> tuple[str | None, str | None]:
    """(type, subject) from a header's type line ("HƯỚNG DẪN") and the line after it."""
    for index, line in enumerate(lines[:4]):
        doc_type = _DOC_TYPES.get(line.folded.strip(" .:"))
        if doc_type:
            subject = lines[index + 1].text if index + 1 < len(lines) else None
            return doc_type, subject
    return None, None
