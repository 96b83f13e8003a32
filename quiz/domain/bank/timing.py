"""How long the quiz takes: an estimate from the words a taker reads and the answers they give,
printed by `bank check` (and held to `MINUTES_TARGET` by `--strict`).

The model, deliberately simple and stated in the README:
- reading at 238 words a minute, the average silent reading rate of adults for non-fiction in
  English (Brysbaert, 2019, a meta-analysis of 190 studies); every prompt and every option text
  is read once, a fixed scale's labels once per section, since they repeat;
- 5 seconds per question to settle on an answer and give it, plus 1.5 seconds per written option
  to weigh it against the others;
- a question that plays clips: each clip's length twice (most takers play a clip again before
  answering);
- an option a question type adds to every question of its type ("I can't listen right now") is
  read once per section, like a fixed scale's labels, and not weighed against the answers: a
  taker knows before the question whether they can listen.
- a question whose every option is rated (a type with `rating_levels`) takes 4 seconds per option, each
  a judgement of its own on the rating levels (whose labels are read once per section, like a
  fixed scale's) - about what a rating-scale item takes beyond its reading.
Slower readers (and people reading in a second language) take longer: the README says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from quiz.domain.question_types.question import Question

WORDS_PER_MINUTE = 238
SECONDS_PER_QUESTION = 5.0
SECONDS_PER_OPTION = 1.5
SECONDS_PER_RATING = 4.0
LISTENS_PER_CLIP = 2
MINUTES_TARGET = 30.0


def _words(text: str) -> int:
    return len(text.split())


def expected_minutes(questions: Iterable[Question]) -> float:
    """The estimate for a taker who answers every active question of `questions`."""
    words, seconds, scales_read = 0, 0.0, set()
    for question in questions:
        if question.retired:
            continue
        words += _words(question.prompt)
        seconds += SECONDS_PER_QUESTION
        if question.kind.plays_clips:
            seconds += LISTENS_PER_CLIP * sum(clip.seconds for clip in question.kind.clips(question))
        levels = question.kind.rating_levels
        if levels:
            words += sum(_words(option.text) for option in question.options)
            seconds += SECONDS_PER_RATING * len(question.options)
            if (question.area, question.type) not in scales_read:  # the levels: read once per section
                scales_read.add((question.area, question.type))
                words += sum(_words(level) for level in levels)
        elif question.kind.takes_options:
            written = question.kind.written_options(question)
            words += sum(_words(option.text) for option in written)
            seconds += SECONDS_PER_OPTION * len(written)
            for added in (o for o in question.options if o not in written):  # the same on every question of its type
                if (question.area, added.text) not in scales_read:
                    scales_read.add((question.area, added.text))
                    words += _words(added.text)
        elif (question.area, question.scale) not in scales_read:  # a fixed scale: read once per section
            scales_read.add((question.area, question.scale))
            words += sum(_words(option.text) for option in question.options)
    return words / WORDS_PER_MINUTE + seconds / 60


def stated_minutes(questions: Iterable[Question]) -> int:
    """The estimate as the start page and the README say it: "about N minutes", in whole minutes."""
    return max(1, round(expected_minutes(questions)))
