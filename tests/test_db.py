"""The state database's migrations, on SQLite and on a throwaway PostgreSQL: a database of the
first release (made before migrations existed) is upgraded with its rows intact, a fresh one
gets the same schema, opening again changes nothing, and processes starting together agree."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    create_engine,
    insert,
    inspect,
    text,
)

from bot.answers.history import ChatStore
from bot.audit import Action, Actor, AuditLog, Entry
from bot.calendar.events import EventKind
from bot.calendar.schedule import Calendar
from bot.calendar.store import DeliveryKey, ReminderStore, Status, Subscription
from bot.db import metadata, open_database
from tests.conftest import ZONE, meeting

HEAD = "0003"
SINCE = dt.datetime(2026, 11, 1, 0, 0, tzinfo=dt.UTC)
CLAIMED = dt.datetime(2026, 12, 8, 0, 1)


def first_release(with_audit_log: bool = False) -> MetaData:
    """The tables as the first release created them (`metadata.create_all`, b108d14); the next
    one added the audit log the same way."""
    old = MetaData()
    Table(
        "chats",
        old,
        Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
        Column("bloc_key", String(32)),
        Column("last_answer_id", Integer),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "answers",
        old,
        Column("id", Integer, primary_key=True),
        Column("chat_id", BigInteger, nullable=False, index=True),
        Column("user_id", BigInteger),
        Column("question", Text, nullable=False),
        Column("answer", Text, nullable=False),
        Column("kind", String(16), nullable=False),
        Column("sources", Text, nullable=False),
        Column("understood", Text),
        Column("generated_by", String(200)),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "feedback",
        old,
        Column("id", Integer, primary_key=True),
        Column("answer_id", Integer, ForeignKey("answers.id", ondelete="CASCADE"), nullable=False),
        Column("user_id", BigInteger, nullable=False),
        Column("rating", SmallInteger, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("answer_id", "user_id"),
    )
    Table(
        "calendar_events",
        old,
        Column("id", String(80), primary_key=True),
        Column("kind", String(16), nullable=False),
        Column("title", Text, nullable=False),
        Column("bloc", Text),
        Column("province", Text),
        Column("date", Date, nullable=False),
        Column("time", Time),
        Column("place", Text),
        Column("host", Text),
        Column("recurring", Boolean, nullable=False),
        Column("note", Text),
        Column("created_by", BigInteger),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "calendar_changes",
        old,
        Column("event_id", String(80), primary_key=True),
        Column("original", Date, primary_key=True),
        Column("date", Date, nullable=False),
        Column("time", Time),
        Column("cancelled", Boolean, nullable=False),
        Column("reason", Text),
        Column("changed_by", BigInteger),
        Column("changed_at", DateTime, nullable=False),
    )
    Table(
        "reminder_subscriptions",
        old,
        Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
        Column("blocs", JSON, nullable=False),
        Column("leads", JSON, nullable=False),
        Column("enabled", Boolean, nullable=False),
        Column("since", DateTime, nullable=False),
    )
    Table(
        "reminder_deliveries",
        old,
        Column("id", Integer, primary_key=True),
        Column("event_id", String(80), nullable=False),
        Column("original", Date, nullable=False),
        Column("date", Date, nullable=False),
        Column("chat_id", BigInteger, nullable=False),
        Column("notice", String(16), nullable=False),
        Column("lead_days", Integer, nullable=False),
        Column("status", String(16), nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("late", Boolean, nullable=False),
        Column("claimed_at", DateTime, nullable=False),
        Column("sent_at", DateTime),
        Column("error", Text),
        UniqueConstraint("event_id", "date", "chat_id", "notice", "lead_days", name="uq_delivery"),
        Index("ix_delivery_occurrence", "event_id", "original"),
    )
    if with_audit_log:
        Table(
            "audit_log",
            old,
            Column("id", Integer, primary_key=True),
            Column("at", DateTime, nullable=False, index=True),
            Column("actor_id", BigInteger),
            Column("actor_name", Text, nullable=False),
            Column("action", String(16), nullable=False),
            Column("target", Text, nullable=False),
            Column("content_hash", String(64)),
            Column("detail", Text),
        )
    return old


def fill_first_release(url: str, with_audit_log: bool = False) -> None:
    """A database of the first release, with a chat, its subscription, two deliveries and an
    admin's event."""
    old = first_release(with_audit_log)
    engine = create_engine(url)
    old.create_all(engine)
    tables = old.tables
    with engine.begin() as conn:
        conn.execute(insert(tables["chats"]).values(chat_id=-5, bloc_key="k5", updated_at=SINCE))
        conn.execute(
            insert(tables["reminder_subscriptions"]).values(
                chat_id=-5,
                blocs=["Khối 5"],
                leads=[7, 1],
                enabled=True,
                since=SINCE.replace(tzinfo=None),
            )
        )
        for lead, status in ((7, Status.SENT), (1, Status.FAILED)):
            conn.execute(
                insert(tables["reminder_deliveries"]).values(
                    event_id="tong-ket",
                    original=dt.date(2026, 12, 15),
                    date=dt.date(2026, 12, 15),
                    chat_id=-5,
                    notice="reminder",
                    lead_days=lead,
                    status=status,
                    attempts=1,
                    late=False,
                    claimed_at=CLAIMED,
                )
            )
        conn.execute(
            insert(tables["calendar_events"]).values(
                id="adm-1",
                kind="meeting",
                title="Họp khối",
                date=dt.date(2026, 12, 20),
                recurring=False,
                created_at=CLAIMED,
            )
        )
    engine.dispose()


def version(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def schema_differences(engine: Engine) -> list[object]:
    """What differs between the database's schema and the tables the code declares."""
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), metadata))


@pytest.mark.parametrize("with_audit_log", [False, True], ids=["b108d14", "audit-log"])
def test_a_first_release_database_is_upgraded_with_its_rows(
    database_url: str, with_audit_log: bool
) -> None:
    fill_first_release(database_url, with_audit_log)
    engine = open_database(database_url)
    try:
        assert version(engine) == [HEAD]
        assert schema_differences(engine) == []
        store = ReminderStore(engine)
        subscription = store.subscription(-5)
        assert subscription is not None
        assert (subscription.blocs, subscription.leads, subscription.enabled) == (
            ("Khối 5",),
            (7, 1),
            True,
        )
        assert subscription.since == SINCE
        assert (subscription.province, subscription.sectors) == (None, ())
        occurrence = Calendar(engine, ZONE, [meeting()]).occurrences(
            dt.date(2026, 12, 1), dt.date(2026, 12, 31)
        )
        deliveries = store.deliveries(occurrence)
        key = DeliveryKey("tong-ket", dt.date(2026, 12, 15), -5, "reminder", 7)
        assert deliveries[key] == (Status.SENT, 1)
        assert deliveries[key._replace(lead_days=1)] == (Status.FAILED, 1)
        assert ChatStore(engine).default_bloc(-5) == "k5"
        (admins,) = Calendar(engine, ZONE).store.events()
        assert (admins.kind, admins.sector) == (EventKind.MEETING, None)
        log = AuditLog(engine)
        log.record(Entry(CLAIMED.replace(tzinfo=dt.UTC), Actor(1, "Quản trị"), Action.ADD, "a"))
        assert [e.target for e in log.entries()] == ["a"]
    finally:
        engine.dispose()


def test_a_fresh_database_gets_every_revision_and_opening_again_changes_nothing(
    database_url: str,
) -> None:
    engine = open_database(database_url)
    assert version(engine) == [HEAD]
    assert schema_differences(engine) == []
    store = ReminderStore(engine)
    subscribed = Subscription(-7, ("Khối 5",), (1,), True, SINCE, "Tây Ninh", ("y tế",))
    store.save(subscribed)
    engine.dispose()
    again = open_database(database_url)
    try:
        assert version(again) == [HEAD]
        assert ReminderStore(again).subscription(-7) == subscribed
        assert "alembic_version" in inspect(again).get_table_names()
    finally:
        again.dispose()


def test_processes_opening_a_database_together_both_succeed(database_url: str) -> None:
    fill_first_release(database_url)
    code = "import sys; from bot.db import open_database; open_database(sys.argv[1]).dispose()"
    started = [
        subprocess.Popen([sys.executable, "-c", code, database_url], stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    for process in started:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors.decode()
    engine = open_database(database_url)
    try:
        assert version(engine) == [HEAD]
        subscription = ReminderStore(engine).subscription(-5)
        assert subscription is not None
        assert subscription.enabled
    finally:
        engine.dispose()
