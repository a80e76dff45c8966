"""Folding and content words: how two differently worded reports are compared."""
from __future__ import annotations

import re
import unicodedata

STOPWORDS = frozenset("""
a an the and or of on in at to for by with from into onto over under between among about as its it their
his her this that these those which who whom whose be is are was were been being has have had do does did
not no nor but so than then too very can will would should could may might must shall also both each
other such own same new further more most all any some per via upon within without against during
""".split())
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case without accents or punctuation, single spaces: 'Lavrov’s  Visit!' -> 'lavrov s visit'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_WORD.findall(plain))


def content_words(text: str | None) -> frozenset[str]:
    """The words that carry meaning, crudely singularised so 'visas' and 'visa' meet."""
    words = set()
    for word in fold(text).split():
        if word in STOPWORDS or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
