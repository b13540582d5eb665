"""Issue #19's speed goal for the article analysis: a 6,500-word article under 300 ms once the
tagger's models are loaded, in English and German; and how the time grows with the length.

    DEBUG=on .venv/bin/python bench/intake_speed.py [--repeat 5]

Builds the articles from the paragraphs of tests/intake/test_intake_speed.py (attributions of
every kind the rules read), times `analyse_article` in processor time, best of `--repeat` after
a warm-up, and prints a Markdown table. No database is needed.
"""

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "intake"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
    import django

    django.setup()
    from test_intake_speed import PARAGRAPH_DE, PARAGRAPH_EN, article  # type: ignore[import-not-found]

    from intake.nlp import analyse_article

    print("| language | words | best ms | ms per 1,000 words |")
    print("|---|---:|---:|---:|")
    for paragraph, language in ((PARAGRAPH_EN, "en"), (PARAGRAPH_DE, "de")):
        for words in (1_625, 3_250, 6_500, 13_000):
            text = article(paragraph, words)
            analyse_article(text, language=language)
            runs = []
            gc.disable()
            for _ in range(args.repeat):
                start = time.process_time()
                analyse_article(text, language=language)
                runs.append(time.process_time() - start)
            gc.enable()
            best = min(runs) * 1000
            n = len(text.split())
            print(f"| {language} | {n:,} | {best:.0f} | {best / n * 1000:.1f} |")


if __name__ == "__main__":
    main()
