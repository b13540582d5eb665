"""manage.py import_article PATH_OR_URL --lang de|en: store an article as a source and suggest
the quotes, statements, quantities, actors and citations an editor then reviews on its intake
page."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.urls import reverse

from actors.models import Actor
from intake import services
from intake.models import IntakeSuggestion
from intake.nlp import LANGUAGES, Suggestion
from sources.models import Source, SourceKind

UTF8_MAX_BYTES_PER_CHARACTER = 4


class Command(BaseCommand):
    help = (
        "Store an article (a UTF-8 text file, or a URL fetched through the guarded fetcher) as a "
        "source with its text, and suggest the quotes with their speakers, statements, "
        "quantities, actors and the sources it relies on for editors to review. Nothing but "
        "the source and its pending suggestions is written; --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path_or_url", help="A text file, or an http(s) URL.")
        parser.add_argument("--lang", required=True, help="The article's language: de or en.")
        parser.add_argument(
            "--published",
            help="Publication date, YYYY-MM-DD; relative dates (am Montag) resolve against it.",
        )
        parser.add_argument("--publisher", help="Name or alias of the publishing actor.")
        parser.add_argument("--title", default="", help="Defaults to the first line.")
        parser.add_argument(
            "--kind",
            default=SourceKind.AGENCY_WIRE,
            help=f"Kind of source: {', '.join(SourceKind.values)}.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Suggest, but store nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print the suggestions as a JSON list."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["lang"]
        if language not in LANGUAGES:
            raise CommandError(f"--lang must be one of {', '.join(LANGUAGES)}, not {language!r}.")
        if options["kind"] not in SourceKind.values:
            raise CommandError(
                f"--kind must be one of {', '.join(SourceKind.values)}, not {options['kind']!r}."
            )
        published_on = self._date(options["published"])
        publisher = self._publisher(options["publisher"])
        text, url = self._article(options["path_or_url"])

        if options["dry_run"]:
            try:
                suggestions = services.suggest(
                    text, language=language, published_on=published_on, publisher=publisher
                )
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            rows = [{"id": None, **s.as_dict()} for s in suggestions]
            self._report(rows, suggestions, options, stored=None)
            return
        try:
            source, stored = services.intake_article(
                text=text,
                language=language,
                recorded_by=None,
                title=options["title"],
                url=url,
                publisher=publisher,
                published_on=published_on,
                kind=options["kind"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        suggestions = [_as_suggestion(row) for row in stored]
        rows = [
            {"id": str(row.public_id), **s.as_dict()}
            for row, s in zip(stored, suggestions, strict=True)
        ]
        self._report(rows, suggestions, options, stored=source)

    def _report(
        self,
        rows: list[dict[str, Any]],
        suggestions: list[Suggestion],
        options: dict[str, Any],
        *,
        stored: Source | None,
    ) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for suggestion in suggestions:
                self.stdout.write(_describe(suggestion))
        counts: dict[str, int] = {}
        for suggestion in suggestions:
            counts[suggestion.kind] = counts.get(suggestion.kind, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "no suggestions"
        if stored is None:
            message = f"Dry run: {summary}; nothing stored."
        else:
            page = reverse("intake:review", kwargs={"source_id": stored.public_id})
            message = f"Stored source {stored.public_id} with {summary}. Review them at {page}"
        # With --json, stdout carries only the JSON; the summary goes to stderr.
        (self.stderr if options["json"] else self.stdout).write(self.style.SUCCESS(message))

    @staticmethod
    def _date(value: str | None) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--published must be a date as YYYY-MM-DD, not {value!r}.") from (
                error
            )

    @staticmethod
    def _publisher(name: str | None) -> Actor | None:
        if not name:
            return None
        matches = list(
            Actor.objects.filter(Q(name__iexact=name) | Q(aliases__name__iexact=name)).distinct()
        )
        if len(matches) != 1:
            problem = "No actor is" if not matches else "Several actors are"
            raise CommandError(f"{problem} named {name!r}; give the publisher's exact name.")
        return matches[0]

    @staticmethod
    def _article(path_or_url: str) -> tuple[str, str]:
        if "://" in path_or_url:
            try:
                return services.fetch_article(path_or_url)
            except services.ArticleUnavailable as error:
                raise CommandError(str(error)) from error
        path = Path(path_or_url)
        limit = services.max_article_chars()
        too_long = (
            f"{path} is longer than the intake takes: at most {limit:,} characters "
            f"(CLAIMTRACK_INTAKE_MAX_CHARS)."
        )
        # Never more than the longest text allowed could take, so that /dev/zero, a FIFO or a
        # file of gigabytes ends at once rather than when memory runs out.
        max_bytes = UTF8_MAX_BYTES_PER_CHARACTER * limit
        try:
            with path.open("rb") as article:
                raw = article.read(max_bytes + 1)
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {path}") from error
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if len(raw) > max_bytes:
            raise CommandError(too_long)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"Cannot read {path} as UTF-8 text: {error}") from error
        if len(text) > limit:
            raise CommandError(too_long)
        if "\x00" in text:
            raise CommandError(f"{path} holds a NUL byte: give a plain UTF-8 text file.")
        if not text.strip():
            raise CommandError(f"{path} is empty.")
        return text, ""


def _as_suggestion(row: IntakeSuggestion) -> Suggestion:
    return Suggestion(
        kind=row.kind,
        text=row.text,
        start=row.start,
        end=row.end,
        speaker=row.speaker,
        actor_id=str(row.actor.public_id) if row.actor else None,
        stance_hint=row.stance_hint,
        said_on=row.said_on,
        value=row.value,
        value_max=row.value_max,
        unit=row.unit,
        qualifier=row.qualifier,
        estimate_unit=row.estimate_unit,
        estimate_kind=row.estimate_kind,
        refers_to=row.refers_to,
        refers_to_precision=row.refers_to_precision,
        name=row.name,
        is_known=row.is_known,
        actor_kind=row.actor_kind,
    )


def _describe(s: Suggestion) -> str:
    if s.kind in ("quote", "statement"):
        when = f" on {s.said_on}" if s.said_on else ""
        return f"{s.kind:<9} {s.speaker or '?'} ({s.stance_hint}{when}): {s.text[:80]}"
    if s.kind == "quantity":
        bound = f"–{s.value_max:g}" if s.value_max is not None else ""
        moment = f" {s.refers_to_precision} of {s.refers_to}" if s.refers_to else ""
        figure = f"{s.estimate_kind or 'kind for the editor'}{moment}"
        return f"{s.kind:<9} {s.value:g}{bound} {s.unit} ({s.qualifier}; {figure}): {s.text}"
    known = "known" if s.is_known else "new"
    if s.kind == "citation":
        return f"{s.kind:<9} {s.name} ({known}): {s.text}"
    return f"{s.kind:<9} {s.name} ({known})"
