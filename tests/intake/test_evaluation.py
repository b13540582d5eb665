"""Precision and recall of the article analysis on the evaluation set in tests/data/intake/.

Each news text `NAME.txt` has its annotations in `NAME.json` (guidelines in the README there).
A suggested quote or statement counts as right when it overlaps an annotated one of the same
kind and names the same speaker (the same known actor, or the same name); a quantity when it
overlaps an annotated one with the same value, upper bound, unit and qualifier; a citation when
it overlaps an annotated one and names the same party. Texts in citations/ are annotated for
citations only.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from intake.nlp import KnownActor, Suggestion, analyse_article
from intake.nlp.word_classes import stem

DATA = Path(__file__).resolve().parent.parent / "data" / "intake"
TEXTS = sorted(path.stem for path in DATA.glob("*.txt"))
CITATION_TEXTS = sorted(DATA.glob("citations/*.txt"))
THRESHOLD = 0.85


def known_actors() -> list[KnownActor]:
    rows = json.loads((DATA / "known_actors.json").read_text())
    return [KnownActor(r["id"], (r["name"], *r["aliases"]), r["is_person"]) for r in rows]


def locate(text: str, needle: str) -> tuple[int, int]:
    start = text.find(needle)
    assert start >= 0, f"annotation {needle!r} is not in the text"
    assert text.find(needle, start + 1) < 0, f"annotation {needle!r} is not unique"
    return start, start + len(needle)


def same_name(said: str, annotated: str) -> bool:
    def words(name: str) -> list[str]:
        return [stem(w) for w in name.replace("'", " ").split() if w.casefold() not in ARTICLES]

    a, b = words(said), words(annotated)
    return bool(a and b) and (a == b or set(a) <= set(b) or set(b) <= set(a))


ARTICLES = {"der", "die", "das", "des", "den", "the", "a", "an", "ein", "eine"}


def same_speaker(suggestion: Suggestion, annotation: dict) -> bool:
    if annotation.get("actor"):
        return suggestion.actor_id == annotation["actor"]
    return suggestion.actor_id is None and same_name(suggestion.speaker, annotation["speaker"])


def same_party(suggestion: Suggestion, annotation: dict) -> bool:
    if annotation.get("actor"):
        return suggestion.actor_id == annotation["actor"]
    return suggestion.actor_id is None and same_name(suggestion.name, annotation["name"])


def same_quantity(suggestion: Suggestion, annotation: dict) -> bool:
    def number(value):
        return None if value is None else float(value)

    return (
        number(suggestion.value) == number(annotation["value"])
        and number(suggestion.value_max) == number(annotation["value_max"])
        and suggestion.unit == annotation["unit"]
        and suggestion.qualifier == annotation["qualifier"]
    )


@dataclass
class Score:
    predicted: int = 0
    expected: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    def add(self, other: "Score") -> None:
        self.predicted += other.predicted
        self.expected += other.expected
        self.right += other.right
        self.misses += other.misses


def match(text, suggestions, annotations, agrees, name) -> tuple[Score, list[tuple]]:
    score = Score(predicted=len(suggestions), expected=len(annotations))
    unused = list(suggestions)
    pairs = []
    for annotation in annotations:
        start, end = locate(text, annotation["text"])
        found = next(
            (s for s in unused if s.start < end and start < s.end and agrees(s, annotation)),
            None,
        )
        if found is None:
            score.misses.append(f"{name}: missed {annotation}")
            continue
        unused.remove(found)
        score.right += 1
        pairs.append((found, annotation))
    score.misses += [
        f"{name}: wrong {s.kind} {s.speaker or s.unit!r}: {s.text[:60]}" for s in unused
    ]
    return score, pairs


def evaluate(names=TEXTS) -> dict[str, Score]:
    actors = known_actors()
    scores = {k: Score() for k in ("quotes", "statements", "quantities", "dates", "stances")}
    scores["actors"] = Score()
    scores["citations"] = Score()
    for name in names:
        text = (DATA / f"{name}.txt").read_text()
        annotation = json.loads((DATA / f"{name}.json").read_text())
        suggestions = analyse_article(
            text,
            language=annotation["language"],
            published_on=date.fromisoformat(annotation["published"]),
            known_actors=actors,
        )
        by_kind = {
            kind: [s for s in suggestions if s.kind == kind]
            for kind in ("quote", "statement", "quantity", "actor")
        }
        spoken = []
        for kind, key in (("quote", "quotes"), ("statement", "statements")):
            score, pairs = match(text, by_kind[kind], annotation[key], same_speaker, name)
            scores[key].add(score)
            spoken += pairs
        score, _ = match(text, by_kind["quantity"], annotation["quantities"], same_quantity, name)
        scores["quantities"].add(score)
        citations = [s for s in suggestions if s.kind == "citation"]
        scores["citations"].add(
            match(text, citations, annotation["citations"], same_party, name)[0]
        )
        # Dates and stances of the statements found: how often they are right.
        for suggestion, expected in spoken:
            for key, got, want in (
                (
                    "dates",
                    suggestion.said_on and suggestion.said_on.isoformat(),
                    expected["said_on"],
                ),
                ("stances", suggestion.stance_hint, expected["stance"]),
            ):
                scores[key].predicted += 1
                scores[key].expected += 1
                scores[key].right += got == want
                if got != want:
                    scores[key].misses.append(f"{name}: {key} {got} != {want}: {expected['text']}")
        # Actors: known ones by id, new people by name.
        found = {s.actor_id for s in by_kind["actor"] if s.is_known}
        found_new = [s.name for s in by_kind["actor"] if not s.is_known]
        wanted = set(annotation["known_actors"])
        wanted_new = annotation["new_actors"]
        right_new = [n for n in found_new if any(same_name(n, w) for w in wanted_new)]
        scores["actors"].add(
            Score(
                predicted=len(found) + len(found_new),
                expected=len(wanted) + len(wanted_new),
                right=len(found & wanted) + len(right_new),
                misses=[f"{name}: actor {a}" for a in (found ^ wanted)]
                + [f"{name}: wrong new actor {n}" for n in found_new if n not in right_new]
                + [
                    f"{name}: missed new actor {w}"
                    for w in wanted_new
                    if not any(same_name(n, w) for n in found_new)
                ],
            )
        )
    return scores


def report(scores: dict[str, Score]) -> str:
    lines = [f"{'':<11} {'P':>5} {'R':>5}  right/predicted/expected"]
    for key, score in scores.items():
        lines.append(
            f"{key:<11} {score.precision:5.2f} {score.recall:5.2f}  "
            f"{score.right}/{score.predicted}/{score.expected}"
        )
    return "\n".join(lines)


def test_the_evaluation_set_has_four_german_and_four_english_texts():
    languages = [json.loads((DATA / f"{n}.json").read_text())["language"] for n in TEXTS]
    assert languages.count("de") >= 4 and languages.count("en") >= 4


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return evaluate()


@pytest.mark.parametrize("category", ["quotes", "statements", "quantities"])
def test_precision_and_recall_are_at_least_85_percent(scores, category):
    score = scores[category]
    details = report(scores) + "\n" + "\n".join(score.misses)
    print(details)
    assert score.precision >= THRESHOLD, details
    assert score.recall >= THRESHOLD, details


def test_citations_are_found_with_the_party_relied_on(scores):
    score = Score()
    score.add(scores["citations"])
    for path in CITATION_TEXTS:
        annotation = json.loads(path.with_suffix(".json").read_text())
        text = path.read_text()
        found = [
            s
            for s in analyse_article(
                text,
                language=annotation["language"],
                published_on=date.fromisoformat(annotation["published"]),
                known_actors=known_actors(),
            )
            if s.kind == "citation"
        ]
        score.add(match(text, found, annotation["citations"], same_party, path.stem)[0])
    details = report({"citations": score}) + "\n" + "\n".join(score.misses)
    print(details)
    assert score.precision >= THRESHOLD, details
    assert score.recall >= THRESHOLD, details


def test_dates_stances_and_actors_of_what_was_found_are_mostly_right(scores):
    details = report(scores)
    for key in ("dates", "stances", "actors"):
        assert scores[key].precision >= 0.8, details + "\n" + "\n".join(scores[key].misses)
        assert scores[key].recall >= 0.8, details + "\n" + "\n".join(scores[key].misses)
