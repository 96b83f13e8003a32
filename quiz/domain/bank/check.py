"""`bank check`: the bank's errors, its item-writing warnings with file:line, the test-wise cue
figures and the blueprint's gaps, and what `--strict` fails on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quiz.domain.bank import targets as blueprints
from quiz.domain.bank import timing
from quiz.domain.bank.item_writing import CueFigures, Warning, cue_figures, question_warnings
from quiz.domain.bank.loader import BLUEPRINT_FILE, MAX_QUESTIONS, BankError, LocatedBank, read_bank


@dataclass(frozen=True)
class BankCheck:
    located: LocatedBank
    warnings: list[tuple[BankError, Warning]]  # each with its file and line
    figures: CueFigures
    gaps: list[BankError]
    has_blueprint: bool
    minutes: float  # the expected time to take the quiz (`timing`)

    def lines(self) -> list[str]:
        bank = self.located.bank
        active = sum(not q.retired for q in bank.questions)
        rows = [f"OK: {len(bank.questions)} questions ({active} active, the rest retired) in "
                f"{len(bank.areas)} areas, {len(bank.topics)} topics."]
        rows += [f"{where.path}:{where.line}: warning: {where.message}" for where, _ in self.warnings]
        rows += self.figures.lines()
        rows.append(f"Expected time to take the quiz: {self.minutes:.0f} minutes "
                    f"(target at most {timing.MINUTES_TARGET:.0f}; reading and answering, see quiz/bank/timing.py).")
        if not self.has_blueprint:
            rows.append(f"Blueprint: no {BLUEPRINT_FILE}, so no topic shares to compare.")
        elif self.gaps:
            rows.append(f"Blueprint gaps ({len(self.gaps)}):")
            rows += [f"  {gap}" for gap in self.gaps]
        else:
            rows.append("Blueprint: no gaps.")
        return rows

    def strict_failures(self) -> list[str]:
        """Why `--strict` fails: a keyed question without a rationale, a cue figure past its
        target, a blueprint gap (or no blueprint), an expected time past its target."""
        missing = [w.question_id for _, w in self.warnings if w.strict]
        found = [f"{len(missing)} keyed question(s) without a rationale"] if missing else []
        found += self.figures.missed()
        if not self.has_blueprint:
            found.append(f"the bank has no {BLUEPRINT_FILE}")
        if self.gaps:
            found.append(f"{len(self.gaps)} blueprint gap(s)")
        if self.minutes > timing.MINUTES_TARGET:
            found.append(f"the quiz takes about {self.minutes:.0f} minutes, more than {timing.MINUTES_TARGET:.0f}")
        return found


def check_bank(directory: str | Path, max_questions: int = MAX_QUESTIONS) -> BankCheck:
    """Everything `bank check` reports; raises `BankInvalid` if the bank or its blueprint
    has errors."""
    located = read_bank(directory, max_questions)
    bank = located.bank
    warnings = []
    for question in bank.questions:
        if question.retired:
            continue
        for warning in question_warnings(question):
            path, line = located.where(question.id, warning.field)
            warnings.append((BankError(path, line, warning.message), warning))
    plan = blueprints.read_blueprint(directory)
    return BankCheck(located, warnings, cue_figures(bank.questions),
                     blueprints.gaps(bank, plan) if plan else [], plan is not None,
                     timing.expected_minutes(bank.questions))
