"""The statistics engine, pure Python (no Flask, no database, nothing else of the app): the
measurement model behind the report (`measurement`: scores, ranges, change, the shape of a
profile; `conditional_error`: the error at each score's level; `inference`: p-values, Holm,
Benjamini-Hochberg and the chances the report words; `standing`: self-view against scenarios
among takers; `equivalence`: the producer's balance), item statistics for instructors
(`items`), area norms (`norms`) and the F distribution they use (`f_distribution`)."""
