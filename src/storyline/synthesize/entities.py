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

import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.model import Entity, EntityType
from storyline.synthesize.entity_mentions import Mention, article_mentions
from storyline.synthesize.names import (
    fold,
    initials,
    looks_like_acronym,
    name_part_matches,
    near_spelling,
    person_key,
    word_set,
)
from storyline.synthesize.parsing import ParsedArticle, StorySources

_PRONOUN_REACH = 4  # sentences back to look for the person "he" or "she" is
_SPEAKER_REACH = 8  # ... or for the person the article has been quoting
_NAMED_BODIES = frozenset({"organization", "other"})
_STATED_TYPE_WEIGHT = 100  # decisive: the text says what the name is
_OPENING_WORDS = word_set("the a an in on at by and but yesterday today meanwhile")
_TYPE_ORDER: tuple[EntityType, ...] = ("person", "organization", "place", "other")
_DEFINED_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’&.-]*|of|for|the|and|de|du|des|la|le|pour|et|sans|without)"
    r"(?:\s+(?:[A-Z][\w'’&.-]*|of|for|the|and|de|du|des|la|le|pour|et|sans|without)){1,8})"
    r"\s+\((?:the\s+)?([A-Z][A-Za-z&.]{1,9})\)"
)


@dataclass
class _Cluster:
    forms: Counter[str] = field(default_factory=Counter)
    types: Counter[EntityType] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)


class EntityIndex:
    """The story's merged entities, and the name each written form resolves to."""

    def __init__(self, articles: list[ParsedArticle], sources: StorySources) -> None:
        self._sources = sources
        self.mentions = [m for a in articles for m in article_mentions(a)]
        self._parent: dict[str, str] = {}
        self._acronym_initials: dict[str, str] = {}
        definitions = self._defined_acronyms(articles)
        keys = {m.key for m in self.mentions if m.key}
        for key in keys:
            self._parent[key] = key
        self._merge_spellings(keys)
        defined = {(name.key, acronym.key) for name, acronym in definitions}
        for name, acronym in definitions:
            # "Lisk (KNA)" beside "Kestrel News Agency": the initials explain the acronym
            # unless the text defines it for this name too.
            explained = self._acronym_initials.get(acronym.key)
            if explained is None or (explained, acronym.key) in defined:
                self._union(name.key, acronym.key)
        self._full_names = self._person_full_names()
        types = self._key_types()
        self._organisation_keys = {k for k, t in types.items() if t == "organization"}
        self._assigned: dict[int, str] = {}
        for number, mention in enumerate(self.mentions):
            if mention.key:
                self._assigned[number] = self._place_mention(mention)
        self._clusters = self._build_clusters()

    # ----------------------------------------------------------------- merging rules

    def _find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _union(self, first: str, second: str) -> None:
        root_a, root_b = self._find(first), self._find(second)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)

    def _merge_spellings(self, keys: set[str]) -> None:
        types = self._key_types()
        people = sorted(k for k in keys if types.get(k) == "person" and " " in k)
        for index, first in enumerate(people):
            a = first.split()
            for second in people[index + 1 :]:
                b = second.split()
                same_first = a[0] == b[0] and near_spelling(a[-1], b[-1])
                same_last = a[-1] == b[-1] and near_spelling(a[0], b[0])
                # "Chief Executive Teodor Vance" is "Teodor Vance" with a title in front.
                titled = a[-2:] == b[-2:] and min(len(a), len(b)) >= 2
                if same_first or same_last or titled:
                    self._union(first, second)
        # Initials two names share explain neither; `keys` is a set, so picking one of them
        # would make the brief depend on the hash seed.
        by_initials: dict[str, list[str]] = {}
        for key in sorted(keys):
            if types.get(key) in {"organization", "other"} and " " in key:
                by_initials.setdefault(initials(key), []).append(key)
        self._acronym_initials = {
            short: names[0] for short, names in by_initials.items() if len(names) == 1
        }
        acronyms = {fold(m.text) for m in self.mentions if looks_like_acronym(m.text)}
        for short, key in self._acronym_initials.items():
            if len(short) >= 2 and short in acronyms and short != key:
                self._union(key, short)

    def _defined_acronyms(self, articles: list[ParsedArticle]) -> list[tuple[Mention, Mention]]:
        """ "Doctors Without Borders (MSF)": a name and the acronym the text defines for it,
        even one that is not the name's initials (it may come from another language). Both
        become mentions, as the recognizer often misses one. A credit such as "Lisk, Tarvel
        Province (KNA)" is no definition: a name or an acronym known as a person or a place
        is left alone."""
        types = self._key_types()
        found = []
        for parsed in articles:
            for match in _DEFINED_ACRONYM.finditer(parsed.article.text):
                words = match.group(1).split()
                while len(words) > 1 and words[0].lower() in _OPENING_WORDS:
                    words = words[1:]
                sentence = parsed.sentence_at(match.start())
                name = Mention(parsed.id, sentence, " ".join(words), "organization", match.start())
                acronym = Mention(
                    parsed.id, sentence, match.group(2), "organization", match.start(2)
                )
                if len(words) < 2 or types.get(name.key, "organization") not in _NAMED_BODIES:
                    continue
                if types.get(acronym.key, "organization") not in _NAMED_BODIES:
                    continue
                self.mentions.extend((name, acronym))
                found.append((name, acronym))
        return found

    def _key_types(self) -> dict[str, EntityType]:
        votes: dict[str, Counter[EntityType]] = {}
        for mention in self.mentions:
            votes.setdefault(mention.key, Counter())[mention.type] += 1
        return {key: _majority(counter) for key, counter in votes.items()}

    def _person_full_names(self) -> dict[str, list[tuple[str, int, str]]]:
        """Article -> (key, sentence, root) of each full person name, in text order."""
        found: dict[str, list[tuple[str, int, str]]] = {}
        for mention in self.mentions:
            if mention.type == "person" and " " in mention.key:
                found.setdefault(mention.article_id, []).append(
                    (mention.key, mention.sentence, self._find(mention.key))
                )
        return found

    def _place_mention(self, mention: Mention) -> str:
        """The cluster root a mention belongs to; a lone name goes to its full name."""
        if " " in mention.key or looks_like_acronym(mention.text):
            return self._find(mention.key)
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
        return self._find(mention.key)

    def _organisation_named(self, word_key: str) -> str | None:
        """ "Corvane" for "Corvane Systems": the one longer name that starts with the word,
        when that name is an organisation's ("Ossen" may be the river or the network)."""
        keys = {key for key in self._parent if " " in key and key.split()[0] == word_key}
        roots = {self._find(key) for key in keys}
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

    def _build_clusters(self) -> dict[str, _Cluster]:
        clusters: dict[str, _Cluster] = {}
        for number, mention in enumerate(self.mentions):
            root = self._assigned.get(number)
            if root is None:
                continue
            cluster = clusters.setdefault(root, _Cluster())
            cluster.forms[mention.text] += 1
            # A type the text states outweighs several guesses of the recognizer.
            cluster.types[mention.type] += _STATED_TYPE_WEIGHT if mention.typed_by_text else 1
            cluster.articles.add(mention.article_id)
        return clusters

    def name_of_root(self, root: str) -> str:
        cluster = self._clusters.get(root)
        if cluster is None:
            return root
        return _canonical(cluster)

    def resolve(self, article_id: str, written: str, before: int = 10**9) -> str:
        """The entity name for a name as written in an article, or the name as written."""
        key = person_key(written)
        if not key:
            return written.strip()
        words = key.split()
        if key not in self._parent and len(words) > 2 and " ".join(words[-2:]) in self._parent:
            key = " ".join(words[-2:])  # "Chief Executive Teodor Vance"
        root: str | None = None
        if " " not in key:
            root = self.full_name_for(article_id, key, before)
        if root is None and key in self._parent:
            root = self._find(key)
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
            if _canonical(cluster) == name:
                return _majority(cluster.types)
        return None

    def entities(self) -> tuple[Entity, ...]:
        ranked = sorted(
            self._clusters.values(),
            key=lambda c: (-len(c.articles), -sum(c.forms.values()), _canonical(c)),
        )
        out = []
        for cluster in ranked:
            name = _canonical(cluster)
            aliases = tuple(form for form, _ in cluster.forms.most_common() if form != name)
            out.append(
                Entity(
                    name=name,
                    type=_majority(cluster.types),
                    aliases=aliases,
                    sources=self._sources.expand(cluster.articles),
                )
            )
        return tuple(out)


def _majority(counter: Counter[EntityType]) -> EntityType:
    return max(_TYPE_ORDER, key=lambda t: (counter.get(t, 0), -_TYPE_ORDER.index(t)))


def _canonical(cluster: _Cluster) -> str:
    """The form the story uses most among its fullest: a name of two or more words beats a
    lone surname or an acronym, then the most mentions, then the longer form."""
    return max(
        cluster.forms,
        key=lambda f: (len(f.split()) > 1, cluster.forms[f], len(f.split()), f),
    )
