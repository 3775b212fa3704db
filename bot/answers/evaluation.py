"""Evaluation of the core on a question set: accuracy, abstention, retrieval hits, latency."""

from __future__ import annotations

import datetime as dt
import re
import resource
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.answers.questions import parse_question
from bot.answers.service import Answer, AnswerService, Kind
from bot.knowledge.retrieval import Mode
from bot.vi import normalize as vt

# Length limits of a short answer (the scoring rules of the question sets): longer for rules and
# answers with several required parts, longest for member lists and ambiguous questions.
_DEFAULT_LIMIT = 250
_PARTS_LIMIT = 400
_LIST_LIMIT = 1500
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Question:
    """One evaluation question with its gold answer."""

    id: str
    question: str
    answer: str
    category: str
    aliases: tuple[str, ...] = ()
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    ambiguous: bool = False
    year: int | None = None
    today: dt.date | None = None  # the day the question is asked (calendar questions)

    @property
    def unanswerable(self) -> bool:
        """Whether the gold answer is that the corpus does not say."""
        return self.answer.strip().lower() == "unanswerable"


def load_questions(path: Path) -> list[Question]:
    """Read a question set in the format of shared/eval/dev_questions.yaml."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError("the file must hold a YAML list of questions")
    questions = []
    for entry in entries:
        evidence = entry.get("evidence") or []
        questions.append(
            Question(
                id=str(entry["id"]),
                question=str(entry["question"]),
                answer=str(entry["answer"]),
                category=str(entry.get("category", "other")),
                aliases=tuple(str(a) for a in entry.get("answer_aliases") or []),
                must_contain=tuple(str(a) for a in entry.get("must_contain") or []),
                must_not_contain=tuple(str(a) for a in entry.get("must_not_contain") or []),
                docs=tuple(entry.get("doc") or []),
                evidence=tuple([evidence] if isinstance(evidence, str) else evidence),
                ambiguous=bool(entry.get("ambiguous", False)),
                year=entry.get("year"),
                today=_day(entry.get("today")),
            )
        )
    return questions


def _day(value: object) -> dt.date | None:
    """A question's `today`: a YAML date or an ISO string."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", vt.fold(text)).strip()


def _words(text: str) -> tuple[str, ...]:
    """The words the scoring compares: folded, alphanumeric runs, numbers without leading zeros
    (so 24/02/2023 is 24/2/2023)."""
    return tuple(w.lstrip("0") or "0" if w.isdigit() else w for w in _WORD.findall(vt.fold(text)))


def _holds(answer: tuple[str, ...], gold: str) -> bool:
    """Whether the words of `gold` stand in a row in the answer."""
    wanted = _words(gold)
    n = len(wanted)
    return n > 0 and any(answer[i : i + n] == wanted for i in range(len(answer) - n + 1))


def _limit(question: Question) -> int:
    if question.ambiguous or question.category == "members":
        return _LIST_LIMIT
    if question.category == "rule" or question.must_contain:
        return _PARTS_LIMIT
    return _DEFAULT_LIMIT


def is_correct(question: Question, answer: Answer) -> bool:
    """The scoring rule: the short answer holds the gold (or an alias) and every must-contain
    item as runs of whole words, diacritics-insensitively, holds no must-not-contain item and
    stays short; for unanswerable gold, an abstention."""
    if question.unanswerable:
        return answer.kind is Kind.UNANSWERABLE
    if answer.kind is Kind.UNANSWERABLE or len(answer.text) > _limit(question):
        return False
    words = _words(answer.text)
    return (
        any(_holds(words, g) for g in (question.answer, *question.aliases))
        and all(_holds(words, m) for m in question.must_contain)
        and not any(_holds(words, m) for m in question.must_not_contain)
    )


@dataclass
class QuestionResult:
    """The outcome of one question."""

    question: Question
    answer: Answer
    correct: bool
    doc_hit1: bool | None
    doc_hit5: bool | None
    evidence_hit5: bool | None


@dataclass
class Report:
    """Aggregated figures of one evaluation run."""

    results: list[QuestionResult]
    index_seconds: float
    startup_seconds: float
    peak_rss_mb: float
    mode: str
    extra: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def _rate(values: list[bool | None]) -> float | None:
        known = [v for v in values if v is not None]
        return round(100 * sum(known) / len(known), 1) if known else None

    def summary(self, results: list[QuestionResult] | None = None) -> dict[str, Any]:
        """Figures over the given results (default: all)."""
        results = self.results if results is None else results
        unanswerable = [r for r in results if r.question.unanswerable]
        answerable = [r for r in results if not r.question.unanswerable]
        return {
            "questions": len(results),
            "accuracy": self._rate([r.correct for r in results]),
            "abstention": self._rate([r.answer.kind is Kind.UNANSWERABLE for r in unanswerable]),
            "false_abstention": self._rate(
                [r.answer.kind is Kind.UNANSWERABLE for r in answerable]
            ),
            "doc_hit@1": self._rate([r.doc_hit1 for r in results]),
            "doc_hit@5": self._rate([r.doc_hit5 for r in results]),
            "evidence_hit@5": self._rate([r.evidence_hit5 for r in results]),
            "evidence_questions": sum(r.evidence_hit5 is not None for r in results),
            "facts_without_evidence": sum(
                r.answer.kind is Kind.FACT and not any(s.text.strip() for s in r.answer.sources)
                for r in results
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, for machines."""
        latencies = sorted(r.answer.elapsed_ms for r in self.results)
        by_category: dict[str, list[QuestionResult]] = defaultdict(list)
        for r in self.results:
            by_category[r.question.category].append(r)
        return {
            "mode": self.mode,
            "overall": self.summary(),
            "categories": {c: self.summary(rs) for c, rs in sorted(by_category.items())},
            "latency_ms": {
                "p50": round(statistics.median(latencies), 1) if latencies else None,
                "p95": round(_percentile(latencies, 95), 1) if latencies else None,
                "max": round(latencies[-1], 1) if latencies else None,
            },
            "index_seconds": round(self.index_seconds, 2),
            "startup_seconds": round(self.startup_seconds, 2),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            **self.extra,
            "evidence_misses": [r.question.id for r in self.results if r.evidence_hit5 is False],
            "failures": [
                {
                    "id": r.question.id,
                    "question": r.question.question,
                    "gold": r.question.answer,
                    "got": r.answer.text,
                    "kind": str(r.answer.kind),
                    "top_docs": [s.doc for s in r.answer.sources[:5]],
                }
                for r in self.results
                if not r.correct
            ],
        }


def _percentile(sorted_values: list[float], pct: float) -> float:
    index = max(0, min(len(sorted_values) - 1, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def evaluate(
    service: AnswerService,
    questions: list[Question],
    *,
    mode: Mode = Mode.HYBRID,
    today: dt.date | None = None,
    strip_diacritics: bool = False,
) -> list[QuestionResult]:
    """Ask every question and score it."""
    doc_texts = {name: _key(doc.text) for name, doc in service.index.docs.items()}
    results = []
    for q in questions:
        asked = vt.fold(q.question) if strip_diacritics else q.question
        day = q.today or today
        answer = service.answer(asked, today=day, mode=mode)
        # Retrieval quality is measured on the retrieved passages alone, not on the facts'
        # sentences that lead an answer's sources.
        text = vt.normalize(asked).strip()
        hits = service.passages(text, mode, parse_question(text, day or dt.date.today()))
        docs = [h.chunk.doc for h in hits]
        gold_docs = set(q.docs)
        passages = [_key(h.chunk.text) for h in hits[:5]]
        findable = [
            e
            for e in (_key(x) for x in q.evidence)
            if e and any(e in doc_texts.get(d, "") for d in gold_docs)
        ]
        results.append(
            QuestionResult(
                question=q,
                answer=answer,
                correct=is_correct(q, answer),
                doc_hit1=bool(docs[:1] and docs[0] in gold_docs) if gold_docs else None,
                doc_hit5=bool(gold_docs & set(docs[:5])) if gold_docs else None,
                evidence_hit5=(
                    any(e in p for e in findable for p in passages) if findable else None
                ),
            )
        )
    return results


def format_report(data: dict[str, Any]) -> str:
    """A table for people."""
    columns = ["questions", "accuracy", "abstention", "doc_hit@1", "doc_hit@5", "evidence_hit@5"]
    lines = [f"Chế độ truy hồi: {data['mode']}", ""]
    lines.append(f"{'nhóm':<14}" + "".join(f"{c:>16}" for c in columns))
    rows = [("TỔNG", data["overall"]), *data["categories"].items()]
    for name, figures in rows:
        cells = "".join(f"{'-' if figures[c] is None else figures[c]!s:>16}" for c in columns)
        lines.append(f"{name:<14}{cells}")
    latency = data["latency_ms"]
    lines += [
        "",
        f"Độ trễ mỗi câu (ms): p50 {latency['p50']}, p95 {latency['p95']}, max {latency['max']}",
        f"Lập chỉ mục: {data['index_seconds']} s; khởi động: {data['startup_seconds']} s; "
        f"bộ nhớ đỉnh: {data['peak_rss_mb']} MB; trích dữ kiện: {data.get('fact_ms_per_doc')} "
        "ms/tài liệu",
        f"Câu trả lời dữ kiện không có câu trích dẫn: {data['overall']['facts_without_evidence']}",
        f"Câu sai: {len(data['failures'])}",
    ]
    lines += [
        f"  {f['id']}: {f['question']}\n      đúng: {f['gold']}\n      bot ({f['kind']}): "
        f"{f['got'][:160]}"
        for f in data["failures"]
    ]
    return "\n".join(lines)
