"""Reading inputs (files, directories, globs, URLs) into `RawDocument`s, one module per kind.

`read_inputs` is the entry point; `resolve_inputs` and `read_source` are its two halves, for
callers (such as a distributed runner) that resolve inputs in one place and read elsewhere.
"""

from storyline.ingest.read import read_inputs, read_source
from storyline.ingest.sources import DEFAULT_MAX_BYTES, InputSource, resolve_inputs

__all__ = ["DEFAULT_MAX_BYTES", "InputSource", "read_inputs", "read_source", "resolve_inputs"]
