"""What an analysis covers: one actor or a dyad, and a period."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import BilatError

_KEY = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


def _iso(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BilatError(f"{option} {value!r} is not a date in the form YYYY-MM-DD") from None


@dataclass(frozen=True)
class Scope:
    keys: tuple[str, ...]  # one actor, or the two sides of a dyad in the order the user gave
    since: str | None = None
    until: str | None = None

    @classmethod
    def parse(cls, spec: str, since: str | None = None, until: str | None = None) -> "Scope":
        """'CHN-RUS' (a dyad) or 'CHN' (one actor)."""
        keys = tuple(part.strip().upper() for part in re.split(r"[-–/,]", spec or "") if part.strip())
        if not 1 <= len(keys) <= 2 or not all(_KEY.match(k) for k in keys) or len(set(keys)) != len(keys):
            raise BilatError(f"{spec!r} is not an actor or a dyad: give codes such as CHN or CHN-RUS")
        scope = cls(keys, _iso(since, "--since"), _iso(until, "--until"))
        if scope.since and scope.until and scope.since > scope.until:
            raise BilatError(f"--since {scope.since} is after --until {scope.until}")
        return scope

    @property
    def label(self) -> str:
        return "–".join(self.keys)

    @property
    def is_dyad(self) -> bool:
        return len(self.keys) == 2

    def covers(self, keys: frozenset[str]) -> bool:
        """A dyad's facts involve both sides (in either direction); an actor's facts involve it."""
        return all(k in keys for k in self.keys)

    def touches(self, keys: frozenset[str]) -> bool:
        return any(k in keys for k in self.keys)

    @property
    def bounded(self) -> bool:
        return bool(self.since or self.until)

    def in_period(self, date: str | None) -> bool:
        """Undated facts belong to an open period only: nothing says they fall inside a bounded one."""
        if not self.bounded:
            return True
        if not date:
            return False
        day = date[:10]
        return (not self.since or day >= self.since) and (not self.until or day <= self.until)

    def to_json(self) -> dict:
        return {"keys": list(self.keys), "since": self.since, "until": self.until}
