"""Clusters flattened into the row shapes that `indicators` defines."""
from __future__ import annotations

from .dedup import Cluster
from ..model import actor_key


def event_row(c: Cluster) -> dict:
    d = c.data
    return {"id": c.id, "date": c.date, "source_key": actor_key(d.get("source")),
            "target_key": actor_key(d.get("target")), "cameo": d.get("cameo"),
            "quad_class": d.get("quad_class"), "goldstein": d.get("goldstein")}


def agreement_row(c: Cluster) -> dict:
    parties = c.data.get("parties") or []
    return {"id": c.id, "kind": c.data.get("kind"), "domains": list(c.data.get("domains") or []),
            "levels": [p.get("level") for p in parties]}


def stance_row(c: Cluster) -> dict:
    holders = sorted({k for k in (actor_key(h) for h in c.data.get("holders") or []) if k})
    return {"id": c.id, "holders": holders, "polarity": c.data.get("polarity"), "target": c.data.get("target"),
            "target_key": actor_key(c.data.get("target_actor")), "target_actor": c.data.get("target_actor")}


def figure_row(c: Cluster) -> dict:
    d = c.data
    return {"id": c.id, **{k: d.get(k) for k in ("indicator", "reporter", "partner", "period", "value", "unit",
                                                 "change_pct")}}
