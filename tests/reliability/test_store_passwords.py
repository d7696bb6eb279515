"""A PostgreSQL password given in `--db` never shows: not in an error message, not in a log
line of `serve`, not in the reports or the statistics a run writes.

The commands run for real, against a closed port and against a PostgreSQL server started
for this module, on which the `reader` role must authenticate with its password (so a run
that succeeds proves the password was passed on, just never shown).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.postgres_server import PostgresServer, find_bindir, running_server
from tests.storyline_command import free_port, serving

from .bad_inputs import prose
from .processes import Finished, run_storyline

PASSWORD = "Pw-7731-hunter"
# Only the server's own superuser may skip authentication, and only to set the test up.
_HBA = """\
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""


def _closed_port() -> int:
    return free_port()  # nothing listens on it once the probe is closed


def _shows_no_password(result: Finished, *files: Path) -> None:
    assert PASSWORD not in result.stdout
    assert PASSWORD not in result.stderr
    for path in files:
        for written in [path, *path.rglob("*")] if path.is_dir() else [path]:
            if written.is_file():
                assert PASSWORD not in written.read_text(errors="replace"), written


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    psycopg = pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed: `make postgres` installs it")
    with running_server(bindir) as running:
        with psycopg.connect(running.url(), autocommit=True) as admin:
            admin.execute(f"CREATE ROLE reader LOGIN PASSWORD '{PASSWORD}'")
            admin.execute("CREATE DATABASE news OWNER reader")
            admin.execute("CREATE DATABASE empty OWNER reader")
            hba = Path(admin.execute("SHOW hba_file").fetchone()[0])
            hba.write_text(_HBA)
            admin.execute("SELECT pg_reload_conf()")
        yield running


def _reader_url(server: PostgresServer, database: str, password: str = PASSWORD) -> str:
    return f"postgresql://reader:{password}@127.0.0.1:{server.port}/{database}"


def test_an_unreachable_server_is_named_without_the_password(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(prose("pw"))
    url = f"postgresql://reader:{PASSWORD}@127.0.0.1:{_closed_port()}/news"

    result = run_storyline("ingest", "in.txt", "--db", url, cwd=tmp_path)

    assert result.returncode == 1
    assert "cannot open the store at postgresql://reader:***@127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stderr
    _shows_no_password(result)


def test_a_password_parameter_is_hidden_too(tmp_path: Path) -> None:
    url = f"postgresql://127.0.0.1:{_closed_port()}/news?sslmode=disable&password={PASSWORD}"

    result = run_storyline("stories", "--db", url, cwd=tmp_path)

    assert result.returncode == 1
    assert "password=***" in result.stderr
    _shows_no_password(result)


def test_a_password_libpq_cannot_parse_is_not_quoted_back(tmp_path: Path) -> None:
    url = f"postgresql://reader:{PASSWORD}%zz@127.0.0.1:{_closed_port()}/news"

    result = run_storyline("stories", "--db", url, cwd=tmp_path)

    assert result.returncode == 1
    _shows_no_password(result)


def test_an_unsupported_server_url_is_refused_without_the_password(tmp_path: Path) -> None:
    result = run_storyline("stories", "--db", f"mysql://reader:{PASSWORD}@h/news", cwd=tmp_path)

    assert result.returncode == 1
    _shows_no_password(result)


@pytest.mark.slow
def test_a_run_authenticates_yet_writes_the_password_nowhere(
    server: PostgresServer, tmp_path: Path
) -> None:
    (tmp_path / "in.txt").write_text(f"Bridge closes\n\n{prose('pwrun')}\n")

    result = run_storyline(
        "run", "in.txt", "--db", _reader_url(server, "news"), "--out", "out",
        "--stats-json", "stats.json", cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "stories.json").is_file()
    _shows_no_password(result, tmp_path / "out", tmp_path / "stats.json")


@pytest.mark.slow
def test_a_wrong_password_is_refused_without_showing_either(
    server: PostgresServer, tmp_path: Path
) -> None:
    result = run_storyline("stories", "--db", _reader_url(server, "news", "Wrong-42"), cwd=tmp_path)

    assert result.returncode == 1
    assert 'password authentication failed for user "reader"' in result.stderr
    assert "Wrong-42" not in result.stderr
    _shows_no_password(result)


@pytest.mark.slow
def test_messages_that_name_the_store_hide_the_password(
    server: PostgresServer, tmp_path: Path
) -> None:
    nothing = run_storyline("run", "--db", _reader_url(server, "empty"), cwd=tmp_path)
    unknown = run_storyline("brief", "nope", "--db", _reader_url(server, "empty"), cwd=tmp_path)

    assert nothing.returncode == 1
    assert f"no articles to brief in postgresql://reader:***@127.0.0.1:{server.port}/empty" in (
        nothing.stderr
    )
    assert unknown.returncode != 0
    assert "no story 'nope' in postgresql://reader:***@" in unknown.stderr
    _shows_no_password(nothing)
    _shows_no_password(unknown)


@pytest.mark.slow
def test_serve_over_postgres_logs_no_password(server: PostgresServer, tmp_path: Path) -> None:
    with serving(_reader_url(server, "news"), cwd=tmp_path) as served:
        listing = served.wait_for("/")
        missing = served.wait_for("/api/stories/nope")

    assert listing.status_code == 200 and missing.status_code == 404
    assert f"127.0.0.1:{served.port}" in served.stderr  # uvicorn's log lines are there
    for text in (served.stdout, served.stderr, listing.text, missing.text):
        assert PASSWORD not in text
