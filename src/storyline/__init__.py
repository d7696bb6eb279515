"""storyline: turn a pile of news articles into stories, with briefs, facts and sources.

The Python API mirrors the command line::

    import storyline
    result = storyline.run(["articles/"], db="news.db", out="out")
    for story in result.stories:
        print(story.title, len(story.articles))
"""

import logging

from storyline.api import (
    IngestResult,
    RunResult,
    StorylineError,
    clean,
    get_stories,
    ingest,
    list_stories,
    run,
    story_pipeline,
)
from storyline.model import (
    Article,
    Brief,
    Disagreement,
    Entity,
    Fact,
    PublicationDate,
    Quote,
    RawDocument,
    Sentence,
    Story,
    SummarySentence,
    TimelineEntry,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "Disagreement",
    "Entity",
    "Fact",
    "IngestResult",
    "PublicationDate",
    "Quote",
    "RawDocument",
    "RunResult",
    "Sentence",
    "Story",
    "StorylineError",
    "SummarySentence",
    "TimelineEntry",
    "__version__",
    "clean",
    "get_stories",
    "ingest",
    "list_stories",
    "run",
    "story_pipeline",
]
