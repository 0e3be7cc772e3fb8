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
