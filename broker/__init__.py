"""The placement referral broker: the pure core (forms, anonymisation, eligibility, tokens, storage)."""
