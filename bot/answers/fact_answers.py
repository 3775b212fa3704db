"""Answers to exact questions (who led, who won, which members, when, which document, by when)
from the fact store: one short sentence or list, with the facts' sentences as sources."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from bot.answers import wording as messages
from bot.answers.questions import Intent, MeetingAsk, ParsedQuestion
from bot.facts.extract import Fact, FactKind, Role
from bot.facts.store import Bloc, BlocQuery, FactStore
from bot.vi import normalize as vt
from bot.vi.names import same_unit
from bot.vi.provinces import related_provinces

# Documents and deadlines are often national or sectoral: they are found without a bloc.
_ANY_BLOC = frozenset({Intent.DOCUMENT, Intent.DEADLINE})
# A question naming no bloc is answered for each bloc up to this many; beyond, it asks which.
_MAX_BLOCS = 6
_KIND_OF_INTENT = {
    Intent.LEADER: FactKind.ROLE,
    Intent.DEPUTY: FactKind.ROLE,
    Intent.MEMBERS: FactKind.BLOC,
    Intent.COUNT: FactKind.BLOC,
    Intent.AWARD: FactKind.AWARD,
    Intent.MEETING: FactKind.MEETING,
    Intent.DOCUMENT: FactKind.DOCUMENT,
    Intent.DEADLINE: FactKind.DEADLINE,
}
_ROLE_OF_INTENT = {Intent.LEADER: Role.LEADER, Intent.DEPUTY: Role.DEPUTY}
# An award's granter named after the award: "Cờ thi đua của Chính phủ", "… ngành Tư pháp".
_GRANTER = re.compile(
    r"(?:co thi dua|bang khen|giay khen|co)\s+((?:cua\s+)?(?:chinh phu|thu tuong(?: chinh phu)?"
    r"|bo \w+(?: \w+)?|nganh \w+(?: \w+)?|tong \w+ \w+))"
)
_ROLE_WORDS = re.compile(
    r"\b(?:pho (?:khoi|cum) truong|(?:khoi|cum) (?:truong|pho)|(?:truong|pho) (?:khoi|cum))"
    r"(?: thi dua)?\b"
)
_CHAIR_VERBS = ("chu tri", "chi dao", "ket luan", "phat bieu")
_DOC_NUMBER = re.compile(r"\b\d{1,5}/[\w/.-]*[A-ZĐa-zđ][\w/.-]*")


@dataclass(frozen=True)
class FactReply:
    """A reply from facts: its text, whether it answers (or abstains), and the facts cited."""

    text: str
    answered: bool
    facts: tuple[Fact, ...]
    ambiguous_blocs: tuple[Bloc, ...] = ()
    no_bloc: bool = False  # the question's bloc is not known at all
    clarify: bool = False  # too many blocs fit: the reply asks which one


def _date_text(value: str | None) -> str:
    if not value:
        return ""
    try:
        return vt.format_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


@functools.lru_cache(maxsize=65536)
def _folded_words(text: str) -> frozenset[str]:
    """Folded lexical tokens of a text (cached: evidence sentences recur across questions)."""
    return frozenset(vt.lexical_tokens(text, folded=True))


@functools.lru_cache(maxsize=4096)
def _question_words(text: str) -> frozenset[str]:
    return frozenset(vt.content_words(text, folded=True))


def _share(question: ParsedQuestion, text: str) -> float:
    """Share of the question's words found in a text."""
    words = _question_words(question.text)
    return len(words & _folded_words(text)) / len(words) if words else 0.0


def _overlap(question: ParsedQuestion, fact: Fact) -> float:
    return _share(question, fact.evidence)


class FactAnswerer:
    """Turns a parsed question into a reply from the facts, or None for open questions."""

    def __init__(
        self,
        store: FactStore,
        default_province: str | None = None,
        titles: dict[str, str] | None = None,
    ) -> None:
        self.store = store
        self.default_province = default_province
        self.titles = titles or {}

    def blocs_for(self, question: ParsedQuestion) -> list[Bloc]:
        """The blocs the question is about (all known blocs when it names none)."""
        provinces = question.provinces or (
            (self.default_province,) if self.default_province else ()
        )
        return self.store.match(
            BlocQuery(
                provinces=provinces,
                number=question.bloc_number,
                words=question.bloc_words,
                units=question.units,
            )
        )

    def relevant(self, question: ParsedQuestion, chosen: Bloc | None = None) -> list[Fact]:
        """Facts of the kind the question asks about (its role, its year when it has one),
        in the blocs it may be about (or the `chosen` one): the sentences that state what is
        asked."""
        kind = _KIND_OF_INTENT.get(question.intent)
        if kind is None:
            return []
        blocs = (
            [chosen]
            if chosen is not None
            else self.blocs_for(question)
            if question.intent not in _ANY_BLOC
            else None
        )
        year = question.year if kind in (FactKind.ROLE, FactKind.AWARD) else None
        role = _ROLE_OF_INTENT.get(question.intent)
        facts = self.store.select(kind, blocs, year=year)
        return [f for f in facts if role is None or f.role is role]

    def answer(self, question: ParsedQuestion, chosen: Bloc | None = None) -> FactReply | None:
        """A reply for a fact question, about the `chosen` bloc when one is given; None when
        the intent is open."""
        handler = self._handlers().get(question.intent)
        if handler is None:
            return None
        blocs = [chosen] if chosen is not None else self.blocs_for(question)
        if question.intent not in _ANY_BLOC:
            if not blocs:
                return FactReply(messages.NO_BLOC, False, (), no_bloc=True)
            if len(blocs) > _MAX_BLOCS:
                blocs = self._having(question, blocs) or blocs
                if len(blocs) > _MAX_BLOCS:
                    return self._which_bloc(blocs)
        return handler(question, blocs)

    def _having(self, question: ParsedQuestion, blocs: list[Bloc]) -> list[Bloc]:
        """The blocs with a fact of the kind asked (its role, its year when it has one)."""
        kind = _KIND_OF_INTENT[question.intent]
        role = _ROLE_OF_INTENT.get(question.intent)
        fields: dict[str, object] = {"role": role} if role else {}
        year = question.year if kind in (FactKind.ROLE, FactKind.AWARD) else None
        return [b for b in blocs if self.store.select(kind, [b], year=year, **fields)]

    def _which_bloc(self, blocs: list[Bloc]) -> FactReply:
        """Too many blocs fit a question that names none: ask which, naming some of them."""
        names = ", ".join(b.label() for b in blocs[:_MAX_BLOCS])
        more = len(blocs) - _MAX_BLOCS
        text = messages.WHICH_BLOC.format(
            blocs=names + (messages.AND_MORE.format(count=more) if more > 0 else "")
        )
        return FactReply(text, False, (), tuple(blocs[:_MAX_BLOCS]), clarify=True)

    def _handlers(self) -> dict[Intent, Callable[[ParsedQuestion, list[Bloc]], FactReply]]:
        return {
            Intent.LEADER: self._role,
            Intent.DEPUTY: self._role,
            Intent.MEMBERS: self._members,
            Intent.COUNT: self._count,
            Intent.AWARD: self._award,
            Intent.MEETING: self._meeting,
            Intent.DOCUMENT: self._document,
            Intent.DEADLINE: self._deadline,
        }

    # -- roles ----------------------------------------------------------------------------

    def _role(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        if question.asks_role_of_unit and question.units:
            return self._role_of_unit(question, blocs)
        role = _ROLE_OF_INTENT[question.intent]
        role_name = _role_name(role, blocs)
        year = question.year
        if year is None:
            # No year asked: the most recent year the documents name a holder for.
            year = max(
                (f.year for f in self.store.select(FactKind.ROLE, blocs, role=role) if f.year),
                default=None,
            )
        found = self.store.select(FactKind.ROLE, blocs, year=year, role=role)
        if not found:
            return self._unknown_role(role, year, blocs)
        found = _prefer_curated(found)
        by_bloc = self._group(found)
        when = f" năm {year}" if year else ""
        if len(by_bloc) == 1:
            bloc, facts = next(iter(by_bloc.items()))
            units = _units(facts, bloc.province)
            if len(units) > 1:
                text = messages.CONFLICT.format(
                    what=f"{role_name}{when} của {bloc.label()}",
                    values="; ".join(
                        f"{unit} ({', '.join(_docs_of(facts, unit, bloc.province))})"
                        for unit in units
                    ),
                )
            else:
                text = f"{role_name}{when} của {bloc.label()}: {units[0]}."
            return FactReply(text, True, tuple(facts))
        lines = [
            f"{bloc.label()}: {', '.join(_units(facts, bloc.province))}"
            for bloc, facts in by_bloc.items()
        ]
        text = f"{role_name}{when}, theo từng khối: " + "; ".join(lines) + "."
        return FactReply(text, True, tuple(found), tuple(by_bloc))

    def _role_of_unit(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        found = [
            f
            for f in self.store.select(FactKind.ROLE, blocs, year=question.year)
            if f.unit and any(same_unit(f.unit, u, f.province) for u in question.units)
        ]
        if not found:
            return FactReply(
                messages.UNKNOWN_ROLE_OF_UNIT.format(unit=question.units[0]), False, ()
            )
        parts = [
            f"{f.unit} là {_role_term(f)}{f' năm {f.year}' if f.year else ''}"
            for f in _prefer_curated(found)
            if f.role
        ]
        return FactReply("; ".join(_distinct(parts)) + ".", True, tuple(found))

    def _unknown_role(self, role: Role, year: int | None, blocs: list[Bloc]) -> FactReply:
        role_name = _role_name(role, blocs)
        where = blocs[0].label() if len(blocs) == 1 else "các khối trong tài liệu"
        when = f" năm {year}" if year else ""
        text = messages.UNKNOWN.format(what=f"{role_name}{when} của {where}")
        nearby = [
            f
            for f in self.store.select(FactKind.ROLE, blocs)
            if f.year is not None and year is not None and abs(f.year - year) <= 1
        ]
        nearby.sort(key=lambda f: (f.year != year, f.role != role))
        if nearby:
            known = "; ".join(
                f"{messages.ROLE_NAMES[f.role]} năm {f.year}: {f.unit}"
                for f in nearby[:3]
                if f.role
            )
            text += f" {messages.KNOWN_NEARBY} {known}."
        return FactReply(text, False, tuple(nearby[:3]))

    # -- blocs ----------------------------------------------------------------------------

    def _member_facts(self, blocs: list[Bloc]) -> list[Fact]:
        return [f for f in self.store.select(FactKind.BLOC, blocs) if f.units or f.count]

    def _members(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        facts = [f for f in self._member_facts(blocs) if f.units]
        if not facts:
            return FactReply(messages.UNKNOWN.format(what="danh sách đơn vị của khối"), False, ())
        by_bloc = self._group(facts)
        lines = []
        for bloc, bloc_facts in by_bloc.items():
            best = max(bloc_facts, key=lambda f: len(f.units))
            lines.append(
                f"{bloc.label()} gồm {len(best.units):02d} đơn vị: {', '.join(best.units)}."
            )
        return FactReply(
            " ".join(lines), True, tuple(facts), tuple(by_bloc) if len(by_bloc) > 1 else ()
        )

    def _count(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        facts = self._member_facts(blocs)
        if not facts:
            return FactReply(messages.UNKNOWN.format(what="số đơn vị của khối"), False, ())
        by_bloc = self._group(facts)
        lines = []
        for bloc, bloc_facts in by_bloc.items():
            counts = _distinct(f"{f.count or len(f.units):02d}" for f in bloc_facts)
            lines.append(f"{bloc.label()} có {' hoặc '.join(counts)} đơn vị.")
        return FactReply(
            " ".join(lines), True, tuple(facts), tuple(by_bloc) if len(by_bloc) > 1 else ()
        )

    # -- awards, meetings, documents, deadlines ------------------------------------------

    def _award(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        facts = self.store.select(FactKind.AWARD, blocs, year=question.year)
        if question.award:
            asked = vt.fold(question.award)
            facts = [f for f in facts if asked in vt.fold(f"{f.award} {f.granter or ''}")]
        granter = _GRANTER.search(vt.fold(question.text))
        if granter:
            # "Cờ thi đua của Chính phủ", "… ngành Tư pháp": only awards from that granter.
            words = set(granter.group(1).split()) - {"cua"}
            facts = [
                f for f in facts if words <= set(vt.tokens(vt.fold(f"{f.award} {f.granter}")))
            ]
        if not facts:
            when = f" năm {question.year}" if question.year else ""
            award = question.award or "khen thưởng"
            return FactReply(messages.UNKNOWN.format(what=f"{award}{when} của khối"), False, ())
        facts = sorted(facts, key=lambda f: -_overlap(question, f))[:3]
        parts = []
        for fact in _prefer_curated(facts):
            who = ", ".join(fact.units) if fact.units else fact.unit
            if (question.asks_count or not who) and fact.count:
                who = f"{fact.count:02d} tập thể"
            year = f" năm {fact.year}" if fact.year else ""
            reason = f" ({fact.subject})" if fact.subject else ""
            parts.append(f"{fact.award}{year}: {who}{reason}")
        return FactReply("; ".join(_distinct(parts)) + ".", True, tuple(facts))

    def _meeting(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        facts = self.store.select(FactKind.MEETING, blocs)
        if question.meeting:
            facts = [f for f in facts if f.meeting == question.meeting]
        if question.year:
            facts = [f for f in facts if f.year == question.year] or facts
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
            details.append(f"ngày {_date_text(chosen['date'].date)}")
        if "place" in chosen:
            details.append(f"tại {chosen['place'].place}")
        if "chair" in chosen:
            chair = chosen["chair"]
            details.append(f"{chair.subject or 'chủ trì'}: {chair.chair}")
        meeting = f"Hội nghị {first.meeting}" if first.meeting else "Hội nghị"
        period = f" {first.period}" if first.period else ""
        text = f"{meeting}{period}: {'; '.join(details)}."
        return FactReply(text, True, tuple(_unique(chosen.values())))

    def _document(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        facts = _merge_by_number(self.store.select(FactKind.DOCUMENT))
        numbers = {vt.fold(n) for n in _DOC_NUMBER.findall(question.text)}
        if numbers:
            facts = [f for f in facts if f.number and vt.fold(f.number) in numbers]
        return self._best_of(question, facts, blocs, self._document_text, "văn bản được hỏi")

    def _deadline(self, question: ParsedQuestion, blocs: list[Bloc]) -> FactReply:
        facts = self.store.select(FactKind.DEADLINE)
        return self._best_of(question, facts, blocs, self._deadline_text, "thời hạn được hỏi")

    def _best_of(
        self,
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
            ((_field_overlap(question, f, self.titles), f.doc in docs, f) for f in facts),
            key=lambda x: (-x[0], not x[1]),
        )
        if not scored or scored[0][0] < 0.5:
            return FactReply(messages.UNKNOWN.format(what=what), False, ())
        best = scored[0][2]
        return FactReply(render(best), True, (best,))

    @staticmethod
    def _document_text(fact: Fact) -> str:
        parts = [f"{fact.doc_type or 'Văn bản'} số {fact.number}"]
        if fact.date:
            parts.append(f"ngày {_date_text(fact.date)}")
        if fact.unit:
            parts.append(f"của {fact.unit}")
        text = " ".join(parts)
        if fact.subject:
            text += f" về {fact.subject}"
        return _clip(text + ".", 380)

    @staticmethod
    def _deadline_text(fact: Fact) -> str:
        when = _date_text(fact.date)
        yearly = " hằng năm" if fact.recurring else ""
        to = f", gửi về {fact.recipient}" if fact.recipient else ""
        return _clip(f"Trước ngày {when}{yearly}{to}.", 240)

    def _group(self, facts: list[Fact]) -> dict[Bloc, list[Fact]]:
        grouped: dict[Bloc, list[Fact]] = {}
        for fact in facts:
            bloc = self.store.bloc_of(fact)
            if bloc is not None:
                grouped.setdefault(bloc, []).append(fact)
        return grouped


def _role_name(role: Role, blocs: list[Bloc]) -> str:
    """ "Khối trưởng"/"Khối phó", or "Cụm trưởng"/"Cụm phó" when the blocs are clusters."""
    clusters = bool(blocs) and all(vt.fold(b.name).startswith("cum") for b in blocs)
    return messages.CLUSTER_ROLE_NAMES[role] if clusters else messages.ROLE_NAMES[role]


def _role_term(fact: Fact) -> str:
    """The role as the evidence words it ("Trưởng khối thi đua", "Cụm trưởng"), when the
    evidence words this fact's role; else our own name for it."""
    role = fact.role or Role.LEADER
    for match in _ROLE_WORDS.finditer(vt.fold(fact.evidence)):
        deputy = "pho" in match.group(0).split()
        if deputy == (role is Role.DEPUTY):
            return fact.evidence[match.start() : match.end()]
    return messages.ROLE_NAMES[role]


def _units(facts: list[Fact], province: str | None) -> list[str]:
    """The distinct units of the facts, one name per unit (the longest of its spellings)."""
    names: list[str] = []
    for unit in (f.unit for f in facts if f.unit):
        same = next((n for n in names if same_unit(n, unit, province)), None)
        if same is None:
            names.append(unit)
        elif len(unit) > len(same):
            names[names.index(same)] = unit
    return names


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


def _docs_of(facts: list[Fact], unit: str, province: str | None) -> list[str]:
    return sorted({f.doc for f in facts if f.unit and same_unit(f.unit, unit, province)})


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _unique(facts: Iterable[Fact]) -> list[Fact]:
    return list({id(f): f for f in facts}.values())


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
    return _share(question, " ".join(str(v) for v in fields if v))


def _meeting_match(question: ParsedQuestion, fact: Fact) -> tuple[bool, float]:
    """A chair fact whose role verb ("kết luận", "chủ trì") the question uses comes first."""
    verb = vt.fold(fact.subject or "")
    return (bool(verb) and verb in vt.fold(question.text), _overlap(question, fact))


def _distinct(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(str(value))
    return list(seen)


def _prefer_curated(facts: list[Fact]) -> list[Fact]:
    curated = [f for f in facts if f.curated]
    return curated or facts
