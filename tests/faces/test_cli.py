"""The command line through typer's runner, over a real embedded chroma: wired with the fake
embedder (the `cli` fixture), and once end to end with the real embedding model."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.faces.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures"
runner = CliRunner()
QUESTION = "Năm 2022 đơn vị nào được bầu làm Khối trưởng khối Trung ương Tây Ninh?"


@pytest.mark.usefixtures("knowledge")
def test_index_then_reindex_changes_nothing(cli: typer.Typer) -> None:
    first = runner.invoke(cli, ["index"])
    assert first.exit_code == 0, first.output
    assert "5 thêm" in first.output
    second = runner.invoke(cli, ["index"])
    assert "0 thêm, 0 cập nhật, 0 xoá, 5 không đổi" in second.output


@pytest.mark.slow
@pytest.mark.usefixtures("knowledge")
def test_ask_json_contract_with_the_real_model_builds_the_index_on_first_use() -> None:
    result = runner.invoke(app, ["ask", "--json", QUESTION])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(data) == {"question", "answer", "kind", "sources", "elapsed_ms", "generated_by"}
    assert data["generated_by"] is None
    assert data["kind"] in {"fact", "passage", "clarify", "unanswerable"}
    assert data["question"] == QUESTION
    assert "Quản lý thị trường" in data["answer"]
    assert len(data["answer"]) <= 250
    source = data["sources"][0]
    assert set(source) == {"doc", "title", "date", "text", "score", "evidence"}
    assert source["evidence"] is True
    assert source["doc"] == "tay-ninh-khoi-trung-uong-tong-ket-2022.md"


@pytest.mark.usefixtures("knowledge")
def test_ask_batch_reads_stdin_and_writes_one_json_per_line(cli: typer.Typer) -> None:
    questions = [QUESTION, unicodedata.normalize("NFD", QUESTION), "", "Giá vàng hôm nay?"]
    result = runner.invoke(cli, ["ask"], input="\n".join(questions) + "\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert len(lines) == 3
    assert lines[0]["answer"] == lines[1]["answer"]
    assert lines[0]["sources"][0]["doc"] == lines[1]["sources"][0]["doc"]
    assert lines[2]["kind"] == "unanswerable"


def test_ask_rejects_a_bad_today(cli: typer.Typer) -> None:
    result = runner.invoke(cli, ["ask", "--today", "31/12/2024", QUESTION])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


def test_eval_reports_metrics_on_a_fixture_set(cli: typer.Typer, tmp_path: Path) -> None:
    knowledge = Path(__file__).resolve().parents[2] / "knowledge"
    result = runner.invoke(
        cli,
        ["eval", str(FIXTURES / "mini_questions.yaml"), "--knowledge", str(knowledge), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    overall = data["overall"]
    assert overall["questions"] == 3
    assert overall["doc_hit@5"] == 100.0
    assert overall["evidence_hit@5"] == 100.0
    assert overall["abstention"] == 100.0
    assert data["latency_ms"]["p95"] > 0
    assert (tmp_path / "index").is_dir()


def test_eval_names_a_broken_question_file(cli: typer.Typer, tmp_path: Path) -> None:
    broken = tmp_path / "q.yaml"
    broken.write_text("id: [unclosed", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(broken)])
    assert result.exit_code == 2
    assert "q.yaml" in result.output


@pytest.mark.usefixtures("knowledge")
def test_chat_answers_then_stops_on_the_exit_word(cli: typer.Typer) -> None:
    result = runner.invoke(cli, ["chat"], input="khoi truong nam 2022 la ai\nthoát\nkhông đọc\n")
    assert result.exit_code == 0, result.output
    assert "Cục Thuế" in result.output
    assert "Nguồn:" in result.output
    assert result.output.count("Bạn hỏi:") == 2
