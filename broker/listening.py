"""Why the service could not listen on a port, in one line that names the setting to change.

`broker serve` binds an SMTP port and a web port. When the system refuses one (another
program, or another `broker serve`, holds it; a port under 1024 needs privileges; the host
is not one of this machine's addresses), the operator is told which port, why, and which
setting moves it (`BROKER_SMTP_PORT`, `BROKER_WEB_PORT`, or the `…_HOST` beside it), not
shown the traceback of the system call.
"""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass


class CannotListen(Exception):
    """A port the service needs could not be bound; the message is the line to show."""


@dataclass(frozen=True)
class Listener:
    """One of the service's listening sockets, and the settings that place it."""

    what: str  # "SMTP intake", "web server"
    host: str
    port: int
    port_setting: str  # BROKER_SMTP_PORT
    host_setting: str  # BROKER_SMTP_HOST


SMTP, WEB = "SMTP intake", "web server"


def smtp_listener(host: str, port: int) -> Listener:
    return Listener(SMTP, host, port, "BROKER_SMTP_PORT", "BROKER_SMTP_HOST")


def web_listener(host: str, port: int) -> Listener:
    return Listener(WEB, host, port, "BROKER_WEB_PORT", "BROKER_WEB_HOST")


MOVE = "(in a .env file in the directory you run it from, or the environment)"


def why_not_listening(listener: Listener, error: OSError) -> str:
    """The one line for an operator: which port, why the system refused it, what to set."""
    where = f"{listener.host}:{listener.port}"
    if error.errno == errno.EADDRINUSE:
        return (f"cannot start the {listener.what}: port {listener.port} ({where}) is "
                f"already in use by another program or another `broker serve`. Stop it, "
                f"or set {listener.port_setting} to a free port {MOVE}")
    if error.errno == errno.EACCES:
        return (f"cannot start the {listener.what}: this user may not listen on port "
                f"{listener.port} ({where}; ports under 1024 need privileges). Set "
                f"{listener.port_setting} to a port above 1023 {MOVE}, and have your "
                "proxy or firewall forward to it")
    if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
        return (f"cannot start the {listener.what}: {listener.host!r} is not an address of "
                f"this machine. Set {listener.host_setting} to one of its addresses "
                f"(127.0.0.1 for this machine only, 0.0.0.0 for all) {MOVE}")
    return (f"cannot start the {listener.what} on {where}: {error.strerror or error}. "
            f"Check {listener.host_setting} and {listener.port_setting} {MOVE}")
