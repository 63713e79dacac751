"""Adapters to people: email (SMTP in and out), web (health, dev mailbox), Slack."""
