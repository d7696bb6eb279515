"""Writing one report in a forked process while this one writes the others.

The HTML report takes about as long to render as the JSON and Markdown reports together,
and by the time reports are written the run's workers are gone, so a second core is free.
A forked child starts with this process's memory, stories included, so nothing is sent to
it; it renders into a file this process created, and sends back only the exception that
stopped it, if any, which `wait` raises here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any

from storyline.forking import parent_frozen

WriteTo = Callable[[Iterable[str]], None]


class ForkedWrite:
    """`write(pieces())` run in a forked child; `wait` returns when it is done."""

    def __init__(self, write: WriteTo, pieces: Callable[[], Iterable[str]]) -> None:
        context: Any = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(write, pieces, send), daemon=True)
        with parent_frozen():
            self._process.start()
        send.close()

    def wait(self) -> None:
        """Wait for the child; raise what stopped it, if anything did."""
        try:
            failure = self._receive.recv()
        except EOFError:  # the child died without a word (killed, or out of memory)
            raise RuntimeError(f"report writer exited with code {self._finish()}") from None
        self._finish()
        if failure is not None:
            raise failure

    def stop(self) -> None:
        """Stop the child, done or not (this process failed and is cleaning up)."""
        if self._process.is_alive():
            self._process.kill()
        self._finish()

    def _finish(self) -> int | None:
        self._process.join()
        self._receive.close()
        code: int | None = self._process.exitcode
        return code


def _run(write: WriteTo, pieces: Callable[[], Iterable[str]], send: Connection) -> None:
    failure: BaseException | None = None
    try:
        write(pieces())
    except BaseException as error:  # every failure goes back to the parent
        failure = error
    try:
        send.send(failure)
    except Exception:  # an exception that cannot cross processes goes as its text
        send.send(RuntimeError(f"{type(failure).__name__}: {failure}"))
    send.close()
