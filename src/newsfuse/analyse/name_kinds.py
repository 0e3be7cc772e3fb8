"""What kind of thing a capitalised name is, from its words alone (no model): a firm's name ends on a word
that no person's name ends on."""

from __future__ import annotations

# words a firm's name ends on and a surname practically never is ('Post', 'Press', 'Bank', 'Court' are
# surnames too, so they are not here: spaCy's label decides those)
ORG_HEAD_WORDS = frozenset(
    """inc inc. corp corp. co. ltd ltd. llc plc group company corporation university college institute association
    foundation council committee agency department ministry bureau services systems technologies communications
    associates partners newspapers holdings industries enterprises""".split()
)


def names_organisation(name: str) -> bool:
    """'Cox Newspapers', 'Charles M. Schulz Creative Associates': a firm, whatever label spaCy gave it."""
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in ORG_HEAD_WORDS


# head nouns of toys, collectibles and characters' kinds ('Beanie Baby', 'Cabbage Patch Kids'): a name ending on
# one is an item, not a person ('Boy George', 'Baby Face' start on them, so only the last word counts)
ITEM_HEAD_WORDS = frozenset("baby babies doll dolls kid kids toy toys bear bears figure figures".split())
# a credit line's verb ('Story Filed By Cox Newspapers', 'Photo Courtesy Of'): a name ending on it names no one
CREDIT_WORDS = frozenset("filed distributed compiled courtesy transmitted updated posted".split())
# US state abbreviations (AP style) and names after a comma: 'Santa Rosa, Calif.' is a place
US_STATES = (
    "Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|N\\.H|N\\.J|"
    "N\\.M|N\\.Y|N\\.C|N\\.D|Okla|Ore|Pa|R\\.I|S\\.C|S\\.D|Tenn|Tex|Vt|Va|Wash|W\\.Va|Wis|Wyo|Alabama|Alaska|Arizona|"
    "Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|"
    "Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|"
    "Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|"
    "Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming"
)


def names_no_person(name: str) -> bool:
    """'Story Filed' (a wire credit line), 'Beanie Baby' (a toy): a two- or more-word name ending on a credit
    verb or an item's head noun is no person, whatever label spaCy gave it."""
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in CREDIT_WORDS | ITEM_HEAD_WORDS
