"""The hybrid index over `knowledge/`: chroma for dense vectors, BM25 over our own tokens.

The index folder holds `manifest.json` (documents, their content hashes and metadata) and
`chunks.jsonl` (every passage with its tokens); chroma lives there too unless a chroma server is
configured. Syncing is incremental: an unchanged file (same content hash) is skipped, a changed one
replaced, a deleted one removed, and nothing is written when nothing changed.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.facts.curated import CuratedError
from bot.facts.extract import extract_facts
from bot.facts.model import DocContext, Fact
from bot.knowledge.chunking import chunk_sentences
from bot.knowledge.embeddings import Embedder
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.loaders import DocumentLoadError, knowledge_files, load_file
from bot.knowledge.metadata import infer_metadata
from bot.knowledge.vectors import VectorStore
from bot.settings import Settings
from bot.vi import normalize as vt
from bot.vi.sentences import split_sentences

log = logging.getLogger(__name__)

# Reads the facts of one document (the rule families by default; tests pass their own).
Extractor = Callable[[DocContext, str], list[Fact]]

# Bump when chunking or tokenisation changes: a stored index of another version is rebuilt.
INDEX_VERSION = 8
_MANIFEST = "manifest.json"
_CHUNKS = "chunks.jsonl"
_WRITE_LOCK = ".write.lock"


class IndexFolderMismatch(RuntimeError):
    """The index was built from another knowledge folder; syncing would drop its documents.
    The message (Vietnamese) names both folders and what to do."""

    def __init__(self, index_dir: Path, recorded: Path, given: Path) -> None:
        super().__init__(
            f"Chỉ mục {index_dir} được lập từ thư mục tài liệu {recorded}, không phải {given}. "
            f"Dùng --knowledge {recorded} (hoặc chỉ --index), hoặc chọn một --index khác."
        )


def recorded_knowledge(index_dir: Path) -> Path | None:
    """The knowledge folder an index was built from, as its manifest records it."""
    try:
        manifest = json.loads((index_dir / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = manifest.get("knowledge_dir") if isinstance(manifest, dict) else None
    return Path(folder) if isinstance(folder, str) else None


@contextmanager
def writing(index_dir: Path) -> Iterator[None]:
    """One writer at a time over an index folder, across threads and processes (an upload
    waits for a re-index, and the reverse)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / _WRITE_LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Chunk:
    """A passage of a document, with what retrieval and citation need."""

    id: str
    doc: str
    title: str
    position: int
    text: str
    province: str | None
    bloc: str | None
    date: str | None
    tokens: list[str] = field(repr=False)


@dataclass(frozen=True)
class DocRecord:
    """One indexed document."""

    name: str
    content_hash: str
    title: str
    province: str | None
    bloc: str | None
    date: str | None
    doc_type: str
    source: str | None
    years: list[int]
    chunk_ids: list[str]
    text: str = field(repr=False)
    facts: list[dict[str, Any]] = field(default_factory=list, repr=False)


@dataclass
class SyncReport:
    """What one sync did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[DocumentLoadError] = field(default_factory=list)
    seconds: float = 0.0
    fact_seconds: float = 0.0
    curated_errors: list[CuratedError] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the index content changed."""
        return bool(self.added or self.updated or self.removed)


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _atomic_write(path: Path, lines: Iterable[str]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
    os.replace(tmp, path)


class KnowledgeIndex:
    """Builds, stores and searches the passages of the knowledge folder."""

    def __init__(
        self, settings: Settings, embedder: Embedder, extract: Extractor = extract_facts
    ) -> None:
        self.settings = settings
        self._extract = extract
        self.embedder = embedder
        self.index_dir = settings.paths.index_dir
        self.docs: dict[str, DocRecord] = {}
        self.chunks: list[Chunk] = []
        self.vectors = VectorStore(
            settings.chroma, self.index_dir, embedder, settings.embedding.batch_size
        )
        self.lexical = self._lexical()
        self._positions: dict[str, int] = {}

    @property
    def collection(self) -> Any:
        """The chroma collection of this index."""
        return self.vectors.collection

    # -- storage -------------------------------------------------------------------------

    def _config(self) -> dict[str, Any]:
        return {
            "version": INDEX_VERSION,
            "model": self.embedder.model_name,
            "chunk_chars": self.settings.retrieval.chunk_chars,
        }

    def load(self) -> bool:
        """Load the stored index; False when there is none (or one of another configuration)."""
        manifest_path = self.index_dir / _MANIFEST
        if not manifest_path.exists():
            return False
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("config") != self._config():
            return False
        self.docs = {name: DocRecord(**rec) for name, rec in manifest["docs"].items()}
        with (self.index_dir / _CHUNKS).open(encoding="utf-8") as handle:
            self.chunks = [Chunk(**json.loads(line)) for line in handle]
        if manifest.get("facts_version") != _facts_version():
            # The extraction rules changed: re-read the facts from the stored texts, no need
            # to embed anything again.
            self.docs = {name: self._with_facts(doc)[0] for name, doc in self.docs.items()}
            self._save()
        self._searchable()
        return True

    def _save(self) -> None:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(
            self.index_dir / _CHUNKS,
            (json.dumps(asdict(c), ensure_ascii=False) + "\n" for c in self.chunks),
        )
        manifest = {
            "config": self._config(),
            "knowledge_dir": str(self._knowledge_dir()),
            "facts_version": _facts_version(),
            "docs": {name: asdict(rec) for name, rec in sorted(self.docs.items())},
        }
        _atomic_write(
            self.index_dir / _MANIFEST, [json.dumps(manifest, ensure_ascii=False, indent=1)]
        )

    def _lexical(self) -> LexicalIndex:
        return LexicalIndex(
            [c.tokens for c in self.chunks],
            [c.doc for c in self.chunks],
            bigrams=self.settings.retrieval.bigrams,
        )

    def _searchable(self) -> None:
        """Rebuild what searching needs from the passages: BM25 and passage positions."""
        self.lexical = self._lexical()
        self._positions = {c.id: i for i, c in enumerate(self.chunks)}

    # -- building ------------------------------------------------------------------------

    def _knowledge_dir(self) -> Path:
        return self.settings.paths.knowledge_dir.resolve()

    def _check_folder(self) -> None:
        """Refuse to sync an index against another knowledge folder than the one it was built
        from, while that folder still exists (a moved deployment adopts its new folder)."""
        recorded = recorded_knowledge(self.index_dir)
        if recorded is not None and recorded.exists() and recorded != self._knowledge_dir():
            raise IndexFolderMismatch(self.index_dir, recorded, self._knowledge_dir())

    def sync(self, progress: bool = True) -> SyncReport:
        """Bring the index in line with the knowledge folder, touching only what changed;
        `IndexFolderMismatch` when the index belongs to another folder."""
        self._check_folder()
        with writing(self.index_dir):
            return self._sync(progress)

    def _sync(self, progress: bool) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        if not self.load() and (self.index_dir / _MANIFEST).exists():
            log.info("Index configuration changed: rebuilding from scratch")
            self.docs, self.chunks = {}, []
            self.vectors.clear()
        root = self.settings.paths.knowledge_dir
        files = {p.relative_to(root).as_posix(): p for p in knowledge_files(root)}
        stale = [name for name in self.docs if name not in files]
        to_load: list[tuple[str, Path, str]] = []
        for name, path in files.items():
            digest = _file_hash(path)
            record = self.docs.get(name)
            if record is not None and record.content_hash == digest:
                report.unchanged.append(name)
            else:
                to_load.append((name, path, digest))
        new_records: list[DocRecord] = []
        new_chunks: list[Chunk] = []
        for name, path, digest in to_load:
            try:
                record, chunks, fact_seconds = self._prepare(name, path, digest, root)
            except DocumentLoadError as exc:
                report.errors.append(exc)
                if name in self.docs:
                    stale.append(name)
                continue
            (report.updated if name in self.docs else report.added).append(name)
            report.fact_seconds += fact_seconds
            new_records.append(record)
            new_chunks.extend(chunks)
        replaced = set(stale) | {r.name for r in new_records}
        report.removed = sorted(set(stale))
        self.vectors.delete(
            [cid for n in sorted(replaced) if n in self.docs for cid in self.docs[n].chunk_ids]
        )
        self.vectors.add(new_chunks, progress)
        if report.changed or recorded_knowledge(self.index_dir) != self._knowledge_dir():
            for name in replaced:
                self.docs.pop(name, None)
            self.docs.update({r.name: r for r in new_records})
            self.chunks = [c for c in self.chunks if c.doc not in replaced] + new_chunks
            self.chunks.sort(key=lambda c: (c.doc, c.position))
            self._save()
            self._searchable()
        self.vectors.repair(self.chunks, progress)
        report.seconds = time.perf_counter() - started
        return report

    def _prepare(
        self, name: str, path: Path, digest: str, root: Path
    ) -> tuple[DocRecord, list[Chunk], float]:
        raw = load_file(path, root)
        body = vt.normalize(raw.text)
        meta = infer_metadata(vt.normalize(raw.title), body, raw.front_matter)
        date = meta.date.isoformat() if meta.date else None
        sentences = split_sentences(body)
        chunks = [
            Chunk(
                id=f"{name}#{piece.position}",
                doc=name,
                title=meta.title,
                position=piece.position,
                text=piece.text,
                province=meta.province,
                bloc=meta.bloc,
                date=date,
                tokens=vt.lexical_tokens(piece.text),
            )
            for piece in chunk_sentences(sentences, self.settings.retrieval.chunk_chars)
        ]
        years = sorted(set(vt.iter_years(f"{meta.title}\n{body}")) | _date_years(meta.date))
        record = DocRecord(
            name=name,
            content_hash=digest,
            title=meta.title,
            province=meta.province,
            bloc=meta.bloc,
            date=date,
            doc_type=meta.doc_type,
            source=meta.source,
            years=years,
            chunk_ids=[c.id for c in chunks],
            text=body,
        )
        record, fact_seconds = self._with_facts(record)
        return record, chunks, fact_seconds

    def facts(self) -> list[Fact]:
        """The facts extracted from every indexed document."""
        return [Fact.from_dict(f) for doc in self.docs.values() for f in doc.facts]

    def _with_facts(self, doc: DocRecord) -> tuple[DocRecord, float]:
        """The record with the facts of its text, and the seconds extraction took. A document
        whose extraction fails is still indexed for retrieval, with no facts, and named in the
        log: one document never stops the others."""
        started = time.perf_counter()
        date = dt.date.fromisoformat(doc.date) if doc.date else None
        context = DocContext(doc.name, doc.title, doc.province, doc.bloc, date)
        try:
            facts = [f.to_dict() for f in self._extract(context, doc.text)]
        except Exception:
            log.exception(
                "Fact extraction failed on %s; the document is indexed without facts", doc.name
            )
            facts = []
        return replace(doc, facts=facts), time.perf_counter() - started

    def dense_search(
        self, query: str, k: int, allowed_docs: set[str] | None
    ) -> list[tuple[int, float]]:
        """Top passages by cosine similarity: (passage index, similarity)."""
        return self.vectors.search(query, k, allowed_docs, self._positions)


def _facts_version() -> str:
    """A digest of the extraction rules and the language layer they read with: stored facts
    are re-extracted when it changes."""
    digest = hashlib.sha1()
    package = Path(__file__).parent.parent
    for folder in ("facts", "vi"):
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _date_years(value: dt.date | None) -> set[int]:
    return {value.year} if value else set()
