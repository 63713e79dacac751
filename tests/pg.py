"""A throwaway PostgreSQL cluster for the test session, from the distribution's binaries.

`BROKER_TEST_POSTGRES_URL` (an asyncpg URL to a server the tests may create databases on)
takes precedence. Otherwise initdb + pg_ctl start a private cluster on a free loopback port,
as the `postgres` user when running as root (initdb refuses root). If neither works, the
reason is kept so the PostgreSQL tests can say exactly why they were skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass


@dataclass
class PostgresServer:
    url: str | None  # postgresql+asyncpg://… to the maintenance database, or None
    why_not: str = ""
    _data_dir: str = ""
    _as_user: list[str] | None = None

    def stop(self) -> None:
        if self._data_dir:
            pg_ctl = _binary("pg_ctl")
            subprocess.run([*(self._as_user or []), pg_ctl, "-D", self._data_dir, "-m", "fast",
                            "stop"], capture_output=True, timeout=60)
            shutil.rmtree(os.path.dirname(self._data_dir), ignore_errors=True)


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else (shutil.which(name) or "")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_postgres() -> PostgresServer:
    if os.environ.get("BROKER_TEST_POSTGRES_URL"):
        return PostgresServer(os.environ["BROKER_TEST_POSTGRES_URL"])
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        return PostgresServer(None, "PostgreSQL server binaries (initdb, pg_ctl) are not "
                                    "installed; `make test` installs them when run as root")
    as_user: list[str] = []
    base = tempfile.mkdtemp(prefix="broker-pg-")
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            return PostgresServer(None, "running as root and there is no 'postgres' user")
        os.chmod(base, 0o755)
        os.chown(base, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(base, "data")
    port = _free_port()
    steps = [
        [*as_user, initdb, "-D", data, "-A", "trust", "-U", "broker", "-E", "UTF8"],
        [*as_user, pg_ctl, "-D", data, "-w", "-t", "60", "-l", os.path.join(base, "log"),
         "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
         "start"],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            shutil.rmtree(base, ignore_errors=True)
            program = os.path.basename(step[len(as_user)])
            return PostgresServer(None, f"could not start PostgreSQL ({program} failed: "
                                        f"{result.stderr.strip()[-300:]})")
    return PostgresServer(f"postgresql+asyncpg://broker@127.0.0.1:{port}/postgres", "",
                          data, as_user)
