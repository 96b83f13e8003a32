"""The statistics engine, pure Python (no Flask, no database, nothing else of the app): the
measurement model behind the report (`measurement`), item statistics for instructors
(`items`), area norms (`norms`) and the F distribution they use (`f_distribution`)."""
