"""Reading a message's Word attachments in a separate process with CPU, memory and time limits.

A .docx is a zip of XML. Hostile or merely enormous, one can cost a minute of CPU and
gigabytes of memory to read, and the service must not stall on it. `read_message_safely`
reads a message exactly as `broker.forms.message.read_message` does, except that each Word
attachment is read by a child process; a message without one never leaves this process and
costs nothing more. An attachment that breaks a limit becomes a problem the sender can act
on ("The attached Word file 'form.docx' unpacks to 95 MB from 311 KB, far more than a form
holds; please paste the form into the email instead.") and the rest of the message is read
as usual. Call it before any database transaction, off the event loop (it blocks while a
child reads, for at most `Limits.wall_seconds`).

The children are plain `python -m broker.forms.sandbox` processes, reused across messages,
exchanging length-prefixed frames over their stdin and stdout: the document's bytes in, its
items out as JSON (never pickle: a process reading hostile input is not trusted to send
code). Each child caps its own address space (RLIMIT_AS) and, per document, its CPU time
(RLIMIT_CPU); the parent gives up after `wall_seconds`, kills it, and starts another when
next needed. The zip's own limits (total, markup, compression ratio) are checked in the child
first (broker.forms.docx_items). Answers are remembered for a few documents by their SHA-256,
since one message is often read twice (as a referral, then as a correction or a reply).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import math
import os
import queue
import re
import resource
import select
import signal
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from broker.forms.docx_items import (
    DocumentTooLarge,
    UnreadableDocument,
    read_package,
    reading_with,
)
from broker.forms.items import BREAK, Item, Row
from broker.forms.message import ReadMessage, read_message
from broker.forms.spec import FormSpec

__all__ = ["Limits", "Sandbox", "read_message_safely"]

TOO_SLOW = "takes too long to read"
TOO_BIG = "needs more memory to read than any form could"
_ROOT = Path(__file__).resolve().parents[2]
# How read_message words a Word attachment it could not open (the name is the sender's own).
_CANNOT_OPEN = re.compile(r"The attachment '(?P<name>.*)' is not a Word document we can open; "
                          r".*", re.DOTALL)


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 10  # CPU per document
    memory_bytes: int = 1_000_000_000  # the child's whole address space
    wall_seconds: float = 20.0  # per document, however the time goes


def read_message_safely(raw: bytes, spec: FormSpec, *, new_text_only: bool = False,
                        sandbox: Sandbox | None = None) -> ReadMessage:
    """`read_message`, with Word attachments read under limits; never raises."""
    box = sandbox or default_sandbox()
    reasons: list[str] = []

    def read_docx(data: bytes) -> list[Item]:
        try:
            return box.docx_items(data)
        except UnreadableDocument as error:
            reasons.append(getattr(error, "explanation", ""))
            raise

    with reading_with(read_docx):
        read = read_message(raw, spec, new_text_only=new_text_only)
    _explain(read.problems, reasons)
    return read


def _explain(problems: list[str], reasons: list[str]) -> None:
    """Say why a Word attachment was refused, where read_message says only that it could not
    be opened (its problems and `reasons` come in the same order, one per attachment)."""
    unread = iter(reasons)
    for index, problem in enumerate(problems):
        found = _CANNOT_OPEN.fullmatch(problem)
        reason = next(unread, "") if found else ""
        if found and reason:
            problems[index] = (f"The attached Word file '{found['name']}' {reason}; please "
                               "paste the form into the email instead.")


class Sandbox:
    """Child processes reading Word documents under `limits`; safe to share between threads."""

    def __init__(self, limits: Limits = Limits(), *, workers: int = 1, remember: int = 8) -> None:
        self.limits = limits
        self._idle: queue.LifoQueue[_Child] = queue.LifoQueue()
        for _ in range(workers):
            self._idle.put(_Child(limits))
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
            child = self._idle.get()
            try:
                answer = child.read(data)
            finally:
                self._idle.put(child)
            with self._lock:
                self._answers[key] = answer
                while len(self._answers) > self._remember:
                    self._answers.popitem(last=False)
        return _decoded(answer)

    def close(self) -> None:
        """Stop every child (a later document starts one again)."""
        for child in list(self._idle.queue):
            child.stop()


class _Child:
    """One child process, started when first needed and again after it is stopped."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.process: subprocess.Popen[bytes] | None = None

    def read(self, data: bytes) -> list[Any]:
        process = self._running()
        deadline = time.monotonic() + self.limits.wall_seconds
        try:
            assert process.stdin is not None and process.stdout is not None
            _write_frame(process.stdin, data)
            answer = list(json.loads(_read_frame(process.stdout, deadline)))
            if answer == ["too-large", TOO_BIG]:
                self.stop()  # it ends itself after running out of memory: do not reuse it
            return answer
        except (OSError, EOFError, TimeoutError, ValueError) as error:
            self.stop()  # whatever state it is in, it is not to be trusted with the next one
            cpu_spent = process.returncode == -signal.SIGXCPU
            slow = cpu_spent or isinstance(error, TimeoutError)
            return ["too-large", TOO_SLOW if slow else TOO_BIG]

    def _running(self) -> subprocess.Popen[bytes]:
        if self.process is not None and self.process.poll() is not None:
            self.stop()  # it ended unexpectedly: close its pipes too
        if self.process is None:
            path = os.pathsep.join(p for p in (str(_ROOT), os.environ.get("PYTHONPATH")) if p)
            self.process = subprocess.Popen(
                [sys.executable, "-m", "broker.forms.sandbox", json.dumps(asdict(self.limits))],
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


def _decoded(answer: list[Any]) -> list[Item]:
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


def _encoded(items: list[Item]) -> list[Any]:
    return [item if isinstance(item, str) else list(item.cells) if isinstance(item, Row)
            else None for item in items]


def _write_frame(pipe: IO[bytes], data: bytes) -> None:
    pipe.write(len(data).to_bytes(8, "big") + data)
    pipe.flush()


def _read_frame(pipe: IO[bytes], deadline: float | None = None) -> bytes:
    size = int.from_bytes(_read_exactly(pipe, 8, deadline), "big")
    return _read_exactly(pipe, size, deadline)


def _read_exactly(pipe: IO[bytes], count: int, deadline: float | None) -> bytes:
    """`count` bytes; EOFError if the other end closed, TimeoutError past the deadline."""
    chunks, wanted = [], count
    while wanted:
        if deadline is not None:
            ready, _, _ = select.select([pipe], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                raise TimeoutError
        chunk = os.read(pipe.fileno(), min(wanted, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


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


def _serve(limits: Limits) -> None:
    """The child: read documents from stdin until it closes, answer each on stdout."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core files from a killed child
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            data = _read_frame(source)
        except EOFError:
            return  # the parent is done (or gone)
        _limit_cpu(limits.cpu_seconds)
        try:
            answer: list[Any] = ["items", _encoded(read_package(data))]
        except DocumentTooLarge as error:
            answer = ["too-large", error.explanation]
        except UnreadableDocument as error:
            answer = ["unreadable", str(error)]
            if _out_of_memory(error, limits.memory_bytes):
                answer = ["too-large", TOO_BIG]
        except MemoryError:
            answer = ["too-large", TOO_BIG]
        _write_frame(sink, json.dumps(answer).encode())
        if answer == ["too-large", TOO_BIG]:
            return  # memory may be in any state now: a fresh child reads the next one


def _out_of_memory(error: BaseException | None, cap: int) -> bool:
    """Whether the memory cap is what stopped the reading: a MemoryError, or (lxml reports
    a failed allocation only as an "unknown error") the address space having reached it."""
    while error is not None:
        if isinstance(error, MemoryError):
            return True
        error = error.__cause__ or error.__context__
    with contextlib.suppress(OSError, ValueError):
        status = Path("/proc/self/status").read_text()
        peak = re.search(r"^VmPeak:\s*(\d+) kB", status, re.MULTILINE)
        return peak is not None and int(peak.group(1)) * 1024 > 0.9 * cap
    return False


def _limit_cpu(seconds: int) -> None:
    """SIGXCPU (which ends the child) after `seconds` more CPU time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
    limited = soft if hard == resource.RLIM_INFINITY else min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limited, hard))


if __name__ == "__main__":
    _serve(Limits(**json.loads(sys.argv[1])))
