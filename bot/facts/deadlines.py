"""Deadlines: what must be sent or done, to whom, by which date ("gửi hồ sơ về Sở Nội vụ trước
ngày 20 tháng 12 hằng năm"), whether every year, and whom it concerns.

A sentence may hold several deadlines, one per kind of sender or award ("trước ngày 30/8 hằng
năm đối với các cơ sở giáo dục và trước ngày 30/1 hằng năm đối với …"); each is a fact whose
`units` name whom it concerns when the sentence says it ("đối với …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from bot.facts.document import Document, Found
from bot.facts.model import FactKind
from bot.facts.units import is_stop
from bot.facts.words import BOUNDARY, NAME_COMMAS, ROLES, UNIT_NOUNS
from bot.vi import lexicon
from bot.vi.normalize import DateMatch, find_dates, fold
from bot.vi.tokens import Phrases, Sentence

# Before a deadline's date, folded: a cue ("trước ngày", "chậm nhất là").
_CUES: Final = "|".join(
    fold(cue) + "".join(f"(?: {fold(word)})?" for word in optional)
    for cue, optional in lexicon.DEADLINE_DATE_CUES.items()
)
_CUE_BEFORE: Final = re.compile(r"\b(?:" + _CUES + r")\s*$")
_CUE: Final = re.compile(r"\b(?:" + _CUES + r")\s+\d")
_SEND: Final = re.compile(r"\b(?:" + "|".join(fold(verb) for verb in lexicon.SEND_VERBS) + r")\b")
# Every year: "hằng năm", or "năm sau" after the date.
_YEARLY: Final = re.compile(r"\bhang nam\b")
_YEARLY_AFTER: Final = re.compile(
    r"\s*(?:cua\s+)?(?:hang nam|nam sau|nam ke tiep|nam tiep theo)\b"
)
# Whom a deadline concerns, after its date or opening its bullet: "đối với các cụm, khối".
_CONCERN: Final = re.compile(
    r"[\s,(\-+•*]*(?:" + "|".join(fold(w) for w in lexicon.CONCERN_WORDS) + r")\s+"
)
# Sending to someone: "gửi … về", "nộp … cho".
_TO: Final = re.compile(r"\b(?:gui|nop|trinh)\b[^;:]*?\b(ve|den|toi|len|cho)\s+(?=\S)")
_CLAUSE_VERBS: Final = Phrases(lexicon.CLAUSE_VERBS)
# Where whom a deadline concerns ends: the clause, a bracket, the next deadline.
_CONCERN_END: Final = re.compile(r"[;.:)\[]|\s+va\s+(?=" + _CUES + r")|" + _CUE.pattern)


def extract(doc: Document) -> Iterator[Found]:
    """The deadlines of a report, sentence by sentence; a sentence ending in ":" passes its
    recipient and subject to the bullets under it."""
    lead: _Lead | None = None
    for s in doc.sentences:
        found, lead = _deadlines(doc, s, lead)
        yield from found


@dataclass(frozen=True)
class _Lead:
    """A sentence ending in ":" that the bullets under it complete: to whom, and what."""

    recipient: str | None
    thing: str


def _clause_start(s: Sentence, char: int) -> int:
    """Where the clause holding character `char` starts: after the last ";" that ends a
    clause with a verb of its own (a ";" between listed names does not)."""
    cut = s.text.rfind(";", 0, char)
    while cut > 0:
        before = s.text.rfind(";", 0, cut)
        lo, hi = s.token_at(before + 1) or 0, s.token_at(cut) or 0
        if any(_CLAUSE_VERBS.at(s, k) for k in range(lo, hi)):
            return cut + 1
        cut = before
    return 0


def _recipient(s: Sentence, limit: int) -> tuple[str, int] | None:
    """(to whom, where the phrase starts) for "gửi … về Sở Nội vụ" before character `limit`."""
    found = _TO.search(s.folded, 0, limit)
    if found is None:
        return None
    start = s.token_at(found.end())
    if start is None:
        return None
    noun = UNIT_NOUNS.at(s, start)
    if noun and (role := ROLES.at(s, start + noun)):
        return s.span(start, start + noun + role), found.start(1)
    if not s.capital(start):
        return None
    end = start
    while end < len(s.tokens) and end - start < 15 and s.tokens[end].start < limit:
        if NAME_COMMAS.at(s, end):
            end += NAME_COMMAS.at(s, end)
            continue
        tok = s.tokens[end]
        if tok.text in BOUNDARY or (end > start and is_stop(s, end)):
            break
        end += 1
    if end == start:
        return None
    return s.span(start, end), found.start(1)


@dataclass(frozen=True)
class _Due:
    """A deadline's date in a sentence and where its cue starts."""

    date: DateMatch
    cue: int


def _dues(s: Sentence) -> list[_Due]:
    """The dates a sentence gives as deadlines: after a cue ("trước ngày 31-5")."""
    found: list[_Due] = []
    for match in find_dates(s.text):
        cue = _CUE_BEFORE.search(s.folded, max(0, match.start - 40), match.start)
        if cue is not None:
            found.append(_Due(match, cue.start()))
    return found


def _concerned(s: Sentence, start: int) -> str | None:
    """Whom "đối với …" names from character `start` on: up to the clause's or the next
    deadline's start; opening the sentence ("- Đối với A; B gửi hồ sơ …"), up to its verb."""
    opening = _CONCERN.match(s.folded, start)
    if opening is None:
        return None
    ends = [_SEND.search(s.folded, opening.end())]
    if start > 0:
        ends.append(_CONCERN_END.search(s.folded, opening.end()))
    stop = min((end.start() for end in ends if end), default=len(s.text))
    text = s.text[opening.end() : stop].strip(" ,:;")
    return text or None


def _subject(s: Sentence, due: _Due, lo: int, recipient: tuple[str, int] | None) -> str:
    """What a deadline asks, from the clause before its cue (from character `lo` on)."""
    if due.cue <= 3:
        subject = s.text[due.date.end :]
    else:
        clause = max(lo, _clause_start(s, due.cue))
        end = recipient[1] if recipient and recipient[1] >= clause else due.cue
        subject = s.text[clause:end]
        subject = re.sub(r"^\s*(?:đồng thời|Đồng thời)\s*", "", subject)
    subject = re.sub(r"^[\s\-+•*]*(?:đối với|Đối với|ĐỐI VỚI)?\s*", "", subject)
    return re.sub(r"\s+(?:gửi|nộp|gửi về|GỬI|NỘP|gui|nop)$", "", subject.strip(" ,;:."))


def _lead_of(s: Sentence, lead: _Lead | None) -> _Lead | None:
    """The lead a sentence without a deadline passes to the bullets under it."""
    if not s.folded.rstrip().endswith(":"):
        return lead
    send = _SEND.search(s.folded)
    if send is None:
        return lead
    recipient = _recipient(s, len(s.folded))
    thing = s.text[: send.start()].strip(" -+•")
    if recipient is None and not thing:
        return lead
    return _Lead(recipient[0] if recipient else None, thing)


def _deadlines(doc: Document, s: Sentence, lead: _Lead | None) -> tuple[list[Found], _Lead | None]:
    """ "gửi hồ sơ về X trước ngày 20 tháng 12 hằng năm", "chậm nhất ngày 15/3 năm sau",
    "… trước ngày 30/8 đối với A và trước ngày 30/1 đối với B"; and what a lead sentence
    ending in ":" says for the bullets under it."""
    bullet = s.text[:1] in "-+•*" or bool(re.match(r"^[a-zđ]\)", s.folded))
    if lead is not None and not bullet:
        lead = None
    dues = _dues(s)
    if not dues:
        return [], _lead_of(s, lead)
    send = _SEND.search(s.folded)
    if send is not None and s.folded[: send.start()].endswith("da "):
        return [], lead
    if send is None and lead is None:
        return [], lead
    found: list[Found] = []
    subject = ""
    previous = 0
    for due in dues:
        recipient = _recipient(s, due.cue)
        # A deadline with a verb of its own since the previous one has its own subject.
        if not subject or _SEND.search(s.folded, previous, due.cue):
            subject = _subject(s, due, previous, recipient)
            if lead is not None and lead.thing and fold(subject).endswith("ho so"):
                rest = lead.thing
                if fold(rest).startswith("ho so"):
                    rest = rest[len("hồ sơ") :].strip()
                subject = f"{subject} {rest}".strip()
            elif send is None and lead is not None:
                subject = " – ".join(part for part in (lead.thing, subject) if part)
        previous = due.date.end
        if not subject:
            continue
        after = s.folded[due.date.end : due.date.end + 24]
        yearly = _YEARLY_AFTER.match(after)
        concerned = _concerned(s, due.date.end + (yearly.end() if yearly else 0))
        if concerned is None and due is dues[0]:
            concerned = _concerned(s, 0)
        date = due.date.to_date()
        to = recipient[0] if recipient else (lead.recipient if lead else None)
        found.append(
            doc.fact(
                s,
                FactKind.DEADLINE,
                "deadline.send",
                date=date.isoformat() if date else f"{due.date.day}/{due.date.month}",
                year=due.date.year,
                recurring=bool(yearly or _YEARLY.search(s.folded)),
                recipient=to,
                subject=subject,
                units=(concerned,) if concerned else (),
            )
        )
    return found, lead
