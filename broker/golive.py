"""What an operator must change before going live: the development defaults left in place.

With `BROKER_RELAY=mailbox` (`make run`) nothing leaves the machine and the defaults are
right. Once the relay is a real one (`smtp://…`), each of these rules names a setting that
would still send real people something that does not work or is not safe:

- `local-mail-domain`: the service's own addresses are at `broker.localhost` (or another
  name no one can write to), so nobody can reply to its emails;
- `local-public-url`: links in emails (papers, shortlist, sign-in) point at this machine
  (`BROKER_PUBLIC_URL` unset, or naming 127.0.0.1 or localhost);
- `plain-http-url`: links are `http://`, so tokens and the console's cookie cross the
  network in the clear;
- `generated-secret`: the signing key is the one generated into `var/secret_key`, lost
  with that directory and different on every machine.

`broker config check` prints them and `broker serve` logs them at start: they warn rather
than refuse, since a test or training copy may mean to run this way.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

# Names that no one on the internet can send mail to or open (RFC 2606, RFC 6761).
LOCAL_SUFFIXES = ("localhost", "local", "test", "invalid", "example", "internal", "lan")
LOOPBACK = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def _local_name(host: str) -> bool:
    host = host.lower().rstrip(".")
    return (host in LOOPBACK or host.startswith("127.") or "." not in host
            or host.rsplit(".", 1)[1] in LOCAL_SUFFIXES)


def going_live_rules(settings: Any) -> list[tuple[str, str]]:
    """(rule, warning) for each development default left with a real relay; none with the
    dev mailbox."""
    if settings.relay == "mailbox":
        return []
    found: list[tuple[str, str]] = []
    if _local_name(settings.mail_domain):
        found.append(("local-mail-domain", (
            f"BROKER_MAIL_DOMAIN is {settings.mail_domain}, which no one can write to, but "
            "BROKER_RELAY sends real mail: set it to the domain your MX receives for the "
            "service (referrals@, r+…@, bounces+…@ and providers@ there)")))
    url = settings.public_url.strip()
    host = (urlsplit(url).hostname or "") if url else ""
    if not url or _local_name(host):
        found.append(("local-public-url", (
            f"links in emails point at {settings.web_base_url}, which only this machine can "
            "open: set BROKER_PUBLIC_URL to the https address people reach the service at")))
    elif urlsplit(url).scheme != "https":
        found.append(("plain-http-url", (
            f"BROKER_PUBLIC_URL is {url}: links carry tokens and the console a sign-in "
            "cookie, so serve it over https (the cookie is marked Secure only then)")))
    if not settings.secret_key:
        found.append(("generated-secret", (
            f"BROKER_SECRET_KEY is not set, so links and reply addresses are signed with the "
            f"key generated into {settings.var_dir}/secret_key: set your own (the same on "
            "every process) and keep it with your backups; if it is lost, every link and "
            "reply address already sent stops working")))
    return found


def going_live(settings: Any) -> list[str]:
    """The warnings alone, for `broker config check` and `broker serve`."""
    return [warning for _, warning in going_live_rules(settings)]
