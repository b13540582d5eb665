"""How sure the analysis is of a quote's or statement's speaker, as a number from 0 to 1, and
the one threshold below which an editor is asked to check the speaker instead of being handed it.

Precision first: an editor must never get a confidently wrong speaker where an honest "unknown"
was possible. So the confidence is not a probability from a model but a grade of the way the
speaker was found, ordered by how often that way was right on the evaluation set
(tests/data/intake/) and on the failure classes of issue #19:

- a name or known actor standing as the subject of the reporting word, or right of an
  inverted one ("…", said Wood), or before a colon that introduces a quote: NAMED, or KNOWN for
  a known actor;
- a description resolved to an entity the text named before (der Konzern → Nordbahn AG):
  RESOLVED; a description that stands for itself (a spokesman, Staatsmedien): DESCRIBED;
- a definite role (der Diplomat, the minister) taken for the person named last: RESOLVED when
  that person also spoke last, else ROLE_GUESS (die Berliner Gesundheitssenatorin may be
  someone the text named without a reporting verb);
- a pronoun that only one speaker so far can stand for, by gender and number: PRONOUN_SURE;
  one that several can stand for, or none but the person named last: PRONOUN_GUESS;
- a bare capitalised word that may be a place standing for its government (Moskau bestritt)
  or may be no speaker at all: BARE;
- a sentence of reported speech that continues the previous sentence's speaker with no
  reporting word of its own: CONTINUED;
- the outer source of a nested attribution when the inner speaker could not be named (According
  to AFP, officials said …): OUTER.

Suggestions of other kinds (quantities, actors, citations) carry 1.0 until their own rules
grade them; the threshold applies to speakers only.
"""

from __future__ import annotations

# Below this, the accept form leaves the speaker empty and the review page says "Check the
# speaker". The one place it is set.
SPEAKER_THRESHOLD = 0.5

KNOWN = 0.95
NAMED = 0.9
RESOLVED = 0.75
DESCRIBED = 0.7
CONTINUED = 0.7
PRONOUN_SURE = 0.75
BARE = 0.6
OUTER = 0.55
PRONOUN_GUESS = 0.4
ROLE_GUESS = 0.45
NOBODY = 0.0


def is_uncertain(confidence: float) -> bool:
    """Whether a speaker found with this confidence is to be checked rather than pre-filled."""
    return confidence < SPEAKER_THRESHOLD
