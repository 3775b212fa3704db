"""The audit log: who added, removed or corrected what in the knowledge, and when.

One row per change, in the state database (`bot.db`); a file's row keeps its content hash, so a
document can be traced to the exact bytes an admin sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Column, Engine, Integer, String, Table, Text, insert, select

from bot.db import UtcDateTime, metadata

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False, index=True),
    Column("actor_id", BigInteger),
    Column("actor_name", Text, nullable=False),
    Column("action", String(16), nullable=False),
    Column("target", Text, nullable=False),
    Column("content_hash", String(64)),
    Column("detail", Text),
)


class Action(StrEnum):
    """What an admin did to the knowledge."""

    ADD = "add"
    REMOVE = "remove"
    CORRECT = "correct"


@dataclass(frozen=True)
class Actor:
    """Who made a change: a Telegram user (id and display name) or an operator's command."""

    id: int | None
    name: str

    def label(self) -> str:
        """The name with the Telegram id, as the log and citations show it."""
        return f"{self.name} (ID {self.id})" if self.id is not None else self.name


@dataclass(frozen=True)
class Entry:
    """One change of the log."""

    at: dt.datetime
    actor: Actor
    action: Action
    target: str  # the document's name in the knowledge folder, or the corrected fact
    content_hash: str | None = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of `audit --json`."""
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["action"] = str(self.action)
        return data


class AuditLog:
    """Appends changes and reads them back, newest first."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, entry: Entry) -> None:
        """Append one change."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(audit_log).values(
                    at=entry.at,
                    actor_id=entry.actor.id,
                    actor_name=entry.actor.name,
                    action=str(entry.action),
                    target=entry.target,
                    content_hash=entry.content_hash,
                    detail=entry.detail,
                )
            )

    def entries(self, limit: int | None = None) -> list[Entry]:
        """The changes, newest first (the last `limit` when given)."""
        query = select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit) if limit else query).mappings().all()
        return [
            Entry(
                at=row["at"],
                actor=Actor(row["actor_id"], row["actor_name"]),
                action=Action(row["action"]),
                target=row["target"],
                content_hash=row["content_hash"],
                detail=row["detail"],
            )
            for row in rows
        ]

    def added(self) -> dict[str, Entry]:
        """For each document name, the change that last added it."""
        found: dict[str, Entry] = {}
        for entry in reversed(self.entries()):
            if entry.action is Action.ADD:
                found[entry.target] = entry
        return found
