"""Deadlines: what must be sent or done, to whom, by which date ("gửi hồ sơ về Sở Nội vụ trước
ngày 20 tháng 12 hằng năm"), and whether every year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from bot.facts.document import Document, Found
from bot.facts.model import FactKind
from bot.facts.period import safe_date
from bot.facts.units import is_stop
from bot.facts.words import BOUNDARY, NAME_COMMAS, ROLES, UNIT_NOUNS
from bot.vi import lexicon
from bot.vi.normalize import fold
from bot.vi.tokens import Phrases, Sentence

# A deadline, folded: a cue ("trước ngày", "chậm nhất là") and a day and month, with or
# without a year ("15/3", "15/3/2024", "20 tháng 12 năm 2024").
_CUES: Final = "|".join(
    fold(cue) + "".join(f"(?: {fold(word)})?" for word in optional)
    for cue, optional in lexicon.DEADLINE_DATE_CUES.items()
)
_DEADLINE: Final = re.compile(
    r"\b(?:" + _CUES + r")\s+"
    r"(\d{1,2})(?:\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?|\s+thang\s+(\d{1,2})"
    r"(?:\s+nam\s+(\d{4}))?)(?![\d/])"
)
_SEND: Final = re.compile(r"\b(?:" + "|".join(fold(verb) for verb in lexicon.SEND_VERBS) + r")\b")
# Every year: "hằng năm", or "năm sau" after the date.
_YEARLY: Final = re.compile(r"\bhang nam\b")
_YEARLY_AFTER: Final = re.compile(
    r"\s*(?:cua\s+)?(?:hang nam|nam sau|nam ke tiep|nam tiep theo)\b"
)
# Sending to someone: "gửi … về", "nộp … cho".
_TO: Final = re.compile(r"\b(?:gui|nop|trinh)\b[^;:]*?\b(ve|den|toi|len|cho)\s+(?=\S)")
_CLAUSE_VERBS: Final = Phrases(lexicon.CLAUSE_VERBS)


def extract(doc: Document) -> Iterator[Found]:
    """The deadlines of a report, sentence by sentence; a sentence ending in ":" passes its
    recipient and subject to the bullets under it."""
    lead: _Lead | None = None
    for s in doc.sentences:
        found, lead = _deadline(doc, s, lead)
        if found is not None:
            yield found


@dataclass(frozen=True)
class _Lead:
    """A sentence ending in ":" that the bullets under it complete: to whom, and what."""

    recipient: str
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


def _deadline_date(found: re.Match[str]) -> tuple[int, int, int | None]:
    """(day, month, year or None) of a deadline match, from either date form."""
    day, month, year, worded_month, worded_year = found.groups()
    year = year or worded_year
    return int(day), int(month or worded_month), int(year) if year else None


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


def _deadline(doc: Document, s: Sentence, lead: _Lead | None) -> tuple[Found | None, _Lead | None]:
    """ "gửi hồ sơ về X trước ngày 20 tháng 12 hằng năm", "chậm nhất ngày 15/3 năm sau"; and
    what a lead sentence ending in ":" says for the bullets under it."""
    bullet = s.text[:1] in "-+•*" or bool(re.match(r"^[a-zđ]\)", s.folded))
    if lead is not None and not bullet:
        lead = None
    found = _DEADLINE.search(s.folded)
    recipient = _recipient(s, found.start() if found else len(s.folded))
    if found is None:
        if s.folded.rstrip().endswith(":") and recipient is not None:
            send = _SEND.search(s.folded)
            thing = s.text[: send.start()].strip(" -+•") if send else ""
            return None, _Lead(recipient[0], thing)
        return None, lead
    send = _SEND.search(s.folded)
    if send is None or s.folded[: send.start()].endswith("da "):
        return None, lead
    day, month, year_text = _deadline_date(found)
    date = safe_date(year_text, month, day) if year_text else None
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
        return None, lead
    deadline = doc.fact(
        s,
        FactKind.DEADLINE,
        "deadline.send",
        date=date.isoformat() if date else f"{day}/{month}",
        year=year_text,
        recurring=recurring,
        recipient=recipient[0] if recipient else (lead.recipient if lead else None),
        subject=subject,
    )
    return deadline, lead
