"""manage.py evaluate_intake: the analysis's figures on the annotated real-news corpus, the
held-out half first (intake/evaluation.py says what is counted and why)."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.evaluation import (
    HALVES,
    HELD_OUT,
    TUNING,
    CorpusError,
    corpus_problems,
    evaluate,
    load_corpus,
)
from intake.evaluation import render as render_evaluation
from intake.nlp import KnownActor

CORPUS = Path(settings.BASE_DIR) / "tests" / "data" / "intake" / "news"


class Command(BaseCommand):
    help = (
        "Run the article analysis on the annotated news corpus and print precision, recall, "
        "speaker, stance, date and quantity figures for the held-out half and the tuning half, "
        "with the targets of issue #19 beside them. --misses lists what went wrong, for the "
        "tuning half only: rules are never written against the held-out half."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--corpus", type=Path, default=CORPUS, help="Folder of NAME.txt/NAME.json."
        )
        parser.add_argument(
            "--half", choices=(*HALVES, "both"), default="both", help="Which half to evaluate."
        )
        parser.add_argument("--misses", action="store_true", help="List the tuning half's misses.")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["corpus"]
        if not folder.is_dir():
            raise CommandError(f"No corpus folder at {folder}.")
        try:
            texts = load_corpus(folder)
        except CorpusError as exc:
            raise CommandError(f"The corpus is not sound: {exc}.") from None
        if not texts:
            raise CommandError(f"{folder} holds no NAME.txt with its NAME.json.")
        problems = corpus_problems(texts)
        if problems:
            raise CommandError("The corpus is not sound:\n" + "\n".join(problems))
        actors = known_actors(folder.parent / "known_actors.json")
        halves = HALVES if options["half"] == "both" else (options["half"],)
        for half in halves:
            in_half = [t for t in texts if t.half == half]
            title = "Held-out half" if half == HELD_OUT else "Tuning half"
            evaluation = evaluate(in_half, actors, keep_misses=half == TUNING and options["misses"])
            self.stdout.write(render_evaluation(evaluation, title) + "\n")
            for line in evaluation.misses:
                self.stdout.write(f"  {line}")
            self.stdout.write("")


def known_actors(path: Path) -> list[KnownActor]:
    if not path.exists():
        return []
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [KnownActor(r["id"], (r["name"], *r["aliases"]), r["is_person"]) for r in rows]
