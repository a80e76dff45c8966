"""People in a scope, with the roles the documents give them and the events they took part in."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dedup import Cluster
from .text import fold


@dataclass
class PersonView:
    cluster: Cluster
    roles: list[str]
    events: list[str]  # ids of event clusters whose evidence mentions the person

    @property
    def name(self) -> str:
        return self.cluster.data.get("name") or ""

    @property
    def country(self) -> str | None:
        return self.cluster.data.get("country")

    def to_json(self) -> dict:
        return {"id": self.cluster.id, "name": self.name, "country": self.country, "roles": self.roles,
                "events": self.events, "documents": [d.id for d in self.cluster.documents],
                "sources": [r.to_json() for r in self.cluster.reports]}


# Where the family name comes first: "Xi Jinping" is "Xi" on second mention.
SURNAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM"})


def _mentions(name: str, country: str | None) -> re.Pattern | None:
    """The full name, or the surname alone as texts say 'Putin' after the first mention."""
    folded = fold(name)
    if not folded:
        return None
    forms = {folded}
    words = folded.split()
    surname = words[0] if country in SURNAME_FIRST else words[-1]
    if len(words) > 1 and len(surname) >= 2:
        forms.add(surname)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b")


def roles(cluster: Cluster) -> list[str]:
    seen: dict[str, str] = {}
    for report in cluster.reports:
        role = (report.data.get("role") or "").strip()
        if role:
            seen.setdefault(fold(role), role)
    return list(seen.values())


def people(clusters: list[Cluster], events: list[Cluster]) -> list[PersonView]:
    quotes = [(e.id, " ".join(fold(r.quote) for r in e.reports)) for e in events]
    out = []
    for c in clusters:
        pattern = _mentions(c.data.get("name") or "", c.data.get("country"))
        took_part = [eid for eid, text in quotes if pattern and pattern.search(text)]
        out.append(PersonView(c, roles(c), took_part))
    out.sort(key=lambda p: (-len(p.events), -len(p.cluster.documents), p.name))
    return out
