"""Time to score one attempt: on a generated 1,000-question bank and on the real bank.

Targets: under 10 ms for 1,000 questions, under 1 ms for the real bank.
Run: .venv/bin/python benchmarks/scoring.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz.domain.bank import load_bank  # noqa: E402
from quiz.domain.bank.plain import Bank  # noqa: E402
from quiz.domain.question_types import KINDS  # noqa: E402
from quiz.domain.question_types.question import Option, Question
from quiz.domain.scoring import score  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def generated_bank(real: Bank, size: int, rng: random.Random) -> Bank:
    questions = []
    steps = [s.id for s in real.next_steps]
    for i in range(size):
        area = real.areas[i % len(real.areas)].key
        kind = KINDS[i % len(KINDS)]
        if not kind.takes_options:
            options = kind.fixed_options(reverse=i % 7 == 0)
        elif kind.name == "ranking":  # items in the key order, no points
            options = tuple(Option(f"o{j}", f"Item {j}") for j in range(5))
        else:
            options = tuple(Option(f"o{j}", f"Option {j}", float(rng.randint(0, 3)) or (1.0 if j == 0 else 0.0))
                            for j in range(5))
        questions.append(Question(id=f"gen-{i}", area=area, type=kind.name, prompt=f"Question {i}",
                                  weight=rng.choice((1.0, 1.5, 2.0)), topics=("skill-technical",),
                                  next_step=rng.choice(steps), options=options))
    return Bank(areas=real.areas, questions=tuple(questions), topics=real.topics,
                resources=real.resources, next_steps=real.next_steps)


def random_answers(bank: Bank, rng: random.Random) -> dict[str, tuple[str, ...]]:
    answers = {}
    for q in bank.questions:
        if rng.random() < 0.9:
            ids = [o.id for o in q.options if not o.none]
            if q.type == "ranking":
                picked = rng.sample(ids, len(ids))
            elif q.kind.multiple:
                picked = rng.sample(ids, rng.randint(1, len(ids)))
            else:
                picked = [rng.choice(ids)]
            answers[q.id] = tuple(picked)
    return answers


def time_scoring(bank: Bank, rng: random.Random, rounds: int) -> float:
    """Median milliseconds to score one attempt."""
    answer_sets = [random_answers(bank, rng) for _ in range(rounds)]
    times = []
    for answers in answer_sets:
        start = time.perf_counter()
        score(bank, answers)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(42)
    real = load_bank(ROOT / "questions")
    big = generated_bank(real, 1000, rng)
    real_ms = time_scoring(real, rng, 500)
    big_ms = time_scoring(big, rng, 50)
    print(f"real bank ({len(real.questions)} questions): {real_ms:.3f} ms per attempt "
          f"(target < 1 ms: {'met' if real_ms < 1 else 'MISSED'}; {real_ms / 1:.2f} of target)")
    print(f"generated bank (1000 questions): {big_ms:.3f} ms per attempt "
          f"(target < 10 ms: {'met' if big_ms < 10 else 'MISSED'}; {big_ms / 10:.2f} of target)")


if __name__ == "__main__":
    main()
