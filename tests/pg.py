"""A throwaway local PostgreSQL server for the state tests and the reminder benchmark.

It needs the server binaries (initdb, pg_ctl, postgres) on PATH or under
/usr/lib/postgresql/<version>/bin. initdb refuses to run as root, so as root the server runs as
the unprivileged user `nobody`, in a temporary folder that user owns. It listens on a unix
socket in that folder only (no TCP port), trusts local connections, and is removed on stop.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

import psycopg

_RUN_AS = "nobody"


def binaries() -> Path | None:
    """The folder of the server binaries, if installed."""
    found = shutil.which("pg_ctl")
    folders = [Path(found).parent] if found else []
    folders += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return next(
        (f for f in folders if all((f / name).exists() for name in ("initdb", "pg_ctl"))), None
    )


def missing_reason() -> str | None:
    """Why no server can be started here, or None when one can."""
    if binaries() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as an unprivileged user"
    return None


class PostgresServer:
    """One server in a temporary folder: `start`, `create_database` per test, `stop`."""

    def __init__(self, fsync: bool = False) -> None:
        self.fsync = fsync
        self.folder: Path | None = None
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", _RUN_AS, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self) -> PostgresServer:
        """initdb and start the server; raises RuntimeError with the server's log on failure."""
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError(missing_reason())
        self.folder = Path(tempfile.mkdtemp(prefix="pg-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam(_RUN_AS)
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        data, log = self.folder / "data", self.folder / "server.log"
        options = f"-k {self.folder} -h '' -c max_connections=200"
        if not self.fsync:
            options += " -F"
        try:
            self._run(
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
            self._run(
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(log),
                "-w",
                "start",
            )
        except subprocess.CalledProcessError as exc:
            detail = log.read_text() if log.exists() else exc.stderr
            self.stop()
            raise RuntimeError(f"PostgreSQL did not start: {detail}") from exc
        return self

    def create_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        assert self.folder is not None, "start the server first"
        name = f"test_{next(self._names)}"
        with psycopg.connect(
            host=str(self.folder), user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@/{name}?host={self.folder}"

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        if self.folder is None:
            return
        bin_dir = binaries()
        if bin_dir is not None and (self.folder / "data" / "postmaster.pid").exists():
            self._run(
                str(bin_dir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
