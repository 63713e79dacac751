"""An email that asks to extend a child's current placement: not a new referral.

"Please can we extend the current placement at Meadow View by 12 weeks from 14/12/2026?"
The service finds new placements: it sends a referral to every eligible provider. An
extension is agreed between the council's placements team and the home the child is in,
so an email that asks for one, with no referral form, is answered by saying so, and the
placements team is copied (workflows/classify.py routes it as `extension-asked`, never as
mail with no form to which a blank form goes back). `extension_asked` finds the sentence
that asks. Pure: words in, words out.
"""

from __future__ import annotations

import re

__all__ = ["extension_asked"]

_WHOSE = (r"(?:(?:the|her|his|their|this|that|a|our|[A-Z][\w'\u2019-]*['\u2019]s)\s+)?"
          r"(?:(?:current|existing|present|child['\u2019]?s|young\s+person['\u2019]?s|"
          r"foster|residential|solo|emergency|interim|short[\s-]term)\s+){0,2}")
_PLACEMENT = r"(?:placement|stay|foster\s+placement|care\s+arrangement)"
_ASKS = re.compile(
    rf"\bextend(?:ed|ing)?\s+{_WHOSE}{_PLACEMENT}\b"  # "extend Jo's placement at Larch View"
    rf"|\bextension\s+(?:of|to)\s+{_WHOSE}{_PLACEMENT}\b"  # "an extension to the placement"
    rf"|\b{_PLACEMENT}\s+extension\b"  # "placement extension request"
    rf"|\b{_PLACEMENT}\s+(?:to\s+be\s+|be\s+|being\s+)?extended\b",  # "placement to be extended"
    re.IGNORECASE)
_MOST_CHARS = 20_000
_MOST_SHOWN = 300


def extension_asked(subject: str, text: str) -> str | None:
    """The sentence of the email (or its subject) that asks to extend a placement, without
    its links, mail addresses and phone numbers, or None."""
    from broker.quoting import without_contacts  # (broker.quoting reads forms' values)

    for words in (text[:_MOST_CHARS], subject[:500]):
        found = _ASKS.search(words)
        if found is None:
            continue
        start = max(words.rfind(stop, 0, found.start()) for stop in ".!?\n") + 1
        end = min((at for stop in ".!?\n" if (at := words.find(stop, found.end())) != -1),
                  default=len(words))
        # Quoted back to the From (anyone can write one at a council's domain) and to the
        # team in the service's email: never with a stranger's link, address or number in it
        return " ".join(without_contacts(words[start:end + 1]).split())[:_MOST_SHOWN]
    return None
