# Styrkort: `make demo` runs the product, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEEDS := ../shared/seeds/hasselby-vallingby-tertialrapport-1-2026.txt
export DJANGO_SETTINGS_MODULE := styrkort.settings

.PHONY: install system-deps demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages used by tests and benchmarks (fonts, poppler, chromium, LibreOffice for `make bench`).
system-deps:
	bash scripts/install-system-deps.sh

demo: install system-deps
	mkdir -p var
	$(BIN)/styrkort migrate --noinput
	$(BIN)/styrkort generate-demo --if-missing
	@if [ -f $(SEEDS) ]; then $(BIN)/styrkort import-ils --skip-existing $(SEEDS); fi
	$(BIN)/styrkort demo-users
	@echo "Styrkort: http://localhost:8000/  (the admin: http://localhost:8000/admin/)"
	$(BIN)/styrkort runserver 0.0.0.0:8000

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/styrkort makemigrations --check --dry-run
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy styrkort

bench: install
	$(BIN)/python scripts/bench_import.py
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) var .pytest_cache
