"""Scoring bilat's own extraction against gold files, by the rules of CONTRACT.md ("How output is scored").

A gold file lists what a careful analyst finds in one document. Each kind of fact is scored on its own: predicted
and gold items are paired one-to-one by a maximum matching, required gold items before optional ones; recall counts
required gold items, precision counts every prediction."""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReadError
from .model import FACT_KINDS, actor_key

DEFAULT_TOLERANCE = 0.05
VALUE_TOLERANCE = 0.01  # relative: figures are rounded differently from one source to the next

SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12}

Item = dict
Window = Sequence[str] | None


# --- comparing single values ----------------------------------------------------------------------------------

def fold(text: str | None) -> str:
    """Text for comparison: accents dropped, case folded, typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold().replace("\u2019", "'").replace("\u2018", "'")


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_grounded(item, text: str) -> bool:
    """The item's evidence claims a slice of the text, and that slice is what it quotes."""
    evidence = item.get("evidence") if isinstance(item, dict) else None
    if not isinstance(evidence, dict):
        return False
    start, end = evidence.get("start"), evidence.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return False
    return 0 <= start < end <= len(text) and text[start:end] == evidence.get("text")


def in_window(date, window: Window, null_ok: bool) -> bool:
    """A gold window is inclusive; a gold item without one accepts any date, including none."""
    if date is None:
        return bool(null_ok) or window is None
    if window is None:
        return True
    return window[0] <= str(date)[:10] <= window[1]


_PERIOD_PART = re.compile(r"(\d{4})(?:-(?:(\d{2})|([HQ])(\d)))?")


def _part_span(part: str) -> tuple[str, str] | None:
    m = _PERIOD_PART.fullmatch(part.strip())
    if not m:
        return None
    year, month, unit, number = m.groups()
    if month:
        return f"{year}-{month}", f"{year}-{month}"
    if unit:
        size = 6 if unit == "H" else 3
        n = int(number)
        if not 1 <= n <= 12 // size:
            return None
        return f"{year}-{(n - 1) * size + 1:02d}", f"{year}-{n * size:02d}"
    return f"{year}-01", f"{year}-12"


def month_span(period) -> tuple[str, str] | str | None:
    """A period as its first and last month, so that equal spans written differently compare equal
    ('2025-H1' and '2025-01/2025-06'). What is not a period is compared as written."""
    if not isinstance(period, str) or not period.strip():
        return None if period in (None, "") else period
    text = period.strip().upper()
    parts = [_part_span(p) for p in text.split("/")]
    if len(parts) in (1, 2) and all(parts):
        return parts[0][0], parts[-1][1]
    return text


_GLUED_SCALE = re.compile(r"([a-z]{3})(k|mn|bn|tn)")


def scaled(value: float, unit: str | None) -> tuple[str, float]:
    """A value in its base unit: (47.16, 'USD bn') -> ('usd', 4.716e10); '$' and 'US$' are USD."""
    words = re.sub(r"us\$|\$", " usd ", fold(unit)).split()
    split: list[str] = []
    for word in words:
        glued = _GLUED_SCALE.fullmatch(word)
        split.extend(glued.groups() if glued else [word])
    factor = 1.0
    for word in split:
        factor *= SCALES.get(word, 1.0)
    return " ".join(w for w in split if w not in SCALES), float(value) * factor


def contains_all(haystack: str, keywords: Iterable[str]) -> bool:
    return all(fold(k) in haystack for k in keywords)


def contains_any(haystack: str, keywords: Iterable[str]) -> bool:
    return any(fold(k) in haystack for k in keywords)


# --- one rule per kind: can this prediction stand for this gold item? -------------------------------------------

def match_event(pred: Item, gold: Item) -> bool:
    if {actor_key(pred.get("source")), actor_key(pred.get("target"))} != set(gold["actors"]):
        return False
    code = str(pred.get("cameo") or "")
    if not any(code.startswith(prefix) for prefix in gold["cameo"]):
        return False
    return in_window(pred.get("date"), gold.get("date"), gold.get("date_optional"))


def match_agreement(pred: Item, gold: Item) -> bool:
    if pred.get("kind") != gold["kind"]:
        return False
    parties = [p for p in pred.get("parties") or [] if isinstance(p, dict)]
    haystack = " ".join([fold(pred.get("title"))] + [fold(p.get("text")) for p in parties])
    if not contains_all(haystack, gold.get("keywords", [])):
        return False
    if not set(gold.get("countries", [])) <= {actor_key(p) for p in parties}:
        return False
    return in_window(pred.get("signed"), gold.get("signed"), gold.get("signed_optional"))


def match_stance(pred: Item, gold: Item) -> bool:
    if pred.get("polarity") != gold["polarity"]:
        return False
    if not contains_any(fold(pred.get("target")), gold["target"]):
        return False
    return bool({actor_key(h) for h in pred.get("holders") or []} & set(gold["holders"]))


def _change_matches(pred: Item, gold: Item) -> bool:
    expected, got = gold.get("change_pct"), pred.get("change_pct")
    if expected is None:
        return got is None
    tolerance = gold.get("tolerance")
    tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    return is_number(got) and abs(got - expected) <= tolerance


def _value_matches(pred: Item, gold: Item) -> bool:
    if gold.get("value") is None:
        return True
    if not is_number(pred.get("value")):
        return False
    gold_base, gold_value = scaled(gold["value"], gold.get("unit"))
    pred_base, pred_value = scaled(pred["value"], pred.get("unit"))
    return gold_base == pred_base and abs(pred_value - gold_value) <= abs(gold_value) * VALUE_TOLERANCE


def match_figure(pred: Item, gold: Item) -> bool:
    if any((pred.get(f) or None) != (gold.get(f) or None) for f in ("indicator", "reporter", "partner")):
        return False
    if month_span(pred.get("period")) != month_span(gold.get("period")):
        return False
    return _change_matches(pred, gold) and _value_matches(pred, gold)


def match_person(pred: Item, gold: Item) -> bool:
    return (fold(pred.get("name")) == fold(gold["name"]) and pred.get("country") == gold.get("country")
            and contains_any(fold(pred.get("role")), gold["role"]))


def match_forecast(pred: Item, gold: Item) -> bool:
    return contains_all(fold(pred.get("text")), gold["keywords"])


MATCHERS: dict[str, Callable[[Item, Item], bool]] = {
    "events": match_event, "agreements": match_agreement, "stances": match_stance,
    "figures": match_figure, "people": match_person, "forecasts": match_forecast,
}


# --- matching and counting --------------------------------------------------------------------------------------

def max_matching(candidates: dict[int, list[int]], order: Sequence[int]) -> dict[int, int]:
    """Gold index -> prediction index, by augmenting paths taken in `order`. A gold item once matched stays
    matched while later ones are added, so whatever comes first in `order` is matched as fully as possible."""
    owner: dict[int, int] = {}  # prediction -> gold

    def augment(g: int, visited: set[int]) -> bool:
        for p in candidates[g]:
            if p in visited:
                continue
            visited.add(p)
            if p not in owner or augment(owner[p], visited):
                owner[p] = g
                return True
        return False

    for g in order:
        augment(g, set())
    return {g: p for p, g in owner.items()}


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Tally:
    """Counts for one kind (or all kinds) over one document or many."""
    gold: int = 0       # required gold items
    pred: int = 0       # predicted items
    grounded: int = 0   # predicted items whose evidence slices back out of the text
    hits: int = 0       # required gold items matched
    matched: int = 0    # predicted items matched to any gold item

    @property
    def recall(self) -> float | None:
        return _ratio(self.hits, self.gold)

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.pred)

    @property
    def grounding(self) -> float | None:
        return _ratio(self.grounded, self.pred)

    @property
    def f1(self) -> float | None:
        """None when there is nothing to score; otherwise a missing side counts as zero."""
        if not self.gold and not self.pred:
            return None
        r, p = self.recall or 0.0, self.precision or 0.0
        return 2 * r * p / (r + p) if r + p else 0.0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.grounded += other.grounded
        self.hits += other.hits
        self.matched += other.matched

    def to_json(self) -> dict:
        return {"gold": self.gold, "pred": self.pred, "grounded": self.grounded, "hits": self.hits,
                "matched": self.matched, "recall": self.recall, "precision": self.precision, "f1": self.f1,
                "grounding": self.grounding}


@dataclass
class KindScore(Tally):
    """One kind in one document, with what went wrong."""
    kind: str = ""
    missed: list[str] = field(default_factory=list)            # required gold items not matched, by id or name
    false_positives: list[dict] = field(default_factory=list)  # predicted items matched to nothing

    def to_json(self) -> dict:
        return {"kind": self.kind, **super().to_json(), "missed": self.missed,
                "false_positives": [{"summary": fact_summary(self.kind, f), "evidence": _evidence_text(f)}
                                    for f in self.false_positives]}


def fact_summary(kind: str, fact) -> str:
    """The one-line summary of a predicted fact, or its JSON when it is too malformed to summarise: a
    malformed prediction is exactly what a list of false positives must be able to show."""
    from .output import summary

    try:
        return summary(kind, fact)
    except (KeyError, TypeError, ValueError, AttributeError):
        return json.dumps(fact, ensure_ascii=False)[:200]


def _evidence_text(fact) -> str | None:
    evidence = fact.get("evidence") if isinstance(fact, dict) else None
    return evidence.get("text") if isinstance(evidence, dict) else None


def _label(item: Item, index: int) -> str:
    return str(item.get("id") or item.get("name") or f"#{index + 1}")


def score_kind(kind: str, predicted: list, gold: list[Item], text: str) -> KindScore:
    """Match one kind's predictions to its gold items. Ungrounded predictions take part in nothing but the
    count of predictions: a fact whose quote is wrong cannot be checked, so it cannot be right."""
    usable = [i for i, p in enumerate(predicted) if is_grounded(p, text)]
    required = [g for g, item in enumerate(gold) if not item.get("optional")]
    optional = [g for g, item in enumerate(gold) if item.get("optional")]
    matches = MATCHERS[kind]
    candidates = {g: [p for p in usable if matches(predicted[p], gold[g])] for g in range(len(gold))}
    pairs = max_matching(candidates, required + optional)
    taken = set(pairs.values())
    return KindScore(
        kind=kind, gold=len(required), pred=len(predicted), grounded=len(usable),
        hits=sum(1 for g in required if g in pairs), matched=len(pairs),
        missed=[_label(gold[g], g) for g in required if g not in pairs],
        false_positives=[p for i, p in enumerate(predicted) if i not in taken],
    )


# --- gold files -------------------------------------------------------------------------------------------------

# Fields a gold item must have for its kind's rule to mean anything, and the fields that hold lists.
REQUIRED_FIELDS = {"events": ("actors", "cameo"), "agreements": ("kind",), "stances": ("polarity", "target", "holders"),
                   "figures": ("indicator",), "people": ("name", "role"), "forecasts": ("keywords",)}
LIST_FIELDS = ("actors", "cameo", "keywords", "countries", "target", "holders", "role")
WINDOW_FIELDS = ("date", "signed")


@dataclass
class Gold:
    path: Path
    document: Path
    published: str | None
    items: dict[str, list[Item]]


def _gold_error(path: Path, reason: str) -> ReadError:
    return ReadError(str(path), reason)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _gold_error(path, "no such file") from None
    except IsADirectoryError:
        raise _gold_error(path, "is a folder") from None
    except UnicodeDecodeError:
        raise _gold_error(path, "not UTF-8 text") from None
    except OSError as exc:
        raise _gold_error(path, exc.strerror or str(exc)) from None
    except json.JSONDecodeError as exc:
        raise _gold_error(path, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None


def _normalise_item(path: Path, kind: str, index: int, item) -> Item:
    """Check one gold item and return it with single strings in list fields made lists ("cameo": "04")."""
    where = f"{kind}[{index}]"
    if not isinstance(item, dict):
        raise _gold_error(path, f"{where} is not an object")
    missing = [f for f in REQUIRED_FIELDS[kind] if f not in item]
    if missing:
        raise _gold_error(path, f"{where} has no {', '.join(missing)}")
    item = dict(item)
    for name in LIST_FIELDS:
        if isinstance(item.get(name), str):
            item[name] = [item[name]]
        elif name in item and not isinstance(item[name], list):
            raise _gold_error(path, f"{where}: {name} must be a list")
    for name in WINDOW_FIELDS:
        window = item.get(name)
        if kind in ("events", "agreements") and window is not None and not (
                isinstance(window, list) and len(window) == 2 and all(isinstance(d, str) for d in window)):
            raise _gold_error(path, f"{where}: {name} must be [first, last] dates or null")
    return item


def _published(path: Path, value) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise _gold_error(path, f"published {value!r} is not a date in the form YYYY-MM-DD") from None


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold file; raises ReadError naming the file for anything that is not one."""
    path = Path(path)
    data = _read_json(path)
    if not isinstance(data, dict):
        raise _gold_error(path, "not a gold file (expected a JSON object)")
    if not isinstance(data.get("document"), str) or not data["document"]:
        raise _gold_error(path, "has no \"document\" (the file name of the scored document)")
    items: dict[str, list[Item]] = {}
    for kind in FACT_KINDS:
        listed = data.get(kind) or []
        if not isinstance(listed, list):
            raise _gold_error(path, f"{kind} must be a list")
        items[kind] = [_normalise_item(path, kind, i, item) for i, item in enumerate(listed)]
    return Gold(path, path.parent / data["document"], _published(path, data.get("published")), items)


# --- documents and reports --------------------------------------------------------------------------------------

@dataclass
class DocumentScore:
    gold: str
    document: str
    kinds: dict[str, KindScore]

    def tally(self) -> Tally:
        total = Tally()
        for score in self.kinds.values():
            total.add(score)
        return total

    def to_json(self) -> dict:
        return {"gold": self.gold, "document": self.document,
                "kinds": {kind: score.to_json() for kind, score in self.kinds.items()}}


@dataclass
class Failure:
    gold: str
    message: str

    def to_json(self) -> dict:
        return {"gold": self.gold, "error": self.message}


@dataclass
class Report:
    """Every scored document, the gold files that could not be scored, and micro-averaged totals."""
    kinds: tuple[str, ...]
    documents: list[DocumentScore] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, Tally]:
        totals = {kind: Tally() for kind in self.kinds}
        for document in self.documents:
            for kind, score in document.kinds.items():
                totals[kind].add(score)
        return totals

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.totals.values():
            total.add(tally)
        return total

    def to_json(self) -> dict:
        return {"kinds": list(self.kinds), "documents": [d.to_json() for d in self.documents],
                "failures": [f.to_json() for f in self.failures],
                "totals": {kind: t.to_json() for kind, t in self.totals.items()},
                "overall": self.overall.to_json()}


def score_document(gold: Gold, result: dict, text: str, kinds: Sequence[str] = FACT_KINDS) -> DocumentScore:
    """Score an extraction result (the contract JSON) of the document whose plain text is `text`."""
    return DocumentScore(str(gold.path), str(gold.document), {
        kind: score_kind(kind, result.get(kind) or [], gold.items[kind], text) for kind in kinds})


def evaluate_file(path: str | Path, kinds: Sequence[str] = FACT_KINDS, max_bytes: int | None = None) -> DocumentScore:
    """Run bilat's extraction on a gold file's document and score it. Raises ReadError naming the gold file
    when it or its document cannot be read."""
    from .extract import extract
    from .ingest import read_document

    gold = load_gold(path)
    try:
        document = read_document(gold.document, max_bytes)
    except ReadError as exc:
        raise _gold_error(gold.path, f"document {exc.path}: {exc.reason}") from None
    result = extract(document, gold.published).to_json()
    return score_document(gold, result, document.text, kinds)


def evaluate(paths: Iterable[str | Path], kinds: Sequence[str] = FACT_KINDS, max_bytes: int | None = None,
             on_failure: Callable[[Failure], None] | None = None) -> Report:
    """Score every gold file. One that cannot be read is recorded (and passed to `on_failure` at once) and left
    out of the totals: its counts would measure the input, not the extraction."""
    unknown = [k for k in kinds if k not in FACT_KINDS]
    if unknown:
        raise ValueError(f"unknown kinds: {', '.join(unknown)}")
    kinds = tuple(k for k in FACT_KINDS if k in kinds)
    report = Report(kinds)
    for path in paths:
        try:
            report.documents.append(evaluate_file(path, kinds, max_bytes))
        except ReadError as exc:
            failure = Failure(str(path), str(exc))
            report.failures.append(failure)
            if on_failure:
                on_failure(failure)
    return report
