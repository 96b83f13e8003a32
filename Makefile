# Two commands: `make run` serves the quiz (`make run PORT=5001` on another port), `make test` runs every test.
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app quiz
PORT ?= 5000
# Two stamps, each named by pyproject.toml's checksum: what running needs, and the test tools on top.
CHECKSUM := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(CHECKSUM)
TEST_STAMP := $(VENV)/.installed-test-$(CHECKSUM)

.PHONY: run test test-postgres db bench mutate clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	rm -f $(VENV)/.installed-[0-9]*
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-test-*
	touch $@

instance/secret_key:
	mkdir -p instance
	$(PY) -c 'import secrets; print(secrets.token_hex(32))' > $@
	chmod 600 $@

db: $(STAMP) instance/secret_key
	$(FLASK) db upgrade
	$(FLASK) bank load --if-empty

run: db
	SESSION_COOKIE_SECURE=0 $(FLASK) run --host 127.0.0.1 --port $(PORT)

test: $(TEST_STAMP)
	$(PY) -m pytest

# The whole suite again, against a throwaway PostgreSQL cluster (Debian's postgresql package)
# on a Unix socket under /tmp; the cluster is removed afterwards, whatever the result.
# The browser and durability tests run their own gunicorn on SQLite, so they are not repeated here.
test-postgres: $(TEST_STAMP)
	bash scripts/pg-test-cluster.sh $(PY) -m pytest -m "not browser" \
		--deselect tests/test_durability.py $(PYTEST_ARGS)

BENCH_STAMP := $(VENV)/.bench-$(CHECKSUM)
$(BENCH_STAMP): $(TEST_STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	rm -f $(VENV)/.bench-*
	touch $@

# The benchmarks reuse the tests' simulation and census; capacity.py (about 10 minutes) runs
# under its own throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh).
bench: db $(BENCH_STAMP)
	$(PY) benchmarks/scoring.py
	$(PY) benchmarks/measurement.py
	$(PY) benchmarks/load.py
	$(PY) benchmarks/pages.py
	$(PY) benchmarks/profile_pages.py --no-profile
	$(PY) benchmarks/groups.py
	$(PY) benchmarks/capacity.py

# Mutation testing of the core modules (about half an hour; a script for people, not CI):
# `make mutate MUTATE_ARGS="quiz/web/taking/attempts.py --max-children 2"` runs one module on two cores.
MUTATE_STAMP := $(VENV)/.mutmut-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
$(MUTATE_STAMP): $(TEST_STAMP)
	$(PY) -m pip install --quiet -e '.[test,mutate]'
	rm -f $(VENV)/.mutmut-*
	touch $@

mutate: $(MUTATE_STAMP)
	$(PY) scripts/mutate.py $(MUTATE_ARGS)

clean:
	rm -rf $(VENV) .mutmut instance/quiz.sqlite3*
