"""A referral sent to a provider as well: her full form reached it, unanonymised.

Rule `provider-copied-in`: a referral form whose To or Cc names a provider's address (an
address the directory lists for an establishment, or any address at a provider
organisation's domain) went to that provider with the child's name, date of birth, address
and history, before the service anonymised anything. The referral goes on as usual (the
provider may well be eligible, and gets the anonymised copy like every other), but the
social worker and the placements team are told at once, plainly, naming the provider and
never the child: it may be a data breach to report under the council's own procedure. It is
recorded (event "provider-copied-in"), so the console and the audit show it. An address at
a member council (its own in-house homes' staff included) is the council's own, not a
provider's. The two emails go once a referral for the same providers: a reply-all on the
thread that keeps the provider in Cc is recorded again, not alarmed again (a new provider
copied in is).
"""

from __future__ import annotations

from hashlib import sha256
from typing import Any

from workflows.commands import Command, RecordEvent, SendEmail
from workflows.events import FormReceived


def providers_copied(addresses: tuple[str, ...] | list[str], directory: Any,
                     sender: str = "") -> list[dict[str, str]]:
    """Each provider address among `addresses` with whose it is: "Larch House (Larch Care
    Ltd)" for a home's own address, the organisation for a shared inbox or another address at
    its domain; in the order given."""
    found: list[dict[str, str]] = []
    for address in dict.fromkeys(a.strip().lower() for a in addresses if a and "@" in a):
        if address == sender.lower() or directory.authority_for_sender(address) is not None:
            continue
        homes = directory.establishments_for_contact(address)
        organisation = (directory.organisation(homes[0].organisation) if homes else
                        directory.organisation_for_domain(address.rpartition("@")[2]))
        name = (f"{homes[0].name} ({organisation.name})" if len(homes) == 1 and organisation
                else organisation.name if organisation is not None else "")
        if name:
            found.append({"address": address, "provider": name})
    return found


def told(snapshot: Any, event: FormReceived) -> list[Command]:
    """The event and the two emails for a form that went to a provider too; [] when it went
    to none."""
    copied = providers_copied(event.form.copied_to, snapshot.world.directory,
                              event.form.sender)
    if not copied:
        return []
    reference = snapshot.reference
    # once a referral for these providers (the outbox keeps one row a key)
    which = sha256(" ".join(sorted(c["address"] for c in copied)).encode()).hexdigest()[:16]
    referrer = snapshot.referral.referrer or event.form.sender
    context = {"reference": reference, "referrer": referrer, "copied": copied,
               "subject": event.form.subject}
    commands: list[Command] = [RecordEvent("provider-copied-in", {
        "providers": [c["provider"] for c in copied],
        "addresses": [c["address"] for c in copied]})]
    if referrer:
        commands.append(SendEmail(
            key=f"{reference}:copied-in:{which}", template="social_worker/provider_copied_in",
            to=referrer, context=context, in_reply_to=event.form.message_id,
            references=(event.form.message_id,) if event.form.message_id else ()))
    team = snapshot.authority.placements_team if snapshot.authority else ""
    if team and team != referrer:
        commands.append(SendEmail(
            key=f"{reference}:copied-in:{which}:team",
            template="placements_team/provider_copied_in", to=team, context=context))
    return commands
