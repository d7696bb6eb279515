"""Incremental story update: fold newly stored articles into the stored stories.

A full `run` re-groups and re-briefs every story. Here only the articles that belong to no
stored story yet (the ones a round just ingested, or left over by an interrupted round) are
processed: they are deduplicated against everything stored, placed with a clusterer rebuilt
from the stored stories, and only the stories whose membership changed are briefed again
and written back. Every other story keeps its stored row and brief.

Stored duplicate decisions are kept: a new copy of a stored article follows it, even when
the copy carries an earlier date (a full run would make the earlier one the original).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

from storyline.cluster import StoryClusterer
from storyline.cluster.naming import story_id, story_title
from storyline.cluster.stage import with_copies
from storyline.dedupe import NearDuplicateStage
from storyline.dedupe.exact import normalized_text_hash
from storyline.model import Article, Dropped, Story, publication_order
from storyline.stage import GroupStage
from storyline.store import Store
from storyline.synthesize import SynthesizeStage


@dataclass(frozen=True)
class StoryUpdate:
    """What one incremental update did."""

    new_articles: int
    briefed: tuple[Story, ...]
    removed_ids: tuple[str, ...]
    stories: tuple[Story, ...]  # every story now stored, largest first

    @property
    def changed(self) -> bool:
        return bool(self.briefed or self.removed_ids)


def pending_articles(store: Store, stories: Sequence[Story]) -> list[Article]:
    """Stored articles that belong to no stored story."""
    members = {article.id for story in stories for article in story.articles}
    return [article for article in store.iter_articles() if article.id not in members]


def update_stories(store: Store, synthesize: SynthesizeStage) -> StoryUpdate:
    """Place the pending articles, re-brief only the stories they change, write those."""
    stored = list(store.iter_stories())
    pending = pending_articles(store, stored)
    if not pending:
        return StoryUpdate(0, (), (), tuple(stored))
    groups = _regroup(stored, pending)
    by_members = {frozenset(a.id for a in story.articles): story for story in stored}
    kept: list[Story] = []
    rebuilt: list[Story] = []
    for members in groups:
        same = by_members.get(frozenset(a.id for a in members))
        if same is not None:
            # As stored, id and key included (a `--given-stories` story keeps its key).
            kept.append(same)
        else:
            rebuilt.append(_story(members))
    briefed = tuple(
        story for story in synthesize.process(rebuilt) if not isinstance(story, Dropped)
    )
    current = {story.id for story in [*kept, *briefed]}
    removed = tuple(story.id for story in stored if story.id not in current)
    store.upsert_stories(briefed, removed)
    return StoryUpdate(len(pending), briefed, removed, tuple(_largest_first([*kept, *briefed])))


def _story(members: tuple[Article, ...]) -> Story:
    """Like `make_story`, but named after the earliest original: a new copy dated before
    its stored original (which stays the original here) must not rename the story."""
    originals = [a for a in members if a.duplicate_of is None] or list(members)
    return Story(id=story_id(originals), title=story_title(members), articles=members)


def _largest_first(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))


def _regroup(stored: Sequence[Story], pending: Sequence[Article]) -> list[tuple[Article, ...]]:
    """Every story's members after the pending articles are placed (originals clustered,
    copies following their original)."""
    known = {a.id: a for story in stored for a in story.articles}
    marked = _dedupe_against(list(known.values()), pending)
    originals_by_language: dict[str, list[Article]] = defaultdict(list)
    copies: dict[str, list[Article]] = defaultdict(list)
    for article in pending:
        root = _root(marked.get(article.id), known, marked)
        if root is None:
            originals_by_language[article.language or "und"].append(
                replace(article, duplicate_of=None)
            )
        else:
            copies[root].append(replace(article, duplicate_of=root))
    stories_by_language: dict[str, list[Story]] = defaultdict(list)
    for story in stored:
        originals = [a for a in story.articles if a.duplicate_of is None]
        language = originals[0].language if originals else None
        stories_by_language[language or "und"].append(story)
        for article in story.articles:
            if article.duplicate_of is not None:
                copies[article.duplicate_of].append(article)
    by_id = {a.id: a for a in known.values()} | {
        a.id: a for group in originals_by_language.values() for a in group
    }
    groups: list[tuple[Article, ...]] = []
    # Like ClusterStage: one clusterer per language, so vocabularies never mix.
    for language in sorted(set(stories_by_language) | set(originals_by_language)):
        clusterer = StoryClusterer.from_stories(stories_by_language.get(language, []))
        clusterer.add(originals_by_language.get(language, []))
        for ids in clusterer.finish():
            groups.append(with_copies([by_id[i] for i in ids], copies))
    return groups


def _root(target: str | None, known: dict[str, Article], marked: dict[str, str]) -> str | None:
    """The original a new copy follows: through stored copies and other new copies."""
    seen: set[str] = set()
    while target is not None and target not in seen:
        seen.add(target)
        stored = known.get(target)
        following = stored.duplicate_of if stored is not None else marked.get(target)
        if following is None:
            return target
        target = following
    return None  # a cycle: the article stays an original


def _dedupe_against(stored: Sequence[Article], pending: Sequence[Article]) -> dict[str, str]:
    """`duplicate_of` of each pending article that copies another (stored or pending)
    article: same normalized text hash, then near copies by the full run's MinHash stage.

    A stored article stays the original of its copies even when a new copy sorts before
    it, so stored stories keep their ids and members.
    """
    stored_ids = {a.id for a in stored}
    marked: dict[str, str] = {}
    first_with_text: dict[str, str] = {}
    for article in [*stored, *sorted(pending, key=publication_order)]:
        text_hash = normalized_text_hash(article.text)
        if text_hash not in first_with_text:
            first_with_text[text_hash] = article.id
        elif article.id not in stored_ids:
            marked[article.id] = first_with_text[text_hash]
    candidates = [a for a in stored if a.duplicate_of is None]
    candidates += [a for a in pending if a.id not in marked]
    copies_of: dict[str, list[Article]] = defaultdict(list)
    for article in _grouped(NearDuplicateStage(), candidates):
        if article.duplicate_of is None:
            continue
        if article.id in stored_ids:
            copies_of[article.duplicate_of].append(article)
        else:
            marked[article.id] = article.duplicate_of
    for article in pending:
        stored_copies = copies_of.get(article.id)
        if article.id not in marked and stored_copies:
            # The stage took the new article for the original of stored ones: turn it round.
            marked[article.id] = min(stored_copies, key=publication_order).id
    return marked


def _grouped(stage: GroupStage[Article, Article], articles: Sequence[Article]) -> list[Article]:
    groups: dict[Hashable, list[Article]] = defaultdict(list)
    for article in articles:
        groups[stage.key(article)].append(article)
    return [
        item
        for group in groups.values()
        for item in stage.group(group)
        if isinstance(item, Article)
    ]
