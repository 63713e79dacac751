"""Referral lifecycle as pure decide functions, plus the thin async engine that runs them."""
