"""The command line: a thin face over the question-answering core."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
import yaml

from bot.answers import wording as messages
from bot.answers.evaluation import Report, evaluate, format_report, load_questions, peak_rss_mb
from bot.answers.llm import GroundedWriter, LLMUnavailable
from bot.answers.service import Answer, AnswerService, Source
from bot.audit import AuditLog
from bot.calendar.dates import localize
from bot.calendar.evaluation import listed_events, load_gold, score_events
from bot.calendar.reminders import ReminderService
from bot.db import open_database
from bot.faces import audit_text, calendar_text
from bot.knowledge.index import IndexFolderMismatch, SyncReport, recorded_knowledge
from bot.knowledge.retrieval import Mode
from bot.settings import Settings
from bot.vi import normalize as vt
from bot.wiring import Parts, open_answers, open_chats, open_reminders, open_writer

KnowledgeOpt = Annotated[
    Path | None, typer.Option("--knowledge", help="Thư mục tài liệu (KNOWLEDGE_DIR).")
]
IndexOpt = Annotated[Path | None, typer.Option("--index", help="Thư mục chỉ mục (INDEX_DIR).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Xuất JSON.")]
TodayOpt = Annotated[
    str | None, typer.Option("--today", help="Ngày hôm nay (YYYY-MM-DD) cho 'năm nay'.")
]


@dataclass(frozen=True)
class _Setup:
    """What every command starts from: the settings, and the parts wired in place of theirs."""

    settings: Settings
    parts: Parts

    def with_paths(self, knowledge: Path | None, index: Path | None) -> _Setup:
        """The same with the command's folder options applied; an index given alone brings
        the knowledge folder it was built from."""
        if index is not None and knowledge is None:
            knowledge = recorded_knowledge(index)
        return replace(self, settings=self.settings.with_paths(knowledge, index))


def _setup(ctx: typer.Context) -> _Setup:
    setup = ctx.obj
    assert isinstance(setup, _Setup), "set by the callback of build_cli"
    return setup


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(messages.BAD_DATE.format(value=value)) from None


def _report_problems(report: SyncReport) -> None:
    for error in report.errors:
        typer.echo(messages.INDEX_FILE_ERROR.format(error=error), err=True)
    for curated in report.curated_errors:
        typer.echo(messages.CURATED_ERROR.format(error=curated), err=True)


def _synced(setup: _Setup, progress: bool = False) -> tuple[AnswerService, SyncReport]:
    """The core and what its sync did; bad files and malformed curated entries are named,
    an empty folder too; exit 2 for an index of another knowledge folder."""
    try:
        service, report = open_answers(setup.settings, setup.parts, progress=progress)
    except IndexFolderMismatch as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    _report_problems(report)
    if not service.index.docs:
        typer.echo(messages.NO_KNOWLEDGE.format(path=setup.settings.paths.knowledge_dir), err=True)
    return service, report


def _answers(setup: _Setup, progress: bool = False) -> AnswerService:
    """The core (see `_synced`)."""
    return _synced(setup, progress)[0]


def _writer(setup: _Setup) -> GroundedWriter | None:
    """The writer of the configured language model, if any; exit 2 when it cannot be used."""
    try:
        return open_writer(setup.settings, setup.parts)
    except LLMUnavailable as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _answer(
    service: AnswerService, writer: GroundedWriter | None, question: str, day: dt.date
) -> Answer:
    """The core's answer, phrased by the language model when one is configured."""
    answer = service.answer(question, today=day)
    return writer.write(answer) if writer is not None else answer


def serve(ctx: typer.Context) -> None:
    """Chạy bot Telegram (long polling, hoặc webhook khi đặt WEBHOOK_URL)."""
    # Imported here: only this command needs python-telegram-bot, the others start faster.
    from bot.faces.telegram.app import ConfigError
    from bot.faces.telegram.app import serve as run_bot

    logging.getLogger().setLevel(logging.INFO)
    setup = _setup(ctx)
    try:
        run_bot(setup.settings, setup.parts)
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None


def feedback_command(
    ctx: typer.Context,
    negative: Annotated[bool, typer.Option("--negative", help="Chỉ các đánh giá 👎.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Liệt kê đánh giá 👍/👎 của người dùng kèm câu hỏi và câu trả lời, để rà soát."""
    setup = _setup(ctx)
    rows = open_chats(setup.settings, setup.parts).feedback(negative)
    if not rows:
        typer.echo(messages.NO_FEEDBACK)
    for row in rows:
        if as_json:
            typer.echo(json.dumps(row.to_dict(), ensure_ascii=False))
            continue
        mark = "👍" if row.rating > 0 else "👎"
        typer.echo(f"{mark} {row.created_at:%d/%m/%Y %H:%M} chat {row.chat_id}: {row.question}")
        typer.echo(f"    → {row.answer}")


def audit_command(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Nhật ký thay đổi tài liệu: ai thêm, gỡ bỏ hay đính chính gì, khi nào."""
    setup = _setup(ctx)
    entries = AuditLog(open_database(setup.settings.database_url)).entries()
    if not entries and not as_json:
        typer.echo(audit_text.NO_AUDIT)
    zone = ZoneInfo(setup.settings.timezone)
    for entry in entries:
        if as_json:
            typer.echo(json.dumps(entry.to_dict(), ensure_ascii=False))
        else:
            typer.echo(audit_text.audit_line(entry, zone))


def index_command(
    ctx: typer.Context, knowledge: KnowledgeOpt = None, index: IndexOpt = None
) -> None:
    """Lập (hoặc cập nhật) chỉ mục từ thư mục tài liệu."""
    _, report = _synced(_setup(ctx).with_paths(knowledge, index), progress=True)
    typer.echo(
        messages.INDEX_DONE.format(
            added=len(report.added),
            updated=len(report.updated),
            removed=len(report.removed),
            unchanged=len(report.unchanged),
            seconds=report.seconds,
        )
    )


def ask(
    ctx: typer.Context,
    question: Annotated[
        str | None, typer.Argument(help="Câu hỏi; bỏ trống để đọc từ stdin.")
    ] = None,
    index: IndexOpt = None,
    knowledge: KnowledgeOpt = None,
    as_json: JsonOpt = False,
    today: TodayOpt = None,
) -> None:
    """Hỏi một câu; không có câu hỏi thì đọc mỗi dòng một câu, in mỗi dòng một JSON."""
    day = _today(today)
    setup = _setup(ctx).with_paths(knowledge, index)
    writer = _writer(setup)
    service = _with_calendar(setup)
    if question is not None:
        answer = _answer(service, writer, question, day)
        if as_json:
            typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            typer.echo(_render(answer))
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        answer = _answer(service, writer, line.strip(), day)
        sys.stdout.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _render(answer: Answer) -> str:
    """An answer for people: the reply, then each source document once; facts quote their
    evidence sentences; a model's answer lists its sources numbered as it cites them."""
    lines = [answer.text]
    if answer.sources:
        lines.append(messages.SOURCES)
    if answer.generated_by:
        for number, source in enumerate(answer.sources, 1):
            lines.append(f"  [{number}] {_heading(source)}")
        return "\n".join(lines)
    for source, quotes in answer.documents():
        lines.append(f"  • {_heading(source)}")
        lines += [f"    “{quote}”" for quote in quotes]
    return "\n".join(lines)


def _heading(source: Source) -> str:
    date = f" ({source.date})" if source.date else ""
    return f"{source.title}{date} [{source.doc}]"


def chat(
    ctx: typer.Context,
    today: TodayOpt = None,
    knowledge: KnowledgeOpt = None,
    index: IndexOpt = None,
) -> None:
    """Trò chuyện với trợ lý ngay trong terminal."""
    day = _today(today)
    setup = _setup(ctx).with_paths(knowledge, index)
    writer = _writer(setup)
    service = _with_calendar(setup, progress=True)
    typer.echo(messages.CHAT_WELCOME)
    while True:
        try:
            question = input(messages.CHAT_PROMPT)
        except (EOFError, KeyboardInterrupt):
            typer.echo()
            return
        if vt.fold(question.strip()) in messages.CHAT_EXIT_WORDS:
            return
        if question.strip():
            typer.echo(_render(_answer(service, writer, question, day)) + "\n")


def _evaluated(settings: Settings, knowledge: Path | None, index: Path | None) -> Settings:
    """The settings with an evaluated corpus's folders: its own index unless one is given, so
    evaluation never rewrites the main index."""
    if knowledge is not None and index is None:
        digest = hashlib.sha1(str(knowledge.resolve()).encode()).hexdigest()[:8]
        index = settings.paths.index_dir / f"eval-{digest}"
    return settings.with_paths(knowledge, index)


def eval_command(
    ctx: typer.Context,
    questions: Annotated[Path, typer.Argument(help="Tệp câu hỏi YAML.")],
    knowledge: KnowledgeOpt = None,
    index: IndexOpt = None,
    retrieval: Annotated[Mode, typer.Option("--retrieval")] = Mode.HYBRID,
    as_json: JsonOpt = False,
    today: TodayOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Lập lại chỉ mục từ đầu.")] = False,
    strip_diacritics: Annotated[
        bool, typer.Option("--strip-diacritics", help="Hỏi mọi câu không dấu.")
    ] = False,
) -> None:
    """Đánh giá trên một bộ câu hỏi: độ chính xác, từ chối đúng, truy hồi, độ trễ, bộ nhớ."""
    setup = _setup(ctx)
    settings = _evaluated(setup.settings, knowledge, index)
    if rebuild and settings.paths.index_dir.exists():
        shutil.rmtree(settings.paths.index_dir)
    try:
        question_set = load_questions(questions)
    except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:
        typer.echo(messages.QUESTIONS_FILE_ERROR.format(path=questions, error=exc), err=True)
        raise typer.Exit(2) from exc
    started = time.perf_counter()
    service, sync = open_answers(settings, setup.parts)
    with tempfile.TemporaryDirectory(prefix="eval-state-") as state:
        # The calendar as `ask` has it, without the deployment's own admins' events.
        engine = open_database(f"sqlite:///{state}/eval.sqlite3")
        open_reminders(settings, service, replace(setup.parts, engine=engine))
        service.answer("khởi động")  # load the model before timing questions
        startup = time.perf_counter() - started
        results = evaluate(
            service,
            question_set,
            mode=retrieval,
            today=_today(today),
            strip_diacritics=strip_diacritics,
        )
        engine.dispose()
    built = len(sync.added) + len(sync.updated)
    extra = {"fact_ms_per_doc": round(1000 * sync.fact_seconds / built, 2) if built else None}
    report = Report(results, sync.seconds, startup, peak_rss_mb(), str(retrieval), extra)
    data = report.to_dict()
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1) if as_json else format_report(data))


def facts_command(
    ctx: typer.Context,
    bloc: Annotated[str | None, typer.Option("--bloc", help="Lọc theo tên khối.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Lọc theo năm.")] = None,
    knowledge: KnowledgeOpt = None,
    index: IndexOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Liệt kê các dữ kiện bot đang tin, kèm câu trích dẫn, để người kiểm tra."""
    service = _answers(_setup(ctx).with_paths(knowledge, index))
    wanted = vt.fold(bloc) if bloc else None
    rows = []
    for fact in service.store.facts:
        owner = service.store.bloc_of(fact)
        label = owner.label() if owner else (fact.bloc or "")
        if wanted and wanted not in vt.fold(" ".join(owner.names if owner else [label])):
            continue
        if year is not None and fact.year != year:
            continue
        rows.append((label, fact))
    if as_json:
        for label, fact in rows:
            typer.echo(json.dumps({"bloc_group": label, **fact.to_dict()}, ensure_ascii=False))
        return
    for label, fact in rows:
        summary = ", ".join(
            f"{k}={v}"
            for k, v in fact.to_dict().items()
            if k not in {"kind", "doc", "evidence", "rule", "bloc", "province"}
        )
        typer.echo(f"[{fact.kind}] {label} | {summary}")
        typer.echo(f"    “{fact.evidence}” — {fact.doc} ({fact.rule})")


# --- calendar and reminders ---------------------------------------------------------------

NowOpt = Annotated[
    str | None,
    typer.Option("--now", help="Thời điểm hiện tại (ISO, giờ địa phương nếu không ghi múi)."),
]


def _now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(calendar_text.BAD_NOW.format(value=value)) from None


def _reminders(setup: _Setup, qa: AnswerService | None = None) -> ReminderService:
    """The reminder service over the knowledge's facts (the core's calendar from then on);
    malformed calendar entries named."""
    service, errors = open_reminders(setup.settings, qa or _answers(setup), setup.parts)
    for error in errors:
        message = calendar_text.file_error(error)
        typer.echo(calendar_text.CALENDAR_FILE_ERROR.format(error=message), err=True)
    return service


def _with_calendar(setup: _Setup, progress: bool = False) -> AnswerService:
    """The core, answering calendar questions ("sắp tới có hạn gì?") from the calendar."""
    service = _answers(setup, progress)
    _reminders(setup, service)
    return service


def calendar_command(
    ctx: typer.Context,
    bloc: Annotated[
        list[str] | None, typer.Option("--bloc", help="Lọc theo khối (ghi nhiều lần được).")
    ] = None,
    days: Annotated[int, typer.Option("--days", help="Số ngày tới.")] = 60,
    now: NowOpt = None,
    knowledge: KnowledgeOpt = None,
    index: IndexOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Liệt kê lịch họp và hạn nộp sắp tới: tệp lịch, tài liệu và lịch quản trị viên thêm."""
    moment = _now(now)
    calendar = _reminders(_setup(ctx).with_paths(knowledge, index)).calendar
    agenda = calendar.agenda(bloc or [], moment, days)
    if not as_json:
        typer.echo(calendar_text.agenda_text(agenda))
        return
    for occurrence in agenda.occurrences:
        typer.echo(json.dumps(calendar_text.occurrence_json(occurrence), ensure_ascii=False))


def remind_command(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in những gì sẽ gửi lúc này, gửi cho ai.")
    ] = False,
    now: NowOpt = None,
    knowledge: KnowledgeOpt = None,
    index: IndexOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Xem trước các nhắc nhở đến hạn (--dry-run); bot Telegram đang chạy mới gửi thật."""
    if not dry_run:
        typer.echo(calendar_text.DRY_RUN_ONLY, err=True)
        raise typer.Exit(2)
    moment = _now(now)
    service = _reminders(_setup(ctx).with_paths(knowledge, index))
    due = service.due(moment)
    if as_json:
        for reminder in due:
            typer.echo(json.dumps(calendar_text.reminder_json(reminder), ensure_ascii=False))
        return
    if not due:
        when = localize(moment, service.zone)
        moment_text = f"{when:%H:%M} {vt.format_date(when.date())}"
        typer.echo(calendar_text.NOTHING_DUE.format(now=moment_text))
    for reminder in due:
        typer.echo(calendar_text.due_summary(reminder))
        typer.echo("    " + calendar_text.reminder_message(reminder).replace("\n", "\n    "))


def events_eval_command(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", help="Tệp YAML các sự kiện tài liệu nêu.")],
    knowledge: KnowledgeOpt = None,
    index: IndexOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Đánh giá lịch lấy từ tài liệu: tỉ lệ tìm thấy (recall), tỉ lệ đúng (precision)."""
    setup = _setup(ctx)
    try:
        gold_events = load_gold(gold)
    except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:
        typer.echo(calendar_text.GOLD_FILE_ERROR.format(path=gold, error=exc), err=True)
        raise typer.Exit(2) from exc
    service, _ = open_answers(_evaluated(setup.settings, knowledge, index), setup.parts)
    score = score_events(listed_events(service.store, service.index.docs), gold_events)
    data = score.to_dict()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    typer.echo(calendar_text.events_score_text(data))


# --- wiring ----------------------------------------------------------------------------------


def build_cli(parts: Parts) -> typer.Typer:
    """The command line, its services wired with `parts` (tests pass a fake embedder)."""
    cli = typer.Typer(
        help="Trợ lý thi đua, khen thưởng: lập chỉ mục tài liệu và trả lời câu hỏi có nguồn.",
        no_args_is_help=False,
        add_completion=False,
    )

    @cli.callback(invoke_without_command=True)
    def main(ctx: typer.Context) -> None:
        """Without a command: the Telegram bot when a token is set, else a terminal chat."""
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets DEBUG on itself
        ctx.obj = _Setup(Settings(), parts)
        if ctx.invoked_subcommand is None:
            if ctx.obj.settings.telegram.token:
                serve(ctx)
            else:
                chat(ctx)

    cli.command()(serve)
    cli.command("feedback")(feedback_command)
    cli.command("index")(index_command)
    cli.command("audit")(audit_command)
    cli.command()(ask)
    cli.command()(chat)
    cli.command("eval")(eval_command)
    cli.command("facts")(facts_command)
    cli.command("calendar")(calendar_command)
    cli.command("remind")(remind_command)
    cli.command("events-eval")(events_eval_command)
    return cli


app = build_cli(Parts())  # the installed command (`thidua-bot`, `python -m bot`)
