"""`broker demo`: one whole referral, end to end, on a throwaway database.

A real service starts in-process on free ports with short windows; the sample referral goes in
over SMTP; simulated providers read their anonymised referral from the dev mailbox and reply
over SMTP as real ones do (Outlook, Gmail, a one-line decline, a forgotten fee, a late
offer); then the social worker shortlists, two commissioners approve (the Slack approval is
drawn as it would appear), the chosen provider reads its papers and confirms, the fee is
agreed and the Individual Placement Agreement issued. A timeline of what the service
understood is printed as it happens.
"""

from broker.demo.run import run_demo

__all__ = ["run_demo"]
