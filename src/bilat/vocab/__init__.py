"""bilat's vocabularies: declarative data files in this folder, loaded once into a small typed registry.

Edit the CSV/YAML files, not code, to teach bilat a new actor, trigger or cue.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).parent


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _csv(name: str) -> list[dict]:
    with open(HERE / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _yaml(name: str) -> dict:
    with open(HERE / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class State:
    iso3: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[tuple[str, str], ...]  # (surface form, CAMEO role such as GOV or MIL)


@dataclass(frozen=True)
class Organisation:
    code: str
    names: tuple[str, ...]
    cameo: str | None
    parent: str | None


@dataclass(frozen=True)
class Entity:
    """A state medium, company, agency or ministry known by name."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str  # CAMEO role: GOV, MIL, MED, BUS, ...
    kind: str  # level: state|government|ministry|agency|company|media|organisation


@dataclass(frozen=True)
class Officeholder:
    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    title: str
    start: str
    end: str | None
    source: str


@dataclass
class Vocabulary:
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    people: list[Officeholder] = field(default_factory=list)
    places: list[tuple[str, ...]] = field(default_factory=list)  # each place's names
    triggers: dict = field(default_factory=dict)
    agreements: dict = field(default_factory=dict)
    stances: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    forecasts: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)

    def event(self, code: str) -> CameoCode:
        """The codebook entry for a code; PLOVER falls back to the nearest parent code that has one."""
        return self.cameo[code]

    def plover_of(self, code: str) -> str | None:
        while code:
            entry = self.cameo.get(code)
            if entry and entry.plover:
                return entry.plover
            code = code[:-1] if len(code) > 2 else ""
        return None


def _cameo() -> dict[str, CameoCode]:
    return {
        row["code"]: CameoCode(row["code"], row["name"], float(row["goldstein"]), int(row["quad_class"]),
                               row.get("plover_event") or None, row.get("plover_mode") or None)
        for row in _csv("cameo.csv")
    }


def _states() -> dict[str, State]:
    states = {}
    for row in _csv("states.csv"):
        metonyms = []
        for item in _split(row.get("metonyms")):
            form, _, role = item.partition("@")
            metonyms.append((form, role or "GOV"))
        states[row["iso3"]] = State(row["iso3"], tuple(_split(row["names"])), tuple(_split(row.get("demonyms"))),
                                    tuple(_split(row.get("capital"))), tuple(metonyms))
    return states


def _people() -> list[Officeholder]:
    people = []
    for path in sorted((HERE / "people").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                people.append(Officeholder(row["name"].strip(), tuple(_split(row.get("aliases"))),
                                           row["country"].strip(), row["office"].strip(), row.get("title", "").strip(),
                                           row["start"].strip(), row.get("end", "").strip() or None,
                                           row.get("source", "").strip()))
    return people


@functools.lru_cache(maxsize=1)
def load() -> Vocabulary:
    return Vocabulary(
        cameo=_cameo(),
        states=_states(),
        organisations={row["code"]: Organisation(row["code"], tuple(_split(row["names"])), row.get("cameo") or None,
                                                 row.get("parent") or None)
                       for row in _csv("organisations.csv")},
        entities=[Entity(row["name"], tuple(_split(row.get("aliases"))), row.get("country") or None,
                         row.get("role") or "GOV", row.get("kind") or "organisation")
                  for row in _csv("entities.csv")],
        people=_people(),
        places=[(row["name"], *_split(row.get("aliases"))) for row in _csv("places.csv")],
        triggers=_yaml("triggers.yaml"),
        agreements=_yaml("agreements.yaml"),
        stances=_yaml("stances.yaml"),
        figures=_yaml("figures.yaml"),
        forecasts=_yaml("forecasts.yaml"),
        roles=_yaml("roles.yaml"),
    )
