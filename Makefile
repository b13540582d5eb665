# ClaimTrack: every target is one line. `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

# DEBUG is off unless asked for; a newcomer's `make run` and the checks of `make test` ask for it
# (so does mypy in `make lint`: its Django plugin loads the settings, which want a SECRET_KEY).
run test lint demo demo-passwords migrations-check schema messages: export DEBUG ?= on
# `make run` hands tasks to the worker it starts (through Redis, or a folder without it).
run: export CELERY_TASK_ALWAYS_EAGER ?= off

.PHONY: run serve stack test intake-eval lint fmt worker recheck-worker beat migrations-check schema messages demo demo-passwords clean vendor-redoc

# What the app needs to run; the dev extra (test, lint and load tools) only for the targets that use it.
$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet --upgrade pip && $(BIN)/pip install --quiet -e . && touch $@

$(DEV): $(RUNTIME)
	$(BIN)/pip install --quiet -e '.[dev]' && touch $@

# The server and a Celery worker with its scheduler (beat) on both queues; Ctrl-C stops both.
run: $(RUNTIME)
	$(BIN)/python manage.py migrate --noinput && $(BIN)/python manage.py load_demo --if-empty && { $(BIN)/celery -A claimtrack worker --beat --pool=solo --queues=celery,recheck --loglevel=INFO & $(BIN)/python manage.py runserver $(HOST); }

serve: $(RUNTIME)
	$(BIN)/gunicorn claimtrack.wsgi --config python:claimtrack.gunicorn_conf

stack: $(DEV)
	$(BIN)/python manage.py migrate --noinput && $(BIN)/python manage.py collectstatic --noinput && $(BIN)/honcho start

# The suite runs on the database DATABASE_URL names (PostgreSQL in CI), in processes side by side
# (scripts/test-in-parallel says how), with mypy and a SQLite run of the property tests beside it.
test: $(DEV)
	$(BIN)/ruff check . && $(BIN)/lint-imports && $(BIN)/python manage.py makemigrations --check --dry-run && $(BIN)/python manage.py check && scripts/test-in-parallel

# The intake's figures on the annotated real-news corpus, the held-out half first (docs/intake.md).
intake-eval: $(RUNTIME)
	DEBUG=on $(BIN)/python manage.py evaluate_intake

lint: $(DEV)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports && $(BIN)/mypy

fmt: $(DEV)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

worker: $(RUNTIME)
	$(BIN)/celery -A claimtrack worker --loglevel=INFO

recheck-worker: $(RUNTIME)
	$(BIN)/celery -A claimtrack worker --queues=recheck --pool=threads --concurrency=$${CLAIMTRACK_RECHECK_CONCURRENCY:-16} --loglevel=INFO

beat: $(RUNTIME)
	$(BIN)/celery -A claimtrack beat --loglevel=INFO

migrations-check: $(DEV)
	$(BIN)/python manage.py makemigrations --check --dry-run

schema: $(DEV)
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file schema.yml

messages: $(DEV)
	$(BIN)/python manage.py makemessages -l de -i ".venv" -i "staticfiles" -i "tests" && $(BIN)/python manage.py makemessages -d djangojs -l de -i ".venv" -i "static/vendor" -i "staticfiles" -i "tests" && $(BIN)/python manage.py compilemessages -l de -i ".venv"

demo: $(RUNTIME)
	$(BIN)/python manage.py load_demo

demo-passwords: $(RUNTIME)
	$(BIN)/python manage.py load_demo --reset-passwords

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .mypy_cache

# Redoc from drf-spectacular-sidecar, without the logo it fetches from cdn.redoc.ly (an empty
# image in its place; static/vendor/README.md) and without the source map reference.
vendor-redoc: $(DEV)
	$(BIN)/python -c "import pathlib, drf_spectacular_sidecar as s; b = pathlib.Path(s.__file__).parent / 'static/drf_spectacular_sidecar/redoc/bundles'; js = (b / 'redoc.standalone.js').read_text(); assert js.count('https://cdn.redoc.ly/redoc/logo-mini.svg') == 1; js = js.replace('https://cdn.redoc.ly/redoc/logo-mini.svg', 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E').replace('//# sourceMappingURL=redoc.standalone.js.map', ''); pathlib.Path('static/vendor/redoc/redoc.standalone.js').write_text(js); pathlib.Path('static/vendor/redoc/LICENSE.txt').write_text((b / 'redoc.standalone.js.LICENSE.txt').read_text())"
