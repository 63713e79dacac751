"""Runnable examples: `python -m broker.examples.send_referral` emails the sample referral."""
