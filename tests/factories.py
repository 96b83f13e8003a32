"""Small builders for banks, questions and attempts, with defaults and **overrides."""

from __future__ import annotations

from quiz.domain import audio
from quiz.domain.bank.plain import Area, Bank, NextStep, Resource
from quiz.domain.question_types.listening import CANT_LISTEN
from quiz.domain.question_types.question import Option, Question
from quiz.domain.question_types.self_rating import scale_options

AREA_KEYS = ("musicianship", "collaboration", "technical", "creativity", "business", "experience")


def areas() -> tuple[Area, ...]:
    return tuple(Area(k, k.title(), f"About {k}.") for k in AREA_KEYS)


def rating(qid: str, area: str = "technical", reverse: bool = False, **kw) -> Question:
    return Question(id=qid, area=area, type="self_rating", prompt=f"I am good at {qid}.",
                    topics=("skill-technical",), options=scale_options(reverse),
                    reverse=reverse, **kw)


def choice(qid: str, area: str = "technical", points=(3, 1, 0), **kw) -> Question:
    options = tuple(Option(chr(ord("a") + i), f"Option {i}", p, f"Feedback {i}")
                    for i, p in enumerate(points))
    return Question(id=qid, area=area, type="single_choice", prompt=f"What would you do in {qid}?",
                    topics=("skill-technical",), options=options, **kw)


def checklist(qid: str, area: str = "experience", points=(1, 1, 2), **kw) -> Question:
    options = tuple(Option(f"item{i}", f"Item {i}", p) for i, p in enumerate(points))
    options += (Option("none", "None of these", 0, none=True),)
    return Question(id=qid, area=area, type="checklist", prompt=f"Which of {qid} have you done?",
                    topics=("career-own-projects",), options=options, **kw)


def ranking(qid: str, area: str = "business", items: int = 4, **kw) -> Question:
    """Items a..d (for 4) whose key order is a, b, c, d."""
    options = tuple(Option(chr(ord("a") + i), f"Step {i}", 0, f"Why step {i}") for i in range(items))
    return Question(id=qid, area=area, type="ranking", prompt=f"Put the steps of {qid} in order.",
                    topics=("resp-budget",), options=options, **kw)


def listening(qid: str, stimulus: dict, area: str = "technical", **kw) -> Question:
    """A listening question keyed by its stimulus: the right answer 1 point, the others what the
    kind says (nothing, or half for a chord with the right third)."""
    parsed = audio.from_dict(stimulus)
    kind = audio.kind_of(parsed)
    options = tuple(Option(a, a.title(), kind.credit(parsed, a), f"Feedback {a}") for a in kind.answers)
    return Question(id=qid, area=area, type="listening", prompt=f"What do you hear in {qid}?",
                    topics=("skill-critical-listening",), options=(*options, CANT_LISTEN),
                    stimulus=parsed, **kw)


def rated(qid: str, area: str = "collaboration", keys=(4, 3, 1), **kw) -> Question:
    """Responses a, b, c, ... to rate, keyed `keys` (1 a poor idea .. 4 a very good idea)."""
    options = tuple(Option(chr(ord("a") + i), f"Response {i}", key_rating=key, rationale=f"Why {i}")
                    for i, key in enumerate(keys))
    return Question(id=qid, area=area, type="rate_options", prompt=f"What do you make of {qid}?",
                    topics=("rel-trust-respect",), options=options, **kw)


def bank(*questions: Question, next_steps=(), resources=()) -> Bank:
    return Bank(areas=areas(), questions=tuple(questions), next_steps=tuple(next_steps),
                resources=tuple(resources))


def step(sid: str, area: str = "technical", resource: str | None = None) -> NextStep:
    return NextStep(sid, area, f"Do {sid}", f"Details of {sid}", resource)


def resource(rid: str = "book") -> Resource:
    return Resource(rid, f"Book {rid}", "An Author", "Good for things.")


def best_option(question: Question) -> list[str]:
    """The form values that earn a question's full points."""
    return question.kind.form_values(question, question.kind.best_answer(question))


def worst_option(question: Question) -> list[str]:
    """Form values that earn a question's fewest points."""
    if question.type == "ranking":
        return question.kind.form_values(question, [o.id for o in reversed(question.options)])
    if question.kind.rating_levels:  # each response rated at the far end of the scale from its key
        top = len(question.kind.rating_levels)
        return [f"{o.id}:{1 if o.key_rating > top / 2 else top}" for o in question.options]
    if question.kind.multiple:
        return [next(o.id for o in question.options if o.none or o.points == 0)] \
            if any(o.none or o.points == 0 for o in question.options) else []
    return [min(question.options, key=lambda o: o.points).id]


def many_questions_yaml(count: int, area: str = "technical", prefix: str = "bulk") -> str:
    """An area file of `count` short self-rating questions, for imports near the size limits."""
    items = "".join(f"  - id: {prefix}-{i:05d}\n    type: self_rating\n"
                    f"    prompt: I can do bulk task {i}.\n    topics: [skill-technical]\n"
                    for i in range(count))
    return f"area: {area}\nquestions:\n{items}"
