# signaleer — developer shortcuts. `make help` lists them.
# Everything runs in the project's own virtual environment (a distro Python refuses pip outside one).
VENV ?= .venv
PY ?= $(VENV)/bin/python

.PHONY: help install run test check fix bench latency schema content

help: ## Show this help
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

install: ## Make .venv and install signaleer with the developer tools (editable)
	python3 -m venv $(VENV) && $(PY) -m pip install -e '.[dev]'

run: ## Start the wizard on the bundled content
	$(PY) -m signaleer

check: ## Everything CI runs: format, lint, types, layer contracts, tests
	$(PY) tools/check.py

test: ## Only the tests
	$(PY) -m pytest

fix: ## Apply ruff's formatting and safe lint fixes, then run all checks
	$(PY) tools/check.py --fix

content: ## Validate checklists/ and meldroutes/
	$(PY) -m signaleer check

schema: ## Regenerate the JSON Schemas in schemas/
	$(PY) -m signaleer schema

bench: ## Run the benchmarks (ratios against a baseline in the same run; bench_tmux takes ~7 min)
	for f in bench/bench_*.py; do $(PY) $$f || exit 1; done

latency: ## The real program in tmux against bare Textual apps: the issue-12 budgets (--quick, ~5 min)
	$(PY) bench/bench_tmux.py --quick
