# The two commands of the README: `make run` and `make test`. Needs only Python 3.11 and make.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve setup test lint check clean help alerts

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@echo "== First run: installing the pinned packages into $(VENV) (about 2 minutes; once only)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements-dev.txt
	@echo "== Packages installed."
	touch $@

setup: $(VENV)/.installed  ## Install, migrate, load known outlets, ingest corpus/ and index it.
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_sources
	$(PY) manage.py ingest corpus/
	$(PY) manage.py sync_index --quick

run: setup  ## Set up, then serve the app at HOST:PORT (default 127.0.0.1:8000); DEBUG off unless loopback.
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production settings need SECRET_KEY and ALLOWED_HOSTS in the environment (docs/deployment.md).
serve: $(VENV)/.installed  ## Production: migrate, collect static, finish pending index writes, gunicorn at HOST:PORT.
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py process_index_queue -v 0
	DJANGO_SETTINGS_MODULE=config.settings.prod GUNICORN_BIND=$(HOST):$(PORT) \
		$(VENV)/bin/gunicorn --config config/gunicorn.conf.py

test: $(VENV)/.installed  ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL is set).
	$(PY) -m pytest $(PYTEST_ARGS)

alerts: $(VENV)/.installed  ## Send due saved-search alerts once (cron runs manage.py send_alerts).
	$(PY) manage.py send_alerts

lint: $(VENV)/.installed  ## ruff, and a check that models and migrations agree.
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

clean:  ## Remove the virtualenv and local data (var/).
	rm -rf $(VENV) var
