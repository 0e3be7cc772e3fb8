"""Moved to newsfuse.text.lexical (shared by the summary and align); kept so that old imports still work."""

from ..text.lexical import *  # noqa: F403
from ..text.lexical import NUMBER, STOP, TOKEN, idf, numbers, stem, stems, tokens, word_count  # noqa: F401
