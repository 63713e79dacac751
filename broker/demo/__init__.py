"""`broker demo`: one whole referral, end to end, on a throwaway database.

A real service starts in-process on free ports with short windows; the sample referral goes in
over SMTP; simulated providers read their anonymised referral from the dev mailbox and reply
over SMTP as real ones do (Outlook, Gmail, a one-line decline, a forgotten fee, a late
offer); a timeline of what the service understood is printed as it happens.
"""

from broker.demo.run import run_demo

__all__ = ["run_demo"]
