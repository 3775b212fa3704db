"""The question-answering core: question in, sourced answer out. Knows nothing of Telegram."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from bot.answers import wording as messages
from bot.answers.agenda import agenda_ask, answer_agenda
from bot.answers.fact_answers import FactAnswerer
from bot.answers.questions import Intent, ParsedQuestion, follow_up, is_follow_up, parse_question
from bot.answers.reader import AnswerType, Ask, Reader, Reading, ask_of
from bot.answers.replies import FactReply, shorten
from bot.answers.scope import scope_of
from bot.calendar.events import Event
from bot.calendar.schedule import Calendar
from bot.facts.model import Fact, FactKind
from bot.facts.store import Bloc, FactStore
from bot.knowledge.index import Chunk, KnowledgeIndex
from bot.knowledge.retrieval import Filters, Hit, HybridRetriever, Mode
from bot.settings import Settings
from bot.vi import normalize as vt
from bot.vi.provinces import find_provinces

_ANSWER_CHARS = 240
# Intents whose answer is a fact: without the fact the bot abstains rather than quote a passage
# (unless no bloc of the question is known at all: then a rule passage may still answer), and
# roles, where a quoted passage is the likeliest confident wrong answer, always abstain.
_MUST_KNOW = frozenset(
    {Intent.LEADER, Intent.DEPUTY, Intent.MEMBERS, Intent.COUNT, Intent.AWARD, Intent.DEADLINE}
)
_ROLES = frozenset({Intent.LEADER, Intent.DEPUTY})
# Intents for which a question naming no bloc asks which bloc before anything is read.
_ASK_WHICH_FIRST = frozenset({Intent.LEADER, Intent.DEPUTY, Intent.MEMBERS})
# Intents whose facts are read by precise rules (the year semantics of roles, member lists):
# they answer before the reader; the others are weighed against its best sentence.
_PRECISE = frozenset({Intent.LEADER, Intent.DEPUTY, Intent.MEMBERS, Intent.COUNT})
# Facts chosen by how many of the question's words their fields hold.
_LOOSE = frozenset({FactKind.DEADLINE, FactKind.DOCUMENT})


def _lacks_place(ask: Ask, reply: FactReply) -> bool:
    """Whether a fact reply about a meeting leaves out the place the question asks for."""
    places = (AnswerType.PLACE, AnswerType.DATE_PLACE)
    return ask.type in places and not any(f.place for f in reply.facts)


class Kind(StrEnum):
    """What sort of reply an answer is."""

    FACT = "fact"
    PASSAGE = "passage"
    CLARIFY = "clarify"
    UNANSWERABLE = "unanswerable"


@dataclass(frozen=True)
class Source:
    """A cited passage."""

    doc: str
    title: str
    date: str | None
    text: str
    score: float
    evidence: bool = False  # the sentence a fact was read from (else a retrieved passage)


@dataclass
class Answer:
    """The core's reply: the short text a person reads first, its kind and its sources."""

    question: str
    text: str
    kind: Kind
    sources: list[Source] = field(default_factory=list)
    elapsed_ms: float = 0.0
    generated_by: str | None = None  # the language model that phrased the text, if any
    # How the question was understood (after a follow-up took the previous one's gaps), to
    # read the next follow-up against; and the blocs a person may pick to narrow the answer.
    understood: ParsedQuestion | None = None
    blocs: list[tuple[str, str]] = field(default_factory=list)  # (Bloc.key, label)

    def documents(self) -> list[tuple[Source, list[str]]]:
        """Each document the sources come from, once (as its first source), with the evidence
        sentences of facts read from it: what a face lists under "Nguồn:"."""
        grouped: dict[str, tuple[Source, list[str]]] = {}
        for source in self.sources:
            _, quotes = grouped.setdefault(source.doc, (source, []))
            if source.evidence:
                quotes.append(source.text)
        return list(grouped.values())

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `ask`."""
        return {
            "question": self.question,
            "answer": self.text,
            "kind": str(self.kind),
            "sources": [asdict(s) for s in self.sources],
            "elapsed_ms": round(self.elapsed_ms, 1),
            "generated_by": self.generated_by,
        }


def coverage(words: list[str], tokens: list[str]) -> float:
    """Share of `words` present among `tokens` (both folded)."""
    if not words:
        return 0.0
    present = set(tokens)
    return sum(w in present for w in words) / len(words)


class AnswerService:
    """Answers questions from the knowledge index, with sources, or says it does not know."""

    def __init__(
        self,
        settings: Settings,
        index: KnowledgeIndex,
        curated: list[Fact] | None = None,
        calendar: Calendar | None = None,
    ) -> None:
        self.settings = settings
        self.index = index
        # The calendar (the documents', the calendar file's and the admins' events) answers
        # "what is due next" when the faces give it one (`bot.wiring`).
        self.calendar = calendar
        self.retriever = HybridRetriever(index, settings.retrieval)
        doc_blocs = {name: (doc.bloc, doc.province) for name, doc in index.docs.items()}
        self.store = FactStore([*(curated or []), *index.facts()], doc_blocs)
        titles = {name: doc.title for name, doc in index.docs.items()}
        self.facts = FactAnswerer(self.store, settings.default_province, titles)
        self.reader = Reader(index)
        self._stated_in = self._passages_of_facts()

    def _passages_of_facts(self) -> dict[int, frozenset[str]]:
        """For each extracted fact, the passages that hold its evidence sentence."""
        by_doc: dict[str, list[Chunk]] = {}
        for chunk in self.index.chunks:
            by_doc.setdefault(chunk.doc, []).append(chunk)
        texts = {c.id: " ".join(vt.fold(c.text).split()) for c in self.index.chunks}
        stated: dict[int, frozenset[str]] = {}
        for fact in self.store.facts:
            evidence = " ".join(vt.fold(fact.evidence).split())
            stated[id(fact)] = frozenset(
                c.id for c in by_doc.get(fact.doc, []) if evidence and evidence in texts[c.id]
            )
        return stated

    def answer(
        self,
        question: str,
        today: dt.date | None = None,
        mode: Mode = Mode.HYBRID,
        *,
        previous: ParsedQuestion | None = None,
        understood: ParsedQuestion | None = None,
        bloc: str | None = None,
        default_bloc: str | None = None,
        province: str | None = None,
    ) -> Answer:
        """Answer one question; `today` anchors relative years ("năm nay").

        A question worded as a follow-up ("còn năm 2022 thì sao?") takes what it leaves out
        from `previous`. `understood` answers an earlier understanding again instead of
        parsing `question`. Blocs are `Bloc.key`s: `bloc` is the one a person picked for this
        question; `default_bloc` (the chat's own) applies when the question names none, and
        `province` (the chat's) to a calendar question naming none.
        """
        started = time.perf_counter()
        text = vt.normalize(question).strip()
        parsed = understood or parse_question(text, today or dt.date.today())
        if understood is None and previous is not None and is_follow_up(text):
            parsed = follow_up(previous, parsed)
        if bloc is None and not parsed.names_bloc():
            bloc = default_bloc
        chosen = self.store.bloc_by_key(bloc) if bloc else None
        result = self._agenda(text, parsed, chosen, today or dt.date.today(), province)
        if result is None:
            result = self._answer(parsed, mode, chosen)
        result.question = question
        result.understood = parsed
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def _agenda(
        self,
        text: str,
        parsed: ParsedQuestion,
        chosen: Bloc | None,
        today: dt.date,
        province: str | None,
    ) -> Answer | None:
        """A calendar question ("sắp tới có hạn gì?") answered from the calendar's dates,
        within the question's (or the chat's) province and bloc; None when it is none or the
        calendar holds nothing it asks for (the documents may still say it)."""
        scoping = (*parsed.provinces, *parsed.bloc_words)
        ask = agenda_ask(text, today, parsed.year, scoping)
        if ask is None or self.calendar is None:
            return None
        blocs = [chosen] if chosen else []
        if not blocs and parsed.names_bloc():
            blocs = self.facts.blocs_for(parsed)
            if not blocs:
                return None
        provinces = (
            parsed.provinces or ((province,) if province else ()) or tuple(self.provinces_of(text))
        )
        names = tuple(name for b in blocs for name in b.names)
        reply = answer_agenda(ask, self.calendar, today, provinces, names)
        if not reply.found:
            return None
        return Answer(
            "", reply.text, Kind.FACT, [self._event_source(o.event) for o in reply.occurrences]
        )

    def _event_source(self, event: Event) -> Source:
        """A document's event cites its sentence; the calendar file's and the admins' cite
        where they come from."""
        record = self.index.docs.get(event.doc) if event.doc else None
        if record is not None and event.evidence:
            return Source(record.name, record.title, record.date, event.evidence, 1.0, True)
        if event.source:  # the calendar file
            return Source(event.source, messages.CALENDAR_FILE_SOURCE, None, event.title, 1.0)
        return Source("", messages.ADMIN_EVENT, None, event.title, 1.0)

    def _answer(self, parsed: ParsedQuestion, mode: Mode, chosen: Bloc | None) -> Answer:
        """Facts first (the precise layer), then the reader over the retrieved sentences;
        a role or a must-know fact that neither states is not answered from a passage."""
        question = parsed.text
        scope = scope_of(parsed.provinces, question, self.index.docs)
        if scope.named and not scope.docs:
            text = messages.NOT_IN_SCOPE.format(scope=scope.label())
            nearest = self.retriever.search(question, k=5, mode=mode)
            return Answer("", text, Kind.UNANSWERABLE, self._sources(nearest))
        reply = self.facts.answer(parsed, chosen)
        if (
            reply is not None
            and scope.sectors
            and any(f.doc in self.index.docs and f.doc not in scope.docs for f in reply.facts)
        ):
            reply = None  # facts of another sector never answer
        # A named scope is searched as it gives its documents: a province's own and those of
        # no known province that name it; a sector's by what they name.
        hits = self.passages(
            question, mode, parsed, chosen=chosen, docs=scope.docs if scope.named else None
        )
        ask = ask_of(parsed)
        if reply is not None and reply.answered and parsed.intent in _PRECISE:
            return self._fact_answer(reply, hits, Kind.FACT)
        if reply is not None and reply.clarify and parsed.intent in _ASK_WHICH_FIRST:
            return self._fact_answer(reply, hits, Kind.CLARIFY)
        reading = self.reader.read(parsed, ask, hits)
        if reply is not None and reply.answered and not self._reads_better(ask, reply, reading):
            return self._fact_answer(reply, hits, Kind.FACT)
        if reading is not None:
            return self._reading_answer(question, reading, hits)
        if reply is not None and (reply.answered or reply.clarify):
            return self._fact_answer(reply, hits, Kind.FACT if reply.answered else Kind.CLARIFY)
        if reply is not None and (
            parsed.intent in _ROLES or (parsed.intent in _MUST_KNOW and not reply.no_bloc)
        ):
            return self._fact_answer(reply, hits, Kind.UNANSWERABLE)
        if ask.type is not AnswerType.PHRASE:
            return self._abstain(hits)
        return self._passage_answer(question, mode, hits)

    def _reads_better(self, ask: Ask, reply: FactReply, reading: Reading | None) -> bool:
        """Whether the reader's sentence answers better than a fact: a deadline or a document
        found by loose matching whose sentence holds less of the question, or a meeting whose
        place is asked and left out."""
        if reading is None:
            return False
        if _lacks_place(ask, reply):
            return True
        if reply.facts and reply.facts[0].kind not in _LOOSE:
            return False
        held = max(
            (self.reader.coverage(ask, f.evidence, f.doc) for f in reply.facts), default=0.0
        )
        return reading.coverage > held

    def _abstain(self, hits: list[Hit], nearest: Hit | None = None) -> Answer:
        """No sentence states what is asked: say so, and show the nearest passage (the first
        one unless given)."""
        shown = nearest or (hits[0] if hits else None)
        if shown is None:
            return Answer("", messages.UNANSWERABLE, Kind.UNANSWERABLE)
        text = f"{messages.UNANSWERABLE_NEAREST} “{shorten(shown.chunk.text, _ANSWER_CHARS)}”"
        return Answer("", text, Kind.UNANSWERABLE, self._sources(hits))

    def _fact_answer(self, reply: FactReply, hits: list[Hit], kind: Kind) -> Answer:
        """An answer from facts: their own sentences first, then the passages around."""
        sources = self._fact_sources(reply.facts)
        quoted = {s.text for s in sources}
        sources += [s for s in self._sources(hits) if s.text not in quoted]
        blocs = [(b.key, b.label()) for b in reply.ambiguous_blocs]
        return Answer("", reply.text, kind, sources, blocs=blocs)

    def _reading_answer(self, question: str, reading: Reading, hits: list[Hit]) -> Answer:
        """An answer read from a sentence, the sentence quoted first as its evidence."""
        chunk = reading.hit.chunk
        evidence = Source(chunk.doc, chunk.title, chunk.date, reading.sentence, 1.0, evidence=True)
        sources = [evidence, *self._sources(hits)]
        return Answer(question, reading.text, Kind.PASSAGE, sources)

    def _fact_sources(self, facts: tuple[Fact, ...]) -> list[Source]:
        sources = []
        for fact in facts:
            doc = self.index.docs.get(fact.doc)
            title = doc.title if doc else messages.CURATED_SOURCE
            date = doc.date if doc else None
            sources.append(Source(fact.doc, title, date, fact.evidence, 1.0, evidence=True))
        return sources

    def provinces_of(self, question: str) -> list[str]:
        """The provinces a question is about: those it names, else the deployment's own."""
        return find_provinces(question) or (
            [self.settings.default_province] if self.settings.default_province else []
        )

    def passages(
        self,
        question: str,
        mode: Mode = Mode.HYBRID,
        parsed: ParsedQuestion | None = None,
        k: int = 5,
        chosen: Bloc | None = None,
        docs: frozenset[str] | None = None,
    ) -> list[Hit]:
        """The best passages for a question, within the provinces it is about (the chosen
        bloc's, when one is chosen); passages that state a fact of the kind asked (per the
        question's understanding) rank higher."""
        provinces = (
            [chosen.province] if chosen and chosen.province else self.provinces_of(question)
        )
        if docs is not None:
            filters = Filters(docs=docs)
        else:
            filters = Filters(provinces=frozenset(provinces)) if provinces else Filters()
        parsed = parsed or parse_question(question, dt.date.today())
        stating = frozenset(
            chunk_id
            for fact in self.facts.relevant(parsed, chosen)
            for chunk_id in self._stated_in.get(id(fact), ())
        )
        return self.retriever.search(question, k=k, mode=mode, filters=filters, stating=stating)

    def _passage_answer(self, question: str, mode: Mode, hits: list[Hit]) -> Answer:
        """A free question: the best sentence of the passages that hold enough of it."""
        words = [vt.fold(w) for w in vt.content_words(question, folded=False)]
        if not words:
            return Answer(question, messages.EMPTY_QUESTION, Kind.CLARIFY)
        if not hits:
            provinces = self.provinces_of(question)
            if not provinces:
                return Answer(question, messages.UNANSWERABLE, Kind.UNANSWERABLE)
            nearest = self.retriever.search(question, k=5, mode=mode)
            text = messages.PROVINCE_NOT_COVERED.format(province=", ".join(provinces))
            return Answer(question, text, Kind.UNANSWERABLE, self._sources(nearest))
        covered, best = max(
            ((coverage(words, [vt.fold(t) for t in h.chunk.tokens]), h) for h in hits[:3]),
            key=lambda item: item[0],
        )
        if covered < self.settings.retrieval.min_coverage:
            return self._abstain(hits, best)
        return Answer(
            question, self._best_sentence(words, hits), Kind.PASSAGE, self._sources(hits)
        )

    @staticmethod
    def _best_sentence(words: list[str], hits: list[Hit]) -> str:
        """The sentence of the top passages that holds most of what the question asks.

        Words of the passage's report title, province and bloc say which report, not which
        sentence, so they do not count; the title itself is never the answer.
        """
        candidates = []
        for rank, hit in enumerate(hits[:3]):
            chunk = hit.chunk
            header = " ".join(p for p in (chunk.title, chunk.province, chunk.bloc) if p)
            asked = [w for w in words if w not in set(vt.lexical_tokens(header, folded=True))]
            for sentence in chunk.text.split("\n"):
                if sentence.strip() == chunk.title.strip():
                    continue
                tokens = vt.lexical_tokens(sentence, folded=True)
                candidates.append((coverage(asked or words, tokens), -rank, sentence))
        if not candidates:
            return shorten(hits[0].chunk.text, _ANSWER_CHARS)
        return shorten(max(candidates)[2], _ANSWER_CHARS)

    @staticmethod
    def _sources(hits: list[Hit]) -> list[Source]:
        return [
            Source(h.chunk.doc, h.chunk.title, h.chunk.date, h.chunk.text, round(h.score, 5))
            for h in hits
        ]
