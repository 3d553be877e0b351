# Heard: one short command per chore. `make demo` and `make test` are the two that matter.
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := $(PYTHON) -m uv
endif
# Two or more processes (one a core): the whole suite takes about 12 minutes on two cores instead of 25.
PYTEST_ARGS ?= -n auto

.PHONY: demo test test-quick lint format install uv worker serve messages

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv || $(PYTHON) -m pip install --quiet --user uv

install: uv
	@$(UV) sync --frozen --quiet

demo: install  ## Install, load the demo partnership and serve it on http://127.0.0.1:8000
	@$(UV) run --frozen heard demo

test: install  ## Every test, browser tests included
	@$(UV) run --frozen pytest $(PYTEST_ARGS)

test-quick: install  ## Everything but the slow and browser tests
	@$(UV) run --frozen pytest -m "not slow and not browser" $(PYTEST_ARGS)

lint: install  ## ruff and mypy (strict)
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check heard/core heard/accounts heard/engagement heard/partners heard/demo
	@$(UV) run --frozen mypy heard

format: install
	@$(UV) run --frozen ruff format heard tests bench
	@$(UV) run --frozen ruff check --fix .

serve: install  ## Serve the current database (no demo reset)
	@$(UV) run --frozen heard runserver 127.0.0.1:8000

worker: install  ## Run background tasks (imports, classification)
	@$(UV) run --frozen heard db_worker

messages: install  ## Update the residents' page translations (heard/locale/*/LC_MESSAGES/django.po) and compile them
	@cd heard && $(UV) run --frozen heard makemessages --all --add-location file --no-obsolete --ignore "*/tests/*" --ignore "*/migrations/*"
	@cd heard && $(UV) run --frozen heard compilemessages
