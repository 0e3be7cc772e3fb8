"""The summary stage in parts: sentence quality (quality), selection (select), ordering (order) and an optional
LLM pass (llm); tokens, stems and the sentence rules it shares with align live in newsfuse.text.

In: a story's ArticleAnalysis records and its SupportIndex (align). Out: SummarySentence records, each
citing every article the align stage's decision says supports it (`newsfuse.summarize.summarize`, which the
brief stage calls).
"""
