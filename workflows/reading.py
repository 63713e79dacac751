"""Reading an inbound message once, safely: the form reader with Word files and costly mail
read in a child process under limits (broker/forms/sandbox.py), and anything large or with
attachments read off the event loop, so the service keeps answering while it reads."""

from __future__ import annotations

import asyncio
from typing import Any

from broker.forms.sandbox import HEAVY_BYTES, read_message_safely


async def read_message(raw: bytes, spec: Any, *, new_text_only: bool) -> Any:
    """The message read once (broker.forms.sandbox: Word files and costly mail in a child
    process under limits); a large message, or one with attachments, off the event loop."""
    if len(raw) < HEAVY_BYTES // 4 and b"Content-Disposition: attachment" not in raw:
        return read_message_safely(raw, spec, new_text_only=new_text_only)
    return await asyncio.to_thread(read_message_safely, raw, spec, new_text_only=new_text_only)
