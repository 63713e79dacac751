"""Email channel: SMTP intake, rendering and outbound delivery."""
