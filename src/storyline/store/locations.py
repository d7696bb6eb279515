"""Store locations as messages may show them: a server URL never shows its password.

A password can reach a message three ways: in the URL itself, in a `password=` parameter,
or quoted back by the server library when it cannot parse it. `redacted` covers the first
two; `scrubbed` blanks a known password (as written and percent-decoded) in any text, such
as an error message from libpq.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

MASK = "***"
_PASSWORD_PARAMETER = re.compile(r"((?:^|[&?\s])password=)[^&\s]*", re.IGNORECASE)
# scheme://user:password@host: the fallback for URLs urlsplit refuses (a broken IPv6 host).
_USER_PASSWORD = re.compile(r"^([a-z][a-z0-9+.-]*://[^:/@]*:)[^@]*@", re.IGNORECASE)


def redacted(url: str) -> str:
    """The URL without its password (in the user part or a `password=` parameter)."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        # A URL Python cannot parse is still shown, with its secret blanked by pattern.
        return _PASSWORD_PARAMETER.sub(rf"\1{MASK}", _USER_PASSWORD.sub(rf"\1{MASK}@", url))
    if password is None and not _PASSWORD_PARAMETER.search(parts.query):
        return url  # as written: a round trip through urlunsplit may change it
    if password is not None:
        host = parts.netloc.rsplit("@", 1)[-1]
        parts = parts._replace(netloc=f"{parts.username or ''}:{MASK}@{host}")
    query = _PASSWORD_PARAMETER.sub(rf"\1{MASK}", parts.query)
    return urlunsplit(parts._replace(query=query))


def passwords_in(url: str) -> set[str]:
    """Every password the URL carries, as written and percent-decoded."""
    found: set[str] = set()
    match = _USER_PASSWORD.match(url)
    if match:
        written = url[match.end(1) : match.end() - 1]
        found.update({written, unquote(written)})
    for parameter in _PASSWORD_PARAMETER.finditer(url):
        written = url[parameter.end(1) : parameter.end()]
        found.update({written, unquote(written)})
    return {secret for secret in found if secret}


def scrubbed(message: str, url: str) -> str:
    """The message on one line, with every password of `url` blanked."""
    for secret in sorted(passwords_in(url), key=len, reverse=True):
        message = message.replace(secret, MASK)
    return " ".join(message.split())
