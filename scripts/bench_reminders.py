"""Reminder benchmark: N subscriptions × M events, on SQLite and on a throwaway PostgreSQL.

The chats follow blocs, and some another province than the deployment's or a sector; some
events are of another province or of a sector (`--plain`: none, as in the first release).

Measures the due-reminder scan (the first one, with every reminder of the next week due, and a
steady one, with everything already delivered), its memory, and the reminders delivered per
second through an in-process async send function that does nothing; with `--telegram`, also
through the bot's own sender (rate limiter included) to the fake Bot API server of the tests.

python scripts/bench_reminders.py --subscriptions 10000 --events 200 --backend sqlite postgresql
python scripts/bench_reminders.py --telegram 1000 [--max-rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from bot.answers.evaluation import peak_rss_mb
from bot.calendar.events import Event, EventKind
from bot.calendar.reminders import Reminder, ReminderService
from bot.calendar.schedule import Calendar
from bot.calendar.store import reminder_subscriptions
from bot.db import open_database
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.datetime(2026, 12, 1, 7, 0, tzinfo=ZONE)  # a send slot
BLOCS = 20
HORIZON_DAYS = 60
PROVINCE = "Tây Ninh"  # the deployment's
OTHER_PROVINCE = "Cà Mau"
SECTORS = ("giáo dục", "y tế", "công đoàn")


def events(count: int, plain: bool = False) -> list[Event]:
    """`count` events over the next 60 days: one in ten for every bloc, the others per bloc;
    unless `plain`, one in twenty of another province, one in five of a sector."""
    return [
        Event(
            id=f"bench-{i}",
            kind=EventKind.MEETING if i % 2 else EventKind.DEADLINE,
            title=f"Sự kiện thử {i}",
            date=START.date() + dt.timedelta(days=1 + i * HORIZON_DAYS // count),
            time=dt.time(8, 0) if i % 2 else None,
            bloc=None if i % 10 == 0 else f"Khối thi đua số {i % BLOCS + 1}",
            province=None if plain or i % 20 != 7 else OTHER_PROVINCE,
            sector=None if plain or i % 5 != 3 else SECTORS[i % len(SECTORS)],
            place="Hội trường",
            source="bench",
        )
        for i in range(count)
    ]


def subscriptions(count: int, plain: bool = False) -> list[dict[str, Any]]:
    """`count` chats: most follow one bloc, some two, one in twenty every bloc; unless `plain`,
    one in ten follows another province, one in five a sector."""
    chooser = random.Random(5)
    rows = []
    for chat in range(count):
        roll = chooser.random()
        blocs = [] if roll < 0.05 else chooser.sample(range(1, BLOCS + 1), 2 if roll < 0.2 else 1)
        scope = 1.0 if plain else chooser.random()
        rows.append(
            {
                "chat_id": -1_000_000_000 - chat,
                "blocs": [f"Khối {n}" for n in blocs],
                "leads": [7, 1, 0],
                "enabled": True,
                "since": START - dt.timedelta(days=30),
                "province": OTHER_PROVINCE if scope < 0.1 else None,
                "sectors": [chooser.choice(SECTORS)] if 0.1 <= scope < 0.3 else [],
            }
        )
    return rows


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def run(url: str, subscription_count: int, event_count: int, plain: bool) -> dict[str, Any]:
    """Fill a fresh database at `url` and measure."""
    engine = open_database(url)
    calendar = Calendar(engine, ZONE, events(event_count, plain))
    service = ReminderService(engine, calendar, Settings().reminders, ZONE, PROVINCE)
    with engine.begin() as conn:
        conn.execute(insert(reminder_subscriptions), subscriptions(subscription_count, plain))

    first_scans = [timed(lambda: service.due(START))[1] for _ in range(3)]
    tracemalloc.start()
    due = service.due(START)
    _, scan_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    async def send(reminder: Reminder) -> None:
        await asyncio.sleep(0)

    report, deliver_seconds = timed(lambda: asyncio.run(service.deliver(send, now=START)))
    steady = [timed(lambda: service.due(START + dt.timedelta(minutes=5)))[1] for _ in range(3)]
    next_day = START + dt.timedelta(days=1)
    next_due, next_seconds = timed(lambda: service.due(next_day))
    engine.dispose()
    return {
        "subscriptions": subscription_count,
        "events": event_count,
        "scoped": not plain,
        "due_first_scan": len(due),
        "first_scan_s": round(statistics.median(first_scans), 3),
        "first_scan_peak_python_mb": round(scan_peak / 2**20, 1),
        "delivered": report.sent,
        "deliver_s": round(deliver_seconds, 2),
        "delivered_per_s": round(report.sent / deliver_seconds),
        "steady_scan_s": round(statistics.median(steady), 3),
        "next_day_due": len(next_due),
        "next_day_scan_s": round(next_seconds, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


async def through_telegram(count: int, max_rate: float) -> dict[str, Any]:
    """`count` chats due one reminder each, sent through the bot to the fake Bot API server."""
    sys.path.insert(0, str(ROOT / "tests"))
    from fakebotapi import FakeBotApi

    from bot.faces.telegram.app import TolerantBot, make_bot
    from bot.faces.telegram.reminders import send_reminders
    from bot.settings import TelegramSettings

    with FakeBotApi() as api, tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        one = [e for e in events(10) if e.bloc is None][:1]
        service = ReminderService(engine, Calendar(engine, ZONE, one), Settings().reminders, ZONE)
        rows = subscriptions(count, plain=True)
        with engine.begin() as conn:
            conn.execute(insert(reminder_subscriptions), rows)
        telegram = TelegramSettings(
            token="123456:" + "A" * 35, base_url=api.base_url, max_rate=max_rate
        )
        bot: TolerantBot = make_bot(telegram)
        now = dt.datetime.combine(one[0].date - dt.timedelta(days=1), dt.time(7, 1), ZONE)
        async with bot:
            started = time.perf_counter()
            report = await send_reminders(service, bot, now)
            seconds = time.perf_counter() - started
        engine.dispose()
        return {
            "telegram_chats": count,
            "max_rate": max_rate,
            "delivered": report.sent,
            "received_by_server": len(api.sent()),
            "seconds": round(seconds, 2),
            "delivered_per_s": round(report.sent / seconds, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--plain", action="store_true", help="no province nor sector")
    parser.add_argument(
        "--backend", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"]
    )
    parser.add_argument("--telegram", type=int, default=0, help="chats reminded via the bot")
    parser.add_argument("--max-rate", type=float, default=30, help="TELEGRAM_MAX_RATE")
    args = parser.parse_args()
    if args.telegram:
        print(json.dumps(asyncio.run(through_telegram(args.telegram, args.max_rate))))
        return
    results = []
    for backend in args.backend:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
                run_one = run(url, args.subscriptions, args.events, args.plain)
                results.append({"backend": backend, **run_one})
            continue
        # The throwaway server of the test suite (tests/pg.py), with fsync on.
        sys.path.insert(0, str(ROOT))
        from tests import pg

        reason = pg.missing_reason()
        if reason is not None:
            print(f"postgresql skipped: {reason}", file=sys.stderr)
            continue
        with pg.PostgresServer(fsync=True) as server:
            url = server.create_database()
            run_one = run(url, args.subscriptions, args.events, args.plain)
            results.append({"backend": backend, **run_one})
    for result in results:
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
