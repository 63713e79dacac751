"""Alembic environment: runs on the connection the service hands it (see broker.db.engine)."""

from alembic import context
from sqlmodel import SQLModel

import broker.db.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through broker.db.engine.migrate()")
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
