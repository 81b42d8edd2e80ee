# The two commands of the README: `make run` and `make test`. Both set up everything on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test sandbox i18n lint bench bench-broadcast bench-scale fuzz content constraints postgres-selection

# constraints.txt pins every package to the version the tests passed with, so a fresh clone (and CI) builds
# the same thing; `make constraints` rewrites it from this venv after a dependency changes.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[postgres,test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot

sandbox: $(STAMP)
	$(PY) -m bot sandbox

# Test workers import the same modules: with bytecode caching left on (some shells turn it off), each imports
# the compiled files the first one wrote instead of compiling the project again.
test: export PYTHONDONTWRITEBYTECODE :=
test: $(STAMP)
	bash scripts/ensure-hunspell.sh
	$(PY) -m bot i18n compile
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy app bot handlers db domain
	$(PY) -m bot content check
	$(PY) -m pytest

# Measures which end-to-end tests the PostgreSQL pass of CI may leave to SQLite (tests/sqlite_only.txt): a full
# PostgreSQL pass with coverage of db/ per test, then scripts/postgres_selection.py. About 10 minutes; run it
# after adding database code or tests.
postgres-selection: export PYTHONDONTWRITEBYTECODE :=
postgres-selection: $(STAMP)
	$(PY) -m bot i18n compile
	$(PY) .ci/pg_database.py create outreach_selection
	POSTGRES_PASS=full TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/outreach_selection \
		$(PY) -m pytest -q -p no:cacheprovider --cov=db --cov-context=test --cov-report= --durations=0 \
		> .selection-durations.log || true
	$(PY) .ci/pg_database.py drop outreach_selection
	$(PY) scripts/postgres_selection.py .coverage .selection-durations.log --write
	rm -f .coverage .selection-durations.log

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

i18n: $(STAMP)
	$(PY) -m bot i18n update
	$(PY) -m bot i18n check

content: $(STAMP)
	bash scripts/ensure-hunspell.sh
	$(PY) -m bot content check

bench: $(STAMP)
	$(PY) bench/updates.py

# Ten thousand generated updates of every kind through the emulator (issue 16, item 14); about 15 minutes.
fuzz: $(STAMP)
	$(PY) bench/fuzz.py $(BENCH_ARGS)

# The full run takes about 17 minutes (20,000 recipients at 30/s); BENCH_ARGS=--quick for a short one.
bench-broadcast: $(STAMP)
	$(PY) bench/broadcast.py $(BENCH_ARGS)

# Three instances on PostgreSQL and Redis, a SIGKILL, webhooks, paid mode, replies during a broadcast (issue 17):
# about 20 minutes; BENCH_ARGS=--quick for about 6.
bench-scale: $(STAMP)
	$(PY) bench/scale.py $(BENCH_ARGS)

# After changing pyproject.toml: install what it now asks for, test, then pin what was tested.
constraints:
	$(PY) -m pip install --quiet -e '.[postgres,test]'
	$(PY) scripts/freeze_constraints.py
