# Two commands: `make run` (product with demo data) and `make test` (whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test venv vendor lint format benchmark clean

# Runtime and development locks, every file checked against its sha256
# (requirements-dev.lock includes requirements.lock; scripts/lock rewrites both).
$(BIN)/.installed: requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

venv: $(BIN)/.installed

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py runserver $(HOST)

test: venv lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The formatter decides the layout everywhere: no `# fmt: skip` / `# fmt: off`
# (`make format` removes them and formats).
FMT_SKIP := grep -rlE --include='*.py' --exclude-dir=.venv --exclude-dir=node_modules '\#[[:space:]]*fmt:[[:space:]]*(skip|off)' .
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@if $(FMT_SKIP); then echo "These files opt out of ruff format; run make format"; exit 1; fi

format: venv
	$(FMT_SKIP) | xargs -r sed -i -E 's/[[:space:]]*#[[:space:]]*fmt:[[:space:]]*skip[[:space:]]*$$//'
	$(BIN)/ruff format .

# The benchmark empties its database, so it gets one of its own on PostgreSQL.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/takstvaerk_bench
# The web workers share the central model's cache in Redis, as in production.
BENCH_CACHE ?= redis://127.0.0.1:6379/7
benchmark: venv
	createdb -h 127.0.0.1 -U postgres $(notdir $(BENCH_DB)) 2>/dev/null || true
	DATABASE_URL=$(BENCH_DB) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DB) CACHE_URL=$(BENCH_CACHE) $(BIN)/python manage.py benchmark --scale $(or $(SCALE),small) --linear $(or $(LINEAR),10)

vendor:
	bash scripts/vendor.sh

clean:
	rm -rf $(VENV)
