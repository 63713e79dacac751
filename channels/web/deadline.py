"""A request's body must be all in within a deadline of its headers: past it, the request
is answered `408` and its connection closed, whatever the route.

The listener (channels/web/listener.py) gives a connection `BROKER_WEB_IDLE_TIMEOUT` to send
a request's headers (aiohttp's keep-alive timer), but aiohttp stops that timer once the
headers are in, and a handler then reads the body at the client's pace. A `POST` announcing
100,000 bytes and sending one every five seconds held its connection for ever, and a few
hosts doing that held every connection the listener allows, so everyone else, `/healthz`
too, was answered `503` (review 27). So (rule `body-deadline`) a request with a body gets
`seconds` from its headers to its body's last byte: a timer set as the request reaches the
handlers, cancelled when the body is all in. Should it fire first, the body's stream fails
with `BodyTooSlow`: the handler waiting on it stops, the answer is `408` and the connection
is closed. The timer also covers the time aiohttp gives a body nobody read after the answer
("lingering", up to 10 s, reading and discarding): `BodyTooSlow` is a `TimeoutError`, which
ends that at once and closes the connection.

`body_deadline` is one middleware, the innermost of the web app's own, so that every route
has it and no middleware between it and the handler turns the failure into a `500`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
TOO_SLOW = "The request took too long to arrive. Please try again.\n"


class BodyTooSlow(TimeoutError):
    """The request's body was not all in by its deadline."""


def _cut_off(body: Any) -> None:
    if not body.is_eof():
        body.set_exception(BodyTooSlow())


def body_deadline(seconds: float) -> Any:
    """The middleware: rule `body-deadline` with `seconds` from headers to body."""

    @web.middleware
    async def body_in_time(request: web.Request, handler: Handler) -> web.StreamResponse:
        body = request.content
        if body.is_eof():  # no body, or all of it already in
            return await handler(request)
        timer = asyncio.get_running_loop().call_later(seconds, _cut_off, body)
        body.on_eof(timer.cancel)
        try:
            return await handler(request)
        except BodyTooSlow:
            response = web.Response(status=408, text=TOO_SLOW)
            response.force_close()
            return response

    return body_in_time
