"""How many connections a listener has open, in all and from each client address: the
count both internet-facing listeners (SMTP intake, web) admit a new connection by.

Pure, and used on one event loop only (each listener's own). A client the listener trusts
to speak for many (a reverse proxy in front of the web port) counts towards the total only.
"""

from __future__ import annotations

from collections.abc import Callable


class Connections:
    """`admit(client)` a new connection unless `most` are open, or `most_per_client` from
    that client (not counted for a client `shared(client)` says many people come through);
    `release(client)` when it closes."""

    def __init__(self, most: int, most_per_client: int,
                 shared: Callable[[str], bool] | None = None) -> None:
        self.most, self.most_per_client = most, most_per_client
        self.shared = shared or (lambda client: False)
        self.by_client: dict[str, int] = {}
        self.open = 0

    def admit(self, client: str) -> bool:
        if self.open >= self.most or (self.by_client.get(client, 0) >= self.most_per_client
                                      and not self.shared(client)):
            return False
        self.open += 1
        self.by_client[client] = self.by_client.get(client, 0) + 1
        return True

    def release(self, client: str) -> None:
        self.open = max(0, self.open - 1)
        left = self.by_client.pop(client, 1) - 1
        if left:
            self.by_client[client] = left
