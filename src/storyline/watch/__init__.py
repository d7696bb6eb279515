"""`storyline watch`: poll a folder or feeds, ingest what is new, update only the stories
it changes (see `update` for how), and keep running through errors."""

from storyline.watch.loop import DEFAULT_EVERY, RoundResult, Watcher, watch
from storyline.watch.sources import WatchTargetError, parse_interval
from storyline.watch.update import StoryUpdate, update_stories

__all__ = [
    "DEFAULT_EVERY",
    "RoundResult",
    "StoryUpdate",
    "WatchTargetError",
    "Watcher",
    "parse_interval",
    "update_stories",
    "watch",
]
