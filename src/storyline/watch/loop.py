"""The watch loop: poll, ingest what is new, update the affected stories, write reports.

Each round is independent: a bad file, an unreachable feed or even a store that cannot be
opened for a moment costs that round a line on stderr, never the loop. SIGINT and SIGTERM
ask the loop to stop after the round in progress; a second SIGINT interrupts at once (every
store write is one transaction, so that loses at most the round).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from storyline import api
from storyline.model import Dropped
from storyline.report import ReportPaths, write_reports
from storyline.runners import DropHandler
from storyline.store import open_store
from storyline.synthesize import SynthesizeStage
from storyline.synthesize.stage import DEFAULT_SUMMARY_WORDS
from storyline.watch.sources import FeedsFileSource, FolderSource, watch_source
from storyline.watch.update import StoryUpdate, update_stories

DEFAULT_EVERY = 600.0

ErrorHandler = Callable[[str], None]


@dataclass(frozen=True)
class RoundResult:
    """One round: what was read, which stories were re-briefed or removed, the reports."""

    number: int
    inputs: int
    added: int
    dropped: tuple[Dropped, ...]
    update: StoryUpdate | None
    reports: ReportPaths | None

    @property
    def briefed_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.update.briefed) if self.update is not None else ()

    @property
    def changed(self) -> bool:
        return self.update is not None and self.update.changed


class Watcher:
    """Runs rounds over one folder or feeds file; keeps the spaCy model between rounds."""

    def __init__(
        self,
        target: str,
        *,
        db: str | Path = api.DEFAULT_DB,
        out: str | Path | None = api.DEFAULT_OUT,
        summary_words: int = DEFAULT_SUMMARY_WORDS,
        allow_private_urls: bool = False,
        on_dropped: DropHandler | None = None,
    ) -> None:
        self.source: FolderSource | FeedsFileSource = watch_source(target)
        self.db = db
        self.out = Path(out) if out is not None else None
        self.allow_private_urls = allow_private_urls
        self.on_dropped = on_dropped
        self.synthesize = SynthesizeStage(summary_words)
        self.rounds = 0
        # True until an update has succeeded since the last articles were added: the first
        # round picks up articles an interrupted watch or a plain `ingest` left outside any
        # story, and a round that failed after ingesting is made good by the next one.
        self._stale = True

    def round(self) -> RoundResult:
        """Poll once; raises only for what the loop reports (the target or store failing)."""
        self.rounds += 1
        inputs = self.source.changed_inputs()
        ingested = api.IngestResult()
        if inputs:
            ingested = api.ingest(
                inputs,
                db=self.db,
                on_dropped=self.on_dropped,
                allow_private_urls=self.allow_private_urls,
            )
        self._stale = self._stale or ingested.added > 0
        update = None
        if self._stale:
            with open_store(self.db) as store:
                # Re-briefing a story parses only its new articles; the rest are cached.
                self.synthesize.use_cache(store)
                try:
                    update = update_stories(store, self.synthesize)
                finally:
                    self.synthesize.use_cache(None)
                if update.changed:
                    store.record_run(_run_record(update, inputs))
            self._stale = False
        reports = None
        if self.out is not None and update is not None and (update.changed or self.rounds == 1):
            reports = write_reports(update.stories, self.out) if update.stories else None
        return RoundResult(
            self.rounds, len(inputs), ingested.added, tuple(ingested.dropped), update, reports
        )


def _run_record(update: StoryUpdate, inputs: list[str]) -> dict[str, object]:
    return {
        "watch": True,
        "inputs": inputs,
        "new_articles": update.new_articles,
        "briefed": [s.id for s in update.briefed],
        "removed": list(update.removed_ids),
    }


def watch(
    watcher: Watcher,
    *,
    every: float = DEFAULT_EVERY,
    max_rounds: int | None = None,
    on_round: Callable[[RoundResult], None] | None = None,
    on_error: ErrorHandler | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Run rounds every `every` seconds until `max_rounds`, a signal or `stop`; the number
    of rounds run. An exception in a round is reported through `on_error` and the loop
    goes on."""
    stop = stop or threading.Event()
    done = 0
    with _stopping_on_signals(stop):
        while not stop.is_set() and (max_rounds is None or done < max_rounds):
            try:
                result = watcher.round()
            except Exception as error:  # the loop outlives any one round's failure
                if on_error is not None:
                    on_error(f"round {done + 1}: {_one_line(error)}")
            else:
                if on_round is not None:
                    on_round(result)
            done += 1
            if max_rounds is not None and done >= max_rounds:
                break
            stop.wait(every)
    return done


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@contextmanager
def _stopping_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT / SIGTERM set `stop`; a second SIGINT raises KeyboardInterrupt at once.

    Signal handlers can only be set from the main thread; elsewhere (a test, an embedding
    application) only `stop` ends the loop.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
