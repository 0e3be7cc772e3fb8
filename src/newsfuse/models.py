"""Typed records passed between pipeline stages.

Each stage takes the records of the stage before it and returns its own:

    ingest -> Source -> extract -> Article -> stories -> StoryGroup
    analyse -> ArticleAnalysis -> align -> StoryAlignment -> brief -> Brief -> render

Records are frozen dataclasses of plain values so they serialise to JSON
without custom encoders and can be shipped between Dask workers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Protocol


# --------------------------------------------------------------------- ingest
@dataclass(frozen=True)
class Source:
    """One raw input document, as read from a file, stdin, a URL, a WARC record, a feed or a TREC/LDC file."""

    id: str  # unique within a run; the file stem where there is one ("000_d52296423ec0e441")
    path: str | None  # file path, "-" for stdin, or None for in-memory text
    data: bytes
    media_type: str  # "text/html" or "text/plain"
    url: str | None = None
    charset: str | None = None  # declared by HTTP headers / WARC, if known
    title: str | None = None  # from a feed item, when the input carries one
    date: str | None = None  # ISO date from a feed item or WARC-Date, a fallback for the article date
    outlet: str | None = None  # from a container that names it (a TREC document number's agency code)


@dataclass(frozen=True)
class InputError:
    """An input that could not be read; reported in one line, never raised mid-batch."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# -------------------------------------------------------------------- extract
@dataclass(frozen=True)
class Removed:
    """A block dropped from the article body, kept so nothing is silently lost."""

    kind: str  # share | appeal | comment | related | byline | credit | dateline | navigation | boilerplate
    text: str


@dataclass(frozen=True)
class Article:
    """A clean article: metadata plus body paragraphs, boilerplate moved to `removed`."""

    id: str
    path: str | None
    title: str | None
    outlet: str | None
    date: str | None  # ISO 8601 date (YYYY-MM-DD)
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...] = ()
    author: str | None = None
    lang: str | None = None
    url: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        """Whitespace-separated words of the body: the one length measure the stages share."""
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def comments(self) -> tuple[str, ...]:
        return tuple(r.text for r in self.removed if r.kind == "comment")


# -------------------------------------------------------------------- stories
@dataclass(frozen=True)
class StoryGroup:
    """Articles that tell one story, with links to related stories and near-duplicate pairs."""

    id: str
    article_ids: tuple[str, ...]
    related: tuple[str, ...] = ()  # ids of related StoryGroups
    duplicates: tuple[tuple[str, str], ...] = ()  # near-identical copies (article id pairs)


# -------------------------------------------------------------------- analyse
@dataclass(frozen=True)
class Mention:
    """A named entity mention in one sentence."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, DATE, CARDINAL, ...
    sentence: int  # index into ArticleAnalysis.sentences
    start: int  # character offsets within the sentence
    end: int


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int  # position in the article
    paragraph: int  # index of the paragraph it belongs to
    text: str

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.index}"


@dataclass(frozen=True)
class RawQuote:
    """A direct quote found in one article, its speaker resolved as far as the article allows."""

    text: str
    speaker: str | None
    sentence: int  # index of the sentence where the quote starts
    role: str | None = None


@dataclass(frozen=True)
class Claim:
    """An atomic statement (subject, predicate, object) taken from one sentence."""

    text: str
    subject: str
    predicate: str
    object: str
    sentence: int
    values: tuple[tuple[str, str], ...] = ()  # (kind, normalised value): ("number", "48"), ("date", "2017-03-22")


@dataclass(frozen=True)
class Event:
    """A dated event from one sentence; the date resolved against the article date where relative."""

    date: str  # ISO date, or a coarser ISO prefix ("2018-10", "2017")
    text: str
    sentence: int


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the NLP stage learns about one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[RawQuote, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()


# ---------------------------------------------------------------------- align
@dataclass(frozen=True)
class Evidence:
    """Where a cited article states a summary sentence's claim or a fact, so a reader can check the citation."""

    article: str
    text: str  # the article's sentence (for a summary sentence, possibly two adjacent ones) that states it
    confidence: float  # in [0, 1]. A summary sentence's: the learned support decision's probability (without the
    # embedding model, the lexical score); a fact's: the weighted similarity of the two outlets' claims (which a
    # summary sentence that is a fact's passage shows for a source the facts confirm but the decision never rated)


@dataclass(frozen=True)
class Fact:
    """A statement with every article that supports it."""

    text: str
    sources: tuple[str, ...]  # article ids, first is the one the text was taken from
    outlets: int  # distinct outlets among the sources (articles of one outlet count once)
    evidence: tuple[Evidence, ...] = ()  # how each other source tells it, in the order of `sources`
    related: tuple[Evidence, ...] = ()  # related coverage: articles that tell something close, not counted

    @property
    def support(self) -> int:
        return len(self.sources)


@dataclass(frozen=True)
class Side:
    value: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Discrepancy:
    """Two or more accounts of one thing: a real conflict, or compatible variants."""

    subject: str
    kind: str  # number | date | age | name | agent | wording ...
    sides: tuple[Side, ...]
    note: str = ""


@dataclass(frozen=True)
class QuoteVariant:
    text: str
    sources: tuple[str, ...]
    diff: str  # word-level diff against the canonical wording, "" when identical


@dataclass(frozen=True)
class Quote:
    speaker: str | None
    text: str
    sources: tuple[str, ...]
    role: str | None = None
    variants: tuple[QuoteVariant, ...] = ()


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # person | organisation
    aliases: tuple[str, ...]
    articles: tuple[str, ...]
    role: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class LoadedWord:
    word: str
    text: str  # the sentence it occurs in
    neutral: str | None = None  # the plainer wording other outlets used, if found


@dataclass(frozen=True)
class Coverage:
    """How one article framed the story compared with the others."""

    article: str
    outlet: str | None
    adds: tuple[str, ...] = ()
    omits: tuple[str, ...] = ()
    loaded: tuple[LoadedWord, ...] = ()


@dataclass(frozen=True, kw_only=True)
class StoryFindings:
    """What the align stage finds in a story; carried unchanged into its brief."""

    facts: tuple[Fact, ...] = ()
    single_source: tuple[Fact, ...] = ()
    conflicts: tuple[Discrepancy, ...] = ()
    variants: tuple[Discrepancy, ...] = ()
    quotes: tuple[Quote, ...] = ()
    people: tuple[Entity, ...] = ()
    organisations: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    coverage: tuple[Coverage, ...] = ()

    @staticmethod
    def names() -> tuple[str, ...]:
        """The finding fields only, also when called on a subclass."""
        return tuple(f.name for f in fields(StoryFindings))


@dataclass(frozen=True)
class Citation:
    """The align stage's decision on one sentence: which articles corroborate it, and on what passage."""

    key: str  # Sentence.key ("article id:index")
    sources: tuple[str, ...]  # its own article first, then every other article the decision says supports it
    evidence: tuple[Evidence, ...] = ()  # one per cited article beside its own, in the order of `sources`
    related: tuple[Evidence, ...] = ()  # weaker support below the decision: related coverage, never corroboration


class SupportIndex(Protocol):
    """The align -> brief hand-off for citations: the brief asks for the sentences it shows and gets frozen
    Citations back. Decisions are made (and kept) by align.support, in one batch per call."""

    def cite(self, keys: Sequence[str]) -> Mapping[str, Citation]:
        """The Citation of each known key (unknown keys are left out)."""
        ...


@dataclass(frozen=True, kw_only=True)
class StoryAlignment(StoryFindings):
    """Cross-article view of one story: what is shared, unique, disputed."""

    group: StoryGroup
    support: SupportIndex  # Sentence.key -> its Citation (align.support.Support)

    def findings(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in StoryFindings.names()}


# ---------------------------------------------------------------------- brief
@dataclass(frozen=True)
class SummarySentence:
    text: str
    sources: tuple[str, ...]  # its own article first, then every other article that supports it
    evidence: tuple[Evidence, ...] = ()  # one per cited article beside its own, in the order of `sources`
    related: tuple[Evidence, ...] = ()  # related coverage: other articles' weaker support, not counted in sources


@dataclass(frozen=True, kw_only=True)
class StoryBrief(StoryFindings):
    id: str
    headline: str
    articles: tuple[str, ...]
    related: tuple[str, ...]
    duplicates: tuple[tuple[str, str], ...]
    summary: tuple[SummarySentence, ...]


@dataclass(frozen=True)
class Brief:
    articles: tuple[Article, ...]
    stories: tuple[StoryBrief, ...]
    errors: tuple[InputError, ...] = field(default=())
    # the whole pile's cited summary within the same word bound: the one story's summary when there is one
    # story; over every article when the pile holds several (what a tool reading one summary per run wants)
    summary: tuple[SummarySentence, ...] = field(default=())

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)
