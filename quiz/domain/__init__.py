"""The domain, the bottom floor: the question bank, the question types, scoring, statistics and
results, in pure Python. Nothing here imports Flask, SQLAlchemy, `quiz.platform` or `quiz.web`
(tests/test_layering.py checks every import)."""
