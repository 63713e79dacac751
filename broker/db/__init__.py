"""Storage: SQLModel tables, the async engine, and Alembic migrations applied on start."""
