# Styrkort: `make demo` runs the product, `make test` runs the whole suite.
# The venv's interpreter: Debian's python3.11 where it is installed, the one deploy/README.md serves
# with (Debian builds it with PGO and LTO and links libpython into the executable: a page takes
# 18-24 % less CPU than on a default source build such as pyenv's, README "The interpreter"), else
# python3 from PATH. `make install PYTHON=…` chooses another; a venv already there is kept
# (`make clean` first).
PYTHON ?= $(if $(wildcard /usr/bin/python3.11),/usr/bin/python3.11,python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEEDS := ../shared/seeds/hasselby-vallingby-tertialrapport-1-2026.txt
export DJANGO_SETTINGS_MODULE := styrkort.settings
# DEBUG is off unless turned on: `make demo`, the tests and the benchmarks run as a developer's machine.
DEV := DEBUG=true

.PHONY: install system-deps node-deps demo serve worker test lint bench clean lock

# The exact versions of every dependency (tests and tools included) are in requirements.lock;
# `make lock` rewrites it from the ranges in pyproject.toml.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV) || { echo "$(PYTHON) made no venv (python3-venv missing?): python3 from PATH"; \
		rm -rf $(VENV); python3 -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

lock:
	$(PYTHON) -m venv var/uv && var/uv/bin/pip install --quiet uv
	var/uv/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --no-header --quiet -o requirements.lock

install: $(STAMP)

# The OpenID provider the single sign-on test starts (npm's oidc-provider, run with Node.js),
# installed from tests/oidc/package-lock.json: nothing is downloaded while the tests run.
NODE_STAMP := tests/oidc/node_modules/.installed
$(NODE_STAMP): tests/oidc/package.json tests/oidc/package-lock.json
	cd tests/oidc && npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

node-deps: $(NODE_STAMP)

# Debian packages used by tests and benchmarks (fonts, poppler, chromium, LibreOffice for `make bench`).
system-deps:
	bash scripts/install-system-deps.sh

demo: install system-deps
	mkdir -p var
	$(DEV) $(BIN)/styrkort migrate --noinput
	$(DEV) $(BIN)/styrkort generate-demo --if-missing
	$(DEV) $(BIN)/styrkort decide-past-periods --municipality exempelstad --before 2026
	@if [ -f $(SEEDS) ]; then $(DEV) $(BIN)/styrkort import-ils --skip-existing $(SEEDS); fi
	$(DEV) $(BIN)/styrkort demo-users
	@echo "Styrkort: http://localhost:8000/  (the admin: http://localhost:8000/admin/)"
	$(DEV) $(BIN)/styrkort worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	trap 'exit 130' INT TERM; $(DEV) $(BIN)/styrkort runserver 0.0.0.0:8000

# The production set-up by hand (README "Running in production"): settings from the environment and
# from .env when it exists, DEBUG off; migrate, collect the static files, then gunicorn with
# deploy/gunicorn.conf.py and one background worker, stopped together. systemd runs the two apart
# (deploy/).
SERVE_ENV := set -a; if [ -f .env ]; then . ./.env; fi; set +a; export DEBUG=false;
serve: install
	$(SERVE_ENV) $(BIN)/styrkort check --deploy
	$(SERVE_ENV) $(BIN)/styrkort migrate --noinput
	$(SERVE_ENV) $(BIN)/styrkort collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(BIN)/styrkort worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	trap 'exit 130' INT TERM; $(BIN)/gunicorn --config deploy/gunicorn.conf.py

# One background worker in the foreground (another machine may run more against the same database).
worker: install
	$(SERVE_ENV) $(BIN)/styrkort worker

# The suite runs on every core (pytest-xdist); PostgreSQL gets one test database per worker.
test: lint system-deps node-deps
	$(DEV) $(BIN)/styrkort makemigrations --check --dry-run
	$(BIN)/pytest -q -n auto

# The same checks run before each commit (.pre-commit-config.yaml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DEV) $(BIN)/mypy styrkort

bench: install
	$(DEV) $(BIN)/python scripts/bench_import.py
	$(DEV) $(BIN)/python scripts/bench.py
	$(DEV) $(BIN)/python scripts/bench_kolada.py
	$(DEV) $(BIN)/python scripts/bench_pages.py
	$(DEV) $(BIN)/python scripts/bench_decide.py
	$(DEV) $(BIN)/python scripts/bench_store.py
	$(DEV) $(BIN)/python scripts/bench_load.py

clean:
	rm -rf $(VENV) var .pytest_cache tests/oidc/node_modules
