"""Load on the Telegram face through the fake Bot API server (tests/fakebotapi.py).

The bot runs as it does in production, `python -m bot serve` in its own process, pointed at the
fake server by TELEGRAM_BASE_URL; this process hosts the server and the askers. N chats ask at
once, each its questions one after another (the next when the previous is
answered); measures the time from an update served by getUpdates to its reply received by the
server (p50/p95/max), replies per second, and memory after the run; then checks that every
question was answered exactly once. `--flood 0.1` answers 10% of sendMessage calls with 429.

    python scripts/bench_telegram.py [--chats 50] [--questions 10] [--flood 0.1] [--max-rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakebotapi import FakeBotApi  # noqa: E402

QUESTIONS = [
    "Năm 2022 đơn vị nào được bầu làm Khối trưởng khối Trung ương Tây Ninh?",
    "khối phó thì sao?",
    "Khối thi đua số 6 Đồng Tháp có bao nhiêu đơn vị?",
    "Ai là khối trưởng năm 2023?",
    "Hội nghị tổng kết Khối 5 Đắk Nông tổ chức ở đâu?",
    "Đơn vị nào được đề nghị tặng Cờ thi đua năm 2022 ở Tiền Giang?",
    "còn năm 2021 thì sao?",
    "Khoi truong khoi Trung uong Nam Dinh nam 2022 la don vi nao?",
    "Khối đã phát động phong trào thi đua gì?",
    "Hạn gửi báo cáo là ngày nào?",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Replies:
    """One watcher of the server's calls for all chats, reading only the new ones every 5 ms,
    so that the load generator itself stays light."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.by_chat: dict[int, list[float]] = {}
        self.seen = 0
        self.changed = asyncio.Condition()

    async def watch(self) -> None:
        """Collect new replies until cancelled."""
        while True:
            new = self.api.calls_since(self.seen)
            self.seen += len(new)
            replies = [c for c in new if c.method == "sendMessage" and c.ok]
            for call in replies:
                self.by_chat.setdefault(int(call.params["chat_id"]), []).append(call.received_at)
            if replies:
                async with self.changed:
                    self.changed.notify_all()
            await asyncio.sleep(0.005)

    async def nth(self, chat_id: int, count: int) -> float:
        """When the chat's `count`-th reply was received."""
        async with self.changed:
            await self.changed.wait_for(lambda: len(self.by_chat.get(chat_id, [])) >= count)
        return self.by_chat[chat_id][count - 1]


async def _chat(
    api: FakeBotApi, replies: Replies, chat_id: int, questions: int, latencies: list[float]
) -> None:
    for number in range(questions):
        update = api.private_message(chat_id, QUESTIONS[number % len(QUESTIONS)])
        received = await asyncio.wait_for(replies.nth(chat_id, number + 1), 120)
        served = api.served_at(update["update_id"])
        assert served is not None
        latencies.append(received - served)


async def _started(api: FakeBotApi, bot: subprocess.Popen[bytes]) -> None:
    """Wait until the bot polls for updates (index loaded, model warm)."""
    while not api.calls("getUpdates"):
        if bot.poll() is not None:
            raise SystemExit(f"the bot exited with code {bot.returncode}")
        await asyncio.sleep(0.1)


async def run(
    chats: int, questions: int, flood: float, index_dir: Path | None, max_rate: float
) -> None:
    """Run the load and print the figures."""
    with FakeBotApi() as api, tempfile.TemporaryDirectory() as state:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "123456:" + "A" * 35,
            "TELEGRAM_BASE_URL": api.base_url,
            "RATE_LIMIT_PER_MINUTE": "0",
            "TELEGRAM_MAX_RATE": str(max_rate),
            "DATABASE_URL": f"sqlite:///{state}/bench.sqlite3",
        }
        if index_dir is not None:
            env["INDEX_DIR"] = str(index_dir)
        started = time.perf_counter()
        bot = subprocess.Popen(  # noqa: ASYNC220 - started once, before the load
            [sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
        )
        try:
            await asyncio.wait_for(_started(api, bot), 600)
            startup = time.perf_counter() - started
            print(f"start-up of `serve` (process, index, model): {startup:.1f} s")
            if flood:
                api.fail_fraction("sendMessage", flood, status=429, retry_after=1, seed=7)
            latencies: list[float] = []
            replies = Replies(api)
            watcher = asyncio.create_task(replies.watch())
            began = time.perf_counter()
            await asyncio.gather(
                *(_chat(api, replies, 10_000 + n, questions, latencies) for n in range(chats))
            )
            wall = time.perf_counter() - began
            await asyncio.sleep(1.5)  # let any duplicate show up before counting
            watcher.cancel()
            rss = psutil.Process(bot.pid).memory_info().rss / 2**20
        finally:
            bot.send_signal(signal.SIGINT)
            bot.wait(60)
        sent = api.sent()
        per_chat = [len(api.sent(10_000 + n)) for n in range(chats)]
        refused = [c for c in api.calls("sendMessage") if c.status == 429]
        total = chats * questions
        print(f"chats {chats}, questions {total}, flood {flood:.0%} (429s: {len(refused)})")
        print(
            f"latency update served → reply received: p50 {statistics.median(latencies):.3f} s, "
            f"p95 {_percentile(latencies, 0.95):.3f} s, max {max(latencies):.3f} s"
        )
        print(f"replies per second: {len(sent) / wall:.1f} (wall {wall:.1f} s)")
        print(f"bot RSS after the run: {rss:.0f} MB")
        exactly_once = all(n == questions for n in per_chat) and len(sent) == total
        print(f"every question answered exactly once: {exactly_once}")
        if not exactly_once:
            raise SystemExit(1)


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--questions", type=int, default=10, help="per chat")
    parser.add_argument("--flood", type=float, default=0.0, help="share of 429 answers")
    parser.add_argument("--index", type=Path, default=None, help="INDEX_DIR to use")
    parser.add_argument(
        "--max-rate", type=float, default=30, help="TELEGRAM_MAX_RATE (messages per second)"
    )
    args = parser.parse_args()
    asyncio.run(run(args.chats, args.questions, args.flood, args.index, args.max_rate))


if __name__ == "__main__":
    main()
