"""Reading an inbound message once, safely, off the event loop, and ahead of the write
transaction.

Every read goes to a worker thread (`read_message_safely`: Word files and costly mail are
read by a child process under CPU, memory and time limits, broker/forms/sandbox.py), so the
loop keeps answering SMTP and /healthz however hostile the message. With a reader child
(`BROKER_READER_PROCESS`), that thread hands a batch's ordinary messages to a child process
of the worker's own, which reads them on another core while this process decides.

The inbound worker reads each message of a batch BEFORE it takes the write lock
(workflows/inbound.py): it routes the message once in a read-only session inside
`ahead(...)`, which remembers what was read (headers, the body with the form it was read
for, the sender's proof), and routes it again inside the write transaction with the same
`ahead(...)`, where those reads are answered from memory. The second routing sees the
database as it is under the lock, so the facts stay exact; should they now call for a
different reading (a thread that appeared in between), that reading is done then.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from broker.forms.message import read_headers
from broker.forms.sandbox import Sandbox, read_message_safely

T = TypeVar("T")

_AHEAD: ContextVar[dict[str, Any] | None] = ContextVar("read_ahead", default=None)


@contextlib.contextmanager
def ahead(remembered: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Within this block, reads of the message are remembered in (and answered from)
    `remembered`: one dict per inbound message."""
    token = _AHEAD.set(remembered)
    try:
        yield remembered
    finally:
        _AHEAD.reset(token)


async def remember(name: str, make: Callable[[], Awaitable[T]]) -> T:
    """`await make()`, or what it gave before in this message's `ahead` block."""
    remembered = _AHEAD.get()
    if remembered is not None and name in remembered:
        return remembered[name]  # type: ignore[no-any-return]
    value = await make()
    if remembered is not None:
        remembered[name] = value
    return value


async def headers(raw: bytes) -> Any:
    """The message's headers, read in a worker thread (30,000 folded lines or encoded words
    take seconds to decode), once per message in an `ahead` block."""
    return await remember("head", lambda: asyncio.to_thread(read_headers, raw))


async def read_message(raw: bytes, spec: Any, *, new_text_only: bool) -> Any:
    """The message read once with `spec`, in a worker thread (costly parts in a child
    process under limits)."""
    return await remember(
        _read_key(spec, new_text_only),
        lambda: asyncio.to_thread(read_message_safely, raw, spec,
                                  new_text_only=new_text_only))


async def read_many(planned: list[tuple[bytes, dict[str, Any], Any, bool]],
                    reader: Sandbox | None = None) -> None:
    """Read several messages' headers, and bodies whose reading is known in advance
    (raw, remembered, spec or None, new_text_only), in ONE trip to a worker thread: a
    batch of provider replies costs one hop, not two a message. With a `reader`, a child
    process reads the bodies, so a second core does the work the worker's process would
    (about a third of its time a reply); whatever the child cannot answer is read here,
    as without one."""
    def read_all() -> None:
        for raw, remembered, spec, new_text_only in planned:
            remembered["head"] = read_headers(raw)
            if spec is not None:
                read = reader.read_ordinary(raw, spec, new_text_only) if reader else None
                remembered[_read_key(spec, new_text_only)] = read or read_message_safely(
                    raw, spec, new_text_only=new_text_only)

    if planned:
        await asyncio.to_thread(read_all)


def _read_key(spec: Any, new_text_only: bool) -> str:
    return f"read:{id(spec)}:{new_text_only}"
