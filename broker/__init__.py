"""The placement referral broker's core: forms, anonymisation, eligibility, tokens, storage."""
