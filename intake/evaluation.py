"""How well the article analysis does on annotated real news: the yardstick of issue #19.

The corpus (`tests/data/intake/news/`, guidelines in its README) is real German and English
reports with gold written by hand before the analysis ever ran on them, split by a rule that
looks only at the address (sha256 of the URL) into a **tuning half**, which rules may be written
against, and a **held-out half**, which no rule may be written against. The held-out half's
figures are the ones that count; `evaluate_intake` prints them first and never prints what the
analysis got wrong there, so that nobody tunes against it by accident.

What is counted, for what the analysis says somebody said (quotes and statements together):
- **found**: a suggestion overlapping a gold quote or statement of the same text; precision is
  found suggestions over all suggestions, recall found gold over all gold.
- **speaker right**: of the found, those naming the gold speaker (a known actor by id, otherwise
  the name by word stems, a shorter form counting). A speaker the analysis was not sure of
  (`Suggestion.speaker_is_sure` false) is shown to the editor as "check the speaker", not
  pre-filled: it is counted as not right, and apart as **left to the editor**; **confidently
  wrong** are the wrong speakers that would have been pre-filled.
- **stance right**: of the found, those with the gold stance.
- **date right**: of the found whose gold says when it was said, those with that day. The day
  is the one the statement would be recorded with: its own, or the article's when the analysis
  found none (the accept form dates an undated suggestion with the article's day).
- **quantities**: precision and recall with value, upper bound and qualifier equal and the unit
  (in English) the same by word stems, a shorter form counting ("counts" for "corruption
  counts", as for speakers).
- **by pattern**: recall and speaker right for each attribution pattern the gold marks (colon,
  inverted, pronoun, nested …): the confusion per failure class of the issue.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from .nlp import KnownActor, Suggestion, analyse_article
from .nlp.word_classes import stem

TUNING, HELD_OUT = "tuning", "held_out"
HALVES = (HELD_OUT, TUNING)

# What issue #19 asks of the held-out half.
TARGETS: dict[str, float] = {
    "spoken precision": 0.90,
    "spoken recall": 0.80,
    "speaker right": 0.90,
    "stance right": 0.85,
    "quantities precision": 0.97,
    "quantities recall": 0.90,
    "date right": 0.90,
}

PATTERNS = (
    "plain",
    "pronoun",
    "described",
    "colon",
    "inverted",
    "uncommon_verb",
    "nested",
    "continuation",
    "according_to",
    "konjunktiv",
)

GOLD_KEYS = (
    "language",
    "published",
    "url",
    "half",
    "quotes",
    "statements",
    "quantities",
    "citations",
)


class CorpusError(ValueError):
    """A text of the corpus whose gold cannot be read: said in words, by file."""


_ARTICLES = {"der", "die", "das", "des", "den", "dem", "the", "a", "an", "ein", "eine", "einer"}


@dataclass(frozen=True)
class AnnotatedText:
    """One report of the corpus with its gold."""

    name: str
    text: str
    gold: dict

    @property
    def half(self) -> str:
        return str(self.gold["half"])

    @property
    def language(self) -> str:
        return str(self.gold["language"])


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def count(self, right: bool) -> None:
        self.total += 1
        self.right += int(right)

    def __str__(self) -> str:
        return f"{self.value:.2f} ({self.right}/{self.total})"


@dataclass
class PatternTally:
    expected: int = 0
    found: int = 0
    speaker_right: int = 0


@dataclass
class Evaluation:
    """The figures of one half (or any set of texts)."""

    texts: int = 0
    spoken_precision: Ratio = field(default_factory=Ratio)
    spoken_recall: Ratio = field(default_factory=Ratio)
    speaker_right: Ratio = field(default_factory=Ratio)
    left_to_editor: int = 0
    confidently_wrong: int = 0
    stance_right: Ratio = field(default_factory=Ratio)
    date_right: Ratio = field(default_factory=Ratio)
    quantities_precision: Ratio = field(default_factory=Ratio)
    quantities_recall: Ratio = field(default_factory=Ratio)
    by_pattern: dict[str, PatternTally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return {
            "spoken precision": self.spoken_precision.value,
            "spoken recall": self.spoken_recall.value,
            "speaker right": self.speaker_right.value,
            "stance right": self.stance_right.value,
            "quantities precision": self.quantities_precision.value,
            "quantities recall": self.quantities_recall.value,
            "date right": self.date_right.value,
        }

    def below_targets(self) -> dict[str, tuple[float, float]]:
        return {
            name: (value, TARGETS[name])
            for name, value in self.figures().items()
            if value < TARGETS[name]
        }


def load_corpus(folder: Path) -> list[AnnotatedText]:
    """Every `NAME.txt` with its `NAME.json` in `folder`; CorpusError names a file whose gold is
    missing, not JSON or lacks a key (corpus_problems checks the rest)."""
    texts = []
    for path in sorted(folder.glob("*.txt")):
        gold_path = path.with_suffix(".json")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CorpusError(f"{path.name} has no gold: {gold_path.name} is missing") from None
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{gold_path.name} is not JSON: {exc}") from None
        missing = [key for key in GOLD_KEYS if key not in gold]
        if missing:
            raise CorpusError(f"{gold_path.name} lacks {', '.join(missing)}")
        texts.append(AnnotatedText(path.stem, path.read_text(encoding="utf-8"), gold))
    return texts


def halves_by_address(urls: Sequence[str]) -> dict[str, str]:
    """The split rule: sorted by the SHA-256 of the address, the first half is held out."""
    ordered = sorted(urls, key=lambda url: hashlib.sha256(url.encode()).hexdigest())
    return {url: HELD_OUT if i < len(ordered) // 2 else TUNING for i, url in enumerate(ordered)}


def corpus_problems(texts: Sequence[AnnotatedText]) -> list[str]:
    """What is wrong with the corpus itself: gold that is not in its text once, a half that is
    not the one the rule gives, a pattern nobody defined."""
    problems = []
    for language in {t.language for t in texts}:
        in_language = [t for t in texts if t.language == language]
        rule = halves_by_address([t.gold["url"] for t in in_language])
        for t in in_language:
            if t.half != rule[t.gold["url"]]:
                problems.append(
                    f"{t.name}: half {t.half}, the address rule says {rule[t.gold['url']]}"
                )
    for t in texts:
        for key in ("quotes", "statements", "quantities", "citations"):
            for item in t.gold[key]:
                if t.text.count(item["text"]) != 1:
                    problems.append(f"{t.name}: {key} {item['text']!r} is not in the text once")
                for pattern in item.get("pattern", ()):
                    if pattern not in PATTERNS:
                        problems.append(f"{t.name}: unknown pattern {pattern!r}")
    return problems


def evaluate(
    texts: Iterable[AnnotatedText], known_actors: Sequence[KnownActor], *, keep_misses: bool
) -> Evaluation:
    result = Evaluation()
    for annotated in texts:
        result.texts += 1
        suggestions = analyse_article(
            annotated.text,
            language=annotated.language,
            published_on=date.fromisoformat(annotated.gold["published"]),
            known_actors=known_actors,
        )
        _score_spoken(annotated, suggestions, result, keep_misses)
        _score_quantities(annotated, suggestions, result, keep_misses)
    if not keep_misses:
        result.misses = []
    return result


def _score_spoken(
    annotated: AnnotatedText, suggestions: list[Suggestion], result: Evaluation, keep: bool
) -> None:
    said = [s for s in suggestions if s.kind in ("quote", "statement")]
    gold = annotated.gold["quotes"] + annotated.gold["statements"]
    unused = list(said)
    for item in gold:
        start = annotated.text.index(item["text"])
        end = start + len(item["text"])
        found = next((s for s in unused if s.start < end and start < s.end), None)
        result.spoken_recall.count(found is not None)
        for pattern in item.get("pattern", ()) or ("plain",):
            tally = result.by_pattern.setdefault(pattern, PatternTally())
            tally.expected += 1
            tally.found += found is not None
        if found is None:
            _miss(result, keep, f"{annotated.name}: missed {item['speaker']!r}: {item['text']}")
            continue
        unused.remove(found)
        sure = getattr(found, "speaker_is_sure", True)
        right = sure and _same_speaker(found, item)
        result.speaker_right.count(right)
        if not sure:
            result.left_to_editor += 1
        elif not right:
            result.confidently_wrong += 1
            _miss(
                result,
                keep,
                f"{annotated.name}: speaker {found.speaker!r} for {item['speaker']!r}: "
                f"{item['text']}",
            )
        for pattern in item.get("pattern", ()) or ("plain",):
            result.by_pattern[pattern].speaker_right += right
        result.stance_right.count(found.stance_hint == item["stance"])
        if found.stance_hint != item["stance"]:
            _miss(
                result,
                keep,
                f"{annotated.name}: stance {found.stance_hint} for {item['stance']}: "
                f"{item['text']}",
            )
        if item["said_on"]:
            got = (found.said_on or date.fromisoformat(annotated.gold["published"])).isoformat()
            result.date_right.count(got == item["said_on"])
            if got != item["said_on"]:
                _miss(
                    result,
                    keep,
                    f"{annotated.name}: date {got} for {item['said_on']}: {item['text']}",
                )
    for s in said:
        result.spoken_precision.count(s not in unused)
    for s in unused:
        _miss(result, keep, f"{annotated.name}: not speech {s.speaker!r}: {s.text[:80]}")


def _score_quantities(
    annotated: AnnotatedText, suggestions: list[Suggestion], result: Evaluation, keep: bool
) -> None:
    found_quantities = [s for s in suggestions if s.kind == "quantity"]
    unused = list(found_quantities)
    for item in annotated.gold["quantities"]:
        start = annotated.text.index(item["text"])
        end = start + len(item["text"])
        found = next(
            (s for s in unused if s.start < end and start < s.end and _same_quantity(s, item)),
            None,
        )
        result.quantities_recall.count(found is not None)
        if found is None:
            _miss(result, keep, f"{annotated.name}: missed quantity {item}")
        else:
            unused.remove(found)
    for s in found_quantities:
        result.quantities_precision.count(s not in unused)
    for s in unused:
        _miss(
            result,
            keep,
            f"{annotated.name}: wrong quantity {s.value} {s.unit!r} {s.qualifier}: {s.text[:60]}",
        )


def _miss(result: Evaluation, keep: bool, line: str) -> None:
    if keep:
        result.misses.append(line)


def same_name(said: str, annotated: str) -> bool:
    """The same name by word stems, a shorter form counting ("union" for "the union")."""

    def words(name: str) -> list[str]:
        return [stem(w) for w in name.replace("'", " ").split() if w.casefold() not in _ARTICLES]

    a, b = words(said), words(annotated)
    return bool(a and b) and (a == b or set(a) <= set(b) or set(b) <= set(a))


def _same_speaker(suggestion: Suggestion, item: dict) -> bool:
    if item.get("actor"):
        return suggestion.actor_id == item["actor"]
    return same_name(suggestion.speaker, item["speaker"])


def _same_quantity(suggestion: Suggestion, item: dict) -> bool:
    def number(value: object) -> Decimal | None:
        return None if value is None else Decimal(str(value))

    return (
        number(suggestion.value) == number(item["value"])
        and number(suggestion.value_max) == number(item["value_max"])
        and same_name(suggestion.unit, item["unit"])
        and suggestion.qualifier == item["qualifier"]
    )


def render(evaluation: Evaluation, title: str) -> str:
    """The figures as a Markdown table, targets beside them, then the patterns."""
    lines = [
        f"### {title} ({evaluation.texts} texts)",
        "",
        "| figure | measured | target |",
        "|---|---:|---:|",
    ]
    ratios = {
        "spoken precision": evaluation.spoken_precision,
        "spoken recall": evaluation.spoken_recall,
        "speaker right": evaluation.speaker_right,
        "stance right": evaluation.stance_right,
        "date right": evaluation.date_right,
        "quantities precision": evaluation.quantities_precision,
        "quantities recall": evaluation.quantities_recall,
    }
    for name, ratio in ratios.items():
        mark = "" if ratio.value >= TARGETS[name] else " **below**"
        lines.append(f"| {name} | {ratio}{mark} | {TARGETS[name]:.2f} |")
    lines += [
        "",
        f'Speakers left to the editor ("check the speaker"): {evaluation.left_to_editor}; '
        f"confidently wrong: {evaluation.confidently_wrong}.",
        "",
        "| pattern | gold | found | speaker right |",
        "|---|---:|---:|---:|",
    ]
    for pattern in PATTERNS:
        tally = evaluation.by_pattern.get(pattern)
        if tally:
            lines.append(
                f"| {pattern} | {tally.expected} | {tally.found} | {tally.speaker_right} |"
            )
    return "\n".join(lines)
