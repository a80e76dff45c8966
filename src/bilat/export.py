"""Export stored facts as flat tables (CSV, JSON Lines, Parquet) or as GDELT 2.0 event records.

Facts are read page by page from the workspace and written as they arrive, so an export of a large
workspace needs memory for one page, not for the whole table.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from . import vocab
from .errors import BilatError
from .model import actor_key, fact_keys
from .store import Workspace
from .store.schema import DocumentRow, FactRow

KINDS = ("events", "agreements", "stances", "figures", "people", "forecasts")
FORMATS = ("csv", "jsonl", "parquet", "gdelt")
PAGE_SIZE = 500  # facts fetched per round trip; also the Parquet row-group size

# Column types: "str", "int", "float", "bool", or "list" (a list of strings).
ACTOR_FIELDS = ("key", "text", "cameo", "level")
DOCUMENT_COLUMNS = [("document_id", "str"), ("document_title", "str"), ("document_path", "str"),
                    ("document_published", "str")]
EVIDENCE_COLUMNS = [("evidence_start", "int"), ("evidence_end", "int"), ("evidence_page", "int"),
                    ("evidence_text", "str")]


def _actor_columns(prefix: str, kind: str = "str") -> list[tuple[str, str]]:
    return [(f"{prefix}_{f}", kind) for f in ACTOR_FIELDS]


_KIND_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "events": [("date", "str"), ("date_end", "str"), *_actor_columns("source"), *_actor_columns("target"),
               ("cameo", "str"), ("cameo_name", "str"), ("plover", "str"), ("quad_class", "int"),
               ("goldstein", "float"), ("location_text", "str"), ("location_country", "str"),
               ("confidence", "float")],
    "agreements": [("title", "str"), ("agreement_kind", "str"), *_actor_columns("parties", "list"),
                   ("domains", "list"), ("signed", "str"), ("place_text", "str"), ("place_country", "str")],
    "stances": [*_actor_columns("holders", "list"), ("polarity", "str"), ("target", "str"),
                *_actor_columns("target_actor")],
    "figures": [("indicator", "str"), ("reporter", "str"), ("partner", "str"), ("period", "str"),
                ("value", "float"), ("unit", "str"), ("change_pct", "float"), ("basis", "str"),
                ("approximate", "bool")],
    "people": [("name", "str"), ("role", "str"), ("country", "str")],
    "forecasts": [("text", "str"), ("holder", "str"), ("horizon", "str")],
}


def columns(kind: str) -> list[tuple[str, str]]:
    """The fixed column list of one kind: (name, type) pairs, the same for every output format."""
    return [("fact_id", "str"), *_KIND_COLUMNS[kind], *DOCUMENT_COLUMNS, *EVIDENCE_COLUMNS]


# -- reading and filtering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    dyad: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None


def parse_filters(kind: str, dyad: str | None, since: str | None, until: str | None) -> Filters:
    """Check the user's filter options; raises BilatError with a one-line message."""
    sides = None
    if dyad is not None:
        parts = dyad.strip().upper().split("-")
        if len(parts) != 2 or not all(re.fullmatch(r"[A-Z][A-Z0-9]{1,11}", p) for p in parts) or parts[0] == parts[1]:
            raise BilatError(f"--dyad {dyad!r} is not two different codes joined by '-', such as CHN-RUS")
        if kind == "forecasts":
            raise BilatError("--dyad does not apply to forecasts: they name no actors")
        sides = frozenset(parts)
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise BilatError(f"{name} {value!r} is not a date in the form YYYY-MM-DD") from None
            if len(value) != 10:
                raise BilatError(f"{name} {value!r} is not a date in the form YYYY-MM-DD")
    if since and until and since > until:
        raise BilatError(f"--since {since} is after --until {until}")
    return Filters(sides, since, until)


def _matches_dyad(kind: str, data: dict, sides: frozenset[str]) -> bool:
    keys = fact_keys(kind, data)
    # A person has one country, so "both sides" can never hold: people of either side belong to the dyad.
    return bool(keys & sides) if kind == "people" else sides <= keys


def fact_date(kind: str, data: dict, published: str | None) -> str | None:
    own = data.get("date") if kind == "events" else data.get("signed") if kind == "agreements" else None
    return own or published


@dataclass(frozen=True)
class StoredFact:
    """One fact with what the export needs of its document (never the document's text)."""

    id: str
    kind: str
    data: dict
    evidence_start: int
    evidence_end: int
    evidence_text: str
    page: int | None
    document_id: str
    title: str | None
    path: str
    published: str | None
    url: str | None
    ingested_at: dt.datetime


def iter_facts(workspace: Workspace, kind: str, filters: Filters = Filters(),
               page_size: int = PAGE_SIZE) -> Iterator[StoredFact]:
    """The current documents' facts of one kind, in document and text order, fetched page_size at a time.

    yield_per makes SQLAlchemy fetch in batches (a server-side cursor where the database has one)
    instead of buffering the whole result; the filters on JSON fields run here, not in SQL, because
    JSON operators differ between databases.
    """
    newer = aliased(DocumentRow)
    query = (
        select(FactRow, DocumentRow.content_hash, DocumentRow.title, DocumentRow.path, DocumentRow.published,
               DocumentRow.url, DocumentRow.ingested_at)
        .join(DocumentRow, FactRow.document_id == DocumentRow.id)
        .where(FactRow.kind == kind)
        # Superseded versions of a changed file keep their facts; exporting them would repeat facts.
        .where(~exists().where(newer.previous_id == DocumentRow.id))
        .order_by(DocumentRow.id, FactRow.evidence_start, FactRow.id)
        .execution_options(yield_per=page_size)
    )
    with Session(workspace.engine) as session:
        for fact, doc_id, title, path, published, url, ingested_at in session.execute(query):
            data = fact.data or {}
            if filters.dyad and not _matches_dyad(kind, data, filters.dyad):
                continue
            if filters.since or filters.until:
                when = fact_date(kind, data, published)
                if when is None or (filters.since and when < filters.since) or (filters.until and when > filters.until):
                    continue
            yield StoredFact(fact.id, fact.kind, data, fact.evidence_start, fact.evidence_end, fact.evidence_text,
                             fact.page, doc_id, title, path, published, url, ingested_at)
            # Drop the ORM object so that a long export does not grow the session's identity map.
            session.expunge(fact)


# -- flat rows ------------------------------------------------------------------------------------------


def _actor(prefix: str, actor: dict | None) -> dict:
    actor = actor or {}
    return {f"{prefix}_key": actor_key(actor), f"{prefix}_text": actor.get("text"),
            f"{prefix}_cameo": actor.get("cameo"), f"{prefix}_level": actor.get("level")}


def _actors(prefix: str, actors: list[dict] | None) -> dict:
    actors = actors or []
    return {f"{prefix}_key": [actor_key(a) for a in actors], f"{prefix}_text": [a.get("text") for a in actors],
            f"{prefix}_cameo": [a.get("cameo") for a in actors], f"{prefix}_level": [a.get("level") for a in actors]}


def _place(prefix: str, place: dict | None) -> dict:
    place = place or {}
    return {f"{prefix}_text": place.get("text"), f"{prefix}_country": place.get("country")}


def _kind_fields(kind: str, d: dict) -> dict:
    if kind == "events":
        entry = vocab.load().cameo.get(d.get("cameo") or "")
        return {"date": d.get("date"), "date_end": d.get("date_end"), **_actor("source", d.get("source")),
                **_actor("target", d.get("target")), "cameo": d.get("cameo"),
                "cameo_name": entry.name if entry else None, "plover": d.get("plover"),
                "quad_class": d.get("quad_class"), "goldstein": d.get("goldstein"),
                **_place("location", d.get("location")), "confidence": d.get("confidence")}
    if kind == "agreements":
        return {"title": d.get("title"), "agreement_kind": d.get("kind"), **_actors("parties", d.get("parties")),
                "domains": list(d.get("domains") or []), "signed": d.get("signed"), **_place("place", d.get("place"))}
    if kind == "stances":
        return {**_actors("holders", d.get("holders")), "polarity": d.get("polarity"), "target": d.get("target"),
                **_actor("target_actor", d.get("target_actor"))}
    return {name: d.get(name) for name, _ in _KIND_COLUMNS[kind]}


def _coerce(value, kind: str):
    """Values as the column type says, so that every format (and Parquet's fixed schema) agrees."""
    if value is None:
        return [] if kind == "list" else None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    if kind == "list":
        return [None if v is None else str(v) for v in value]
    return str(value)


def flat_row(fact: StoredFact) -> dict:
    """One fact as one flat row: its own fields, then its document, then its evidence."""
    raw = {
        "fact_id": fact.id, **_kind_fields(fact.kind, fact.data),
        "document_id": fact.document_id, "document_title": fact.title, "document_path": fact.path,
        "document_published": fact.published, "evidence_start": fact.evidence_start,
        "evidence_end": fact.evidence_end, "evidence_page": fact.page, "evidence_text": fact.evidence_text,
    }
    return {name: _coerce(raw.get(name), kind) for name, kind in columns(fact.kind)}


# -- writers -----------------------------------------------------------------------------------------------


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join("" if v is None else v for v in value)
    return str(value)


def write_csv(rows: Iterable[dict], kind: str, fh: TextIO) -> int:
    writer = csv.writer(fh, lineterminator="\n")
    names = [name for name, _ in columns(kind)]
    writer.writerow(names)
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow([_csv_cell(row[name]) for name in names])
    return n


def write_jsonl(rows: Iterable[dict], fh: TextIO) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def parquet_schema(kind: str):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "list": pa.list_(pa.string())}
    return pa.schema([pa.field(name, types[t]) for name, t in columns(kind)])


def write_parquet(rows: Iterable[dict], kind: str, path: str, row_group: int = PAGE_SIZE) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(kind)
    n, batch = 0, []
    # The writer is opened before the first row so that an empty export is still a valid file with the schema.
    with pq.ParquetWriter(path, schema) as writer:
        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= row_group:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


# -- GDELT 2.0 event records -------------------------------------------------------------------------------

# The 61 columns of a GDELT 2.0 Events export file, in file order, checked against the GDELT Event Codebook
# V2.0 (data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf) as transcribed with column numbers
# 0-60 in linwoodc3/gdelt2HeaderRows, GDELT_2.0_Column_Labels_Header_Row_Sep2016.csv, and cross-checked with
# the field list in jdrumgoole/gdelttools, gdelt_field_file.ff (same 61 names, same order).
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR), *(f"Actor2{f}" for f in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO), *(f"Actor2Geo_{f}" for f in _GEO), *(f"ActionGeo_{f}" for f in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61


@functools.lru_cache(maxsize=1)
def iso3_to_fips() -> dict[str, str]:
    """GDELT's Geo fields use FIPS 10-4 country codes, not ISO; see vocab/iso3_to_fips.SOURCE.md."""
    with open(Path(vocab.HERE) / "iso3_to_fips.csv", newline="", encoding="utf-8") as fh:
        return {row["iso3"]: row["fips"] for row in csv.DictReader(fh) if row["fips"]}


def global_event_id(fact_id: str) -> int:
    # 15 hex digits are 60 bits: always a positive BIGINT, and stable because fact ids are content hashes.
    return int(fact_id[:15], 16)


def fraction_date(day: dt.date) -> str:
    # The brief's day-of-year form. The codebook describes an approximation, (month * 30 + day) / 365;
    # day-of-year / 365 keeps dates ordered across month ends, which that approximation does not.
    return f"{day.year + day.timetuple().tm_yday / 365:.4f}"


def _clean(text: str | None) -> str:
    # A tab or newline inside a value would shift every later column of a tab-separated record.
    return re.sub(r"[\t\r\n]+", " ", text).strip() if text else ""


def _actor_cells(actor: dict | None) -> list[str]:
    """Actor{Code,Name,CountryCode,KnownGroupCode,EthnicCode,Religion1Code,Religion2Code,Type1-3Code}."""
    if not actor:
        return [""] * len(_ACTOR)
    v = vocab.load()
    roles = _role_codes()
    code = actor.get("cameo") or actor.get("country") or ""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    country = actor.get("country") or (chunks[0] if chunks and chunks[0] in v.states else "")
    types = [c for c in chunks if c in roles][:3]
    group = ""
    if actor.get("org"):
        rest = [c for c in chunks if c not in roles and c != country]
        group = rest[-1] if rest else ""
    return [_clean(code), _clean(actor.get("text")).upper(), country, group, "", "", "",
            *(types + ["", "", ""])[:3]]


@functools.lru_cache(maxsize=1)
def _role_codes() -> frozenset[str]:
    with open(Path(vocab.HERE) / "cameo_actor_roles.csv", newline="", encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


def _action_geo(place: dict | None) -> list[str]:
    """ActionGeo_{Type,FullName,CountryCode,ADM1Code,ADM2Code,Lat,Long,FeatureID}."""
    if not place or not (place.get("text") or place.get("country")):
        return [""] * len(_GEO)
    iso3 = place.get("country") or ""
    fips = iso3_to_fips().get(iso3, "")
    state = vocab.load().states.get(iso3)
    text = _clean(place.get("text"))
    country_name = state.names[0] if state else ""
    if state and (not text or text.lower() in (n.lower() for n in state.names)):
        # A country-level match: GDELT's Type 1, named by the country, its FeatureID the country code.
        return ["1", country_name, fips, "", "", "", "", fips]
    # A place inside a country: we know its name but not whether it is a city, a landmark or a province,
    # so the Type and the coordinates stay empty rather than guessed.
    full = f"{text}, {country_name}" if country_name and country_name.lower() not in text.lower() else text
    return ["", full, fips, "", "", "", "", ""]


def gdelt_record(fact: StoredFact) -> list[str] | None:
    """One event as the 61 GDELT 2.0 fields, or None when it has no date (GDELT requires SQLDATE)."""
    d = fact.data
    if not d.get("date"):
        return None
    day = dt.date.fromisoformat(d["date"])
    code = d.get("cameo") or ""
    entry = vocab.load().cameo.get(code)
    quad = entry.quad_class if entry else d.get("quad_class")
    goldstein = entry.goldstein if entry else d.get("goldstein")
    added = fact.ingested_at
    if added.tzinfo is not None:
        added = added.astimezone(dt.timezone.utc)
    record = [
        str(global_event_id(fact.id)), day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
        fraction_date(day),
        *_actor_cells(d.get("source")), *_actor_cells(d.get("target")),
        "", code, code[:3], code[:2], "" if quad is None else str(quad),
        "" if goldstein is None else str(float(goldstein)),
        # One stored fact is one mention in one article of one source.
        "1", "1", "1", "",
        *[""] * len(_GEO), *[""] * len(_GEO), *_action_geo(d.get("location")),
        added.strftime("%Y%m%d%H%M%S"), _clean(fact.url or fact.path),
    ]
    assert len(record) == 61
    return record


def write_gdelt(facts: Iterable[StoredFact], fh: TextIO) -> tuple[int, int]:
    """Tab-separated, no header, as GDELT's own files. Returns (records written, undated events left out)."""
    written = skipped = 0
    for fact in facts:
        record = gdelt_record(fact)
        if record is None:
            skipped += 1
            continue
        fh.write("\t".join(record) + "\n")
        written += 1
    return written, skipped


# -- the whole export ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    rows: int
    skipped_undated: int = 0


def export(workspace: Workspace, kind: str, fmt: str, out: str | None = None, dyad: str | None = None,
           since: str | None = None, until: str | None = None, stdout: TextIO | None = None) -> Result:
    """Write one kind of fact in one format to the file `out`, or to `stdout` when out is None or '-'."""
    if kind not in KINDS:
        raise BilatError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise BilatError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    to_stdout = out in (None, "-")
    if fmt == "parquet" and to_stdout:
        raise BilatError("--format parquet writes a binary file: give --out FILE")
    if fmt == "gdelt" and kind != "events":
        raise BilatError(f"--format gdelt exports events only, not {kind}")
    filters = parse_filters(kind, dyad, since, until)
    facts = iter_facts(workspace, kind, filters)
    if to_stdout:
        return _write(fmt, kind, facts, stdout=stdout)
    return _atomic(out, lambda path: _write(fmt, kind, facts, path=path))


def _write(fmt: str, kind: str, facts: Iterator[StoredFact], path: str | None = None,
           stdout: TextIO | None = None) -> Result:
    if fmt == "parquet":
        return Result(write_parquet(map(flat_row, facts), kind, path))
    fh = open(path, "w", newline="", encoding="utf-8") if path else stdout
    try:
        if fmt == "gdelt":
            return Result(*write_gdelt(facts, fh))
        if fmt == "csv":
            return Result(write_csv(map(flat_row, facts), kind, fh))
        return Result(write_jsonl(map(flat_row, facts), fh))
    finally:
        if path:
            fh.close()
        else:
            fh.flush()


def _atomic(out: str, write: Callable[[str], Result]) -> Result:
    """Write beside the target and rename, so an interrupted export never leaves a half-written file."""
    target = Path(out).expanduser()
    if not target.parent.exists():
        raise BilatError(f"cannot write {out}: folder {target.parent} does not exist")
    if target.is_dir():
        raise BilatError(f"cannot write {out}: it is a folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; an export is an ordinary file
    try:
        result = write(tmp)
        os.replace(tmp, target)
        return result
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
