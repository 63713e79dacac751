"""What the benchmarks share: a real `broker serve` in a subprocess on free ports, a fresh
database (SQLite, or PostgreSQL from a throwaway cluster as the tests use), and the figures
every result carries (machine, time)."""

from __future__ import annotations

import asyncio
import os
import platform
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from tests.pg import start_postgres  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def until_listening(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on port {port}") from None
            await asyncio.sleep(0.05)


@dataclass
class Served:
    """`broker serve` with these settings; start() again after a kill reuses its ports."""

    work: Path
    config: Path
    database_url: str
    relay: str
    smtp_port: int = field(default_factory=free_port)
    web_port: int = field(default_factory=free_port)
    extra: dict[str, str] = field(default_factory=dict)
    role: str = "all"  # `serve --role`
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "BROKER_CONFIG_DIR": str(self.config),
               "BROKER_VAR_DIR": str(self.work), "BROKER_DATABASE_URL": self.database_url,
               "BROKER_SMTP_PORT": str(self.smtp_port), "BROKER_WEB_PORT": str(self.web_port),
               "BROKER_RELAY": self.relay, "BROKER_LOG_LEVEL": "WARNING",
               "BROKER_MAIL_DOMAIN": "broker.localhost",
               "BROKER_SECRET_KEY": "bench-secret-fictional-abcdefghij",  # 32 or more
               **self.extra}
        with (self.work / "service.log").open("ab") as log:
            # BENCH_PROFILE=<file>: the service runs under cProfile, written there on a clean stop
            profile = os.environ.get("BENCH_PROFILE")
            profile = f"{profile}.{self.role}" if profile else None
            under = ["-m", "cProfile", "-o", profile] if profile else []
            command = [sys.executable, *under, "-m", "broker.cli", "serve", "--role", self.role]
            self.process = subprocess.Popen(command,
                                            env=env, cwd=self.work, stdout=log,
                                            stderr=subprocess.STDOUT)

    async def stop(self, signal_number: int | None = None) -> int:
        """SIGTERM (a clean stop) or the signal given; returns the exit code."""
        assert self.process is not None
        if signal_number is None:
            self.process.terminate()
        else:
            self.process.send_signal(signal_number)
        return await asyncio.to_thread(self.process.wait, 60)

    def cpu_seconds(self) -> float:
        """User + system CPU time of the service so far (Linux /proc)."""
        assert self.process is not None
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


LAYOUTS = {"all-in-one": ["all"], "sender-apart": ["intake,worker", "sender"]}


@dataclass
class Deployment:
    """The service as an operator runs it: one process (all roles), or the outbox sender as a
    process of its own beside the intake and worker (`serve --role`), on one database."""

    layout: str
    processes: list[Served]
    _log_from: int = 0

    @classmethod
    def of(cls, layout: str, work: Path, config: Path, database_url: str, relay: str,
           extra: dict[str, str] | None = None) -> Deployment:
        return cls(layout, [Served(work, config, database_url, relay, extra=dict(extra or {}),
                                   role=role) for role in LAYOUTS[layout]])

    @property
    def smtp_port(self) -> int:
        return self.processes[0].smtp_port

    def start(self) -> None:
        log = self.processes[0].work / "service.log"
        self._log_from = log.stat().st_size if log.exists() else 0
        for process in self.processes:
            process.start()

    async def ready(self, timeout: float = 120) -> None:
        """Until every process has said it is running and the intake listens."""
        log, deadline = self.processes[0].work / "service.log", time.monotonic() + timeout
        while log.read_bytes()[self._log_from:].count(b"Broker running") < len(self.processes):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the {self.layout} service did not start")
            await asyncio.sleep(0.05)
        await until_listening(self.smtp_port)

    async def stop(self, signal_number: int | None = None) -> int:
        """Every process at once; the worst exit code."""
        codes = await asyncio.gather(*(p.stop(signal_number) for p in self.processes))
        return next((code for code in codes if code != 0), 0)

    def running(self) -> bool:
        return any(p.process is not None and p.process.poll() is None for p in self.processes)

    def cpu_seconds(self) -> float:
        return sum(process.cpu_seconds() for process in self.processes)


async def fresh_database(kind: str, work: Path, postgres_url: str | None = None) -> tuple[str, Any]:
    """A new, empty database of this kind, and the server to stop afterwards (or None).
    RuntimeError with the reason when PostgreSQL cannot be had."""
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{work}/bench-{time.monotonic_ns()}.db", None
    server = None
    if not postgres_url:
        server = start_postgres()
        if server.url is None:
            raise RuntimeError(server.why_not)
        postgres_url = server.url
    name = f"broker_bench_{time.monotonic_ns()}"
    admin = create_async_engine(postgres_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + "/" + name, server


def about_the_run() -> dict[str, str]:
    return {"machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                       f"Python {platform.python_version()}",
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
