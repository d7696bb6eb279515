"""HTML pages (`.html`, `.htm`, optionally gzipped): passed on as markup, one article each.

Extraction (finding the article among menus and ads) is the clean stage's job; reading only
decompresses and decodes, so a page is parsed once, by the extractor that needs the tree.
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.ingest.base import Reader, given_path, origin_key
from storyline.ingest.compression import is_gzip, open_tolerant, read_at_most
from storyline.ingest.decoding import decode_markup
from storyline.ingest.sources import InputSource
from storyline.model import Dropped, RawDocument


class HtmlFileReader(Reader):
    suffixes = (".html", ".htm", ".html.gz", ".htm.gz")

    def read(self, source: InputSource) -> Iterator[RawDocument | Dropped]:
        data = source.data
        if is_gzip(data):
            stream, inflater = open_tolerant(data)
            inflated = read_at_most(stream, self.max_bytes)
            if inflated is None:
                detail = f"more than {self.max_bytes} bytes (limit) once decompressed"
                yield Dropped("too large", source.name, detail)
                return
            if inflater is not None and inflater.error is not None:
                yield Dropped("truncated or corrupt gzip", source.name, inflater.error)
                return
            data = inflated
        charset = _charset_parameter(source.media_type)
        markup = decode_markup(data, declared=charset)
        if markup is None:
            yield Dropped("binary content, not HTML", source.name)
            return
        if "<" not in markup:
            yield Dropped("no HTML markup", source.name)
            return
        yield RawDocument(
            # A page's own URL is known only once it is parsed (canonical link), so a file
            # is identified by its path; a fetched page by the URL it was fetched from.
            source_key=origin_key(source),
            kind="url" if source.path is None else "html",
            content_type="html",
            content=markup,
            path=given_path(source),
            url=source.url,
        )


def _charset_parameter(media_type: str | None) -> str | None:
    """The `charset` of a Content-Type such as `text/html; charset=ISO-8859-1`."""
    if not media_type:
        return None
    for parameter in media_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
