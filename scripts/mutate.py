"""Mutation testing of the core modules with mutmut 3, one module at a time against only its own
fast tests, and a table of the scores after excluding the equivalent mutants.

    make mutate                                     # every core module (about half an hour)
    .venv/bin/python scripts/mutate.py quiz/web/taking/attempts.py --max-children 2
    .venv/bin/python scripts/mutate.py --show quiz.web.taking.attempts.x_parse_section__mutmut_11

Each module gets its own mutmut working directory, .mutmut/<module>/, holding links to the
project and a pyproject.toml with that module's [tool.mutmut] settings, so each module keeps its
own mutants/ copy and the test selection of one never touches another's results. Every run starts
from scratch (mutmut would keep a mutant's earlier verdict even when the tests have changed since),
except with --survivors, which tests only the last run's survivors again: quick while writing tests
to kill them, though a test that only now reaches a function may go unseen, so take the table from a
full run; --report prints the last table again.
A script for people, not part of `make test` or CI.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutmut"
EQUIVALENTS = ROOT / "tests" / "mutation" / "equivalent.toml"
TARGET_SCORE = 95.0

# Each core module (a path or a glob) and the fast tests that guard it. Never the browser tests
# or the ones that start a server: each mutant runs the tests that reach its function.
# A module or test path that does not exist (yet) is skipped with a note.
CORE_MODULES: dict[str, list[str]] = {
    "quiz/domain/scoring.py": ["tests/domain/test_scoring.py", "tests/domain/test_scoring_weights.py", "tests/domain/test_verdicts.py",
                        "tests/domain/statistics/test_measurement.py", "tests/domain/test_first_screen.py",  # answer_levels lives in scoring
                        "tests/domain/statistics/test_true_score.py"],  # the areas' and the overall belief
    "quiz/domain/statistics/measurement.py": ["tests/domain/statistics/test_measurement.py", "tests/domain/statistics/test_measurement_edges.py",
                                       "tests/domain/test_verdicts.py"],
    "quiz/domain/statistics/conditional_error.py": ["tests/domain/statistics/test_measurement.py"],
    "quiz/domain/statistics/inference.py": ["tests/domain/statistics/test_measurement_edges.py", "tests/domain/test_verdicts.py"],
    "quiz/domain/statistics/standing.py": ["tests/domain/test_verdicts.py"],
    "quiz/domain/statistics/equivalence.py": ["tests/domain/statistics/test_measurement_edges.py", "tests/domain/test_verdicts.py"],
    "quiz/domain/statistics/items.py": ["tests/web/instructor/test_stats.py", "tests/web/instructor/test_statistics.py",
                                 "tests/domain/statistics/test_measurement.py",  # the self-view and tested parts, norms
                                 "tests/domain/statistics/test_too_few_attempts.py"],  # minimum counts, alpha's cut-offs
    "quiz/domain/bank/rules.py": ["tests/domain/bank/test_rules.py", "tests/domain/bank/test_loader.py"],
    "quiz/domain/question_types/**/*.py": ["tests/domain/question_types", "tests/domain/test_scoring.py", "tests/domain/bank/test_rules.py"],
    "quiz/web/taking/attempts.py": ["tests/web/taking", "tests/web/groups/test_joining.py",  # joining: group and name kept
                                "tests/caching/test_fresh_pages.py"],  # cached sections are per attempt
    # Not quiz/platform/sqlite.py: all it holds now is one event listener, and mutmut does not mutate a
    # decorated function, so it has no mutants (tests/platform/test_database_settings.py reads its pragmas).
}

# Tests left out of every run though their module is selected, because each mutant that reaches
# them would pay seconds for them: property tests of 150 generated cases (about 3 s a run, against
# a few ms for a hand-worked test) and the bank-size limits, which write and load a 1,000-question
# bank. The hand-worked tests of the same module must kill what they would.
SLOW_TESTS = ["tests/domain/test_scoring.py::test_scores_stay_within_0_and_100",
              "tests/domain/test_scoring.py::test_improving_one_answer_never_lowers_its_area",
              "tests/domain/bank/test_loader.py::test_a_bank_past_the_question_limit_is_refused_whole",
              "tests/domain/bank/test_loader.py::test_a_bank_at_the_question_limit_loads"]

# The tests that start gunicorn (through devserver/live_server.py) take seconds each: never selected.
SERVER_TEST_MARK = "devserver.live_server import"

# What the app and the tests read from beside the package (create_app uses ROOT / "templates",
# the fixtures load ROOT / "questions", server tests import devserver/, the measurement tests
# simulation/); mutmut copies the package and tests/ by itself.
APP_FILES = ["templates", "static", "questions", "migrations", "devserver", "simulation"]

KILLED = {"killed", "timeout", "segfault", "caught by type check"}
SURVIVED = {"survived", "no tests"}  # "no tests": no selected test even reaches the function


@dataclass
class Outcome:
    module: str
    statuses: dict[str, str] = field(default_factory=dict)  # mutant name -> mutmut status
    equivalent: set[str] = field(default_factory=set)
    error: str = ""

    def named(self, kinds: set[str]) -> list[str]:
        return sorted(name for name, status in self.statuses.items()
                      if status in kinds and name not in self.equivalent)

    @property
    def unchecked(self) -> list[str]:
        """Mutants that ended neither killed nor survived: an unfinished run or a setup problem."""
        return self.named(set(self.statuses.values()) - KILLED - SURVIVED)

    @property
    def score(self) -> float:
        counted = len(self.statuses) - len(self.equivalent)
        return 100.0 * len(self.named(KILLED)) / counted if counted else 100.0


def dotted(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".")


def mutant_prefix(module: str) -> str:
    """How mutmut's names of this module's mutants start: a package by its name, without "__init__"."""
    return dotted(module).removesuffix(".__init__") + "."


def work_dir(module: str) -> Path:
    return WORK / dotted(module).removeprefix("quiz.")


def has_functions(path: Path) -> bool:
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
               for node in ast.walk(ast.parse(path.read_text())))


def selected_modules(requested: list[str]) -> list[tuple[str, list[str]]]:
    """(module, existing test paths) for each module to run, printing what is skipped and why."""
    chosen, without_mutants = [], set()
    for pattern, tests in CORE_MODULES.items():
        # A package's __init__.py counts when it holds code (a question type's class lives in its folder's).
        modules = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern)
                         if p.name != "__init__.py" or "\nclass " in p.read_text())
        if not modules:
            print(f"note: skipping {pattern}: no such module yet")
        for module in modules:
            if requested and module not in requested:
                continue
            if not has_functions(ROOT / module):
                # mutmut mutates only the code inside functions and methods: a module of names alone
                # (question_types/registry.py, the dict the package fills) has no mutants, and mutmut
                # would stop with "could not find any test case for any mutant"
                print(f"note: skipping {module}: no function or method, so no mutants")
                without_mutants.add(module)
                continue
            present = [t for t in tests if (ROOT / t).exists()]
            for missing in sorted(set(tests) - set(present)):
                print(f"note: {module}: test path {missing} does not exist yet, left out")
            if present:
                chosen.append((module, present))
            else:
                print(f"note: skipping {module}: none of its tests exist yet")
    unknown = set(requested) - {module for module, _ in chosen} - without_mutants
    if unknown:
        sys.exit(f"not a core module with tests: {', '.join(sorted(unknown))} (see CORE_MODULES)")
    return chosen


def server_tests(tests: list[str]) -> list[str]:
    """The test modules under these paths that start a server, to be left out."""
    files = [f for t in tests for f in ([ROOT / t] if t.endswith(".py") else (ROOT / t).rglob("test_*.py"))]
    return sorted(str(f.relative_to(ROOT)) for f in files if SERVER_TEST_MARK in f.read_text())


def toml_list(values: list[str]) -> str:
    return json.dumps(values)  # a JSON array of plain strings is a valid TOML array


def prepare(module: str, tests: list[str]) -> Path:
    """A fresh mutmut working directory for one module: links to the project, and the project's
    pyproject.toml (mutmut copies it beside the tests, for pytest) plus this module's settings."""
    directory = work_dir(module)
    slow = server_tests(tests)
    for path in slow:
        print(f"note: leaving out {path}: it starts a server")
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for name in ["quiz", "tests", *APP_FILES]:
        (directory / name).symlink_to(ROOT / name, target_is_directory=True)
    settings = f"""
[tool.mutmut]
source_paths = ["quiz"]
only_mutate = {toml_list([module])}
also_copy = {toml_list(APP_FILES)}
pytest_add_cli_args_test_selection = {toml_list(tests + [f"--ignore={path}" for path in slow]
                                                + [f"--deselect={test}" for test in SLOW_TESTS])}
use_git_change_detection = false
"""
    (directory / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text() + settings)
    return directory


def mutmut(directory: Path, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=directory,
                          capture_output=capture, text=True, check=False)


def statuses(directory: Path) -> dict[str, str]:
    """Every mutant's status, from `mutmut results --all true` ("    name: status" lines)."""
    listing = mutmut(directory, "results", "--all", "true", capture=True)
    if listing.returncode != 0:
        sys.exit(f"mutmut results failed in {directory}:\n{listing.stderr}")
    pairs = (line.strip().rsplit(": ", 1) for line in listing.stdout.splitlines() if ": " in line)
    return {name: status for name, status in pairs}


def mutated_line(directory: Path, name: str) -> str:
    """What the mutant puts in place: the "+" lines of `mutmut show`, stripped, or "removed: "
    and the "-" lines when it only takes something out (an argument, a list item)."""
    diff = mutmut(directory, "show", name, capture=True).stdout.splitlines()[3:]  # after the headers
    added = [line[1:].strip() for line in diff if line.startswith("+")]
    removed = [line[1:].strip() for line in diff if line.startswith("-")]
    return " ".join(added) if added else "removed: " + " ".join(removed)


def load_equivalents() -> list[dict]:
    if not EQUIVALENTS.exists():
        return []
    entries = tomllib.loads(EQUIVALENTS.read_text()).get("equivalent", [])
    for entry in entries:
        if set(entry) != {"mutant", "mutated", "reason"} or not entry["reason"].strip():
            sys.exit(f"{EQUIVALENTS}: each [[equivalent]] needs exactly mutant, mutated and reason: {entry}")
    return entries


def exclude_equivalents(outcome: Outcome, directory: Path, entries: list[dict]) -> list[str]:
    """Mark the listed equivalent mutants of this module; return complaints about stale entries.
    Mutant numbers shift when a function changes, so an entry only counts while its mutant still
    makes the same change (`mutated`) and still survives."""
    problems = []
    for entry in entries:
        name = entry["mutant"]
        if not name.startswith(mutant_prefix(outcome.module)):
            continue
        status = outcome.statuses.get(name)
        if status is None:
            problems.append(f"{name}: no such mutant any more")
        elif (line := mutated_line(directory, name)) != entry["mutated"]:
            problems.append(f"{name}: now mutates to {line!r}, not {entry['mutated']!r}")
        elif status not in SURVIVED:
            problems.append(f"{name}: listed as equivalent but {status}")
        else:
            outcome.equivalent.add(name)
    return problems


def run_module(module: str, tests: list[str], max_children: int | None, equivalents: list[dict],
               mode: str) -> Outcome:
    """Run mutmut on one module (mode "all": afresh; "survivors": only the last run's survivors
    again; "none": just read the last run) and sort its mutants' verdicts."""
    print(f"\n=== {module}: mutants tested by {' '.join(tests)}", flush=True)
    outcome = Outcome(module)
    directory = prepare(module, tests) if mode == "all" else work_dir(module)
    if mode != "all" and not (directory / "mutants").exists():
        outcome.error = "no earlier run of this module"
        return outcome
    if mode != "none":
        names = [name for name, status in statuses(directory).items()
                 if status in SURVIVED] if mode == "survivors" else []
        limit = ["--max-children", str(max_children)] if max_children else []
        # mutmut runs again the mutants it is given by name, and otherwise only unchecked ones
        if mutmut(directory, "run", *limit, *names).returncode != 0:
            outcome.error = "mutmut run failed (its output is above)"
            return outcome
    outcome.statuses = statuses(directory)
    for problem in exclude_equivalents(outcome, directory, equivalents):
        print(f"stale entry in {EQUIVALENTS.relative_to(ROOT)}: {problem}")
    return outcome


def report(outcomes: list[Outcome]) -> None:
    print("\n| module | mutants | killed | survived | excluded as equivalent | score |")
    print("|---|---:|---:|---:|---:|---:|")
    for o in outcomes:
        if o.error:
            print(f"| `{o.module}` | {o.error} | | | | |")
            continue
        print(f"| `{o.module}` | {len(o.statuses)} | {len(o.named(KILLED))} | {len(o.named(SURVIVED))}"
              f" | {len(o.equivalent)} | {o.score:.1f} % |")
    print(f"\nscore = killed / (mutants - equivalent); target >= {TARGET_SCORE:.0f} % per module."
          " Timeouts count as killed; 'no tests' (no selected test reaches the function) as survived.")
    for o in outcomes:
        survivors = o.named(SURVIVED)
        if survivors:
            print(f"\nSurvived in {o.module} ({len(survivors)}):")
            for name in survivors:
                print(f"  {name}" + ("  (no tests)" if o.statuses[name] == "no tests" else ""))
        if o.unchecked:
            print(f"\nNOT CHECKED in {o.module} (the run stopped or could not test them; not a verdict):")
            for name in o.unchecked:
                print(f"  {name}: {o.statuses[name]}")
    print("\nSee a mutant's change: .venv/bin/python scripts/mutate.py --show NAME"
          " (runs `mutmut show NAME` in the module's .mutmut/ directory).")
    print(f"An equivalent mutant (one that cannot change behaviour) goes in {EQUIVALENTS.relative_to(ROOT)}"
          " with the line it puts in place and a one-line reason.")


def show(name: str) -> int:
    for pattern in CORE_MODULES:
        for path in ROOT.glob(pattern):
            module = str(path.relative_to(ROOT))
            if name.startswith(mutant_prefix(module)) and (work_dir(module) / "mutants").exists():
                return mutmut(work_dir(module), "show", name).returncode
    print(f"no mutation run has made {name}; run scripts/mutate.py on its module first")
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="core modules to test (default: all in CORE_MODULES)")
    parser.add_argument("--max-children", type=int, help="parallel test processes (default: one per CPU)")
    rerun = parser.add_mutually_exclusive_group()
    rerun.add_argument("--survivors", dest="mode", action="store_const", const="survivors", default="all",
                       help="test only the last run's survivors again (quick, after adding tests)")
    rerun.add_argument("--report", dest="mode", action="store_const", const="none",
                       help="print the table of the last run again (after editing the equivalents)")
    parser.add_argument("--show", metavar="NAME", help="print one mutant's change and verdict, then stop")
    args = parser.parse_args()
    if importlib.util.find_spec("mutmut") is None:
        sys.exit("mutmut is not installed in this Python: run `make mutate`")
    if args.show:
        return show(args.show)
    equivalents = load_equivalents()
    outcomes = [run_module(module, tests, args.max_children, equivalents, args.mode)
                for module, tests in selected_modules(args.modules)]
    report(outcomes)
    return 1 if any(o.error or o.unchecked for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
