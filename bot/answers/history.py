"""What the bot remembers of each chat, in the state database: its chosen bloc, the answers it
gave (for /nguon, follow-ups and bloc buttons) and the feedback people left on them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    Row,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)

from bot.answers.questions import ParsedQuestion
from bot.answers.service import Answer, Source
from bot.db import metadata

chats = Table(
    "chats",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("bloc_key", String(32)),
    Column("last_answer_id", Integer),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chat_id", BigInteger, nullable=False, index=True),
    Column("user_id", BigInteger),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sources", Text, nullable=False),  # JSON list of Source
    Column("understood", Text),  # JSON ParsedQuestion
    Column("generated_by", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("answer_id", Integer, ForeignKey("answers.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", BigInteger, nullable=False),
    Column("rating", SmallInteger, nullable=False),  # +1 or -1
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("answer_id", "user_id"),
)


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as recorded: enough to show its sources or answer it again for a bloc."""

    id: int
    chat_id: int
    question: str
    text: str
    kind: str
    sources: list[Source]
    understood: ParsedQuestion | None


@dataclass(frozen=True)
class FeedbackRow:
    """One person's 👍/👎 on one answer, for the maintainers to review."""

    answer_id: int
    chat_id: int
    user_id: int
    rating: int
    question: str
    answer: str
    created_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {**asdict(self), "created_at": self.created_at.isoformat()}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ChatStore:
    """Chat preferences, the answers given and the feedback on them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def default_bloc(self, chat_id: int) -> str | None:
        """The bloc key this chat chose with /khoi, if any."""
        return self.state(chat_id)[1]

    def set_default_bloc(self, chat_id: int, bloc_key: str | None) -> None:
        """Choose (or clear) the chat's bloc."""
        with self.engine.begin() as conn:
            self._upsert_chat(conn, chat_id, bloc_key=bloc_key)

    def record(self, chat_id: int, user_id: int | None, answer: Answer) -> int:
        """Keep an answer as the chat's last one; its id goes into the reply's buttons."""
        row = {
            "chat_id": chat_id,
            "user_id": user_id,
            "question": answer.question,
            "answer": answer.text,
            "kind": str(answer.kind),
            "sources": json.dumps([asdict(s) for s in answer.sources], ensure_ascii=False),
            "understood": (
                json.dumps(answer.understood.to_dict(), ensure_ascii=False)
                if answer.understood
                else None
            ),
            "generated_by": answer.generated_by,
            "created_at": _now(),
        }
        with self.engine.begin() as conn:
            inserted = conn.execute(insert(answers).values(row)).inserted_primary_key
            assert inserted is not None
            answer_id = int(inserted[0])
            self._upsert_chat(conn, chat_id, last_answer_id=answer_id)
        return answer_id

    def answer(self, answer_id: int) -> StoredAnswer | None:
        """A recorded answer by id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(answers).where(answers.c.id == answer_id)).first()
        return _stored(row) if row is not None else None

    def last_answer(self, chat_id: int) -> StoredAnswer | None:
        """The chat's last answer (its question is what a follow-up leans on)."""
        return self.state(chat_id)[0]

    def state(self, chat_id: int) -> tuple[StoredAnswer | None, str | None]:
        """The chat's last answer and chosen bloc, in one query."""
        query = (
            select(answers, chats.c.bloc_key)
            .select_from(chats.outerjoin(answers, answers.c.id == chats.c.last_answer_id))
            .where(chats.c.chat_id == chat_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None, None
        return (_stored(row) if row.id is not None else None), row.bloc_key

    def recent_turns(self, chat_id: int, count: int) -> list[tuple[str, str]]:
        """The chat's last `count` (question, answer) pairs, oldest first."""
        if count <= 0:
            return []
        query = (
            select(answers.c.question, answers.c.answer)
            .where(answers.c.chat_id == chat_id)
            .order_by(answers.c.id.desc())
            .limit(count)
        )
        with self.engine.connect() as conn:
            return [(row.question, row.answer) for row in conn.execute(query)][::-1]

    def add_feedback(self, answer_id: int, user_id: int, rating: int) -> bool:
        """Store (or change) one person's rating of an answer; False if the answer is gone."""
        with self.engine.begin() as conn:
            if conn.scalar(select(answers.c.id).where(answers.c.id == answer_id)) is None:
                return False
            changed = conn.execute(
                update(feedback)
                .where(feedback.c.answer_id == answer_id, feedback.c.user_id == user_id)
                .values(rating=rating, created_at=_now())
            ).rowcount
            if not changed:
                conn.execute(
                    insert(feedback).values(
                        answer_id=answer_id, user_id=user_id, rating=rating, created_at=_now()
                    )
                )
        return True

    def feedback(self, negative_only: bool = False) -> list[FeedbackRow]:
        """Every rating with its question and answer, newest first."""
        query = (
            select(
                feedback.c.answer_id,
                answers.c.chat_id,
                feedback.c.user_id,
                feedback.c.rating,
                answers.c.question,
                answers.c.answer,
                feedback.c.created_at,
            )
            .join(answers, answers.c.id == feedback.c.answer_id)
            .order_by(feedback.c.created_at.desc(), feedback.c.id.desc())
        )
        if negative_only:
            query = query.where(feedback.c.rating < 0)
        with self.engine.connect() as conn:
            return [FeedbackRow(*row) for row in conn.execute(query)]

    @staticmethod
    def _upsert_chat(conn: Connection, chat_id: int, **values: object) -> None:
        changed = conn.execute(
            update(chats).where(chats.c.chat_id == chat_id).values(updated_at=_now(), **values)
        ).rowcount
        if not changed:
            conn.execute(insert(chats).values(chat_id=chat_id, updated_at=_now(), **values))


def _stored(row: Row[Any]) -> StoredAnswer:
    understood = json.loads(row.understood) if row.understood else None
    return StoredAnswer(
        id=row.id,
        chat_id=row.chat_id,
        question=row.question,
        text=row.answer,
        kind=row.kind,
        sources=[Source(**s) for s in json.loads(row.sources)],
        understood=ParsedQuestion.from_dict(understood) if understood else None,
    )
