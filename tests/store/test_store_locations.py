"""A store location as messages show it: never its password, whatever shape the URL has."""

from __future__ import annotations

import pytest

from storyline.store.locations import redacted, scrubbed

SECRET = "s3cr%20et"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://reader:{SECRET}@db.example:5432/news",
        f"postgresql://db.example/news?user=reader&password={SECRET}",
        f"postgresql://reader:{SECRET}@[::1/news",  # a host urlsplit refuses
        f"mysql://reader:{SECRET}@db.example/news",
    ],
)
def test_redacted_hides_the_password(url: str) -> None:
    shown = redacted(url)

    assert SECRET not in shown
    assert "s3cr et" not in shown
    assert "***" in shown


def test_a_url_without_password_is_shown_as_written() -> None:
    url = "postgresql://reader@db.example/news"

    assert redacted(url) == url


def test_scrubbed_blanks_the_password_quoted_back_and_folds_lines() -> None:
    url = f"postgresql://reader:{SECRET}@db.example/news"
    message = 'invalid percent-encoded token: "s3cr%20et"\nconnection refused'

    shown = scrubbed(message, url)

    assert SECRET not in shown
    assert "\n" not in shown
    assert shown == 'invalid percent-encoded token: "***" connection refused'


def test_scrubbed_blanks_the_decoded_password_too() -> None:
    url = f"postgresql://reader:{SECRET}@db.example/news"

    assert "s3cr et" not in scrubbed("password authentication for s3cr et failed", url)
