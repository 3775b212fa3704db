"""What admins change in the knowledge: documents sent from the chat, removals, corrections.

One change at a time: a lock in this process, and the index's own file lock across processes
(an upload waits for a re-index). A file is checked and read in a staging folder before anything is
written, so a bad file leaves the knowledge folder and the index as they were; a failure after
the file is placed takes it out again. Questions go on being answered from the last complete
state: the new core is built beside it and replaces it in one step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.answers.service import AnswerService
from bot.audit import Action, Actor, AuditLog, Entry
from bot.calendar.events import Event
from bot.calendar.sources import events_from_facts
from bot.facts.curated import CORRECTIONS_FILE, append_curated
from bot.facts.model import Fact
from bot.knowledge.filetypes import UploadRejected, check_upload
from bot.knowledge.index import DocRecord
from bot.knowledge.loaders import DocumentLoadError, load_file

log = logging.getLogger(__name__)

UPLOADS_DIR = "uploads"  # where sent documents go, inside the knowledge folder
REMOVED_DIR = ".removed"  # removed documents are kept here (hidden: never indexed)
_NAME_CHARS = 120
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")

# Builds the core anew over the knowledge folder and the index (reusing the loaded model).
Reopen = Callable[[], AnswerService]


class AlreadyKnown(Exception):
    """The same content is already a document of the knowledge (under `name`)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class UnknownDocument(LookupError):
    """No document of the knowledge has this name."""


@dataclass(frozen=True)
class Learned:
    """What one document taught the bot."""

    doc: DocRecord
    facts: list[Fact]
    events: list[Event]
    seconds: float


@dataclass(frozen=True)
class KnownDocument:
    """A document of the knowledge, with who added it from the chat (None: the operator placed
    it in the folder) and how many facts were read from it."""

    record: DocRecord
    added: Entry | None
    facts: int


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes, as the index and the audit log record it."""
    return hashlib.sha256(data).hexdigest()


def safe_name(file_name: str) -> str:
    """The sender's file name without folders or characters a file system refuses (NFC,
    the extension kept, at most 120 characters)."""
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", file_name))[-1]
    base = _UNSAFE.sub(" ", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = " ".join(stem.split())[: _NAME_CHARS - len(suffix) - 1].strip() or "tai-lieu"
    return f"{stem}.{suffix}" if suffix else stem


class Library:
    """The knowledge folder as admins change it, and the core that answers from it."""

    def __init__(
        self,
        qa: AnswerService,
        audit: AuditLog,
        reopen: Reopen,
        on_change: Callable[[AnswerService], None] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self._qa = qa
        self.audit = audit
        self._reopen = reopen
        self._on_change = on_change
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._lock = threading.Lock()

    @property
    def qa(self) -> AnswerService:
        """The core over the last complete state of the knowledge."""
        return self._qa

    @property
    def knowledge_dir(self) -> Path:
        """The knowledge folder."""
        return self._qa.settings.paths.knowledge_dir

    def subscribe(self, on_change: Callable[[AnswerService], None]) -> None:
        """Call `on_change` with each new core (the reminders re-read the documents' events)."""
        self._on_change = on_change

    # -- reading -------------------------------------------------------------------------

    def documents(self) -> list[KnownDocument]:
        """Every document: those added from the chat, newest first, then the folder's own,
        newest document first."""
        added = self.audit.added()
        known = [
            KnownDocument(doc, added.get(name), len(doc.facts))
            for name, doc in sorted(self._qa.index.docs.items())
        ]
        known.sort(key=lambda d: d.record.date or "", reverse=True)
        return sorted(known, key=lambda d: -d.added.at.timestamp() if d.added else 0.0)

    def find(self, key: str) -> DocRecord | None:
        """The document whose name, or content hash beginning, is `key`."""
        docs = self._qa.index.docs
        if key in docs:
            return docs[key]
        return next((d for d in docs.values() if key and d.content_hash.startswith(key)), None)

    # -- changing ------------------------------------------------------------------------

    def add(self, file_name: str, data: bytes, actor: Actor, max_bytes: int) -> Learned:
        """Store a sent file under the uploads folder, index it and read its facts.

        `UploadRejected` (its message says what is wrong, in Vietnamese) for a file that cannot
        be used, `AlreadyKnown` for content the knowledge already holds; in both cases nothing
        is written.
        """
        started = time.perf_counter()
        check_upload(file_name, data, max_bytes)
        digest = content_hash(data)
        name = safe_name(file_name)
        _read_staged(name, data)
        with self._lock:
            same = next(
                (d for d in self._qa.index.docs.values() if d.content_hash == digest), None
            )
            if same is not None:
                raise AlreadyKnown(same.name)
            path = self._free_path(name)
            _write_atomic(path, data)
            doc_name = path.relative_to(self.knowledge_dir).as_posix()
            qa = self._rebuild(undo=lambda: path.unlink(missing_ok=True))
            record = qa.index.docs.get(doc_name)
            if record is None:  # read in staging, yet not indexed: leave nothing behind
                path.unlink(missing_ok=True)
                self._rebuild(undo=None)
                raise UploadRejected(f"không lập được chỉ mục cho tệp “{name}”")
            self._record(Action.ADD, actor, doc_name, digest, record.title)
        facts = [Fact.from_dict(f) for f in record.facts]
        events = [e for e in events_from_facts(qa.store, qa.index.docs) if _of_doc(e, doc_name)]
        return Learned(record, facts, events, time.perf_counter() - started)

    def remove(self, name: str, actor: Actor) -> DocRecord:
        """Take a document out of the knowledge: its passages, facts and calendar events go;
        the file is kept in the hidden removed folder. `UnknownDocument` when there is none."""
        with self._lock:
            record = self._qa.index.docs.get(name)
            path = self.knowledge_dir / name
            if record is None or not path.is_file():
                raise UnknownDocument(name)
            stamp = self._clock().strftime("%Y%m%d-%H%M%S")
            kept = self.knowledge_dir / REMOVED_DIR / f"{stamp}-{name.replace('/', '__')}"
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, kept)
            self._rebuild(undo=lambda: os.replace(kept, path))
            self._record(Action.REMOVE, actor, name, record.content_hash, record.title)
        return record

    def correct(self, entry: dict[str, Any], actor: Actor) -> Fact:
        """Record a curated fact from an admin (in the corrections file, cited as that admin's
        correction); ValueError (Vietnamese) for an invalid entry, and nothing is written."""
        day = self._clock().astimezone().strftime("%d/%m/%Y")
        entry = {**entry, "note": f"Đính chính của quản trị viên {actor.label()} ngày {day}"}
        path = self.knowledge_dir / CORRECTIONS_FILE
        with self._lock:
            before = path.read_bytes() if path.exists() else None
            fact = append_curated(path, entry)

            def undo() -> None:
                if before is None:
                    path.unlink(missing_ok=True)
                else:
                    _write_atomic(path, before)

            self._rebuild(undo=undo)
            target = "; ".join(f"{key}: {value}" for key, value in entry.items() if key != "note")
            self._record(Action.CORRECT, actor, target, None, entry["note"])
        return fact

    # -- inside the lock -----------------------------------------------------------------

    def _free_path(self, name: str) -> Path:
        """The uploads folder's path for `name`, numbered when a different file has it."""
        folder = self.knowledge_dir / UPLOADS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        path, number = folder / name, 1
        while path.exists():
            number += 1
            path = folder / (f"{stem} ({number}).{suffix}" if suffix else f"{stem} ({number})")
        return path

    def _rebuild(self, undo: Callable[[], None] | None) -> AnswerService:
        """Index the folder as it now is and publish the new core; on failure, `undo` the
        change to the folder, index it back, and raise."""
        try:
            qa = self._reopen()
        except Exception:
            if undo is None:
                raise
            log.exception("Indexing after a change failed; the change is undone")
            undo()
            self._rebuild(undo=None)
            raise
        self._qa = qa
        if self._on_change is not None:
            self._on_change(qa)
        return qa

    def _record(
        self, action: Action, actor: Actor, target: str, digest: str | None, detail: str
    ) -> None:
        self.audit.record(Entry(self._clock(), actor, action, target, digest, detail))


def _of_doc(event: Event, name: str) -> bool:
    source = event.source or ""
    return source == name or source.endswith(f"[{name}]")


def _read_staged(name: str, data: bytes) -> None:
    """Read the file as the index would, in a staging folder; `UploadRejected` with the
    loader's reason when it cannot be read."""
    with tempfile.TemporaryDirectory(prefix="upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            load_file(path, Path(folder))
        except DocumentLoadError as exc:
            raise UploadRejected(exc.reason) from exc


def _write_atomic(path: Path, data: bytes) -> None:
    """Write through a hidden temporary file (never indexed), then rename into place."""
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
