"""People and organisations: label repair, aliases, roles, grouping across a story."""

from __future__ import annotations

from newsfuse.analyse.entities import (
    PersonForm,
    cluster_orgs,
    cluster_people,
    org_key,
    parse_name,
    role_after,
    role_before,
)


def _story(seed_brief):
    return next(s for s in seed_brief.stories if any(a.startswith("000") for a in s.articles))


def _person(story, name):
    found = [p for p in story.people if p.name == name]
    assert found, [p.name for p in story.people]
    return found[0]


def test_seed_officer_aliases_merge(seed_brief):
    keith = _person(_story(seed_brief), "Keith Palmer")
    assert {"PC Palmer", "Pc Palmer", "Keith", "PC Keith Palmer"} <= set(keith.aliases)
    assert {a.split("_")[0] for a in keith.articles} >= {"000", "002", "003"}
    assert "Mrs Palmer" not in keith.aliases  # the widow's title keeps her apart


def test_seed_roles(seed_brief):
    story = _story(seed_brief)
    assert _person(story, "Mark Lucraft QC").role == "chief coroner"
    assert "Mr Lucraft" in _person(story, "Mark Lucraft QC").aliases
    assert _person(story, "Neil Basu").role == "assistant commissioner"
    widow = _person(story, "Michelle Palmer")
    assert widow.role == "widow" and {"Michelle", "Mrs Palmer"} <= set(widow.aliases)


def test_seed_met_is_one_organisation(seed_brief):
    story = _story(seed_brief)
    met = [o for o in story.organisations if "Scotland Yard" in o.aliases or o.name == "Scotland Yard"]
    assert len(met) == 1
    names = set(met[0].aliases) | {met[0].name}
    assert {"Met", "MPS", "Scotland Yard", "Metropolitan Police Service"} <= names
    assert not any(p.name in {"Met", "Palmer", "Masood"} for p in story.organisations)


def test_parse_name_strips_titles_keeps_suffix():
    assert parse_name("Mr Lucraft QC") == (("Lucraft",), "m", "Lucraft QC")
    assert parse_name("PC Keith Palmer’s")[0] == ("Keith", "Palmer")
    assert parse_name("Mrs Palmer")[1] == "f"


def _form(surface, role=None, gender=None):
    core, title_gender, full = parse_name(surface)
    return PersonForm(surface, core, full, gender or title_gender, role, "a")


def test_cluster_people_surname_and_first_name():
    people = cluster_people([_form("Keith Palmer"), _form("Michelle Palmer", role="widow", gender="f"),
                             _form("Pc Palmer"), _form("Keith"), _form("Mrs Palmer"), _form("Michelle")])
    by_name = {p.name: set(p.aliases) for p in people}
    assert by_name["Keith Palmer"] == {"Keith Palmer", "Pc Palmer", "Keith"}
    assert by_name["Michelle Palmer"] == {"Michelle Palmer", "Mrs Palmer", "Michelle"}


def test_cluster_people_initials():
    people = cluster_people([_form("Walter H. White"), _form("Walter White"), _form("White")])
    assert len(people) == 1


def test_cluster_people_short_first_name():
    people = cluster_people([_form("Edward J. Weiler"), _form("Ed Weiler"), _form("Weiler"), _form("Edna Weiler")])
    assert {p.name for p in people} == {"Edward J. Weiler", "Edna Weiler"}


def test_organisation_aliases_and_acronyms():
    assert org_key("the Met") == org_key("Scotland Yard") == org_key("MPS") == "Metropolitan Police Service"
    orgs = cluster_orgs([("the National Consumers League", "a"), ("NCL", "b"), ("Acme Widgets Inc", "a"),
                         ("Acme Widgets", "b")])
    assert len(orgs) == 2
    assert {o.name for o in orgs} == {"National Consumers League", "Acme Widgets Inc"}


def test_roles_from_appositions_and_titles():
    assert role_before("An inquest concluded with the coroner, ") == "coroner"
    assert role_before("Speaking after the verdict, assistant commissioner ") == "assistant commissioner"
    assert role_before("Palmer’s widow, ") == "widow"
    assert role_before("He met the minister at the door of ") is None
    assert role_after(", the chief coroner, said") == "chief coroner"
    assert role_after(", 48, was on duty") is None


def _spans(*paragraphs: str):
    """The person and organisation spans analyse/entities.py finds in an article of these paragraphs."""
    from newsfuse.analyse import analyse
    from newsfuse.analyse.entities import article_names
    from newsfuse.models import Article

    article = Article("t", None, None, None, None, paragraphs)
    analysis = analyse(article)
    return article_names(article, analysis.sentences, analysis.mentions).spans


def test_spacy_label_repair():
    spans = _spans("PC Keith Palmer was killed at the gate. Palmer, 48, was unarmed.",
                   "Later Mr Lucraft QC, the coroner, said the Met had failed. The Met declined to comment.")
    kinds = {sp.text: sp.kind for sp in spans}
    assert kinds.get("PC Keith Palmer") == "person" and kinds.get("Mr Lucraft QC") == "person"
    assert kinds.get("the Met", kinds.get("Met")) == "organisation"
    assert kinds.get("Palmer") in (None, "person")


def test_name_after_role_word_is_a_person():
    from newsfuse.analyse.entities import Span, _titled_by_role

    text = "White House spokesman Judd Deere said so. Market researcher Jupiter Communications agreed."
    deere = Span("organisation", "Judd Deere", text.index("Judd"), text.index(" said"), 0)
    jupiter = Span("organisation", "Jupiter Communications", text.index("Jupiter"), text.index(" agreed"), 1)
    assert _titled_by_role(deere, text).kind == "person"  # spaCy small reads 'Deere' as the tractor maker
    assert _titled_by_role(jupiter, text).kind == "organisation"  # its words name a firm


def test_surname_is_no_organisation_of_the_story():
    from newsfuse.align.entities import StoryNames, entity_records
    from newsfuse.analyse.entities import Named

    trump = Named("person", "Donald Trump", aliases=["Donald Trump", "Trump"], sources=["d0", "d1"])
    orgs = [Named("organisation", "Trump", aliases=["Trump"], sources=["d1", "d1"]),
            Named("organisation", "White House", aliases=["White House"], sources=["d1", "d2"])]
    people, organisations = entity_records(StoryNames([trump], orgs, ["d0", "d1", "d2"]))
    assert [p.name for p in people] == ["Donald Trump"]
    assert [o.name for o in organisations] == ["White House"]  # 'a pro-Trump rally' named no organisation


def test_names_cut_out_of_hyphenated_words_name_no_one():
    spans = _spans("President Trump spoke to the troops from his Mar-a-Lago estate in Florida after a pro-Trump rally.",
                   "Nancy Pelosi said the speech had been a disgrace.")
    texts = {sp.text for sp in spans}
    assert "Mar" not in texts and not any(sp.text == "Trump" and sp.start > 20 for sp in spans)
    assert "Nancy Pelosi" in texts


# ------------------------------------------------------------------ products, models and shops
def _people_and_orgs(*paragraphs: str) -> tuple[list[str], list[str]]:
    from newsfuse.analyse.entities import article_names
    from newsfuse.analyse.nlp import load_nlp, parse_article_docs
    from newsfuse.models import Article
    from newsfuse.settings import DEFAULT

    article = Article("t", None, None, None, None, tuple(paragraphs))
    sentences, mentions, _ = parse_article_docs(load_nlp(DEFAULT.spacy_model), article)
    names = article_names(article, sentences, mentions)
    return [p.name for p in names.people], [sp.text for sp in names.spans if sp.kind == "organisation"]


def test_products_models_and_shops_are_not_people():
    people, orgs = _people_and_orgs(
        "The Asus Vivobook Go with a Ryzen 3 7320U processor is on sale at Best Buy for $299.",
        "Asus Vivobook Go owners praised it. Best Buy said the laptop sold out.")
    assert not {"Asus Vivobook Go", "Asus Vivobook", "Ryzen 3 7320U", "Best Buy"} & set(people)
    assert "Best Buy" in orgs


def test_ordinary_names_beside_makers_are_kept():
    people, _ = _people_and_orgs(
        "FBI Director James Comey and Microsoft CEO Satya Nadella met Henry Ford III and Jane Smith on Monday.")
    assert {"James Comey", "Satya Nadella", "Henry Ford III", "Jane Smith"} <= set(people)


def test_looks_like_product():
    from newsfuse.analyse.entities import looks_like_product

    assert looks_like_product("Ryzen 3 7320U") and looks_like_product("Galaxy S23")
    assert looks_like_product("Asus Vivobook Go")
    for name in ("Henry Ford III", "Jane Smith", "Microsoft CEO Satya Nadella", "Asus", "John Paul II"):
        assert not looks_like_product(name), name


def test_victims_get_a_role_where_the_text_gives_one():
    assert role_before("The victim, ") == "victim"
    assert role_after(", a victim of the shooting, was") == "victim of the shooting"
    assert role_after(", 34, was killed") is None  # no role word: no role invented
    assert role_before("Police said ") is None


def test_a_role_runs_past_an_abbreviation_to_the_sentence_end():
    assert role_after(", son of a barber in St. Paul, was born in 1922.") == "son of a barber in St. Paul"
    assert role_after(", a spokesman for the U.S. Navy, said") == "spokesman for the U.S. Navy"
    assert role_after(", the chief coroner. He said") == "chief coroner"  # a sentence's end still ends it


def test_firms_named_like_people_are_organisations():
    from newsfuse.analyse.name_kinds import names_organisation

    assert names_organisation("Cox Newspapers") and names_organisation("Charles M. Schulz Creative Associates")
    for name in ("Janet Condron", "Emily Post", "Bob Press", "Tom Court", "Mort Walker"):
        assert not names_organisation(name), name
    people, _ = _people_and_orgs(
        "Copyright was held by Charles M. Schulz Creative Associates, said Janet Condron, the mayor.",
        "The story was filed by Cox Newspapers reporter Mike Luckovich on Tuesday.")
    assert not {"Charles M. Schulz Creative Associates", "Cox Newspapers"} & set(people), people
    assert {"Janet Condron", "Mike Luckovich"} <= set(people), people


# ---- issue 19 audit: people that are no people, a merge across a quote, a role given to someone else
def test_credit_lines_and_items_are_no_people_but_ordinary_names_are():
    from newsfuse.analyse.name_kinds import names_no_person

    assert names_no_person("Story Filed") and names_no_person("Beanie Baby") and names_no_person("Beanie Babies")
    for name in ("Boy George", "Teddy Roosevelt", "Kid Rock", "Charles Schulz", "Anne Baby Reed Jones"):
        assert not names_no_person(name), name


def test_a_town_before_a_state_is_no_person():
    from newsfuse.analyse.entities import Span, _place_before_state

    text = "He lives at home in Santa Rosa, Calif., with his wife. Jeannie Schulz, 61, said so."
    town = Span("person", "Santa Rosa", text.index("Santa"), text.index("Santa") + 10, 0, False)
    wife = Span("person", "Jeannie Schulz", text.index("Jeannie"), text.index("Jeannie") + 14, 1, False)
    assert _place_before_state(town, text) and not _place_before_state(wife, text)


def test_a_pile_place_is_no_person_but_a_one_word_name_stays():
    from newsfuse.align.entities import _a_place

    places = {"Santa Rosa", "Washington"}
    assert _a_place("Santa Rosa", places)
    assert not _a_place("Washington", places) and not _a_place("Rosa Parks", places)


def test_his_wife_belongs_to_no_name_inside_a_quote():
    from newsfuse.analyse.entities import _in_quote

    text = "His farewell said, “Charlie Brown, Snoopy, Linus, Lucy ... how can I forget them.” His wife, Jeannie, said."
    assert _in_quote(text, text.index("Lucy")) and not _in_quote(text, text.index("His wife"))
    assert not _in_quote("Lucy Smith said. His wife, Jeannie, agreed.", 0)


def test_an_indefinite_role_is_someone_new_not_the_current_speaker():
    from newsfuse.analyse.quotes import Candidate
    from newsfuse.analyse.speaker_resolve import _indefinite

    text = "“Someday, Charles, you're going to be an artist,” a kindergarten teacher told him. The teacher said so."
    assert _indefinite(text, Candidate("role", "kindergarten teacher", text.index("kindergarten")))
    assert not _indefinite(text, Candidate("role", "teacher", text.index("teacher said")))
