"""The facts the bot believes: what each says, the sentence it came from and the rule that read
it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any


class FactKind(StrEnum):
    """What a fact is about."""

    BLOC = "bloc"
    ROLE = "role"
    AWARD = "award"
    MEETING = "meeting"
    DOCUMENT = "document"
    DEADLINE = "deadline"
    EFFECTIVE = "effective"  # the day a document takes effect


class Role(StrEnum):
    """A bloc's yearly role: leader (Khối trưởng, Cụm trưởng) or deputy (Khối phó, Cụm phó)."""

    LEADER = "leader"
    DEPUTY = "deputy"


@dataclass(frozen=True)
class Fact:
    """One statement of a document, with its evidence sentence."""

    kind: FactKind
    doc: str
    evidence: str
    rule: str
    bloc: str | None = None
    province: str | None = None
    year: int | None = None
    role: Role | None = None
    unit: str | None = None
    person: str | None = None
    units: tuple[str, ...] = ()
    count: int | None = None
    award: str | None = None
    granter: str | None = None
    meeting: str | None = None
    date: str | None = None
    place: str | None = None
    period: str | None = None
    chair: str | None = None
    number: str | None = None
    doc_type: str | None = None
    subject: str | None = None
    recipient: str | None = None
    recurring: bool = False
    curated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict: enums as strings, None, empty and false fields left out."""
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or value is False or value == "" or value == ():
                continue
            if isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, tuple):
                value = list(value)
            data[item.name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fact:
        """The fact `to_dict` gave; unknown keys are ignored."""
        known = {item.name for item in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["kind"] = FactKind(values["kind"])
        if values.get("role") is not None:
            values["role"] = Role(values["role"])
        values["units"] = tuple(values.get("units") or ())
        return cls(**values)


@dataclass(frozen=True)
class DocContext:
    """What the extractor knows of a document besides its text."""

    doc: str
    title: str
    province: str | None
    bloc: str | None
    date: dt.date | None
