"""People, organisations and places of a story, one entity per referent across spellings.

Mentions come from spaCy's named entities. They merge when their folded spellings match
(diacritics, case, a leading "the", a possessive), when one person's name is the other's
with a small typo, when a lone surname or first name refers to a full name the same article
gave before it (else the only such full name in the story), and when an acronym is spelled
out in the story or stands for a name's initials ("SOHR", or "MSF" defined in parentheses
after "Doctors Without Borders"). `EntityIndex.resolve` maps a speaker or a source as written
to the entity's name, so that quotes and facts name people the way the entity list does.
"""

from __future__ import annotations

from storyline.key_forest import KeyForest
from storyline.model import Entity, EntityType
from storyline.synthesize.entity_clusters import EntityCluster, gather_clusters, key_types
from storyline.synthesize.entity_mentions import Mention, article_mentions
from storyline.synthesize.entity_merging import (
    defined_acronyms,
    merge_defined_acronyms,
    merge_initials,
    merge_person_spellings,
    names_by_initials,
)
from storyline.synthesize.names import looks_like_acronym, name_part_matches, person_key
from storyline.synthesize.parsing import ParsedArticle, StorySources

_PRONOUN_REACH = 4  # sentences back to look for the person "he" or "she" is
_SPEAKER_REACH = 8  # ... or for the person the article has been quoting


class EntityIndex:
    """The story's merged entities, and the name each written form resolves to."""

    def __init__(self, articles: list[ParsedArticle], sources: StorySources) -> None:
        self._sources = sources
        self.mentions = [m for a in articles for m in article_mentions(a)]
        definitions = defined_acronyms(articles, key_types(self.mentions))
        for name, acronym in definitions:  # the recognizer often misses one of the two
            self.mentions.extend((name, acronym))
        types = key_types(self.mentions)
        keys = {m.key for m in self.mentions if m.key}
        self._forest = KeyForest(keys)
        merge_person_spellings(self._forest, keys, types)
        initials_names = names_by_initials(keys, types)
        merge_initials(self._forest, initials_names, self.mentions)
        merge_defined_acronyms(self._forest, definitions, initials_names)
        self._full_names = self._person_full_names()
        self._organisation_keys = {k for k, t in types.items() if t == "organization"}
        roots = {
            number: self._place_mention(mention)
            for number, mention in enumerate(self.mentions)
            if mention.key
        }
        self._clusters: dict[str, EntityCluster] = gather_clusters(self.mentions, roots)

    # ------------------------------------------------------- lone names to full names

    def _person_full_names(self) -> dict[str, list[tuple[str, int, str]]]:
        """Article -> (key, sentence, root) of each full person name, in text order."""
        found: dict[str, list[tuple[str, int, str]]] = {}
        for mention in self.mentions:
            if mention.type == "person" and " " in mention.key:
                found.setdefault(mention.article_id, []).append(
                    (mention.key, mention.sentence, self._forest.find(mention.key))
                )
        return found

    def _place_mention(self, mention: Mention) -> str:
        """The cluster root a mention belongs to; a lone name goes to its full name."""
        if " " in mention.key or looks_like_acronym(mention.text):
            return self._forest.find(mention.key)
        full = self.full_name_for(mention.article_id, mention.key, mention.sentence)
        if full is None and mention.type in {"organization", "person"}:
            full = self._organisation_named(mention.key)
            if full is not None:
                return full
        if full is not None and (
            mention.type == "person"
            or (mention.type != "other" and self._same_article_person(mention, full))
        ):
            return full
        return self._forest.find(mention.key)

    def _organisation_named(self, word_key: str) -> str | None:
        """ "Corvane" for "Corvane Systems": the one longer name that starts with the word,
        when that name is an organisation's ("Ossen" may be the river or the network)."""
        keys = {key for key in self._forest if " " in key and key.split()[0] == word_key}
        roots = {self._forest.find(key) for key in keys}
        if len(roots) != 1 or not keys <= self._organisation_keys:
            return None
        return roots.pop()

    def _same_article_person(self, mention: Mention, root: str) -> bool:
        # spaCy sometimes labels a lone surname an organisation or a place; trust the name
        # when the article itself gave that person's full name.
        return any(r == root for _, _, r in self._full_names.get(mention.article_id, ()))

    def full_name_for(self, article_id: str, word_key: str, before: int) -> str | None:
        """The root of the full name a lone name stands for, or None if none or ambiguous."""
        if not word_key or " " in word_key:
            return None
        in_article = [
            (sentence, root)
            for key, sentence, root in self._full_names.get(article_id, ())
            if name_part_matches(key, word_key) and sentence <= before
        ]
        if in_article:
            return max(in_article)[1]
        roots = {
            root
            for names in self._full_names.values()
            for key, _, root in names
            if name_part_matches(key, word_key)
        }
        return roots.pop() if len(roots) == 1 else None

    # ----------------------------------------------------------------- results

    def name_of_root(self, root: str) -> str:
        cluster = self._clusters.get(root)
        if cluster is None:
            return root
        return cluster.name

    def resolve(self, article_id: str, written: str, before: int = 10**9) -> str:
        """The entity name for a name as written in an article, or the name as written."""
        key = person_key(written)
        if not key:
            return written.strip()
        words = key.split()
        if key not in self._forest and len(words) > 2 and " ".join(words[-2:]) in self._forest:
            key = " ".join(words[-2:])  # "Chief Executive Teodor Vance"
        root: str | None = None
        if " " not in key:
            root = self.full_name_for(article_id, key, before)
        if root is None and key in self._forest:
            root = self._forest.find(key)
        return self.name_of_root(root) if root is not None else written.strip()

    def person_before(
        self,
        article_id: str,
        char: int,
        sentence: int,
        outside: tuple[tuple[int, int], ...] = (),
    ) -> str | None:
        """The person "he" or "she" most likely is: the one the article named last, a few
        sentences back at most, not inside a quote."""
        candidates = [
            m
            for m in self.mentions
            if m.article_id == article_id
            and m.type == "person"
            and m.start < char
            and sentence - m.sentence <= _SPEAKER_REACH
            and not any(start <= m.start < end for start, end in outside)
        ]
        # News keeps "he said" for the person it has been quoting: a recent speaker first,
        # else the person named last, a few sentences back at most.
        speakers = [m for m in candidates if m.speaks]
        near = [m for m in candidates if sentence - m.sentence <= _PRONOUN_REACH]
        if not speakers and not near:
            return None
        last = max(speakers or near, key=lambda m: m.start)
        return self.resolve(article_id, last.text, last.sentence)

    def type_of(self, name: str) -> EntityType | None:
        for cluster in self._clusters.values():
            if cluster.name == name:
                return cluster.type
        return None

    def entities(self) -> tuple[Entity, ...]:
        ranked = sorted(
            self._clusters.values(),
            key=lambda c: (-len(c.articles), -sum(c.forms.values()), c.name),
        )
        out = []
        for cluster in ranked:
            name = cluster.name
            aliases = tuple(form for form, _ in cluster.forms.most_common() if form != name)
            out.append(
                Entity(
                    name=name,
                    type=cluster.type,
                    aliases=aliases,
                    sources=self._sources.expand(cluster.articles),
                )
            )
        return tuple(out)
