"""The state database: one SQLAlchemy engine from DATABASE_URL, SQLite by default.

Every store (chat state, feedback, reminders) declares its tables on `metadata`; `open_database`
creates whatever is missing. PostgreSQL needs the `postgres` extra (psycopg).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Dialect, Engine, MetaData, TypeDecorator, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

metadata = MetaData()


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
    """An engine for `url` with every table created.

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
    metadata.create_all(engine)
    return engine


def _sqlite_pragmas(connection: object, _record: object) -> None:
    """Per connection: foreign keys (off by default in SQLite); in WAL mode, synchronous=NORMAL
    syncs at checkpoints rather than at every commit (the file stays consistent; a power cut
    may lose the last commits), which halves the cost of recording an answer."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
