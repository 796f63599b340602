# Two commands: `make run` (product with demo data) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test venv vendor lint benchmark clean

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

venv: $(BIN)/.installed

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py runserver $(HOST)

test: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The benchmark empties its database, so it gets one of its own on PostgreSQL.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/takstvaerk_bench
benchmark: venv
	command -v ab >/dev/null || apt-get install -y -qq apache2-utils || true
	createdb -h 127.0.0.1 -U postgres $(notdir $(BENCH_DB)) 2>/dev/null || true
	DATABASE_URL=$(BENCH_DB) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DB) $(BIN)/python manage.py benchmark --scale $(or $(SCALE),small)

vendor:
	bash scripts/vendor.sh

clean:
	rm -rf $(VENV)
