"""The state database: one SQLAlchemy engine from DATABASE_URL, SQLite by default.

Every store (chat state, feedback, reminders, audit log) declares its tables on `metadata`;
`open_database` brings the schema to the newest revision of `bot.migrations`, keeping every row.
PostgreSQL needs the `postgres` extra (psycopg).
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    DateTime,
    Dialect,
    Engine,
    MetaData,
    TypeDecorator,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

metadata = MetaData()

# A database made before migrations existed has no `alembic_version`: it is stamped with the
# newest revision whose table it holds (the first release's, or the audit log's of the next).
_UNVERSIONED = (("audit_log", "0002"), ("reminder_subscriptions", "0001"), ("chats", "0001"))
_MIGRATION_LOCK = 0x7468_6964_7561  # PostgreSQL advisory lock key: one migrating process
# Alembic's `op` and `context` are process-wide: one migration at a time in this process.
_MIGRATING = threading.Lock()


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC, so SQLite and PostgreSQL read back the same."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


class DatabaseError(RuntimeError):
    """The database URL cannot be used; the message says what to install or fix."""


def open_database(url: str) -> Engine:
    """An engine for `url`, its schema migrated to the newest revision.

    `sqlite:///relative/path` creates its folder; `postgresql://` is served by psycopg 3.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"DATABASE_URL không hợp lệ: {exc}") from exc
    match parsed.get_backend_name():
        case "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, connect_args={"timeout": 30}, pool_size=10)
            event.listen(engine, "connect", _sqlite_pragmas)
            if parsed.database and parsed.database != ":memory:":
                # WAL lets readers work while one thread writes; it is a property of the file,
                # set once here (per connection it would take a lock each time).
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        case "postgresql":
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
            try:
                engine = create_engine(parsed, pool_pre_ping=True)
            except (ModuleNotFoundError, NoSuchModuleError) as exc:
                raise DatabaseError(
                    "PostgreSQL cần gói psycopg: pip install -e '.[postgres]'"
                ) from exc
        case other:
            raise DatabaseError(
                f"Chưa hỗ trợ cơ sở dữ liệu “{other}” (dùng sqlite hoặc postgresql)."
            )
    migrate(engine)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction that holds the database's
    write lock (SQLite) or an advisory lock (PostgreSQL): processes starting together migrate
    one after the other, and the later ones find nothing left to do."""
    config = Config()
    config.set_main_option("script_location", "bot:migrations")
    with _MIGRATING, engine.connect() as conn:
        _lock(conn)
        config.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            found = next((rev for table, rev in _UNVERSIONED if table in tables), None)
            if found is not None:
                command.stamp(config, found)
        command.upgrade(config, "head")
        conn.commit()


def _lock(conn: Connection) -> None:
    """Take the lock that serialises migrations, for the transaction that begins here."""
    match conn.dialect.name:
        case "sqlite":
            # pysqlite begins a transaction only before a write; the schema is read first.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        case "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


def _sqlite_pragmas(connection: object, _record: object) -> None:
    """Per connection: foreign keys (off by default in SQLite); in WAL mode, synchronous=NORMAL
    syncs at checkpoints rather than at every commit (the file stays consistent; a power cut
    may lose the last commits), which halves the cost of recording an answer."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
