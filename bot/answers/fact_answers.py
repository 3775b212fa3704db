"""Answers to exact questions (who led, who won, which members, when, which document, by when)
from the fact store: one short sentence or list, with the facts' sentences as sources. The
replies of each family are in `bloc_replies` and `record_replies`."""

from __future__ import annotations

import functools
from collections.abc import Callable

from bot.answers import bloc_replies, record_replies
from bot.answers import wording as messages
from bot.answers.questions import Intent, ParsedQuestion
from bot.answers.replies import KIND_OF_INTENT, ROLE_OF_INTENT, FactReply
from bot.facts.model import Fact, FactKind
from bot.facts.store import Bloc, BlocQuery, FactStore

# Documents and deadlines are often national or sectoral: they are found without a bloc.
_ANY_BLOC = frozenset({Intent.DOCUMENT, Intent.DEADLINE})
# A question naming no bloc is answered for each bloc up to this many; beyond, it asks which.
_MAX_BLOCS = 6


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
        kind = KIND_OF_INTENT.get(question.intent)
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
        role = ROLE_OF_INTENT.get(question.intent)
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
        kind = KIND_OF_INTENT[question.intent]
        role = ROLE_OF_INTENT.get(question.intent)
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
        store, titles = self.store, self.titles
        return {
            Intent.LEADER: functools.partial(bloc_replies.role, store),
            Intent.DEPUTY: functools.partial(bloc_replies.role, store),
            Intent.MEMBERS: functools.partial(bloc_replies.members, store),
            Intent.COUNT: functools.partial(bloc_replies.count, store),
            Intent.AWARD: functools.partial(record_replies.award, store),
            Intent.MEETING: functools.partial(record_replies.meeting, store),
            Intent.DOCUMENT: functools.partial(record_replies.document, store, titles),
            Intent.DEADLINE: functools.partial(record_replies.deadline, store, titles),
        }
