"""A document's text cut into segments at every evidence boundary, so the template can wrap each
evidenced segment in a <mark> while escaping every piece of text: the document is untrusted input."""
from __future__ import annotations

from dataclasses import dataclass

# Drawing order when spans overlap: the most specific kind decides the colour of a shared segment.
KIND_ORDER = ("figures", "people", "agreements", "stances", "forecasts", "events")


@dataclass(frozen=True)
class Segment:
    text: str
    facts: tuple[str, ...] = ()  # ids of the facts whose evidence covers this segment
    kinds: tuple[str, ...] = ()  # their kinds, most specific first

    @property
    def kind(self) -> str | None:
        return self.kinds[0] if self.kinds else None


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Spans are (start, end, fact id, kind), offsets into `text` as the contract defines them; spans out
    of range are clipped rather than trusted."""
    n = len(text)
    clean = [(max(0, s), min(n, e), fid, kind) for s, e, fid, kind in spans if 0 <= s < e and s < n]
    cuts = sorted({0, n, *(s for s, _, _, _ in clean), *(e for _, e, _, _ in clean)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(fid, kind) for s, e, fid, kind in clean if s <= a and b <= e]
        kinds = tuple(sorted({k for _, k in covering}, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99))
        out.append(Segment(text[a:b], tuple(fid for fid, _ in covering), kinds))
    return out
