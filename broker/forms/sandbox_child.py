"""The child process of broker.forms.sandbox, and what both sides of its pipe share.

Run as `python -m broker.forms.sandbox_child '<limits as JSON>'`, it caps its own address
space, then answers requests on stdin, one at a time, each under a CPU-time cap. A frame is
an 8-byte big-endian length and that many bytes. A request is a JSON header frame and a
payload frame:

- `{"read": "docx"}` + a Word document's bytes → `["items", [...]]`: lines as strings, table
  rows as lists of cell strings, breaks as null;
- `{"read": "message", "spec": "<form file>", "new_text_only": bool}` + a raw email →
  `["message", {...}]`: the ReadMessage's fields, its date as ISO 8601 (a Word attachment
  gets half the CPU time, so that one too costly to read is refused and the rest is read);

or `["too-large", explanation]` / `["unreadable", why]`, sent as `{"answer": …, "ending":
bool}`: a child that ran out of memory answers, says it is ending, and ends. Answers are JSON,
never pickle: a process reading hostile input is not trusted to send the parent code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import re
import resource
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from broker.forms.docx_items import DocumentTooLarge, UnreadableDocument, read_package
from broker.forms.docx_items import reading_with as _reading_with
from broker.forms.items import Item, Row
from broker.forms.message import ReadMessage, read_message
from broker.forms.spec import FormSpec, load_form_spec

TOO_SLOW = "takes too long to read"
TOO_BIG = "needs more memory to read than any form could"
# How read_message words a Word attachment it could not open (the name is the sender's own).
_CANNOT_OPEN = re.compile(r"The attachment '(?P<name>.*)' is not a Word document we can open; "
                          r".*", re.DOTALL)


def read_explained(raw: bytes, spec: FormSpec, new_text_only: bool,
                   read_docx: Callable[[bytes], list[Item]]) -> ReadMessage:
    """read_message with Word documents read by `read_docx`, and a document refused for its
    size or cost explained to the sender (read_message says only that it could not be
    opened; its problems and the refusals come in the same order, one per document)."""
    reasons: list[str] = []

    def reading(data: bytes) -> list[Item]:
        try:
            return read_docx(data)
        except UnreadableDocument as error:
            reasons.append(getattr(error, "explanation", ""))
            raise

    with _reading_with(reading):
        read = read_message(raw, spec, new_text_only=new_text_only)
    unread = iter(reasons)
    for index, problem in enumerate(read.problems):
        found = _CANNOT_OPEN.fullmatch(problem)
        reason = next(unread, "") if found else ""
        if found and reason:
            read.problems[index] = (f"The attached Word file '{found['name']}' {reason}; please "
                                    "paste the form into the email instead.")
    return read


def encode_items(items: list[Item]) -> list[Any]:
    return [item if isinstance(item, str) else list(item.cells) if isinstance(item, Row)
            else None for item in items]


def encode_message(read: ReadMessage) -> dict[str, Any]:
    document = dataclasses.asdict(read)
    document["date"] = read.date.isoformat() if read.date else None
    return document


def write_frame(pipe: IO[bytes], data: bytes) -> None:
    pipe.write(len(data).to_bytes(8, "big") + data)
    pipe.flush()


def read_frame(pipe: IO[bytes], deadline: float | None = None) -> bytes:
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


def serve(cpu_seconds: int, memory_bytes: int) -> None:
    """Answer requests from stdin until it closes."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core files from a killed child
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    child = _Reader(cpu_seconds, memory_bytes)
    while True:
        try:
            request, payload = json.loads(read_frame(source)), read_frame(source)
        except EOFError:
            return  # the parent is done (or gone)
        _limit_cpu(cpu_seconds)
        answer = child.answer(request, payload)
        write_frame(sink, json.dumps({"answer": answer, "ending": child.out_of_memory}).encode())
        if child.out_of_memory:
            return  # memory may be in any state now: a fresh child reads the next one


class _OutOfTime(BaseException):
    """A Word document's share of CPU time is spent (BaseException: nothing swallows it)."""


@dataclasses.dataclass
class _Reader:
    cpu_seconds: int
    memory_bytes: int
    out_of_memory: bool = False
    specs: dict[str, FormSpec] = dataclasses.field(default_factory=dict)

    def answer(self, request: dict[str, Any], payload: bytes) -> list[Any]:
        try:
            if request.get("read") == "docx":
                return ["items", encode_items(self._docx(payload, None))]
            path = str(request["spec"])
            spec = self.specs.get(path) or self.specs.setdefault(path, load_form_spec(Path(path)))
            read = read_explained(payload, spec, bool(request.get("new_text_only")),
                                  lambda data: self._docx(data, self.cpu_seconds / 2))
            return ["message", encode_message(read)]
        except DocumentTooLarge as error:
            return ["too-large", error.explanation]
        except UnreadableDocument as error:
            return ["unreadable", str(error)]
        except MemoryError:
            self.out_of_memory = True
            return ["too-large", TOO_BIG]
        except Exception:  # noqa: BLE001 - e.g. a form file gone: the parent reads it itself
            return ["unreadable", "could not be read here"]

    def _docx(self, data: bytes, seconds: float | None) -> list[Item]:
        """A Word document read here, within `seconds` of CPU if given."""
        try:
            with _cpu_budget(seconds):
                return read_package(data)
        except _OutOfTime:
            raise DocumentTooLarge(TOO_SLOW) from None
        except MemoryError:
            self.out_of_memory = True
            raise DocumentTooLarge(TOO_BIG) from None
        except UnreadableDocument as error:
            if isinstance(error, DocumentTooLarge) or not _out_of_memory(error,
                                                                         self.memory_bytes):
                raise
            self.out_of_memory = True
            raise DocumentTooLarge(TOO_BIG) from None


@contextlib.contextmanager
def _cpu_budget(seconds: float | None) -> Iterator[None]:
    """_OutOfTime once this much more CPU time is spent (checked between bytecodes)."""
    if seconds is None:
        yield
        return

    def spent(_signum: int, _frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGVTALRM, spent)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


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
    limits = json.loads(sys.argv[1])
    serve(int(limits["cpu_seconds"]), int(limits["memory_bytes"]))
