"""Who stands where: the stance matrix (holders x targets) and the alignment of two actors."""
from __future__ import annotations

from dataclasses import dataclass

from . import indicators
from .dedup import Cluster, stance_targets_match
from .rows import stance_row


@dataclass
class StanceMatrix:
    holders: list[str]
    targets: list[dict]  # {"group", "label", "stances": [cluster ids]}
    cells: dict[str, dict[int, str]]  # holder -> target group -> support | oppose | mixed
    alignment: dict | None  # indicators.alignment, with target labels; None for a single actor
    stances: list[Cluster]

    def to_json(self) -> dict:
        return {"holders": self.holders, "targets": self.targets,
                "cells": {h: {str(g): s for g, s in row.items()} for h, row in self.cells.items()},
                "alignment": self.alignment, "stances": [c.to_json() for c in self.stances]}


def _same_target(a: dict, b: dict) -> bool:
    return stance_targets_match({"target": a["target"], "target_actor": a["target_actor"]},
                                {"target": b["target"], "target_actor": b["target_actor"]})


def stance_matrix(stances: list[Cluster], keys: tuple[str, ...]) -> StanceMatrix:
    rows = [stance_row(c) for c in stances]
    groups = indicators.target_groups(rows, _same_target)
    targets = []
    for group in sorted(set(groups)):
        members = [r for r, g in zip(rows, groups) if g == group]
        # The shortest wording of a target is usually its name ("one-China principle").
        label = min((r["target"] or "" for r in members), key=lambda t: (len(t), t))
        targets.append({"group": group, "label": label, "stances": [r["id"] for r in members]})
    cells = indicators.positions(rows, groups)
    holders = [k for k in keys if k in cells] + sorted(h for h in cells if h not in keys)
    alignment = None
    if len(keys) == 2:
        alignment = indicators.alignment(rows, groups, *keys)
        labels = {t["group"]: t["label"] for t in targets}
        for target in alignment["targets"]:
            target["label"] = labels[target["group"]]
    return StanceMatrix(holders, targets, {h: cells[h] for h in holders}, alignment, stances)
