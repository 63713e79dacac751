"""Running the migrations up to a given revision inside a test, on a connection the test
holds (to make a database as an older version left it, then migrate it on)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic import command

from broker.db.engine import alembic_config


def upgrade_to(revision: str) -> Callable[[Any], None]:
    """A function for `connection.run_sync` that upgrades that connection's database to
    `revision`."""
    def run(connection: Any) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return run
