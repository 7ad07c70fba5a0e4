# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo serve test venv postgres chromium lint typecheck bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

# The briefing for each bundled sample article, then a demo corpus of them to browse (does not block).
demo: venv
	$(BIN)/storyline analyze src/storyline/sample/
	mkdir -p demo-output
	$(BIN)/storyline ingest src/storyline/sample/ --db demo-output/demo.db
	@echo
	@echo "The demo corpus is in demo-output/demo.db. Browse it with:"
	@echo "  make serve        (or: $(BIN)/storyline serve --db demo-output/demo.db)"
	@echo "then open http://127.0.0.1:8000/"

serve: venv
	$(BIN)/storyline serve --db demo-output/demo.db

test: venv postgres chromium
	$(BIN)/ruff check --quiet src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider

# PostgreSQL for the store tests, from Debian's package: installed only when it is missing and we are root.
# Without it the PostgreSQL tests skip with a message saying so; a failed install never fails the run.
postgres:
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1; then \
	  :; \
	elif [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "PostgreSQL is not installed and installing it needs root and apt-get: its tests will be skipped"; \
	else \
	  echo "installing PostgreSQL (Debian's postgresql package) for the store tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	    || echo "could not install PostgreSQL: its tests will be skipped"; \
	fi

# Chromium for the web app's browser tests, from Debian's package (never `playwright install`, which downloads
# a browser build): installed only when /usr/bin/chromium is missing and we are root. Without it the browser
# tests skip with a message saying so; a failed install never fails the run.
chromium:
	@if [ -x /usr/bin/chromium ]; then \
	  :; \
	elif [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "Chromium is not installed and installing it needs root and apt-get: the browser tests will be skipped"; \
	else \
	  echo "installing Chromium (Debian's chromium package) for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "could not install Chromium: the browser tests will be skipped"; \
	fi

lint: venv
	$(BIN)/ruff check src tests benchmarks

typecheck: venv
	$(BIN)/mypy

bench: venv
	$(BIN)/python benchmarks/quotes.py
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
