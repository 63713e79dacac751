"""Every path the web server answers is in the README: in "Web pages", and in the list an
operator builds a proxy's allowlist from ("Web (TLS)" under "Running it for a council").
A path left out of the second breaks the console or a link behind such a proxy."""

from __future__ import annotations

import re
from pathlib import Path

from broker.app import Service
from channels.slack.http import EVENTS_PATH
from tests.factories import ROOT, make_settings

README = (ROOT / "README.md").read_text()


def _paths(service: Service) -> set[str]:
    """The routes as the README writes them: `{token}` as `<token>`, a folder of files as
    `/static/<file>`."""
    assert service._web is not None
    found = set()
    for route in service._web.app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter")
        if path is None:  # a folder of files
            path = f"{info['prefix'].rstrip('/')}/<file>"
        found.add(re.sub(r"\{(\w+)(:[^}]*)?\}", r"<\1>", path))
    return found | {EVENTS_PATH}  # with Slack over HTTP


def _section(start: str, end: str) -> str:
    return README.split(start, 1)[1].split(end, 1)[0]


async def test_every_public_path_is_in_the_proxy_list_and_nothing_else_is(
        tmp_path: Path, sqlite_url: str) -> None:
    service = Service(make_settings(tmp_path, sqlite_url, relay="smtp://127.0.0.1:9"))
    await service.start()
    try:
        public = _paths(service)
    finally:
        await service.stop()
    listed = set(re.findall(r"`(/[^`]*)`", _section(
        "The service serves these paths", "`/mailbox` and `/` are served only")))

    def allowed(path: str) -> bool:
        return any(path == item or (item.endswith("/") and path.startswith(item))
                   for item in listed)

    assert sorted(path for path in public if not allowed(path)) == []
    assert not any(path.startswith("/mailbox") or path == "/" for path in public)
    unused = [item for item in listed
              if not any(path == item or (item.endswith("/") and path.startswith(item))
                         for path in public)]
    assert unused == []


async def test_every_path_is_in_the_web_pages_table(tmp_path: Path, sqlite_url: str) -> None:
    service = Service(make_settings(tmp_path, sqlite_url))  # the dev mailbox's paths too
    await service.start()
    try:
        paths = _paths(service)
    finally:
        await service.stop()
    table = _section("## Web pages", "## Commands")
    assert sorted(path for path in paths if f"`{path}`" not in table) == []
