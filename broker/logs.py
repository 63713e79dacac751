"""Logging for the service: our own lines at the chosen level, and the libraries that can
log what people send (a request body, an SMTP command, SQL parameters) held at WARNING or
above whatever the level, so a child's details never reach a log line.

- slack_bolt logs the whole body of a request whose signature fails, at INFO, and of an
  unhandled request, at WARNING: held at ERROR.
- aiohttp's access and server loggers, aiosmtpd (`mail.log`: every SMTP command, with
  addresses), aiosqlite and asyncpg (statements with their parameters at DEBUG), SQLAlchemy
  and APScheduler (a line per sweep): held at WARNING.
- aiohttp logs a request it cannot parse (a URL over 8 KB, a broken header) as an ERROR
  with its traceback, though the client was simply answered 400: anyone on the internet
  could fill the log with them. Such a record becomes one line at WARNING
  (`BriefClientErrors`); a failure of our own code keeps its traceback.
"""

from __future__ import annotations

import logging

QUIET = {"slack_bolt": logging.ERROR, "slack_sdk": logging.WARNING,
         "aiohttp": logging.WARNING, "mail.log": logging.WARNING,
         "aiosqlite": logging.WARNING, "asyncpg": logging.WARNING,
         "sqlalchemy": logging.WARNING, "apscheduler": logging.WARNING,
         "asyncio": logging.WARNING}


class BriefClientErrors(logging.Filter):
    """A client's malformed request (an HTTP 4xx raised by aiohttp's parser): one line at
    WARNING, naming the error's kind and code, without the traceback or the request."""

    def filter(self, record: logging.LogRecord) -> bool:
        from aiohttp.http_exceptions import HttpProcessingError

        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError) and 400 <= error.code < 500:
            record.msg = f"{record.getMessage()}: {error.code} {type(error).__name__}"
            record.args, record.exc_info, record.exc_text = None, None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quiet_libraries() -> None:
    for name, level in QUIET.items():
        logging.getLogger(name).setLevel(level)
    server = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, BriefClientErrors) for f in server.filters):
        server.addFilter(BriefClientErrors())


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries()
