# Titian: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The PostgreSQL test server (trust auth). The suite creates its own databases there.
TITIAN_TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

# Interface translations (docs/translations.md): the .po files are committed; install compiles
# them to .mo files, again whenever a .po changes.
PO_FILES   := $(wildcard src/titian/i18n/locale/*/LC_MESSAGES/messages.po)
I18N_STAMP := $(VENV)/.translations

.PHONY: install demo serve test test-sqlite test-postgres lint format bench clean messages

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) $(I18N_STAMP)

$(I18N_STAMP): $(STAMP) $(PO_FILES)
	$(BIN)/titian i18n compile --quiet
	touch $(I18N_STAMP)

## messages: extract the strings of the sources into messages.pot, carry them into every .po,
## compile; safe to run again (it rewrites only what changed)
messages: $(STAMP)
	$(BIN)/titian i18n extract
	$(BIN)/titian i18n update
	$(BIN)/titian i18n compile

## demo: create the virtualenv, migrate ./titian.db, load the demo data, serve on $(HOST):$(PORT)
demo: install
	$(BIN)/titian db upgrade
	$(BIN)/titian demo
	$(BIN)/titian serve --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/titian serve --host $(HOST) --port $(PORT)

## test: lint, then the whole suite on SQLite and on PostgreSQL
test: lint test-sqlite test-postgres

test-sqlite: install
	$(BIN)/pytest -n 2 -q $(PYTEST_ARGS)

test-postgres: install
	@$(BIN)/python -c "import sqlalchemy as sa; sa.create_engine('$(TITIAN_TEST_PG_URL)').connect().close()" 2>/dev/null || \
	  { echo "PostgreSQL is not reachable at $(TITIAN_TEST_PG_URL)."; \
	    echo "Start it (pg_ctlcluster <version> main start) or set TITIAN_TEST_PG_URL; 'make test-sqlite' runs SQLite only."; exit 1; }
	TITIAN_TEST_DATABASE_URL='$(TITIAN_TEST_PG_URL)' $(BIN)/pytest -n 2 -q -m "not pure" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format src tests bench

bench: install
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) titian.db titian.db-wal titian.db-shm .pytest_cache .mypy_cache .ruff_cache
