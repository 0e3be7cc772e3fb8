"""Conflicts versus compatible variants: constructed pairs, value rules, and no false alarms on the seeds."""

from __future__ import annotations

import pytest

from newsfuse.models import Article

CONFLICTS = [
    ("age", "PC Keith Palmer, 48, was stabbed by Khalid Masood outside parliament.",
     "PC Keith Palmer, 47, was stabbed by Khalid Masood outside parliament."),
    ("age", "Palmer was 48 years old when he died.", "Palmer was 47 years old when he died."),
    ("date", "Khalid Masood stabbed the officer on 22 March 2017 outside parliament.",
     "Khalid Masood stabbed the officer on 23 March 2017 outside parliament."),
    ("number", "Five people were killed in the attack on Westminster Bridge.",
     "Six people were killed in the attack on Westminster Bridge."),
    ("agent", "The gunman was shot dead by police outside the station.",
     "The gunman was shot dead by a soldier outside the station."),
    ("number", "Officials said more than 15,000 new cases were reported in Florida on Sunday.",
     "Officials said 13,300 new cases were reported in Florida on Sunday."),
]
VARIANTS = [
    ("number", "About 500 people attended the vigil in Trafalgar Square.",
     "512 people attended the vigil in Trafalgar Square."),
    ("date", "The attack on Westminster happened in March 2017.",
     "The attack on Westminster happened on 22 March 2017."),
    ("name", "The coroner, Mark Lucraft, ruled that the five victims were unlawfully killed.",
     "The coroner, Mark Lucraft QC, ruled that the five victims were unlawfully killed."),
    ("number", "The council spent £2 million on the new bridge in Leeds.",
     "The council spent £2.04 million on the new bridge in Leeds."),
    ("number", "Around 1,000 protesters marched through central London on Saturday.",
     "1,013 protesters marched through central London on Saturday."),
    ("agent", "Masood was shot dead by a police officer.",
     "Masood was shot dead by a plainclothes close protection officer."),
]


def _discrepancies(a: str, b: str):
    from newsfuse.align.conflicts import find_discrepancies
    from newsfuse.align.facts import claim_refs
    from newsfuse.analyse import analyse_many

    analyses = analyse_many([Article("a", None, None, "Outlet A", None, (a,)),
                             Article("b", None, None, "Outlet B", None, (b,))])
    return find_discrepancies(claim_refs(analyses))


@pytest.mark.parametrize("kind,a,b", CONFLICTS)
def test_real_conflicts_are_caught(kind, a, b):
    conflicts, _variants = _discrepancies(a, b)
    assert [d.kind for d in conflicts] == [kind]
    sides = conflicts[0].sides
    assert len(sides) == 2 and {s.sources for s in sides} == {("a",), ("b",)}
    assert all(s.value and s.text for s in sides)


@pytest.mark.parametrize("kind,a,b", VARIANTS)
def test_compatible_differences_are_variants_not_conflicts(kind, a, b):
    conflicts, variants = _discrepancies(a, b)
    assert not conflicts
    assert kind in {d.kind for d in variants}


def test_same_outlet_is_never_in_conflict_with_itself():
    from newsfuse.align.conflicts import find_discrepancies
    from newsfuse.align.facts import claim_refs
    from newsfuse.analyse import analyse_many

    analyses = analyse_many([Article("a", None, None, "BBC", None, ("Five people were killed in the attack.",)),
                             Article("b", None, None, "BBC", None, ("Six people were killed in the attack.",))])
    assert find_discrepancies(claim_refs(analyses)) == ((), ())


@pytest.mark.parametrize("x,y,relation", [
    ("2017-03-22", "2017-03-23", "conflict"), ("2017-03", "2017-03-22", "variant"), ("--03-22", "2017-03-22", "variant"),
    ("2018-10", "2018-11", "conflict"), ("2017-03-22", "2017-03-22", "same"),
])
def test_dates_relation(x, y, relation):
    from newsfuse.align.conflicts import dates_relation

    assert dates_relation(x, y) == relation


@pytest.mark.parametrize("va,ha,vb,hb,conflict", [
    ("500", "~", "512", "", False), ("15000", ">", "13300", "", True), ("15000", ">", "15300", "", False),
    ("100", "<", "120", "", True), ("2000000", "", "2040000", "", False), ("5", "", "6", "", True),
    ("52-48", "", "53-47", "", True),
])
def test_figures_relation(va, ha, vb, hb, conflict):
    from newsfuse.align.conflicts import figures_relation

    assert figures_relation(va, ha, vb, hb)[1] is conflict


def test_seeds_have_no_false_conflicts_and_the_officer_variant(seed_brief):
    story = next(s for s in seed_brief.stories if len(s.articles) >= 3)
    assert story.conflicts == ()  # "one of five people killed" and "also murdered four" agree
    officer = [d for d in story.variants if any("close protection officer" in s.value for s in d.sides)]
    assert officer, story.variants
    values = {s.value for s in officer[0].sides}
    assert {"a police officer", "a close protection officer"} <= values


@pytest.mark.parametrize("a,b", [
    # different doers: two different death tolls, not one disputed figure
    ("Storms killed more than 100 people in the region last month.",
     "Last year, 12 people were killed and 48 injured by the explosives in the region."),
    # different places named: two different counts
    ("In southern Namibia, about 5,000 people were displaced by the floods.",
     "In Mozambique, about two million people were displaced by the floods."),
    # the sayer is not the doer: 'the campaign told' does not make the campaign the agent of the figure
    ("Thirty-five percent of the staff are people of color, the campaign told reporters.",
     "Thirty-five percent of the staff are people of color, according to figures released on Sunday."),
])
def test_different_events_are_not_conflicts(a, b):
    conflicts, _variants = _discrepancies(a, b)
    assert conflicts == ()


def test_wire_datelines_are_not_claimed_dates():
    conflicts, _variants = _discrepancies(
        "UNITED NATIONS, March 8 (Xinhua) -- The U.N. appealed for aid to Mozambique after the floods.",
        "UNITED NATIONS, May 1 (Xinhua) -- The U.N. appealed for aid to Mozambique after the floods.")
    assert conflicts == ()


def test_predicate_buckets_keep_every_pair_same_frame_accepts(seed_articles):
    """predicate_pairs only skips pairs same_frame would reject: on the seed story, every accepted pair of
    the plain all-pairs loop is among them, in the same order."""
    from newsfuse.align.conflicts import predicate_pairs, same_frame
    from newsfuse.align.facts import Weigher, claim_refs
    from newsfuse.analyse import analyse_many

    refs = claim_refs(analyse_many([seed_articles[k] for k in ("000", "002", "003", "004")]))
    weigher = Weigher(refs)
    accepted = [(i, j) for i in range(len(refs)) for j in range(i + 1, len(refs))
                if same_frame(refs[i], refs[j], weigher)]
    kept = predicate_pairs(refs)
    assert accepted and set(accepted) <= set(kept)
    assert len(kept) < len(refs) * (len(refs) - 1) // 4  # most pairs are never compared
    assert kept == sorted(kept)
