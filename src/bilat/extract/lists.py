"""Enumerated lists, as every extractor sees them: a line that starts with a number or a bullet
('1. ', '(a) ', '- ', '• ') is a list item. One definition, so that the extractors agree on what a list is."""
from __future__ import annotations

import re

from spacy.tokens import Span

BULLETS = frozenset(["-", "•", "*", "–", "—", "·", "▪", "◦", "o"])
ITEM_MARKER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|[-•*–—·▪◦])\s+")


def marker_end(line: str) -> int | None:
    """Where an item's text starts after its marker (and the space after it); None if the line is no item."""
    match = ITEM_MARKER.match(line)
    return match.end() if match else None


def is_bullet(text: str) -> bool:
    """A bullet on its own: the parser sometimes makes one a sentence."""
    return text.strip() in BULLETS


def is_list_item(sent: Span) -> bool:
    return marker_end(sent.text) is not None or is_bullet(sent.text)
