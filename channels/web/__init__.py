"""Web channel: health check and the dev mailbox."""
