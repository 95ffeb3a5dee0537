# The README's commands. Everything installs itself: a fresh machine needs Python 3.11, pip, make.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8501

export DAGSTER_HOME := $(CURDIR)/.dagster
export PATH := $(BIN):$(PATH)

.PHONY: install install-spark system-deps demo serve test test-spark spark lint dev bench clean

## install: the pinned environment from uv.lock into .venv (uv itself is bootstrapped with pip)
install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml uv.lock
	@echo "==> Installing the pinned environment (uv.lock) into $(VENV)"
	@test -x .tools/bin/uv || { $(PYTHON) -m venv .tools && .tools/bin/pip install -q "uv==$(UV_VERSION)"; }
	@UV_PROJECT_ENVIRONMENT=$(VENV) .tools/bin/uv sync --frozen --extra dev --python $(PYTHON) -q
	@touch $@

## install-spark: also the optional spark group (dbt-spark, pyspark) for the spark target
install-spark: $(VENV)/.installed-spark
$(VENV)/.installed-spark: $(VENV)/.installed
	@echo "==> Installing the spark group (dbt-spark, pyspark) from uv.lock into $(VENV)"
	@UV_PROJECT_ENVIRONMENT=$(VENV) .tools/bin/uv sync --frozen --extra dev --extra spark --python $(PYTHON) -q
	@touch $@

## system-deps: Debian's chromium for the browser tests (never a downloaded browser), Java 17 for Spark
system-deps:
	@bash scripts/install-system-deps.sh

## demo: generate the demo world, run the whole pipeline, serve the dashboard on :8501
demo: install
	@$(BIN)/python -m pipelines.demo run
	@$(MAKE) --no-print-directory serve

serve: install
	@$(BIN)/streamlit run dashboards/app.py --server.port=$(PORT) --server.address=localhost \
		--browser.gatherUsageStats=false

## test: lint (ruff, sqlfluff, SQL portability) and the whole pytest suite, Spark included
test: install-spark system-deps lint
	@$(BIN)/pytest -n 2 --dist loadfile --no-loadscope-reorder

## test-spark: only the Spark tests: the demo world built on Spark equals its DuckDB build
test-spark: install-spark system-deps
	@$(BIN)/pytest -m spark

## spark: dbt build on the spark target from data/raw_parquet (after make demo)
spark: install-spark
	@$(BIN)/python -m pipelines.transform.spark build

lint: install
	@echo "==> ruff"
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@echo "==> sqlfluff (dbt models)"
	@bash scripts/sqlfluff.sh lint
	@echo "==> SQL portability (shared dbt SQL runs on DuckDB and Spark)"
	@$(BIN)/python -m pipelines.transform.sql_portability

## dev: Dagster's UI on http://localhost:3000 with workspace.yaml, beside the demo's partner API
dev: install
	@$(BIN)/python -c "from pipelines.transform.dbt_project import prepare_manifest; prepare_manifest()"
	@export JOURNAL_API_TOKEN=$${JOURNAL_API_TOKEN:-demo-journal-token}; \
	$(BIN)/python -m pipelines.demo api --port 8765 & api=$$!; \
	trap "kill $$api 2>/dev/null" EXIT INT TERM; \
	$(BIN)/dagster dev -w workspace.yaml

## bench: benchmarks, never part of make test: make bench TIER=S|M|DK5Y|L|XL (writes BENCHMARKS.md);
## BENCH_ARGS passes options, e.g. BENCH_ARGS="--skip dbt_run,raw_sql --reuse-world --workdir DIR"
bench: install
	@$(BIN)/python -m tests.benchmarks.bench $(or $(TIER),S) $(BENCH_ARGS)

clean:
	rm -rf data dbt/target dbt/logs .pytest_cache
