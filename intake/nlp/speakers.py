"""The speaker of a reporting word: the subject left of the verb, the noun phrase right of it
(with a name in apposition), or the source after "according to" / "laut" / before "zufolge".

What is found there is a name (names.py), a pronoun or a description (references.py), or a bare
one-word subject that gives way to a named one.
"""

from __future__ import annotations

from . import confidence, grammar, pronouns
from . import lexicon as lx
from .article import Item
from .cast import Cast, Speaker
from .discourse import Discourse
from .names import Candidate, bare_name, names_in
from .references import description
from .stance import Anchor
from .word_classes import adjective_like, is_function_word, noun_class


def anchor_speaker(
    items: list[Item], anchor: Anchor, cast: Cast, discourse: Discourse
) -> Speaker | None:
    language = cast.article.language
    if anchor.kind == "according":
        owner = anchor.verb - 1
        if language == "de" and owner >= 0 and items[owner].low in lx.POSSESSIVES:
            return pronouns.resolve(items, owner, cast, discourse)  # nach ihren Angaben
        start = anchor.verb + 1
        if start < len(items) and items[start].low in ("von", "aus"):
            start += 1
        end = _right_end(items, start)
        if end == start + 1 and items[start].low in lx.PRONOUN_FEATURES:
            return pronouns.resolve(items, start, cast, discourse)  # according to her
        return speaker_in(items, start, end, "right", cast, discourse, source=True)
    if anchor.kind == "zufolge":
        lo = _left_start(items, anchor.pos)
        return speaker_in(
            items, _phrase_before(items, lo, anchor.pos), anchor.pos, "left", cast, discourse
        )
    if anchor.kind == "so":
        start = anchor.verb + 1
        return speaker_in(items, start, _right_end(items, start), "right", cast, discourse)
    if anchor.kind == "hiess":
        return None
    left = _left_subject(items, anchor.pos, cast, discourse)
    if left is not None and not left.weak:
        return left
    if language == "en":
        verb = items[anchor.verb]
        before = items[anchor.pos - 1] if anchor.pos else None
        inverted = before is None or before.quote is not None or before.text in ",;:"
        if verb.low not in lx.ENGLISH_INVERSION_VERBS or not inverted:
            return left
    start = anchor.pos + 1
    right = speaker_in(items, start, _right_end(items, start), "right", cast, discourse)
    # "Die Berichte bestätigte das Ministerium nicht": a weak subject gives way.
    return right if right is not None and (left is None or not right.weak) else left


def speaker_in(
    items: list[Item],
    lo: int,
    hi: int,
    side: str,
    cast: Cast,
    discourse: Discourse,
    *,
    person: bool | None = None,
    strict: bool = False,
    source: bool = False,
) -> Speaker | None:
    """The speaker named in items[lo:hi]: the subject left of a verb, or the noun phrase right
    of it (with a name in apposition: der US-Botschafter bei der UNO, Robert Wood,). `strict`
    takes names only, no descriptions."""
    while lo < hi and items[lo].quote is None and items[lo].text in "+*•>#–—-(":
        lo += 1  # live-blog marks: "+++ SPD-Chef Walter-Borjans wirft …"
    while lo < hi and items[lo].word and items[lo].low in lx.CLAUSE_OPENERS:
        lo += 1
    if lo >= hi or not items[lo].word:
        return None
    first = items[lo]
    if side == "left" and first.low in lx.PREPOSITIONS:
        return None
    if first.low in lx.PRONOUNS and (side == "right" or hi - lo == 1):
        return pronouns.resolve(items, lo, cast, discourse)
    if side == "right":
        limit = hi
        hi = _phrase_end(items, lo, hi, cast.article.language)
        author = _document_author(items, lo, hi, limit)
        if author is not None:
            # "according to an announcement from the commission", "said a statement by X":
            # the author speaks, not the document.
            lo = author
            hi = _phrase_end(items, lo, limit, cast.article.language)
        elif _is_document(items, lo, hi) and not source:
            # "…, said the statement": the body that spoke last issued it, if one did.
            body = discourse.last_speaker(person=False)
            if body is None:
                return None
            text = cast.article.text[items[lo].start : items[hi - 1].end]
            return Speaker(body, text, items[hi - 1].end, confidence=confidence.RESOLVED)
        if person is None and _role_follows(items, hi, limit):
            person = True  # said Daniel Hargreaves, the group's director
    if side == "left":
        words = [it for it in items[lo:hi] if it.word]
        if len(words) > 12 or any(
            it.low in lx.GERMAN_AUXILIARIES or it.low in lx.ENGLISH_AUXILIARIES for it in words
        ):
            return None  # a clause of its own ("Nordkorea habe …"), not a subject
    candidates = names_in(cast, items, lo, hi, person)
    persons = [c for c in candidates if c[0].is_person]
    if persons:
        chosen = persons[-1] if side == "left" else persons[0]
        return _named(chosen)
    known = [c for c in candidates if c[0].actor is not None]
    if known:
        return _named(known[0])
    if candidates:
        return _named(candidates[0])
    if strict:
        return None
    return description(items, lo, hi, cast, discourse, source=source) or bare_name(
        cast, items, lo, hi
    )


def _named(candidate: Candidate) -> Speaker:
    entity, text, end = candidate
    grade = confidence.KNOWN if entity.actor is not None else confidence.NAMED
    return Speaker(entity, text, end, named=True, confidence=grade)


def _phrase_before(items: list[Item], lo: int, pos: int) -> int:
    """Where the noun phrase ending right before items[pos] starts: "Die Inflationsrate ist
    | Ökonomen zufolge", "… ist | den Behörden zufolge" (not the whole clause before it)."""
    j = pos
    while j > lo:
        item = items[j - 1]
        if (
            not item.word
            or item.low in lx.GERMAN_AUXILIARIES
            or grammar.is_finite_verb(item.text, "de")
        ):
            break
        if not (
            item.cap
            or item.low in lx.DETERMINERS
            or item.low in lx.GENITIVE_LINKS
            or adjective_like(item.low)
        ):
            break
        j -= 1
    return j if j < pos else lo


def _is_document(items: list[Item], lo: int, hi: int) -> bool:
    words = [it for it in items[lo:hi] if it.word and it.low not in lx.DETERMINERS]
    return bool(words) and words[-1].low in lx.DOCUMENT_NOUNS


def _document_author(items: list[Item], lo: int, hi: int, limit: int) -> int | None:
    """Where the author of a document phrase starts ("an announcement from | the commission",
    "einer Mitteilung der | Kommission"), or None when the phrase names no document."""
    if not _is_document(items, lo, hi) or hi + 1 >= limit:
        return None
    link = items[hi]
    if link.low in ("from", "by", "of", "von", "vom", "des", "der") and items[hi + 1].word:
        return hi if link.low in ("des", "der") else hi + 1
    return None


def _left_start(items: list[Item], pos: int) -> int:
    start = pos
    while start > 0:
        before = items[start - 1]
        if before.quote is not None or before.text in ":;–—-" or before.low in ("that", "dass"):
            break  # "AFP reported that | the minister said"
        start -= 1
    return start


def _left_subject(items: list[Item], pos: int, cast: Cast, discourse: Discourse) -> Speaker | None:
    start = _left_start(items, pos)
    parts: list[tuple[int, int]] = []
    lo = start
    for j in range(start, pos):
        if items[j].text == ",":
            parts.append((lo, j))
            lo = j + 1
    parts.append((lo, pos))
    listed = _listed_places(items, parts)
    if listed is not None:
        return speaker_in(items, listed[0], listed[1], "left", cast, discourse)
    last_lo, last_hi = parts[-1]
    if last_hi > last_lo:
        return speaker_in(items, last_lo, last_hi, "left", cast, discourse)
    # The verb follows a comma: "Name, the role, said" or "The role, Name, said".
    if len(parts) >= 3:
        p_lo, p_hi = parts[-2]
        q_lo, q_hi = parts[-3]
        if p_hi <= p_lo or q_hi <= q_lo:
            return None
        if _is_name_part(items, p_lo, p_hi):
            q_class = _head_class(items, q_lo, q_hi)
            if q_class is not None:
                speaker = speaker_in(
                    items, p_lo, p_hi, "left", cast, discourse, person=q_class == "role"
                )
                if speaker and speaker.entity and q_class == "org" and speaker.entity.actor is None:
                    speaker.entity.is_person = False
                return speaker
        if items[p_lo].low in lx.DETERMINERS or items[p_lo].low in (
            "who",
            "which",
            "welche",
            "welcher",
            "dessen",
            "deren",
        ):
            role = _head_class(items, p_lo, p_hi) == "role"
            return speaker_in(items, q_lo, q_hi, "left", cast, discourse, person=role or None)
        if _head_class(items, p_lo, p_hi) == "role" and _is_name_part(items, q_lo, q_hi):
            # "…, Keiji Fukuda, WHO's assistant director general, said": the name before its
            # role in apposition.
            return speaker_in(items, q_lo, q_hi, "left", cast, discourse, person=True)
    return None


def _listed_places(items: list[Item], parts: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The subject before a list of names after a preposition: "Union members in Ohio,
    Maryland and Florida rejected …" → (Union members), not the last name of the list."""
    if len(parts) < 2:
        return None
    k = len(parts) - 1
    while k > 0 and _is_name_list(items, *parts[k]):
        k -= 1
    if k == len(parts) - 1:
        return None
    lo, hi = parts[k]
    for j in range(hi - 1, lo, -1):
        if items[j].low in lx.PREPOSITIONS:
            if _is_name_list(items, j + 1, hi):
                return lo, j
            return None
    return None


def _is_name_list(items: list[Item], lo: int, hi: int) -> bool:
    words = [it for it in items[lo:hi] if it.word]
    return bool(words) and all(
        it.low in ("and", "or", "und", "oder") or (it.cap and not is_function_word(it.low))
        for it in words
    )


def _is_name_part(items: list[Item], lo: int, hi: int) -> bool:
    words = [it for it in items[lo:hi] if it.word]
    return (
        bool(words)
        and len(words) <= 4
        and all(
            it.cap and not is_function_word(it.low) and noun_class(it.text) != "role"
            for it in words
        )
    )


def _head_class(items: list[Item], lo: int, hi: int) -> str | None:
    classes = [noun_class(it.text) for it in items[lo:hi] if it.word]
    if "role" in classes:
        return "role"
    if "org" in classes:
        return "org"
    return None


def _right_end(items: list[Item], start: int) -> int:
    """End of the stretch after a verb where its subject may stand (with an apposition)."""
    end = start
    commas = 0
    while end < len(items):
        item = items[end]
        if item.quote is not None or item.text in ".;:!?" or item.low in ("dass", "that", "ob"):
            break
        if item.text == ",":
            commas += 1
            if commas > 2:
                break
        end += 1
    return end


def _phrase_end(items: list[Item], lo: int, hi: int, language: str) -> int:
    """Where the noun phrase starting at lo ends, taking in a name in apposition."""
    j = lo
    if items[j].low in lx.DETERMINERS:
        j += 1
    head = False
    while j < hi:
        item = items[j]
        nxt = items[j + 1] if j + 1 < hi else None
        if not item.word:
            if item.text in ("'", "’") and language == "en" and head:
                j += 1
                continue
            break
        low = item.low
        if (item.cap and not is_function_word(low)) or (
            item.cap and low in lx.DETERMINERS and not head
        ):
            head = True
            j += 1
            continue
        if low in lx.DETERMINERS and low not in lx.GENITIVE_LINKS and not head:
            j += 1
            continue
        if not head and (
            low in lx.GERMAN_NUMBER_WORDS or low in lx.ENGLISH_NUMBER_WORDS or low.isdigit()
        ):
            j += 1  # "nach Angaben der drei Überlebenden"
            continue
        if not head and not is_function_word(low) and (language == "en" or adjective_like(low)):
            j += 1
            if language == "en" and noun_class(item.text):
                head = True
            continue
        if head and low in lx.GENITIVE_LINKS and nxt is not None and nxt.word:
            head = False
            j += 1
            continue
        if (
            head
            and low in ("und", "and", "&", "of", "für", "for")
            and nxt is not None
            and (nxt.cap or nxt.low in lx.DETERMINERS)
        ):
            j += 1
            continue
        if language == "en" and not is_function_word(low) and low not in lx.ENGLISH_VERBS:
            j += 1
            head = True
            continue
        break
    end = j
    # Apposition: "…-Botschafter bei den Vereinten Nationen, Robert Wood, …"
    if _head_class(items, lo, end) == "role":
        k = end
        while k < hi and items[k].text != "," and k - end < 6:
            k += 1
        if k < hi and items[k].text == ",":
            n = k + 1
            m = n
            while m < hi and items[m].word and items[m].cap:
                m += 1
            if m > n and _is_name_part(items, n, m) and (m >= hi or items[m].text == ","):
                return m
    return end


def _role_follows(items: list[Item], end: int, limit: int) -> bool:
    """Whether an apposition naming a role follows: "Name, the group's director"."""
    if end >= limit or items[end].text != ",":
        return False
    for item in items[end + 1 : min(limit, end + 8)]:
        if item.text == "," or item.quote is not None:
            return False
        if item.word and noun_class(item.text) == "role":
            return True
    return False
