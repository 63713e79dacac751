"""Opening a personal papers link as the provider would: over HTTP, from the service's own web
server (the link in the email names the port it listens on).

The page holds the child's details, so what comes back for the timeline is only whether it
was served; the page itself is read and dropped, never printed. The service logs the access
(`papers_access`), which the narrator tells.
"""

from __future__ import annotations

import re

import aiohttp

LINK = re.compile(r"https?://\S+/papers/\S+")
TIMEOUT = aiohttp.ClientTimeout(total=30)


class NoLink(Exception):
    """The papers email carried no papers link."""


async def open_papers(email_text: str) -> str:
    """GET the link in a papers email; one line saying what the server answered."""
    match = LINK.search(email_text)
    if match is None:
        raise NoLink("the papers email has no /papers/ link")
    link = match.group(0)
    async with aiohttp.ClientSession(timeout=TIMEOUT) as http, http.get(link) as response:
        await response.read()  # read and dropped: it is the child's full papers
        answer = f"{response.status} {response.reason}"
    served = "served" if response.status == 200 else "not served"
    return (f"GET {link.split('/papers/')[0]}/papers/… → {answer}, {served} (the page holds "
            "the child's details, so it is not shown here)")
