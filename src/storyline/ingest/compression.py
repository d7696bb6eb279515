"""Gzip streams that keep what was readable when the file is truncated or corrupt.

Python's `GzipFile.read(n)` raises on a damaged stream and throws away everything it had
decompressed in that call, and readers above it (fastwarc buffers 64 KB at a time) would lose
whole records that were intact. Reading in small `read1` steps and turning the error into a
clean end of stream keeps every intact byte; the error is kept for the reader to report.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

GZIP_MAGIC = b"\x1f\x8b"
_STEP = 64 * 1024
# What a damaged gzip stream raises: cut short, bad header or checksum, bad deflate data.
_DAMAGE = (EOFError, gzip.BadGzipFile, zlib.error)


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


class TolerantGzip(io.RawIOBase):
    """A read-only raw stream of the decompressed bytes; ends early instead of raising.

    After the stream ends, `error` is None when the gzip data was complete and intact, and
    otherwise describes the damage.
    """

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._inflater = gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb")
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        # fastwarc asks for the stream position (a seek to the current position).
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        try:
            return self._inflater.seek(offset, whence)
        except _DAMAGE as err:
            self.error = str(err) or type(err).__name__
            return self._inflater.tell()

    def tell(self) -> int:
        return self._inflater.tell()

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self.error is not None:
            return 0
        view = memoryview(buffer).cast("B")
        try:
            chunk = self._inflater.read1(min(len(view), _STEP))
        except _DAMAGE as err:
            self.error = str(err) or type(err).__name__
            return 0
        view[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._inflater.close()
        super().close()


def open_tolerant(data: bytes) -> tuple[IO[bytes], TolerantGzip | None]:
    """A buffered binary stream over `data`, inflated if it is gzip.

    The second value is the gzip layer (to check `error` once read), or None for plain data.
    """
    if not is_gzip(data):
        return io.BytesIO(data), None
    raw = TolerantGzip(data)
    return io.BufferedReader(raw, buffer_size=_STEP), raw


def read_at_most(stream: IO[bytes], limit: int) -> bytes | None:
    """All of `stream`, or None when it holds more than `limit` bytes."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data
