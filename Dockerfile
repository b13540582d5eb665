# ClaimTrack image: web, worker and beat all run from it with different commands.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 claimtrack
WORKDIR /app

COPY pyproject.toml README.md ./
COPY claimtrack ./claimtrack
COPY actors ./actors
COPY sources ./sources
COPY claims ./claims
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
# collectstatic needs settings but no secrets: a throwaway key for this one build step.
RUN DEBUG=off SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

USER claimtrack
EXPOSE 8000
CMD ["gunicorn", "claimtrack.wsgi", "--config", "python:claimtrack.gunicorn_conf"]
