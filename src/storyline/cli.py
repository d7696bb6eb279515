"""The `storyline` command: parses arguments, calls the API, owns logging and progress bars."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from storyline import api
from storyline.cli_output import Terminal
from storyline.model import Article
from storyline.report import render_html, render_json, render_markdown
from storyline.store import StoreError
from storyline.watch import RoundResult, Watcher, WatchTargetError, parse_interval, watch

app = typer.Typer(
    name="storyline",
    help="Turn a pile of news articles into stories, with briefs, facts and sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_NOTHING_DONE = 1
EXIT_BAD_ARGUMENTS = 2

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")]
InputsArgument = Annotated[
    list[str], typer.Argument(help="Files, directories, globs or URLs.", show_default=False)
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls", help="Fetch URLs of private, loopback and link-local addresses."
    ),
]
FollowLinksOption = Annotated[
    bool, typer.Option("--follow-links", help="Fetch each feed entry's linked page.")
]


class RunnerName(StrEnum):
    local = "local"
    dask = "dask"


class BriefFormat(StrEnum):
    json = "json"
    md = "md"
    html = "html"


def _fail(message: str, code: int) -> typer.Exit:
    print(f"storyline: {message}", file=sys.stderr)
    return typer.Exit(code)


@app.command()
def run(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Files, directories, globs or URLs.")
    ] = None,
    db: DbOption = api.DEFAULT_DB,
    out: Annotated[
        Path, typer.Option(help="Folder for stories.json, report.html and report.md.")
    ] = Path(api.DEFAULT_OUT),
    one_story: Annotated[
        bool, typer.Option("--one-story", help="Treat all articles as one story.")
    ] = False,
    given_stories: Annotated[
        bool, typer.Option("--given-stories", help="Group JSONL records by their `story` field.")
    ] = False,
    summary_words: Annotated[int, typer.Option(min=1, help="Word budget of each summary.")] = 120,
    runner: Annotated[RunnerName, typer.Option(help="Where the pipeline runs.")] = RunnerName.local,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Dask workers (with --runner dask).")
    ] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
    stats_json: Annotated[
        Path | None, typer.Option(help="Also write per-stage statistics here.")
    ] = None,
    allow_private_urls: AllowPrivateOption = False,
    follow_links: FollowLinksOption = False,
    llm_url: Annotated[
        str | None,
        typer.Option(help="OpenAI-compatible endpoint that rewrites summaries (with --llm-model)."),
    ] = None,
    llm_model: Annotated[str | None, typer.Option(help="Model name for --llm-url.")] = None,
) -> None:
    """Ingest, clean, deduplicate, group into stories and brief them; write the reports."""
    terminal = Terminal()
    try:
        with terminal.progress() as progress:
            result = api.run(
                inputs or [],
                db=db,
                out=out,
                one_story=one_story,
                given_stories=given_stories,
                summary_words=summary_words,
                runner=runner.value,
                workers=workers,
                scheduler=scheduler,
                progress=progress,
                on_dropped=terminal.report_dropped,
                allow_private_urls=allow_private_urls,
                follow_links=follow_links,
                llm_url=llm_url,
                llm_model=llm_model,
            )
    except api.StorylineError as error:
        raise _fail(str(error), EXIT_BAD_ARGUMENTS) from error
    terminal.stage_table(result.report.as_rows())
    if stats_json is not None:
        stats_json.write_text(json.dumps({"stages": result.report.as_rows()}, indent=2) + "\n")
    if inputs and result.ingest.readable == 0:
        raise _fail("none of the inputs could be read", EXIT_NOTHING_DONE)
    if result.articles_in_store == 0:
        raise _fail(f"no articles to brief in {api.shown_location(db)}", EXIT_NOTHING_DONE)
    assert result.reports is not None
    print(
        f"{result.articles_in_store} articles ({result.ingest.added} new), "
        f"{len(result.stories)} stories -> {result.reports.json}, "
        f"{result.reports.html}, {result.reports.markdown}"
    )


@app.command()
def ingest(
    inputs: InputsArgument,
    db: DbOption = api.DEFAULT_DB,
    allow_private_urls: AllowPrivateOption = False,
    follow_links: FollowLinksOption = False,
) -> None:
    """Add articles to the store; the same article twice is stored once."""
    terminal = Terminal()
    with terminal.progress() as progress:
        result = api.ingest(
            inputs,
            db=db,
            progress=progress,
            on_dropped=terminal.report_dropped,
            allow_private_urls=allow_private_urls,
            follow_links=follow_links,
        )
    if result.readable == 0:
        raise _fail("none of the inputs could be read", EXIT_NOTHING_DONE)
    print(
        f"{result.added} articles added, {result.already_stored} already stored, "
        f"{len(result.dropped)} skipped"
    )


def _clean_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "published": article.published_iso,
        "language": article.language,
        "text": article.text,
        "sentences": [s.text for s in article.sentences],
    }


@app.command()
def clean(
    inputs: InputsArgument,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON Lines, one article a line.")
    ] = False,
    allow_private_urls: AllowPrivateOption = False,
    follow_links: FollowLinksOption = False,
) -> None:
    """Print the cleaned articles without storing them."""
    terminal = Terminal()
    count = 0
    cleaned = api.clean(
        inputs,
        on_dropped=terminal.report_dropped,
        allow_private_urls=allow_private_urls,
        follow_links=follow_links,
    )
    for article in cleaned:
        count += 1
        if as_json:
            print(json.dumps(_clean_record(article), ensure_ascii=False))
        else:
            print(
                f"# {article.title or '(no title)'}\n{article.published_iso or 'undated'} | "
                f"{article.language or '?'} | {article.path or article.url}\n\n{article.text}\n"
            )
    if count == 0:
        raise _fail("none of the inputs could be read", EXIT_NOTHING_DONE)


@app.command()
def stories(
    db: DbOption = api.DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the stories in the store."""
    rows = api.list_stories(db)
    if as_json:
        print(json.dumps({"stories": [asdict(row) for row in rows]}, ensure_ascii=False, indent=2))
        return
    Terminal().story_table(rows)


@app.command()
def brief(
    story_ids: Annotated[
        list[str] | None, typer.Argument(help="Story ids (see `storyline stories`).")
    ] = None,
    all_stories: Annotated[bool, typer.Option("--all", help="Every story in the store.")] = False,
    db: DbOption = api.DEFAULT_DB,
    output_format: Annotated[
        BriefFormat, typer.Option("--format", help="Output format.")
    ] = BriefFormat.json,
) -> None:
    """Print briefs from the store."""
    if bool(story_ids) == all_stories:
        raise _fail("give story ids or --all", EXIT_BAD_ARGUMENTS)
    try:
        found = api.get_stories(None if all_stories else story_ids, db=db)
    except api.StorylineError as error:
        raise _fail(str(error), EXIT_NOTHING_DONE) from error
    render = {
        BriefFormat.json: render_json,
        BriefFormat.md: render_markdown,
        BriefFormat.html: render_html,
    }
    print(render[output_format](found))


@app.command()
def serve(
    db: DbOption = api.DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """The web UI and JSON API over the store (read-only: it never ingests or fetches)."""
    try:  # the web extra is optional, so it is imported only when asked for
        from storyline.web import serve as serve_web
    except ModuleNotFoundError as error:
        message = f"serve needs the web extra, pip install 'storyline[web]' ({error})"
        raise _fail(message, EXIT_BAD_ARGUMENTS) from error
    # A server store (postgresql://) is opened by the app; a missing file is refused here,
    # so that serving never creates a store.
    if "://" not in db and not Path(db).is_file():
        raise _fail(f"no store at {db}: create it with `storyline run` first", EXIT_NOTHING_DONE)
    serve_web(db, host=host, port=port)


@app.command("watch")
def watch_command(
    target: Annotated[
        str, typer.Argument(help="A folder, or a file of feed URLs or paths, one a line.")
    ],
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 10m, 1h.")] = "10m",
    db: DbOption = api.DEFAULT_DB,
    out: Annotated[
        Path, typer.Option(help="Folder for the reports, rewritten when a round changes stories.")
    ] = Path(api.DEFAULT_OUT),
    summary_words: Annotated[int, typer.Option(min=1, help="Word budget of each summary.")] = 120,
    allow_private_urls: AllowPrivateOption = False,
    once: Annotated[bool, typer.Option("--once", help="Run one round, then exit.")] = False,
    max_rounds: Annotated[int | None, typer.Option(min=1, help="Stop after N rounds.")] = None,
) -> None:
    """Poll a folder or feeds; ingest what is new and re-brief only the stories it changes."""
    try:
        seconds = parse_interval(every)
        watcher = Watcher(
            target,
            db=db,
            out=out,
            summary_words=summary_words,
            allow_private_urls=allow_private_urls,
            on_dropped=Terminal().report_dropped,
        )
    except (ValueError, WatchTargetError) as error:
        raise _fail(str(error), EXIT_BAD_ARGUMENTS) from error
    succeeded = 0

    def report_round(result: RoundResult) -> None:
        nonlocal succeeded
        succeeded += 1
        if result.changed or result.added:
            briefed = ", ".join(result.briefed_ids) or "none"
            print(
                f"round {result.number}: {result.added} new article(s), stories re-briefed: "
                f"{briefed}" + (f" -> {result.reports.json}" if result.reports else ""),
                flush=True,
            )

    def report_error(message: str) -> None:
        print(f"storyline watch: {message}", file=sys.stderr, flush=True)

    rounds = watch(
        watcher,
        every=seconds,
        max_rounds=1 if once else max_rounds,
        on_round=report_round,
        on_error=report_error,
    )
    if rounds and not succeeded:
        raise _fail("no round succeeded", EXIT_NOTHING_DONE)


def main() -> None:
    try:
        app()
    except StoreError as error:
        # A store that cannot be opened or written (unreachable server, newer schema, full
        # disk) is one line on stderr, not a traceback.
        print(f"storyline: {error}", file=sys.stderr)
        sys.exit(EXIT_NOTHING_DONE)
