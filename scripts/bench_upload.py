"""Admins' uploads through the fake Bot API server (tests/fakebotapi.py), timed end to end.

The bot runs as in production, `python -m bot serve` in its own process (the configured model,
SQLite), over a copy of the project's knowledge in a temporary folder. An admin sends a 5-page
DOCX, then a 30-page PDF; for each, the time from the update served by getUpdates to the summary
received by the server; meanwhile a user asks questions one after another (count, p50/p95).
Then every kind of bad file is sent, and the knowledge folder and the index files are compared
byte for byte (SHA-256 of every file) before and after each.

    python scripts/bench_upload.py
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakebotapi import FakeBotApi  # noqa: E402

ADMIN = 4242
USER = 1001
QUESTION = "Năm 2022 đơn vị nào được bầu làm Khối trưởng khối Trung ương Tây Ninh?"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
CHARS_PER_PAGE = 2600


def _paragraphs() -> list[str]:
    """Real report text: the paragraphs of the project's sample reports."""
    found = []
    for path in sorted((ROOT / "knowledge").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        found += [p.strip() for p in body.split("\n\n") if len(p.strip()) > 80]
    return found


def _pages(count: int) -> list[str]:
    """`count` pages of report text, each numbered so no two pages are the same."""
    paragraphs = _paragraphs()
    pages, cursor = [], 0
    for number in range(1, count + 1):
        text = f"Trang {number}."
        while len(text) < CHARS_PER_PAGE:
            text += "\n" + paragraphs[cursor % len(paragraphs)]
            cursor += 1
        pages.append(text)
    return pages


def docx_bytes(pages: list[str]) -> bytes:
    document = docx.Document()
    for page in pages:
        for paragraph in page.split("\n"):
            document.add_paragraph(paragraph)
        document.add_page_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(pages: list[str]) -> bytes:
    pdf = FPDF()
    font = next((f for d in FONT_DIRS if d.is_dir() for f in d.rglob("DejaVuSans.ttf")), None)
    if font is not None:
        pdf.add_font("DejaVu", fname=str(font))
        pdf.set_font("DejaVu", size=9)
    else:  # fpdf's core fonts are latin-1 only
        pdf.set_font("Helvetica", size=9)
        pages = [p.encode("ascii", "ignore").decode() for p in pages]
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 4.5, page)
    return bytes(pdf.output())


def fingerprint(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file below the folders (chroma's vectors included)."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _replies(api: FakeBotApi, chat_id: int, count: int) -> float:
    calls = await api.wait_for("sendMessage", count, chat_id=chat_id, timeout=600)
    return calls[count - 1].received_at


async def _ask_while(api: FakeBotApi, busy: asyncio.Event, latencies: list[float]) -> None:
    """Questions one after another until the upload is done."""
    asked = len(api.sent(USER))
    while not busy.is_set():
        update = api.private_message(USER, QUESTION)
        asked += 1
        received = await _replies(api, USER, asked)
        served = api.served_at(update["update_id"])
        assert served is not None
        latencies.append(received - served)


async def _upload(api: FakeBotApi, name: str, data: bytes) -> tuple[float, list[float]]:
    """Seconds from the upload's update to its summary, and the questions' latencies meanwhile."""
    before = len(api.sent(ADMIN))
    update = api.document_message(ADMIN, ADMIN, name, data)
    busy = asyncio.Event()
    latencies: list[float] = []
    asker = asyncio.create_task(_ask_while(api, busy, latencies))
    received = await _replies(api, ADMIN, before + 2)  # "đang đọc…", then the summary
    busy.set()
    await asker
    served = api.served_at(update["update_id"])
    assert served is not None
    summary = str(api.sent(ADMIN)[before + 1].params["text"])
    if "Đã học tài liệu" not in summary:
        raise SystemExit(f"{name}: no summary: {summary}")
    return received - served, latencies


BAD_FILES: list[tuple[str, bytes]] = [
    ("rong.txt", b""),
    ("hong.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
    ("scan.pdf", b""),  # filled in `run`: pages without text
    ("virus.pdf", b"MZ\x90\x00\x03" + b"\x00" * 4000),
    ("cu.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000),
    ("tcvn3.txt", "Uû ban nh©n d©n tØnh. Khèi thi ®ua n¨m 2023 ".encode() * 40),
    ("bang-tinh.xlsx", b"PK\x03\x04" + b"\x00" * 400),
]


async def run() -> None:
    """Start the bot, upload, ask, send bad files; print the figures."""
    with FakeBotApi() as api, tempfile.TemporaryDirectory() as work:
        state = Path(work)
        shutil.copytree(ROOT / "knowledge", state / "knowledge")
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "123456:" + "A" * 35,
            "TELEGRAM_BASE_URL": api.base_url,
            "ADMIN_IDS": str(ADMIN),
            "RATE_LIMIT_PER_MINUTE": "0",
            "KNOWLEDGE_DIR": str(state / "knowledge"),
            "INDEX_DIR": str(state / "index"),
            "DATABASE_URL": f"sqlite:///{state}/bench.sqlite3",
        }
        bot = subprocess.Popen(  # noqa: ASYNC220 - started once, before the load
            [sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
        )
        try:
            while not api.calls("getUpdates"):
                if bot.poll() is not None:
                    raise SystemExit(f"the bot exited with code {bot.returncode}")
                await asyncio.sleep(0.1)
            for name, data in (
                ("bao-cao-5-trang.docx", docx_bytes(_pages(5))),
                ("bao-cao-30-trang.pdf", pdf_bytes(_pages(30))),
            ):
                seconds, latencies = await _upload(api, name, data)
                print(f"{name} ({len(data) / 1024:.0f} KB): upload → summary {seconds:.1f} s")
                if latencies:
                    print(
                        f"    questions answered meanwhile: {len(latencies)}, "
                        f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
                        f"p95 {_percentile(latencies, 0.95) * 1000:.0f} ms"
                    )
            BAD_FILES[2] = ("scan.pdf", pdf_bytes(["", "", ""]))
            for name, data in BAD_FILES:
                before = fingerprint(state / "knowledge", state / "index")
                sent = len(api.sent(ADMIN))
                api.document_message(ADMIN, ADMIN, name, data)
                await _replies(api, ADMIN, sent + 2)  # "đang đọc…", then the refusal
                await asyncio.sleep(0.5)
                refusal = str(api.sent(ADMIN)[-1].params["text"]).split("\n")[0]
                unchanged = fingerprint(state / "knowledge", state / "index") == before
                print(f"{name}: unchanged={unchanged} · {refusal}")
                if not unchanged:
                    raise SystemExit(1)
        finally:
            bot.send_signal(signal.SIGINT)
            bot.wait(60)


if __name__ == "__main__":
    asyncio.run(run())
