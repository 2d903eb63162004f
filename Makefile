# Newsroom: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
ADMIN_USER ?= admin
ADMIN_PASSWORD ?= admin

.PHONY: install run test lint format messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# The HTML checker and axe-core for the test suite, from the npm registry (skipped without npm).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the HTML-validity and accessibility tests will be skipped."; fi

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py setup_roles >/dev/null
	@DJANGO_SUPERUSER_PASSWORD="$(ADMIN_PASSWORD)" $(PY) manage.py createsuperuser --noinput \
		--username "$(ADMIN_USER)" --email "$(ADMIN_USER)@example.org" >/dev/null 2>&1 || true
	@echo ""
	@echo "  Newsroom demo:  http://$(HOST):$(PORT)/  (Vietnamese /vi/, English /en/)"
	@echo "  Editors' admin: http://$(HOST):$(PORT)/admin/  user: $(ADMIN_USER)  password: $(ADMIN_PASSWORD)"
	@echo "  (The account is made on the first run; change the password before showing this to anyone.)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install node_modules/.installed
	$(BIN)/pytest -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(PY) manage.py makemessages -l vi --no-obsolete --add-location file --ignore ".venv/*" --ignore "var/*" --ignore "node_modules/*"
	$(PY) manage.py compilemessages -l vi --ignore ".venv/*" --ignore "node_modules/*"

clean:
	rm -rf $(VENV) var
