"""Logging for the service: our own lines at the chosen level, and the libraries that can
log what people send (a request body, an SMTP command, SQL parameters) held at WARNING or
above whatever the level, so a child's details never reach a log line.

- slack_bolt logs the whole body of a request whose signature fails, at INFO, and of an
  unhandled request, at WARNING: held at ERROR.
- aiohttp's access and server loggers, aiosmtpd (`mail.log`: every SMTP command, with
  addresses), aiosqlite and asyncpg (statements with their parameters at DEBUG), SQLAlchemy
  and APScheduler (a line per sweep): held at WARNING.
"""

from __future__ import annotations

import logging

QUIET = {"slack_bolt": logging.ERROR, "slack_sdk": logging.WARNING,
         "aiohttp": logging.WARNING, "mail.log": logging.WARNING,
         "aiosqlite": logging.WARNING, "asyncpg": logging.WARNING,
         "sqlalchemy": logging.WARNING, "apscheduler": logging.WARNING,
         "asyncio": logging.WARNING}


def quiet_libraries() -> None:
    for name, level in QUIET.items():
        logging.getLogger(name).setLevel(level)


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries()
