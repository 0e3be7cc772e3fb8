"""Text utilities no stage owns: tokens, light stems, stop words, IDF and numbers (lexical), and the sentence
rules (rules) that the summary, the citations and the facts all apply, and month, weekday and scale words
(dates). In: plain strings; out: tokens, stems, sets and booleans. Nothing here imports a pipeline stage."""
