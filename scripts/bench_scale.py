"""Scale benchmark: build time, index size and query latency from 5 to N generated documents.

python scripts/bench_scale.py --sizes 5 2000 --out bench
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bot.answers.evaluation import peak_rss_mb
from bot.settings import PathSettings, Settings
from bot.wiring import open_answers

QUESTIONS = [
    "Ai là khối trưởng năm {year}?",
    "khoi pho nam {year} la don vi nao",
    "Đơn vị nào được đề nghị tặng Cờ thi đua năm {year}?",
    "Hội nghị tổng kết năm {year} tổ chức ở đâu?",
    "Khối thi đua các cơ quan Trung ương tỉnh {province} gồm những đơn vị nào?",
]
PROVINCES = ["Cà Mau", "Lạng Sơn", "Nghệ An", "Gia Lai", "Quảng Ninh"]


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def run(size: int, out: Path, queries: int, reuse: bool) -> dict[str, float]:
    """Generate `size` documents, index them from scratch (or reuse a previous run's corpus
    and index: then the build time is that of a sync with nothing changed), and time
    `queries` questions."""
    corpus, index_dir = out / f"corpus-{size}", out / f"index-{size}"
    if not (reuse and corpus.is_dir()):
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        script = Path(__file__).with_name("generate_corpus.py")
        subprocess.run(
            [sys.executable, str(script), "--count", str(size), "--out", str(corpus)],
            check=True,
            capture_output=True,
        )
    settings = Settings(paths=PathSettings(knowledge_dir=corpus, index_dir=index_dir))
    started = time.perf_counter()
    service, report = open_answers(settings)
    build = time.perf_counter() - started
    rng = random.Random(size)
    service.answer("khởi động")
    latencies = []
    for _ in range(queries):
        template = rng.choice(QUESTIONS)
        question = template.format(year=rng.randint(2016, 2025), province=rng.choice(PROVINCES))
        latencies.append(service.answer(question).elapsed_ms)
    latencies.sort()
    return {
        "documents": size,
        "chunks": len(service.index.chunks),
        "build_seconds": round(build, 2),
        "index_mb": round(_size_mb(index_dir), 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "errors": len(report.errors),
    }


def main() -> None:
    """Run each size and print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 2000])
    parser.add_argument("--out", type=Path, default=Path("bench"))
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus and index")
    args = parser.parse_args()
    for size in args.sizes:
        result = run(size, args.out, args.queries, args.reuse)
        print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
