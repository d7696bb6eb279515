"""What every part that forks worker processes shares: whether the platform can fork, and
the parent's objects kept out of the children's garbage collections."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def parent_frozen() -> Iterator[None]:
    """Freeze this process's objects while children are forked inside the block.

    Forked children share the parent's pages until they write to them, and a garbage
    collection in a child writes to every object it visits: frozen, the parent's objects (a
    whole run's articles among them) are never visited there, so their pages stay shared.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
