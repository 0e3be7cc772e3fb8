"""People and organisations of a story: every article's name forms grouped again across the story.

Per article, analyse/entities.py finds the forms ("PC Keith Palmer", "Pc Palmer", "Keith", "Mrs Palmer")
with the roles and genders they carry; here the forms of all articles are grouped by the same rules, so
"Michelle Palmer" named in one outlet completes "Palmer's widow, Michelle" in another. The canonical name
is the longest full form; aliases are the other surface forms; the role is the most supported one
(a role counts for every longer role containing it: "coroner" supports "chief coroner").
A person or organisation named once, in one article, by a single word is left out as likely noise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..analyse.entities import (
    ArticleNames,
    Named,
    _same_org,
    article_names,
    cluster_orgs,
    cluster_people,
    match_person,
    org_key,
    parse_name,
)
from ..models import ArticleAnalysis, Entity

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MIN_MENTIONS_SINGLE_WORD = 2  # a one-word name needs this many mentions (or two articles) to be listed


@dataclass
class StoryNames:
    """The story's people and organisations, and a resolver for names found in any of its articles."""

    people: list[Named]
    organisations: list[Named]
    order: list[str]  # article ids in story order

    def resolve(self, name: str | None) -> Named | None:
        """The story entity a per-article name (a speaker) refers to."""
        if not name:
            return None
        key = org_key(name)
        org = next((o for o in self.organisations if o.name == key or _same_org(o.name, key)), None)
        return org or match_person(name, self.people)


def story_names(members: Sequence[ArticleAnalysis], names: Sequence[ArticleNames] | None = None) -> StoryNames:
    """Group the person forms and organisation mentions of all members."""
    names = names or [article_names(a.article, a.sentences, a.mentions) for a in members]
    places = {m.text for a in members for m in a.mentions if m.label in PLACE_LABELS}
    forms = [form for n in names for form in n.forms if not _a_place(form.surface, places)]
    orgs = [(sp.text, a.article.id) for a, n in zip(members, names) for sp in n.spans if sp.kind == "organisation"]
    return StoryNames(cluster_people(forms), cluster_orgs(orgs), [a.article.id for a in members])


def _a_place(surface: str, places: set[str]) -> bool:
    """'Santa Rosa' tagged PERSON once but GPE elsewhere in the pile is the place: a name of two or more words
    written exactly as a place mention (one word is left alone: 'Washington said' names a person)."""
    bare = " ".join(surface.split())
    return len(bare.split()) >= 2 and bare in places


def to_entity(named: Named, order: Sequence[str]) -> Entity:
    """The record: aliases are the distinct surface forms other than the name, most frequent first."""
    counts = Counter(_surface(a) for a in named.aliases)
    aliases = tuple(a for a, _ in counts.most_common() if a != named.name)
    articles = tuple(i for i in order if i in set(named.sources))
    return Entity(named.name, named.kind, aliases, articles, named.role if named.kind == "person" else None)


def _surface(alias: str) -> str:
    return " ".join(alias.split())


def entity_records(story: StoryNames, speakers: Sequence[str] = ()) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
    """(people, organisations), most widely mentioned first; one-word one-off names dropped unless they speak."""
    def keep(named: Named) -> bool:
        many = len(named.sources) >= MIN_MENTIONS_SINGLE_WORD or len(set(named.sources)) > 1
        full = named.kind == "person" and len(parse_name(named.name)[0]) >= 2
        return many or full or named.name in speakers

    def rank(named: Named) -> tuple[int, int]:
        return (-len(set(named.sources)), -len(named.sources))

    surnames = {p.last.lower() for p in story.people if p.first}
    people = tuple(to_entity(p, story.order) for p in sorted(story.people, key=rank) if keep(p))
    orgs = tuple(to_entity(o, story.order) for o in sorted(story.organisations, key=rank)
                 if keep(o) and not _person_surname(o, surnames))
    return people, orgs


def _person_surname(org: Named, surnames: set[str]) -> bool:
    """A one-word 'organisation' that is the surname of a person of the story ('a pro-Trump rally', 'Trump
    supporters') is that person's name mis-labelled, not an organisation."""
    return len(org.name.split()) == 1 and org.name.lower() in surnames
