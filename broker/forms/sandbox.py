"""Reading hostile email in a separate process, with CPU, memory and time limits.

Some email costs far more to read than its size suggests: a Word attachment (a zip of XML)
can unpack to 95 MB of paragraphs, and the standard library's MIME parser takes seconds over
a few megabytes of parts nested forty deep. `read_message_safely` reads a message exactly as
`broker.forms.message.read_message` does, but:

- a large or deeply nested message (over `HEAVY_BYTES`, or over `HEAVY_BOUNDARIES` MIME
  boundaries) is read entirely by a child process;
- any other message is read here, except its Word attachments, which go to a child;
- an ordinary message with neither never leaves this process and costs nothing more.

A child that breaks a limit is killed, and what it was reading becomes a problem the sender
can act on ("The attached Word file 'form.docx' unpacks to 95 MB from 311 KB, far more than a
form holds; please paste the form into the email instead."); the rest of the message is read
as usual, or, when the message itself was too costly, its headers are. Call it before any
database transaction and off the event loop: it blocks while a child reads, for at most
`Limits.wall_seconds`.

The children (broker.forms.sandbox_child) are reused across messages. Each caps its own
address space (RLIMIT_AS) and, per request, its CPU time (RLIMIT_CPU); the parent gives up
after `wall_seconds`, kills it, and starts another when next needed. Answers about Word
documents are remembered by their SHA-256 for a few documents, since one message is often
read twice (as a referral, then as a correction or a reply).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import hashlib
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Any

from broker.forms.docx_items import DocumentTooLarge, UnreadableDocument
from broker.forms.items import BREAK, Item, Row
from broker.forms.message import TOO_COSTLY, ReadMessage, read_message
from broker.forms.sandbox_child import TOO_BIG, TOO_SLOW, read_explained, read_frame, write_frame
from broker.forms.spec import FormSpec

__all__ = ["TOO_COSTLY", "Limits", "Sandbox", "read_message_safely"]

HEAVY_BYTES = 64_000  # ordinary replies and referrals are a few KB; bloated HTML a few tens
HEAVY_BOUNDARIES = 10
_BOUNDARY = re.compile(rb"boundary\s*=", re.IGNORECASE)
_ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 10  # CPU per request
    memory_bytes: int = 1_000_000_000  # the child's whole address space
    wall_seconds: float = 20.0  # per request, however the time goes


def read_message_safely(raw: bytes, spec: FormSpec, *, new_text_only: bool = False,
                        sandbox: Sandbox | None = None) -> ReadMessage:
    """`read_message`, with what is costly to read read under limits; never raises."""
    box = sandbox or default_sandbox()
    if spec.source and _heavy(raw):
        read = box.read_message(raw, spec, new_text_only)
        if read is not None:
            return read
    return read_explained(raw, spec, new_text_only, box.docx_items)


def _heavy(raw: bytes) -> bool:
    """Whether a message is large or nested enough to be read only under limits."""
    return len(raw) > HEAVY_BYTES or len(_BOUNDARY.findall(raw, 0, 2_000_000)) > HEAVY_BOUNDARIES


class Sandbox:
    """Child processes reading under `limits`; safe to share between threads."""

    def __init__(self, limits: Limits = Limits(), *, workers: int = 1, remember: int = 8) -> None:
        self.limits = limits
        self._idle: queue.LifoQueue[_Child] = queue.LifoQueue()
        self._children = [_Child(limits) for _ in range(workers)]
        for child in self._children:
            self._idle.put(child)
        self._stop_when_back: set[int] = set()  # busy when closed: stopped once it is back
        self._answers: OrderedDict[bytes, list[Any]] = OrderedDict()
        self._remember = remember
        self._lock = threading.Lock()

    def docx_items(self, data: bytes) -> list[Item]:
        """What `docx_items` gives, read by a child; UnreadableDocument (DocumentTooLarge for
        a limit) when it cannot be read."""
        key = hashlib.sha256(data).digest()
        with self._lock:
            answer = self._answers.get(key)
        if answer is None:
            answer = self._ask({"read": "docx"}, data)
            with self._lock:
                self._answers[key] = answer
                while len(self._answers) > self._remember:
                    self._answers.popitem(last=False)
        return _items(answer)

    def read_message(self, raw: bytes, spec: FormSpec, new_text_only: bool) -> ReadMessage | None:
        """The whole message read by a child (its headers alone when that was too costly);
        None when the child could not say (then read it here)."""
        answer = self._ask({"read": "message", "spec": spec.source,
                            "new_text_only": new_text_only}, raw)
        if answer[0] == "too-large":
            read = read_message(_head(raw), spec, new_text_only=new_text_only)
            read.problems.append(TOO_COSTLY)
            return read
        return _message(answer[1]) if answer[0] == "message" else None

    def read_ordinary(self, raw: bytes, spec: FormSpec, new_text_only: bool
                      ) -> ReadMessage | None:
        """A message `read_message_safely` would read in this process, read by a child
        instead (to spare this process's time, not for safety); None when the child did not
        read it (a costly message, a limit reached, a child gone, a form with no file), to be
        read as before."""
        if not spec.source or _heavy(raw):
            return None
        answer = self._ask({"read": "message", "spec": spec.source,
                            "new_text_only": new_text_only}, raw)
        return _message(answer[1]) if answer[0] == "message" else None

    def _ask(self, request: dict[str, Any], payload: bytes) -> list[Any]:
        child = self._idle.get()
        try:
            return child.ask(request, payload)
        finally:
            with self._lock:  # back in the queue under the lock `close` looks under
                closed_meanwhile = id(child) in self._stop_when_back
                self._stop_when_back.discard(id(child))
                if not closed_meanwhile:
                    self._idle.put(child)
            if closed_meanwhile:
                child.stop()
                self._idle.put(child)

    def close(self) -> None:
        """Stop every child (a later request starts one again). A child busy with a request
        (a read in a thread the service stopped waiting for) answers it, then is stopped as
        it comes back, so no child or pipe outlives its sandbox."""
        with self._lock:
            idle = list(self._idle.queue)
            self._stop_when_back |= {id(child) for child in self._children if child not in idle}
        for child in idle:
            child.stop()


class _Child:
    """One child process, started when first needed and again after it is stopped."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.process: subprocess.Popen[bytes] | None = None

    def ask(self, request: dict[str, Any], payload: bytes) -> list[Any]:
        process = self._running()
        deadline = time.monotonic() + self.limits.wall_seconds
        try:
            assert process.stdin is not None and process.stdout is not None
            write_frame(process.stdin, json.dumps(request).encode())
            write_frame(process.stdin, payload)
            framed = json.loads(read_frame(process.stdout, deadline))
            answer = framed.get("answer") if isinstance(framed, dict) else None
            if not isinstance(answer, list) or not answer:
                raise ValueError("not an answer")
            if framed.get("ending"):
                self.stop()  # it ends itself after running out of memory: do not reuse it
            return answer
        except (OSError, EOFError, TimeoutError, ValueError) as error:
            self.stop()  # whatever state it is in, it is not to be trusted with the next one
            slow = process.returncode == -signal.SIGXCPU or isinstance(error, TimeoutError)
            return ["too-large", TOO_SLOW if slow else TOO_BIG]

    def _running(self) -> subprocess.Popen[bytes]:
        if self.process is not None and self.process.poll() is not None:
            self.stop()  # it ended unexpectedly: close its pipes too
        if self.process is None:
            limits = json.dumps(dataclasses.asdict(self.limits))
            path = os.pathsep.join(p for p in (str(_ROOT), os.environ.get("PYTHONPATH")) if p)
            self.process = subprocess.Popen(
                [sys.executable, "-m", "broker.forms.sandbox_child", limits],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": path}, bufsize=0, start_new_session=True)
        return self.process

    def stop(self) -> None:
        if self.process is not None:
            with contextlib.suppress(OSError):
                self.process.kill()
            self.process.wait()
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe is not None:
                    pipe.close()
            self.process = None


def _items(answer: list[Any]) -> list[Item]:
    kind, value = answer[0], answer[1] if len(answer) > 1 else ""
    if kind == "too-large":
        raise DocumentTooLarge(str(value))
    if kind != "items" or not isinstance(value, list):
        raise UnreadableDocument(str(value) or "not a Word document we can open")
    items: list[Item] = []
    for item in value:
        if isinstance(item, str):
            items.append(item)
        elif item is None:
            items.append(BREAK)
        elif isinstance(item, list) and all(isinstance(cell, str) for cell in item):
            items.append(Row(tuple(item)))
        else:
            raise UnreadableDocument("not a Word document we can open")
    return items


def _message(document: Any) -> ReadMessage | None:
    """A ReadMessage from the child's JSON, checked field by field; None if it is not one."""
    if not isinstance(document, dict):
        return None
    blank, values = ReadMessage(), dict[str, Any]()
    for field in dataclasses.fields(ReadMessage):
        value = document.get(field.name)
        if field.name == "date":
            with contextlib.suppress(TypeError, ValueError):
                value = datetime.fromisoformat(value) if value else None
            if value is not None and not isinstance(value, datetime):
                return None
        elif not _shaped_like(value, getattr(blank, field.name)):
            return None
        values[field.name] = value
    return ReadMessage(**values)


def _shaped_like(value: Any, example: Any) -> bool:
    if isinstance(example, dict):
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    if isinstance(example, list):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, type(example))


def _head(raw: bytes) -> bytes:
    """The header block alone (at most 1 MB), as a message with an empty body."""
    ends = [i for i in (raw.find(b"\r\n\r\n", 0, 1_000_000), raw.find(b"\n\n", 0, 1_000_000))
            if i >= 0]
    return raw[:min(ends) if ends else 1_000_000] + b"\n\n"


_default: Sandbox | None = None
_default_lock = threading.Lock()


def default_sandbox() -> Sandbox:
    """The process's own sandbox, with the default limits (its children end with it)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Sandbox()
            atexit.register(_default.close)
        return _default
