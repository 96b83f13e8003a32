"""A quiz with attempts in every state whose pages have all been visited, twice, on every server:
whatever any server caches is warm. What each page showed then is kept, to hold the pages to it
after an instructor changes the bank."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from quiz.domain.question_types.question import Question
from quiz.web.instructor.forms import question_data
from tests.caching.pages import Attempt, Review, ShownQuestion, Site, contrary_pick, picking, scores
from tests.instructors import form_fields

SCENARIO = "tech-scn-interface-fails"  # a single choice shown in an order of each attempt's own
CHOSEN = {SCENARIO: ["c"]}  # 1 of its 3 points: a gap in the report, which names the question
RANKING = "tech-rank-signal-chain"  # on SCENARIO's page, also in an order of each attempt's own
SHUFFLED = (RANKING, SCENARIO)
NEW_PROMPT = "The interface crackles ten minutes before the first take. Your first move?"
NEW_C_TEXT = "Swap to the backup interface at once and keep the singer warm."
NEW_LABEL = "Crackles ten minutes before the take"  # what a report names the question by

Contents = dict[str, tuple[str, dict[str, str]]]  # question id -> (prompt, option id -> label)


def scenario_edit(scenario: Question) -> dict:
    """The question form's data for an edit of SCENARIO: reworded and relabelled, and its
    option c reworded and worth full points."""
    data = question_data(scenario)
    data["prompt"] = NEW_PROMPT
    data["label"] = NEW_LABEL
    data["options"][0]["points"] = "0"
    data["options"][2].update(text=NEW_C_TEXT, points="3")
    return form_fields(data) | {"save": "Save question"}


def edited(before: Contents) -> Contents:
    """What a new attempt is asked after `scenario_edit`."""
    texts = before[SCENARIO][1]
    return before | {SCENARIO: (NEW_PROMPT, {**texts, "c": NEW_C_TEXT})}


def contents(questions: dict[str, ShownQuestion]) -> Contents:
    """What a question says, leaving out the order of its options (each attempt's own)."""
    return {qid: (q.prompt, dict(sorted(q.texts.items()))) for qid, q in questions.items()}


def question_count(start_page: str) -> int:
    return int(re.search(r"asks (\d+) questions", start_page).group(1))


def orders(questions: dict[str, ShownQuestion]) -> dict[str, list[str]]:
    """The order a page shows the options of the shuffled questions in."""
    return {qid: questions[qid].order for qid in SHUFFLED}


def chosen(questions: dict[str, ShownQuestion]) -> dict[str, set[str]]:
    """What a page shows chosen for the shuffled questions."""
    return {qid: set(questions[qid].chosen) for qid in SHUFFLED}


def two_orders_and_a_third(attempts: list[Attempt], seen: dict[str, dict]) -> tuple[Attempt, ...]:
    """Two attempts shown the ranking in different orders, and another one; `seen` holds the
    orders each was shown, by token. Orders are an attempt's own, so some differ."""
    for qid in SHUFFLED:
        assert len({tuple(order[qid]) for order in seen.values()}) > 1, f"every attempt orders {qid} alike"
    first = attempts[0]
    second = next(a for a in attempts if seen[a.token][RANKING] != seen[first.token][RANKING])
    return first, second, next(a for a in attempts if a not in (first, second))


def answer_shuffled(attempt: Attempt, number: int, reverse: bool) -> dict[str, set[str]]:
    """Answer only the shuffled questions on page `number`, differently for `reverse`; what
    was posted."""
    shown = attempt.section(number)
    items = sorted(shown[RANKING].order, reverse=reverse)
    given = {RANKING: {f"{item}:{i}" for i, item in enumerate(items, start=1)},
             SCENARIO: {sorted(shown[SCENARIO].order, reverse=reverse)[0]}}
    attempt.answer(number, lambda qid, question: sorted(given.get(qid, ())))
    return given


NOTHING_CHOSEN = dict.fromkeys(SHUFFLED, set())


@dataclass
class Shown:
    """What one server showed of the quiz."""

    questions: dict[str, dict[str, ShownQuestion]] = field(default_factory=dict)  # by attempt token
    reviews: dict[str, Review] = field(default_factory=dict)
    reports: dict[str, tuple[str, dict]] = field(default_factory=dict)  # HTML, JSON
    question_count: int = 0  # on the start page


@dataclass
class WarmQuiz:
    """`finished` and `contrary` are finished with different answers; `in_progress` has answered
    every question like `finished` but is not finished; `untouched` has answered nothing."""

    servers: tuple[Callable[[], Site], ...]  # each makes a new browser on its server
    finished: Attempt
    contrary: Attempt
    in_progress: Attempt
    untouched: Attempt
    shown: list[Shown] = field(default_factory=list)  # per server

    @classmethod
    def build(cls, *servers: Callable[[], Site]) -> WarmQuiz:
        # Started on each server in turn, so each has served a start too.
        finished, contrary, in_progress, untouched = (Attempt.start(servers[i % len(servers)]())
                                                      for i in range(4))
        finished.answer_all(picking(CHOSEN))
        contrary.answer_all(contrary_pick)
        in_progress.answer_all(picking(CHOSEN))
        finished.finish()
        contrary.finish()
        quiz = cls(servers, finished, contrary, in_progress, untouched)
        quiz.shown = [quiz.visit(server) for server in range(len(servers))]
        figures = {token: scores(json) for token, (_, json) in quiz.shown[0].reports.items()}
        assert figures[finished.token] != figures[contrary.token]
        for server, shown in enumerate(quiz.shown):
            assert quiz.visit(server) == shown, "a warm page differs from the cold one"
        return quiz

    @property
    def unfinished(self) -> tuple[Attempt, ...]:
        return self.in_progress, self.untouched

    def on(self, server: int, attempt: Attempt) -> Attempt:
        return attempt.on(self.servers[server]())

    def visit(self, server: int) -> Shown:
        """Every page of every attempt on one server."""
        site = self.servers[server]()
        shown = Shown(question_count=question_count(site.get("/")))
        for attempt in self.unfinished:
            here = attempt.on(site)
            shown.questions[attempt.token] = here.all_questions()
            shown.reviews[attempt.token] = here.review()
        # Each shows its own answers: every question answered, or none.
        assert all(q.chosen for q in shown.questions[self.in_progress.token].values())
        assert not any(q.chosen for q in shown.questions[self.untouched.token].values())
        for attempt in (self.finished, self.contrary):
            here = attempt.on(site)
            report = here.report()
            assert f"/report/{attempt.token}.json" in report, "a report page shows another attempt's report"
            shown.reports[attempt.token] = report, here.report_json()
        return shown

    def assert_old_attempts_unchanged(self) -> None:
        """On every server, each attempt started before the change shows exactly what it did:
        the same questions, options, order and answers, the same review and the same report."""
        for server, before in enumerate(self.shown):
            now = self.visit(server)
            assert now.questions == before.questions, f"server {server}: an old attempt's questions changed"
            assert now.reviews == before.reviews, f"server {server}: an old attempt's review changed"
            assert now.reports == before.reports, f"server {server}: a finished report changed"

    def assert_in_progress_scored_as_started(self, server: int = 0) -> None:
        """`in_progress`, finished now, is scored by the versions it started with: its answers
        are `finished`'s, so its report's figures are too."""
        attempt = self.on(server, self.in_progress)
        attempt.finish()
        assert scores(attempt.report_json()) == scores(self.shown[server].reports[self.finished.token][1])

    def new_attempt(self, server: int = 0) -> Attempt:
        return Attempt.start(self.servers[server]())

    def before(self, server: int = 0) -> Contents:
        """What a new attempt was asked before the change."""
        return contents(self.shown[server].questions[self.untouched.token])
