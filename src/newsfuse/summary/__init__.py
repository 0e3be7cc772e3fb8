"""The summary stage in parts: lexical features, sentence quality, selection, ordering, an optional LLM pass.

`newsfuse.summarize.summarize` is the entry point the brief stage calls.
"""
