"""The Python facade: what the CLI and the web call, and what library users import."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean import CleanStage
from storyline.cluster import ClusterStage, GivenStoriesStage, OneStoryStage
from storyline.dedupe import ExactDuplicateStage, NearDuplicateStage
from storyline.ingest import DEFAULT_MAX_BYTES, read_inputs
from storyline.model import Article, Dropped, RawDocument, Story
from storyline.pipeline import Pipeline, RunReport
from storyline.report import ReportPaths, write_reports
from storyline.runners import DropHandler, LocalRunner, ProgressSink, Runner
from storyline.store import Store, StoryRow, open_store
from storyline.store.locations import redacted
from storyline.synthesize import SynthesizeStage
from storyline.synthesize.llm_brief import LlmBriefStage
from storyline.synthesize.llm_client import httpx_available
from storyline.synthesize.stage import DEFAULT_SUMMARY_WORDS

DEFAULT_DB = "storyline.db"
DEFAULT_OUT = "storyline-out"
_INGEST_BATCH = 200


class StorylineError(Exception):
    """A run that cannot go ahead: wrong arguments, or a part not yet available."""


@dataclass
class IngestResult:
    added: int = 0
    already_stored: int = 0
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def readable(self) -> int:
        return self.added + self.already_stored


@dataclass
class RunResult:
    stories: list[Story]
    ingest: IngestResult
    report: RunReport
    reports: ReportPaths | None
    articles_in_store: int


def _make_runner(
    runner: str,
    progress: ProgressSink | None,
    on_dropped: DropHandler | None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Runner:
    if runner == "local":
        if workers is not None or scheduler is not None:
            raise StorylineError("--workers and --scheduler need --runner dask")
        return LocalRunner(progress=progress, on_dropped=on_dropped)
    if runner == "dask":
        from storyline.runners.dask import DaskRunner, DaskUnavailableError

        if workers is not None and scheduler is not None:
            raise StorylineError("give --workers or --scheduler, not both")
        try:
            return DaskRunner(
                workers=workers, scheduler=scheduler, progress=progress, on_dropped=on_dropped
            )
        except DaskUnavailableError as error:
            raise StorylineError(str(error)) from error
    raise StorylineError(f"unknown runner {runner!r}: choose local or dask")


@dataclass(frozen=True)
class _Fetching:
    """How URL inputs are fetched (see `storyline.ingest.read_inputs`)."""

    allow_private_urls: bool = False
    follow_links: bool = False
    cache: Path | None = None


def _fetch_cache_beside(db: str | Path) -> Path | None:
    """Feeds' conditional-request cache lives next to a store file (not an in-memory one,
    nor a database server's URL, which names no folder here)."""
    return None if str(db) == ":memory:" or "://" in str(db) else Path(f"{db}-fetch-cache")


def _counted_reads(
    inputs: Sequence[str],
    report: RunReport,
    dropped: list[Dropped],
    on_dropped: DropHandler | None,
    max_bytes: int,
    fetching: _Fetching = _Fetching(),
) -> Iterator[RawDocument]:
    stats = report.stats("read")
    started = time.perf_counter()
    for item in read_inputs(
        inputs,
        max_bytes=max_bytes,
        allow_private_urls=fetching.allow_private_urls,
        follow_links=fetching.follow_links,
        fetch_cache=fetching.cache,
    ):
        stats.seconds += time.perf_counter() - started
        if isinstance(item, Dropped):
            stats.count_drop(item.reason)
            dropped.append(item)
            if on_dropped is not None:
                on_dropped(item)
        else:
            stats.items_in += 1
            stats.items_out += 1
            yield item
        started = time.perf_counter()


def clean(
    inputs: Sequence[str],
    *,
    on_dropped: DropHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private_urls: bool = False,
    follow_links: bool = False,
) -> Iterator[Article]:
    """Cleaned articles from the inputs, without storing anything."""
    report = RunReport()
    runner = LocalRunner(on_dropped=on_dropped)
    fetching = _Fetching(allow_private_urls, follow_links)
    raws = _counted_reads(inputs, report, [], on_dropped, max_bytes, fetching)
    for batch in runner.stream(Pipeline.of(CleanStage()), raws, report, batch_size=32):
        yield from batch


def _ingest_into(
    store: Store,
    inputs: Sequence[str],
    runner: Runner,
    report: RunReport,
    progress: ProgressSink | None,
    on_dropped: DropHandler | None,
    max_bytes: int,
    fetching: _Fetching = _Fetching(),
) -> IngestResult:
    result = IngestResult()
    raws = _counted_reads(inputs, report, result.dropped, on_dropped, max_bytes, fetching)
    task = progress.task("ingest") if progress is not None else None
    for batch in runner.stream(Pipeline.of(CleanStage()), raws, report, batch_size=_INGEST_BATCH):
        stats = report.stats("store")
        started = time.perf_counter()
        added = store.add_articles(batch)
        stats.seconds += time.perf_counter() - started
        stats.items_in += len(batch)
        stats.items_out += len(added.added)
        result.added += len(added.added)
        result.already_stored += len(added.existing)
        if task is not None:
            task.advance(len(batch))
    if task is not None:
        task.finish()
    return result


def ingest(
    inputs: Sequence[str],
    *,
    db: str | Path = DEFAULT_DB,
    progress: ProgressSink | None = None,
    on_dropped: DropHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private_urls: bool = False,
    follow_links: bool = False,
) -> IngestResult:
    """Add the inputs' articles to the store; the same article twice is stored once.

    URLs of private, loopback and link-local addresses are refused unless
    `allow_private_urls`; `follow_links` fetches each feed entry's page.
    """
    report = RunReport()
    fetching = _Fetching(allow_private_urls, follow_links, _fetch_cache_beside(db))
    with open_store(db) as store:
        runner = LocalRunner(progress=progress, on_dropped=on_dropped)
        return _ingest_into(
            store, inputs, runner, report, progress, on_dropped, max_bytes, fetching
        )


def story_pipeline(
    *,
    one_story: bool = False,
    given_stories: bool = False,
    summary_words: int = DEFAULT_SUMMARY_WORDS,
    llm_url: str | None = None,
    llm_model: str | None = None,
) -> Pipeline:
    """Dedupe, group into stories and brief them: the part of a run that follows ingest.

    With `llm_url` and `llm_model`, a model behind that OpenAI-compatible endpoint rewrites
    each summary from the selected sentences and facts, checked against what it cites.
    """
    if one_story and given_stories:
        raise StorylineError("--one-story and --given-stories exclude each other")
    if summary_words < 1:
        raise StorylineError("--summary-words must be at least 1")
    grouping = (
        OneStoryStage() if one_story else GivenStoriesStage() if given_stories else ClusterStage()
    )
    briefing = Pipeline.of(
        ExactDuplicateStage(), NearDuplicateStage(), grouping, SynthesizeStage(summary_words)
    )
    if not (llm_url or llm_model):
        return briefing
    if not (llm_url and llm_model):
        raise StorylineError("--llm-url and --llm-model go together")
    if not httpx_available():
        raise StorylineError("--llm-url needs the llm extra: pip install 'storyline[llm]'")
    return Pipeline.of(*briefing.stages, LlmBriefStage(llm_url, llm_model, summary_words))


def _largest_first(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))


def run(
    inputs: Sequence[str] = (),
    *,
    db: str | Path = DEFAULT_DB,
    out: str | Path | None = DEFAULT_OUT,
    one_story: bool = False,
    given_stories: bool = False,
    summary_words: int = DEFAULT_SUMMARY_WORDS,
    runner: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: ProgressSink | None = None,
    on_dropped: DropHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private_urls: bool = False,
    follow_links: bool = False,
    llm_url: str | None = None,
    llm_model: str | None = None,
) -> RunResult:
    """The main job: ingest the inputs, then group and brief everything the store holds.

    The store is the corpus: stories are rebuilt over all stored articles, so new articles
    join the stories they belong to. Reports go to `out` unless it is None. `runner="dask"`
    runs the stages on a local cluster of `workers` processes, or on the Dask `scheduler`.
    """
    pipeline = story_pipeline(
        one_story=one_story,
        given_stories=given_stories,
        summary_words=summary_words,
        llm_url=llm_url,
        llm_model=llm_model,
    )
    engine = _make_runner(runner, progress, on_dropped, workers, scheduler)
    fetching = _Fetching(allow_private_urls, follow_links, _fetch_cache_beside(db))
    report = RunReport()
    try:
        with open_store(db) as store:
            ingested = (
                _ingest_into(
                    store, inputs, engine, report, progress, on_dropped, max_bytes, fetching
                )
                if inputs
                else IngestResult()
            )
            articles = list(store.iter_articles())
            if isinstance(engine, LocalRunner):
                # Articles parsed by an earlier run are read back, not parsed again (Dask
                # workers cannot reach the store, so they always parse).
                for stage in pipeline.stages:
                    if isinstance(stage, SynthesizeStage):
                        stage.use_cache(store)
            stories = _largest_first(engine.run(pipeline, articles, report)) if articles else []
            started = time.perf_counter()
            store.replace_stories(stories)
            store_stats = report.stats("store")
            store_stats.seconds += time.perf_counter() - started
            store.record_run({"inputs": list(inputs), "stages": report.as_rows()})
    finally:
        engine.close()
    written = write_reports(stories, Path(out)) if out is not None else None
    return RunResult(stories, ingested, report, written, len(articles))


def shown_location(db: str | Path) -> str:
    """The store's location as a message may show it: a server URL without its password."""
    text = str(db)
    return redacted(text) if "://" in text else text


def list_stories(db: str | Path = DEFAULT_DB) -> list[StoryRow]:
    with open_store(db) as store:
        return store.list_stories()


def get_stories(story_ids: Sequence[str] | None, db: str | Path = DEFAULT_DB) -> list[Story]:
    """Stored stories by id (all of them when `story_ids` is None); unknown ids raise."""
    with open_store(db) as store:
        if story_ids is None:
            return list(store.iter_stories())
        found = []
        for story_id in story_ids:
            story = store.get_story(story_id)
            if story is None:
                raise StorylineError(f"no story {story_id!r} in {shown_location(db)}")
            found.append(story)
        return found
