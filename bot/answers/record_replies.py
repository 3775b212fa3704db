"""Replies about what a bloc's documents record: awards, meetings, documents and deadlines."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.answers import wording as messages
from bot.answers.questions import MeetingAsk, ParsedQuestion
from bot.answers.replies import (
    FactReply,
    clip,
    date_text,
    distinct,
    overlap,
    prefer_curated,
    share,
    unique,
)
from bot.facts.meetings import meeting_title
from bot.facts.model import Fact, FactKind
from bot.facts.store import Bloc, FactStore
from bot.vi import normalize as vt
from bot.vi.provinces import related_provinces

# An award's granter named after the award: "Cờ thi đua của Chính phủ", "… ngành Tư pháp".
_GRANTER = re.compile(
    r"(?:co thi dua|bang khen|giay khen|co)\s+((?:cua\s+)?(?:chinh phu|thu tuong(?: chinh phu)?"
    r"|bo \w+(?: \w+)?|nganh \w+(?: \w+)?|tong \w+ \w+))"
)
_CHAIR_VERBS = ("chu tri", "chi dao", "ket luan", "phat bieu")
_DOC_NUMBER = re.compile(r"\b\d{1,5}/[\w/.-]*[A-ZĐa-zđ][\w/.-]*")


def award(store: FactStore, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
    """The awards of the year asked, of the award and granter named, best matching first."""
    facts = store.select(FactKind.AWARD, blocs, year=question.year)
    if question.award:
        asked = vt.fold(question.award)
        facts = [f for f in facts if asked in vt.fold(f"{f.award} {f.granter or ''}")]
    granter = _GRANTER.search(vt.fold(question.text))
    if granter:
        # "Cờ thi đua của Chính phủ", "… ngành Tư pháp": only awards from that granter.
        words = set(granter.group(1).split()) - {"cua"}
        facts = [f for f in facts if words <= set(vt.tokens(vt.fold(f"{f.award} {f.granter}")))]
    if not facts:
        when = f" năm {question.year}" if question.year else ""
        award = question.award or "khen thưởng"
        return FactReply(messages.UNKNOWN.format(what=f"{award}{when} của khối"), False, ())
    facts = sorted(facts, key=lambda f: -overlap(question, f))[:3]
    parts = []
    for fact in prefer_curated(facts):
        who = ", ".join(fact.units) if fact.units else fact.unit
        if (question.asks_count or not who) and fact.count:
            who = f"{fact.count:02d} tập thể"
        year = f" năm {fact.year}" if fact.year else ""
        reason = f" ({fact.subject})" if fact.subject else ""
        parts.append(f"{fact.award}{year}: {who}{reason}")
    return FactReply("; ".join(distinct(parts)) + ".", True, tuple(facts))


def meeting(store: FactStore, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
    """The date, place or chair asked of the meeting named."""
    facts = store.select(FactKind.MEETING, blocs)
    if question.meeting:
        facts = [f for f in facts if f.meeting == question.meeting]
    if question.year:
        # Of the year asked (its review, or held in it), never another year's meeting.
        year = str(question.year)
        facts = [f for f in facts if f.year == question.year or (f.date or "").startswith(year)]
    if not facts:
        return FactReply(messages.UNKNOWN.format(what="thông tin hội nghị này"), False, ())
    ask = question.meeting_ask or MeetingAsk.ANY
    folded = vt.fold(question.text)
    wanted = {
        "date": ask in (MeetingAsk.DATE, MeetingAsk.ANY),
        "place": ask in (MeetingAsk.PLACE, MeetingAsk.ANY),
        "chair": ask is MeetingAsk.CHAIR or any(v in folded for v in _CHAIR_VERBS),
    }
    # Each asked detail from the fact that states it and best matches the question.
    chosen: dict[str, Fact] = {}
    for name, asked in wanted.items():
        having = [f for f in facts if asked and getattr(f, name)]
        if having:
            chosen[name] = max(having, key=lambda f: _meeting_match(question, f))
    if not chosen:
        return FactReply(messages.UNKNOWN.format(what="chi tiết hội nghị này"), False, ())
    first = next(iter(chosen.values()))
    details = []
    if "date" in chosen:
        details.append(f"ngày {date_text(chosen['date'].date)}")
    if "place" in chosen:
        details.append(f"tại {chosen['place'].place}")
    if "chair" in chosen:
        chair = chosen["chair"]
        details.append(f"{chair.subject or 'chủ trì'}: {chair.chair}")
    meeting = meeting_title(first.meeting)
    period = f" {first.period}" if first.period else ""
    text = f"{meeting}{period}: {'; '.join(details)}."
    return FactReply(text, True, tuple(unique(chosen.values())))


def document(
    store: FactStore, titles: dict[str, str], question: ParsedQuestion, blocs: list[Bloc]
) -> FactReply:
    """The document whose number or fields the question names."""
    facts = _merge_by_number(store.select(FactKind.DOCUMENT))
    numbers = {vt.fold(n) for n in _DOC_NUMBER.findall(question.text)}
    if numbers:
        facts = [f for f in facts if f.number and vt.fold(f.number) in numbers]
    return _best_of(titles, question, facts, blocs, _document_text, "văn bản được hỏi")


def deadline(
    store: FactStore, titles: dict[str, str], question: ParsedQuestion, blocs: list[Bloc]
) -> FactReply:
    """The deadline whose fields best match the question."""
    facts = store.select(FactKind.DEADLINE)
    return _best_of(titles, question, facts, blocs, _deadline_text, "thời hạn được hỏi")


def _best_of(
    titles: dict[str, str],
    question: ParsedQuestion,
    facts: list[Fact],
    blocs: list[Bloc],
    render: Callable[[Fact], str],
    what: str,
) -> FactReply:
    """The fact whose own fields best match the question (documents of the asked bloc
    first); nothing when no fact holds at least half of the question's words."""
    docs = {d for b in blocs for d in b.docs}
    if question.provinces:
        # A document of another province never answers; national ones (no province) may.
        places = {p for name in question.provinces for p in related_provinces(name)}
        facts = [f for f in facts if f.province is None or f.province in places]
    scored = sorted(
        ((_field_overlap(question, f, titles), f.doc in docs, f) for f in facts),
        key=lambda x: (-x[0], not x[1]),
    )
    if not scored or scored[0][0] < 0.5:
        return FactReply(messages.UNKNOWN.format(what=what), False, ())
    best = scored[0][2]
    return FactReply(render(best), True, (best,))


def _document_text(fact: Fact) -> str:
    parts = [f"{fact.doc_type or 'Văn bản'} số {fact.number}"]
    if fact.date:
        parts.append(f"ngày {date_text(fact.date)}")
    if fact.unit:
        parts.append(f"của {fact.unit}")
    text = " ".join(parts)
    if fact.subject:
        text += f" về {fact.subject}"
    return clip(text + ".", 380)


def _deadline_text(fact: Fact) -> str:
    when = date_text(fact.date)
    yearly = " hằng năm" if fact.recurring else ""
    to = f", gửi về {fact.recipient}" if fact.recipient else ""
    return clip(f"Trước ngày {when}{yearly}{to}.", 240)


def _merge_by_number(facts: list[Fact]) -> list[Fact]:
    """One fact per document number, its missing fields (date, issuer, subject) taken from the
    other mentions of the same number: a header gives the date, a citation the subject."""
    merged: dict[str, Fact] = {}
    for fact in facts:
        key = vt.fold(fact.number or "")
        if not key:
            continue
        known = merged.get(key)
        if known is None:
            merged[key] = fact
            continue
        missing = {
            name: getattr(fact, name)
            for name in ("date", "unit", "subject", "doc_type")
            if getattr(known, name) is None and getattr(fact, name) is not None
        }
        merged[key] = replace(known, **missing)
    return list(merged.values())


def _field_overlap(question: ParsedQuestion, fact: Fact, titles: dict[str, str]) -> float:
    """Share of the question's words in a document/deadline fact's own fields; a document's
    own header is described by the title of the file it heads."""
    title = titles.get(fact.doc) if fact.rule == "document.header" else None
    fields = (
        fact.doc_type,
        fact.number,
        fact.unit,
        fact.subject,
        fact.recipient,
        fact.bloc,
        title,
    )
    return share(question, " ".join(str(v) for v in fields if v))


def _meeting_match(question: ParsedQuestion, fact: Fact) -> tuple[bool, float]:
    """A chair fact whose role verb ("kết luận", "chủ trì") the question uses comes first."""
    verb = vt.fold(fact.subject or "")
    return (bool(verb) and verb in vt.fold(question.text), overlap(question, fact))
