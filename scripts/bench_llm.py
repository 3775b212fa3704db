"""Cost of phrasing answers with a language model: (a) the chain's own overhead per question,
measured with LangChain's fake chat model, and (b) end-to-end latency through a local
OpenAI-compatible stub server answering at once (ChatOpenAI, HTTP on 127.0.0.1).

python scripts/bench_llm.py --calls 200 --http-calls 50
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

from bot.answers.llm import GroundedWriter, build_chat_model
from bot.answers.service import Answer, Kind, Source
from bot.settings import LLMProvider, LLMSettings

if TYPE_CHECKING:
    from openai_stub import OpenAIStub

UNIT = "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang"
PARAGRAPH = (
    "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 của Khối thi đua các đơn vị "
    "ngành dọc quản lý được tổ chức ngày 24/02/2023 tại Cục Thi hành án dân sự tỉnh. Hội nghị "
    f"thống nhất suy tôn {UNIT} làm Khối phó năm 2023; Cục Thi hành án dân sự tỉnh bàn giao "
    "nhiệm vụ Khối trưởng. Các đơn vị trong Khối đã hoàn thành tốt nhiệm vụ chính trị, đẩy "
    "mạnh cải cách hành chính, thực hiện nghiêm các phong trào thi đua do Ủy ban nhân dân "
    "tỉnh phát động và đề nghị tặng Cờ thi đua cho các tập thể dẫn đầu."
)
SOURCES = [
    Source(f"doc-{i}.md", f"Báo cáo tổng kết số {i}", "2023-02-24", PARAGRAPH, 1.0 / (i + 1))
    for i in range(5)
]
FACT = Answer(
    "Khối phó năm 2023 của khối ngành dọc là đơn vị nào?",
    f"Khối phó năm 2023 của Khối thi đua các đơn vị ngành dọc quản lý (Tiền Giang): {UNIT}.",
    Kind.FACT,
    SOURCES,
)
PASSAGE = Answer(
    "Hội nghị tổng kết năm 2022 tổ chức ở đâu?", PARAGRAPH[:200], Kind.PASSAGE, SOURCES
)
REPLY = f"Theo biên bản hội nghị tổng kết, Khối phó năm 2023 là {UNIT} [1], [3]."


def _row(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"| {name:<44} | {len(samples):>5} | {statistics.median(samples):>9.2f} | {p95:>8.2f} |"


async def _timed(calls: int, run: Callable[[], Awaitable[object]]) -> list[float]:
    await run()  # warm-up: imports, client creation, first connection
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        await run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def _drain(writer: GroundedWriter, answer: Answer) -> object:
    drafts = [draft async for draft in writer.astream(answer)]
    final = drafts[-1].final
    assert final is not None
    assert final.generated_by, "the benchmark reply must pass the checks"
    return final


async def _written(writer: GroundedWriter, answer: Answer) -> object:
    result = await writer.awrite(answer)
    assert result.generated_by, "the benchmark reply must pass the checks"
    return result


def _stub_class() -> type[OpenAIStub]:
    """The test suite's stub server (tests/ is not a package)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from openai_stub import OpenAIStub

    return OpenAIStub


async def main(calls: int, http_calls: int, stub_class: type[OpenAIStub]) -> None:
    """Run both measurements and print a table of milliseconds per question."""
    settings = LLMSettings(provider=LLMProvider.OPENAI, model="fake", timeout=10)
    fake = GroundedWriter(GenericFakeChatModel(messages=itertools.repeat(REPLY)), settings)
    rows = [
        _row(
            "fake model, awrite, fact (5 × 500 chars)",
            await _timed(calls, lambda: _written(fake, FACT)),
        ),
        _row("fake model, awrite, passage", await _timed(calls, lambda: _written(fake, PASSAGE))),
        _row(
            "fake model, astream to final, fact", await _timed(calls, lambda: _drain(fake, FACT))
        ),
    ]
    with stub_class(reply=REPLY) as stub:
        http = LLMSettings(
            provider=LLMProvider.OPENAI,
            model="stub",
            base_url=stub.url + "/v1",
            api_key="sk-bench",
            timeout=10,
        )
        model = build_chat_model(http)
        assert model is not None
        writer = GroundedWriter(model, http)
        rows += [
            _row(
                "HTTP stub, awrite, fact", await _timed(http_calls, lambda: _written(writer, FACT))
            ),
            _row(
                "HTTP stub, astream to final, fact",
                await _timed(http_calls, lambda: _drain(writer, FACT)),
            ),
        ]
    print("| measurement                                  | calls | median ms |   p95 ms |")
    print("|----------------------------------------------|------:|----------:|---------:|")
    print("\n".join(rows))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="Calls with the fake model.")
    parser.add_argument("--http-calls", type=int, default=50, help="Calls through the stub.")
    args = parser.parse_args()
    asyncio.run(main(args.calls, args.http_calls, _stub_class()))
