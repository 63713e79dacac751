"""Web channel: health check, the dev mailbox, full-papers links and the shortlist page."""
