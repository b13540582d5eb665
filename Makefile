# ClaimTrack: every target is one line. `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

# DEBUG is off unless asked for; a newcomer's `make run` and the checks of `make test` ask for it
# (so does mypy in `make lint`: its Django plugin loads the settings, which want a SECRET_KEY).
run test lint demo: export DEBUG ?= on

.PHONY: run serve stack test lint fmt worker recheck-worker beat migrations-check schema messages demo clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet --upgrade pip && $(BIN)/pip install --quiet -e '.[dev]' && touch $(BIN)/activate

run: $(BIN)/activate
	$(BIN)/python manage.py migrate --noinput && $(BIN)/python manage.py load_demo --if-empty && $(BIN)/python manage.py runserver $(HOST)

serve: $(BIN)/activate
	$(BIN)/gunicorn claimtrack.wsgi --config python:claimtrack.gunicorn_conf

stack: $(BIN)/activate
	$(BIN)/python manage.py migrate --noinput && $(BIN)/honcho start

test: $(BIN)/activate
	$(BIN)/ruff check . && $(BIN)/lint-imports && $(BIN)/mypy && $(BIN)/python manage.py makemigrations --check --dry-run && $(BIN)/python manage.py check && $(BIN)/pytest

lint: $(BIN)/activate
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports && $(BIN)/mypy

fmt: $(BIN)/activate
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

worker: $(BIN)/activate
	$(BIN)/celery -A claimtrack worker --loglevel=INFO

recheck-worker: $(BIN)/activate
	$(BIN)/celery -A claimtrack worker --queues=recheck --pool=threads --concurrency=$${CLAIMTRACK_RECHECK_CONCURRENCY:-16} --loglevel=INFO

beat: $(BIN)/activate
	$(BIN)/celery -A claimtrack beat --loglevel=INFO

migrations-check: $(BIN)/activate
	$(BIN)/python manage.py makemigrations --check --dry-run

schema: $(BIN)/activate
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file schema.yml

messages: $(BIN)/activate
	$(BIN)/python manage.py makemessages -l de -i ".venv" -i "staticfiles" -i "tests" && $(BIN)/python manage.py makemessages -d djangojs -l de -i ".venv" -i "static/vendor" -i "staticfiles" -i "tests" && $(BIN)/python manage.py compilemessages -l de -i ".venv"

demo: $(BIN)/activate
	$(BIN)/python manage.py load_demo

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .mypy_cache
