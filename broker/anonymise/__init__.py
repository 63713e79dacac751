"""Anonymisation of referrals: what providers may see before they are shortlisted.

`anonymise(form, authority=…, today=…)` gives the profile and the scrubbed free text that the
broadcast carries (the README, "Anonymisation", says what it guarantees);
`anonymise_texts(form, texts)` does the same to words written about the referral later;
`identifying_values(form)` lists the strings that must never appear in it, for checks and
tests. Pure code: no asyncio, network, database or logging.
"""

from broker.anonymise.anonymiser import AnonymisedReferral, anonymise, anonymise_texts
from broker.anonymise.patterns import is_valid_nhs_number
from broker.anonymise.values import identifying_values

__all__ = ["AnonymisedReferral", "anonymise", "anonymise_texts", "identifying_values",
           "is_valid_nhs_number"]
