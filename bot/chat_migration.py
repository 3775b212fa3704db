"""A group upgraded to a supergroup: Telegram gives it a new chat id ("migrates" it), and what
the state database keeps under the old id moves to the new one: the chosen bloc, the answers,
the reminders' subscription and their deliveries (so nothing already sent is sent again)."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, Table, delete, exists, select, update

from bot.answers.history import answers, chats
from bot.calendar.store import reminder_deliveries, reminder_subscriptions


def move_chat(engine: Engine, old: int, new: int) -> bool:
    """Move the rows of chat `old` to chat `new`, in one transaction; True when any moved.
    Where the new chat already has a row of its own (it was used before the move was seen),
    that row is kept and the old one dropped; moving again moves nothing."""
    with engine.begin() as conn:
        moved = _move_one(conn, chats, old, new) + _move_one(
            conn, reminder_subscriptions, old, new
        )
        moved += conn.execute(
            update(answers).where(answers.c.chat_id == old).values(chat_id=new)
        ).rowcount
        sent, theirs = reminder_deliveries, reminder_deliveries.alias("theirs")
        taken = exists().where(
            theirs.c.chat_id == new,
            *(theirs.c[n] == sent.c[n] for n in ("event_id", "date", "notice", "lead_days")),
        )
        moved += conn.execute(
            update(sent).where(sent.c.chat_id == old, ~taken).values(chat_id=new)
        ).rowcount
        conn.execute(delete(sent).where(sent.c.chat_id == old))
    return moved > 0


def _move_one(conn: Connection, table: Table, old: int, new: int) -> int:
    """Move the chat's row of a table keyed by chat id; the number of rows moved."""
    key = table.c.chat_id
    if conn.scalar(select(key).where(key == new)) is not None:
        conn.execute(delete(table).where(key == old))
        return 0
    return conn.execute(update(table).where(key == old).values(chat_id=new)).rowcount
