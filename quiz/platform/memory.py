"""The garbage collector's setting for a process that serves the quiz.

CPython's cyclic collector runs a young collection every 700 new container objects (lists,
dicts, objects). A request for a page of many questions creates thousands that live until the
request ends, so collections in the middle of it move them on to the oldest generation, and
every few such requests a full collection walks everything the process holds - the bank and its
caches, which grow with the bank. A page's cost per question doubled from 10 to 100 times the
bank that way (issue 27). With a young generation larger than a request creates, a request's
objects are freed by reference counting when it ends, before any collection has moved them;
the young generation still catches cycles, later.
"""

from __future__ import annotations

import gc

# A section page of 1,400 questions, or its submit, creates under 10,000; a real page under 500.
YOUNG_GENERATION = 50_000


def keep_requests_young() -> None:
    """Collect the young generation every YOUNG_GENERATION new objects (never more often)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_GENERATION), middle, old)
