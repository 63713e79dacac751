"""The demo's terminal output: one line per event with the seconds since the start, and a
progress bar through the response window.

On a terminal the bar is redrawn in place under the events; otherwise (a pipe, a log, a test)
it is printed as a plain line every few seconds. Every line passes through a guard that
withholds any of the child's identifying values, so a slip elsewhere can never put them on a
screen; the demo fails if the guard ever had to act.
"""

from __future__ import annotations

import re
import time
from typing import TextIO

BAR_WIDTH = 20
PLAIN_PROGRESS_EVERY = 10.0  # seconds, when the output is not a terminal
WITHHELD = "[withheld]"


class Timeline:
    def __init__(self, out: TextIO, *, quiet: bool, window_seconds: float,
                 identifying: list[str]) -> None:
        self.out = out
        self.quiet = quiet
        self.window_seconds = window_seconds
        self.started = time.monotonic()
        self.window_opened: float | None = None
        self.window_closed = False
        self.tty = out.isatty()
        self.withheld = 0
        self._guard = _guard_pattern(identifying)
        self._bar_shown = False
        self._last_plain_progress = 0.0

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def open_window(self) -> None:
        self.window_opened = self.window_opened or time.monotonic()

    def close_window(self) -> None:
        self.window_closed = True

    def say(self, text: str, *, detail: bool = False) -> None:
        """One timeline line: `  12.3s  text` (a detail is indented under the line above)."""
        stamp = "" if detail else f"{self.elapsed():6.1f}s"
        self._emit(f"{stamp:>7}  {'  ' if detail else ''}{self.safe(text)}")

    def block(self, text: str) -> None:
        """A whole email's text, indented under the timeline."""
        for line in self.safe(text).splitlines():
            self._emit(f"         | {line}".rstrip(), redraw=False)
        self.tick()

    def panel(self, text: str) -> None:
        """Something drawn rather than told (the Slack message in its box), indented."""
        for line in self.safe(text).splitlines():
            self._emit(f"{'':9}{line}".rstrip(), redraw=False)
        self.tick()

    def stop_progress(self) -> None:
        """The response window is behind us: no more progress bar."""
        self._clear_bar()
        self.window_opened = None

    def summary(self, text: str) -> None:
        self._clear_bar()
        print(self.safe(text), file=self.out, flush=True)

    def tick(self) -> None:
        """Redraw the progress bar (terminal) or print it now and then (elsewhere)."""
        if self.quiet or self.window_opened is None:
            return
        line = self._progress()
        if self.tty:
            self.out.write(f"\r\033[K{line}")
            self.out.flush()
            self._bar_shown = True
        elif self.elapsed() - self._last_plain_progress >= PLAIN_PROGRESS_EVERY:
            self._last_plain_progress = self.elapsed()
            print(f"{'':>7}  {line}", file=self.out, flush=True)

    def finish(self) -> None:
        self._clear_bar()

    def safe(self, text: str) -> str:
        """The text with any of the child's identifying values withheld (and counted)."""
        if self._guard is None:
            return text
        text, count = self._guard.subn(WITHHELD, text)
        self.withheld += count
        return text

    def _progress(self) -> str:
        assert self.window_opened is not None
        into = time.monotonic() - self.window_opened
        share = min(into / self.window_seconds, 1.0)
        filled = round(share * BAR_WIDTH)
        bar = f"[{'#' * filled}{'·' * (BAR_WIDTH - filled)}]"
        if self.window_closed:
            return f"{bar} window closed; waiting for the last replies"
        return f"{bar} {into:3.0f}s / {self.window_seconds:.0f}s"

    def _emit(self, line: str, *, redraw: bool = True) -> None:
        if self.quiet:
            return
        self._clear_bar()
        print(line, file=self.out, flush=True)
        if redraw:
            self.tick()

    def _clear_bar(self) -> None:
        if self._bar_shown:
            self.out.write("\r\033[K")
            self.out.flush()
            self._bar_shown = False


def _guard_pattern(values: list[str]) -> re.Pattern[str] | None:
    """Whole-word, any-case matches of the values, longest first."""
    values = sorted({v for v in values if v.strip()}, key=len, reverse=True)
    if not values:
        return None
    alternatives = "|".join(re.escape(v) for v in values)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
