"""A cheap, offline language check: is this English? bilat's extractors read English only."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str, declared: str | None = None) -> str | None:
    """'en' when English function words make up a prose-like share of the words; else the declared
    language (HTML lang, front matter) if any, else None. Declared 'en' is checked, not trusted."""
    words = _WORD.findall(text[:20000].lower())
    if len(words) >= 20:
        share = sum(1 for w in words if w in STOP_WORDS) / len(words)
        if share >= 0.25:
            return "en"
        if declared and declared.lower().startswith("en"):
            return None
    if declared:
        return declared.split("-")[0].lower()
    return None
