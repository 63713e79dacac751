"""The SMTP server on its own thread and event loop, so hostile mail cannot stall the service.

aiosmtpd reads a message's DATA line by line, and when a client has already sent many lines
they are all in the buffer, so the reading never yields: 100,000 empty lines, or thousands of
header lines, held the service's loop for a second at a time (`/healthz`, deadlines, the
worker and the sender all waited). On a thread of its own the server's loop can be as busy as
it likes; Python hands the interpreter back to the service's loop every few milliseconds.

The handler's hooks run on the SMTP loop. What they share with the service goes through
`Home`: a coroutine that needs the service's database connections runs on the service's loop,
and a wake-up is set there, thread-safely.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class Home:
    """The service's own loop, as seen from the SMTP thread."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()

    async def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Await `coroutine` on the service's loop (directly when already there)."""
        if asyncio.get_running_loop() is self.loop:
            return await coroutine
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop))

    def call(self, callback: Callable[[], object]) -> None:
        """Call `callback` on the service's loop (an `asyncio.Event.set` is not thread-safe)."""
        if _running_loop() is self.loop:
            callback()
        else:
            self.loop.call_soon_threadsafe(callback)


class SmtpThread:
    """A server made by `create` on a thread of its own: `sockets`, `close`, `wait_closed`,
    as an asyncio server has."""

    def __init__(self, create: Callable[[asyncio.AbstractEventLoop], Coroutine[Any, Any,
                                                                          asyncio.Server]]):
        self._create = create
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._stopped: asyncio.Future[None] | None = None
        self._ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run, name="smtp", daemon=True)

    async def start(self) -> SmtpThread:
        self._thread.start()
        await asyncio.wrap_future(self._ready)
        return self

    @property
    def sockets(self) -> tuple[Any, ...]:
        return tuple(self._server.sockets) if self._server else ()

    def close(self) -> None:
        if self._loop is not None and self._stopped is not None:
            self._loop.call_soon_threadsafe(_settle, self._stopped)

    async def wait_closed(self) -> None:
        await asyncio.to_thread(self._thread.join)

    def _run(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve())
        finally:
            loop.close()

    async def _serve(self) -> None:
        loop = asyncio.get_running_loop()
        self._stopped = loop.create_future()
        try:
            self._server = await self._create(loop)
        except BaseException as error:  # the port is taken, say: the caller hears why
            self._ready.set_exception(error)
            return
        self._ready.set_result(None)
        await self._stopped
        self._server.close()
        sessions = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in sessions:  # a client half-way through a message: it will try again
            task.cancel()
        await asyncio.gather(*sessions, return_exceptions=True)
        await self._server.wait_closed()


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
