"""A group's state moving to its supergroup, on SQLite and PostgreSQL: everything moves once,
and what the supergroup already had of its own is kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.answers.history import ChatStore
from bot.calendar.store import DeliveryKey, ReminderStore, Subscription, reminder_deliveries
from bot.chat_migration import move_chat
from bot.db import open_database

OLD, NEW = -42, -100_42
SINCE = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def test_a_group_state_moves_once_and_the_supergroup_keeps_its_own(database_url: str) -> None:
    engine = open_database(database_url)
    try:
        reminders, chats = ReminderStore(engine), ChatStore(engine)
        reminders.save(Subscription(OLD, ("Khối 5",), (7, 1), True, SINCE, "Tây Ninh"))
        chats.set_default_bloc(OLD, "k5")
        chats.set_default_bloc(NEW, "k6")  # the supergroup chose its own bloc meanwhile
        sent = DeliveryKey("tong-ket", dt.date(2026, 12, 15), OLD, "reminder", 7)
        for key in (sent, sent._replace(lead_days=1), sent._replace(chat_id=NEW, lead_days=1)):
            reminders.claim(key, dt.date(2026, 12, 15), late=False, retry=False, now=SINCE)

        assert move_chat(engine, OLD, NEW)
        assert not move_chat(engine, OLD, NEW)  # the second service message finds nothing

        moved = reminders.subscription(NEW)
        assert moved is not None
        assert (moved.blocs, moved.leads, moved.province) == (("Khối 5",), (7, 1), "Tây Ninh")
        assert reminders.subscription(OLD) is None
        assert chats.default_bloc(NEW) == "k6"
        assert chats.default_bloc(OLD) is None
        table = reminder_deliveries
        with engine.connect() as conn:
            rows = conn.execute(select(table.c.chat_id, table.c.lead_days)).all()
        assert sorted(rows) == [(NEW, 1), (NEW, 7)]
    finally:
        engine.dispose()
