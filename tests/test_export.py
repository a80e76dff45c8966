"""`bilat export`: flat CSV / JSON Lines / Parquet rows per fact, GDELT 2.0 event records, filters, streaming."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bilat import export
from bilat.cli import app
from bilat.store import Workspace
from bilat.store.schema import DocumentRow, FactRow

# Beside tests/fixtures, not in it: tests ingest that folder whole and count its files.
DOCS = Path(__file__).parent / "export_fixtures"
TRADE = str((DOCS / "china-russia-trade-2023.md").resolve())
VISAS = str((DOCS / "kazakhstan-china-visas-2023.txt").resolve())
MODI = str((DOCS / "modi-moscow-2024.md").resolve())
TRADE_ID = "62ddf6448af8e9045818ae99395ae06b343eeea93a171f09e63741fd791f99b0"
VISAS_ID = "57635c1aebf19b8cf2482922cc71907065eb17bd0baffd401c2474a0ef752de8"
MODI_ID = "b4570f7d7013b0d0e3b7b8ea6b42843b8a6b3ed1b927c238e209b86330e06fef"
MODI_VISIT = "6f80032dcdbf71654531e4009e664ffc784b87f30b82312205e003b63d977abe"

HEADERS = {
    "events": "fact_id,date,date_end,source_key,source_text,source_cameo,source_level,target_key,target_text,"
              "target_cameo,target_level,cameo,cameo_name,plover,quad_class,goldstein,location_text,"
              "location_country,confidence",
    "agreements": "fact_id,title,agreement_kind,parties_key,parties_text,parties_cameo,parties_level,domains,"
                  "signed,place_text,place_country",
    "stances": "fact_id,holders_key,holders_text,holders_cameo,holders_level,polarity,target,target_actor_key,"
               "target_actor_text,target_actor_cameo,target_actor_level",
    "figures": "fact_id,indicator,reporter,partner,period,value,unit,change_pct,basis,approximate",
    "people": "fact_id,name,role,country",
    "forecasts": "fact_id,text,holder,horizon",
}
TAIL = ",document_id,document_title,document_path,document_published,evidence_start,evidence_end,evidence_page," \
       "evidence_text"


def _doc(doc_id: str, path: str) -> dict:
    published = {TRADE_ID: "2024-01-15", VISAS_ID: None, MODI_ID: "2024-07-10"}[doc_id]
    title = {TRADE_ID: "China-Russia trade reached a record in 2023",
             VISAS_ID: "Kazakhstan and China drop visas for short trips", MODI_ID: "Modi in Moscow, July 2024"}[doc_id]
    return {"document_id": doc_id, "document_title": title, "document_path": path, "document_published": published}


def _ev(start: int, end: int, text: str) -> dict:
    return {"evidence_start": start, "evidence_end": end, "evidence_page": None, "evidence_text": text}


VISIT_TEXT = ("Indian Prime Minister Narendra Modi paid an official visit to Russia on 8–9 July 2024 for the 22nd "
              "India–Russia annual summit.")
NATO_TEXT = "China and Russia have repeatedly condemned NATO expansion."
# One fully spelled-out row per kind, as JSON Lines gives it.
EXPECTED = {
    "events": {
        "fact_id": MODI_VISIT, "date": "2024-07-08", "date_end": "2024-07-09",
        "source_key": "IND", "source_text": "Narendra Modi", "source_cameo": "INDGOV", "source_level": "government",
        "target_key": "RUS", "target_text": "Russia", "target_cameo": "RUS", "target_level": "state",
        "cameo": "042", "cameo_name": "Make a visit", "plover": "CONSULT", "quad_class": 1, "goldstein": 1.9,
        "location_text": "Russia", "location_country": "RUS", "confidence": 0.8,
        **_doc(MODI_ID, MODI), **_ev(0, 126, VISIT_TEXT)},
    "agreements": {
        "fact_id": "b089b7455ee35e0bb9fcf8067155fd96b34ccc4453ed1de268c4ccf7c08aae24",
        "title": "an agreement on mutual visa exemption", "agreement_kind": "agreement",
        "parties_key": ["KAZ", "CHN"], "parties_text": ["Kazakhstan", "China"], "parties_cameo": ["KAZ", "CHN"],
        "parties_level": ["state", "state"], "domains": ["consular"], "signed": "2023-09-02",
        "place_text": "Astana", "place_country": "KAZ", **_doc(VISAS_ID, VISAS),
        **_ev(49, 145, "On 2 September 2023 Kazakhstan and China signed an agreement on mutual visa exemption in "
                       "Astana.")},
    "stances": {
        "fact_id": "8ff4c83ba9c14a18e7c28c0cce185c3181e6869d14e6a4b8acfc9c16c0ceb212",
        "holders_key": ["CHN", "RUS"], "holders_text": ["China", "Russia"], "holders_cameo": ["CHN", "RUS"],
        "holders_level": ["state", "state"], "polarity": "oppose", "target": "NATO expansion",
        "target_actor_key": "NATO", "target_actor_text": "NATO", "target_actor_cameo": "IGOWSTNAT",
        "target_actor_level": "organisation", **_doc(TRADE_ID, TRADE), **_ev(214, 272, NATO_TEXT)},
    "figures": {
        "fact_id": "32b8e94544a8fac9fe7fd19f0534bf54fa428a0071fa821481b66a258cb6c243",
        "indicator": "trade", "reporter": "CHN", "partner": "RUS", "period": "2023", "value": 240.1,
        "unit": "USD bn", "change_pct": 26.3, "basis": None, "approximate": False, **_doc(TRADE_ID, TRADE),
        **_ev(0, 110, "According to Chinese customs data, trade between China and Russia rose 26.3% in 2023 to "
                      "240.1 billion dollars.")},
    "people": {
        "fact_id": "32bef109e738c3073f0f34bbc2b069a0c3cbf96636396dfbe042027704fea196",
        "name": "Narendra Modi", "role": "Indian Prime Minister", "country": "IND", **_doc(MODI_ID, MODI),
        **_ev(0, 126, VISIT_TEXT)},
    "forecasts": {
        "fact_id": "3cde0d79842db3589354c010d5bd8036c225346504ab209aebefc8badb4c06e0",
        "text": "Analysts expect trade between the two countries to keep growing in 2024", "holder": "Analysts",
        "horizon": "2024", **_doc(TRADE_ID, TRADE),
        **_ev(274, 346, "Analysts expect trade between the two countries to keep growing in 2024.")},
}
EXPECTED_CSV = {
    "events": f"{MODI_VISIT},2024-07-08,2024-07-09,IND,Narendra Modi,INDGOV,government,RUS,Russia,RUS,state,042,"
              f"Make a visit,CONSULT,1,1.9,Russia,RUS,0.8,{MODI_ID},\"Modi in Moscow, July 2024\",{MODI},2024-07-10,"
              f"0,126,,{VISIT_TEXT}",
    "agreements": f"b089b7455ee35e0bb9fcf8067155fd96b34ccc4453ed1de268c4ccf7c08aae24,"
                  f"an agreement on mutual visa exemption,agreement,KAZ;CHN,Kazakhstan;China,KAZ;CHN,state;state,"
                  f"consular,2023-09-02,Astana,KAZ,{VISAS_ID},Kazakhstan and China drop visas for short trips,"
                  f"{VISAS},,49,145,,On 2 September 2023 Kazakhstan and China signed an agreement on mutual visa "
                  f"exemption in Astana.",
    "stances": f"8ff4c83ba9c14a18e7c28c0cce185c3181e6869d14e6a4b8acfc9c16c0ceb212,CHN;RUS,China;Russia,CHN;RUS,"
               f"state;state,oppose,NATO expansion,NATO,NATO,IGOWSTNAT,organisation,{TRADE_ID},"
               f"China-Russia trade reached a record in 2023,{TRADE},2024-01-15,214,272,,{NATO_TEXT}",
    "figures": f"32b8e94544a8fac9fe7fd19f0534bf54fa428a0071fa821481b66a258cb6c243,trade,CHN,RUS,2023,240.1,USD bn,"
               f"26.3,,false,{TRADE_ID},China-Russia trade reached a record in 2023,{TRADE},2024-01-15,0,110,,"
               f"\"According to Chinese customs data, trade between China and Russia rose 26.3% in 2023 to 240.1 "
               f"billion dollars.\"",
    "people": f"32bef109e738c3073f0f34bbc2b069a0c3cbf96636396dfbe042027704fea196,Narendra Modi,"
              f"Indian Prime Minister,IND,{MODI_ID},\"Modi in Moscow, July 2024\",{MODI},2024-07-10,0,126,,"
              f"{VISIT_TEXT}",
    "forecasts": f"3cde0d79842db3589354c010d5bd8036c225346504ab209aebefc8badb4c06e0,"
                 f"Analysts expect trade between the two countries to keep growing in 2024,Analysts,2024,{TRADE_ID},"
                 f"China-Russia trade reached a record in 2023,{TRADE},2024-01-15,274,346,,"
                 f"Analysts expect trade between the two countries to keep growing in 2024.",
}


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> str:
    """The three fixture documents ingested once for the whole module (extraction is the slow part)."""
    db = str(tmp_path_factory.mktemp("export") / "work.db")
    result = CliRunner().invoke(app, ["ingest", str(DOCS), "--db", db, "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def _stored(db: str, kind: str) -> list[str]:
    """Fact ids as the store orders them: document, then position in the text."""
    return [f.id for f in Workspace(db).facts(kind=kind)]


def _jsonl(cli, db: str, kind: str, *extra: str) -> list[dict]:
    result = cli("export", "--kind", kind, "--format", "jsonl", "--db", db, *extra)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" or result.stdout.endswith("\n")
    return [json.loads(line) for line in result.stdout.splitlines()]


def _ids(cli, db: str, kind: str, *extra: str) -> list[str]:
    return [row["fact_id"] for row in _jsonl(cli, db, kind, *extra)]


# -- flat formats ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", export.KINDS)
def test_csv_has_the_kinds_header_and_one_row_per_stored_fact(cli, ws, kind):
    result = cli("export", "--kind", kind, "--format", "csv", "--db", ws)
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.split("\n")
    assert lines[0] == HEADERS[kind] + TAIL
    assert lines[-1] == ""  # ends with a newline, no blank record
    assert EXPECTED_CSV[kind] in lines[1:-1]
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["fact_id"] for r in rows] == _stored(ws, kind)


@pytest.mark.parametrize("kind", export.KINDS)
def test_jsonl_rows_keep_lists_and_types(cli, ws, kind):
    rows = _jsonl(cli, ws, kind)
    assert [r["fact_id"] for r in rows] == _stored(ws, kind)
    assert EXPECTED[kind] in rows
    for row in rows:
        assert list(row) == [name for name, _ in export.columns(kind)]


@pytest.mark.parametrize("kind", export.KINDS)
def test_parquet_reads_back_equal_to_jsonl(cli, ws, kind, tmp_path):
    out = tmp_path / f"{kind}.parquet"
    result = cli("export", "--kind", kind, "--format", "parquet", "--out", out, "--db", ws)
    assert result.exit_code == 0
    assert result.stderr == f"{len(_stored(ws, kind))} {kind} written to {out}\n"
    table = pq.read_table(out)
    assert table.schema.equals(export.parquet_schema(kind))
    assert table.to_pylist() == _jsonl(cli, ws, kind)
    assert not list(tmp_path.glob("*.part"))


def test_evidence_is_the_documents_own_slice(cli, ws):
    workspace = Workspace(ws)
    texts = {doc.content_hash: doc.text for doc in workspace.documents()}
    for kind in export.KINDS:
        for row in _jsonl(cli, ws, kind):
            text = texts[row["document_id"]]
            assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence_text"]


def test_out_dash_and_out_file_match_stdout(cli, ws, tmp_path):
    plain = cli("export", "-k", "events", "--db", ws).stdout
    assert cli("export", "-k", "events", "--out", "-", "--db", ws).stdout == plain
    out = tmp_path / "events.csv"
    result = cli("export", "-k", "events", "-o", out, "--db", ws)
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == plain


def test_an_empty_export_still_has_its_header_and_schema(cli, ws, tmp_path):
    assert cli("export", "-k", "agreements", "--since", "2030-01-01", "--db", ws).stdout == \
        HEADERS["agreements"] + TAIL + "\n"
    assert cli("export", "-k", "agreements", "-f", "jsonl", "--since", "2030-01-01", "--db", ws).stdout == ""
    out = tmp_path / "none.parquet"
    cli("export", "-k", "agreements", "-f", "parquet", "-o", out, "--since", "2030-01-01", "--db", ws)
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.schema.equals(export.parquet_schema("agreements"))


# -- GDELT ---------------------------------------------------------------------------------------------------

# Transcribed separately from the module's list, from the GDELT Event Codebook V2.0 field order.
GDELT_61 = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode "
    "Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode "
    "EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type "
    "Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long "
    "Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName "
    "ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()


def test_gdelt_column_list_is_the_codebooks():
    assert len(GDELT_61) == 61
    assert export.GDELT_COLUMNS == tuple(GDELT_61)


def _ingested_at(db: str, doc_id: str) -> str:
    with Session(Workspace(db).engine) as session:
        row = session.query(DocumentRow).filter_by(content_hash=doc_id).one()
        added = row.ingested_at
    if added.tzinfo is not None:
        added = added.astimezone(dt.timezone.utc)
    return added.strftime("%Y%m%d%H%M%S")


def test_gdelt_records_61_fields_and_exact_values(cli, ws):
    result = cli("export", "--kind", "events", "--format", "gdelt", "--db", ws)
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    records = [line.split("\t") for line in lines[:-1]]
    assert records and all(len(r) == 61 for r in records)
    by_id = {r[0]: dict(zip(GDELT_61, r)) for r in records}
    visit = by_id[str(int(MODI_VISIT[:15], 16))]
    assert visit["GLOBALEVENTID"] == "502151576905578262"
    expected = {
        "SQLDATE": "20240708", "MonthYear": "202407", "Year": "2024", "FractionDate": "2024.5205",  # day 190
        "Actor1Code": "INDGOV", "Actor1Name": "NARENDRA MODI", "Actor1CountryCode": "IND", "Actor1Type1Code": "GOV",
        "Actor2Code": "RUS", "Actor2Name": "RUSSIA", "Actor2CountryCode": "RUS", "Actor2Type1Code": "",
        "IsRootEvent": "", "EventCode": "042", "EventBaseCode": "042", "EventRootCode": "04", "QuadClass": "1",
        "GoldsteinScale": "1.9", "NumMentions": "1", "NumSources": "1", "NumArticles": "1", "AvgTone": "",
        "Actor1Geo_CountryCode": "", "Actor2Geo_CountryCode": "",
        # Russia is RS in FIPS 10-4 (RU is ISO); a country-level match is Type 1 with the code as FeatureID.
        "ActionGeo_Type": "1", "ActionGeo_FullName": "Russia", "ActionGeo_CountryCode": "RS",
        "ActionGeo_ADM1Code": "", "ActionGeo_Lat": "", "ActionGeo_Long": "", "ActionGeo_FeatureID": "RS",
        "DATEADDED": _ingested_at(ws, MODI_ID), "SOURCEURL": "https://example.org/modi-moscow-2024",
    }
    assert {k: visit[k] for k in expected} == expected
    # A document without a url is cited by its path.
    visas = by_id[str(int("68442820f3c1b0e2009f1780f33b0bb13eafae7949dd873ba3028e045a0c36df"[:15], 16))]
    assert visas["SOURCEURL"] == VISAS and visas["SQLDATE"] == "20230902" and visas["GoldsteinScale"] == "8.0"


def test_gdelt_leaves_out_undated_events_and_says_so(cli, ws):
    stored = Workspace(ws).facts(kind="events")
    undated = [f for f in stored if not f.data["date"]]
    assert len(undated) >= 2  # at least the two NATO criticisms, which the text does not date
    result = cli("export", "-k", "events", "-f", "gdelt", "--db", ws)
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert ids == [str(int(f.id[:15], 16)) for f in stored if f.data["date"]]
    assert result.stderr == f"bilat: note: {len(undated)} events without a date left out (GDELT records need SQLDATE)\n"


def _stored_fact(data: dict, **kw) -> export.StoredFact:
    base = dict(id="ab" * 32, kind="events", data=data, evidence_start=0, evidence_end=1, evidence_text="x",
                page=None, document_id="cd" * 32, title=None, path="/tmp/a.txt", published=None, url=None,
                ingested_at=dt.datetime(2024, 9, 3, 10, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))))
    base.update(kw)
    return export.StoredFact(**base)


def test_gdelt_organisation_actor_city_location_and_utc_dateadded():
    data = {"date": "2024-12-31", "cameo": "1121", "quad_class": 3, "goldstein": -2.0,
            "source": {"text": "Kazakh\tforeign ministry", "country": "KAZ", "org": None, "cameo": "KAZGOV"},
            "target": {"text": "NATO", "country": None, "org": "NATO", "cameo": "IGOWSTNAT"},
            "location": {"text": "Astana", "country": "KAZ"}}
    row = dict(zip(GDELT_61, export.gdelt_record(_stored_fact(data))))
    assert row["GLOBALEVENTID"] == str(int("ab" * 7 + "a", 16))
    assert row["FractionDate"] == "2025.0027"  # day 366 of a leap year, over 365, as the brief's formula gives
    assert (row["Actor1Name"], row["Actor1Type1Code"]) == ("KAZAKH FOREIGN MINISTRY", "GOV")
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2KnownGroupCode"], row["Actor2Type1Code"]) == \
        ("IGOWSTNAT", "", "NAT", "IGO")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("1121", "112", "11")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"],
            row["ActionGeo_FeatureID"]) == ("", "Astana, Kazakhstan", "KZ", "")
    assert row["DATEADDED"] == "20240903071500"
    assert row["SOURCEURL"] == "/tmp/a.txt"


def test_iso3_to_fips_covers_every_state():
    from bilat import vocab

    table = export.iso3_to_fips()
    assert {"CHN": "CH", "RUS": "RS", "KAZ": "KZ", "IND": "IN", "DEU": "GM", "GBR": "UK", "USA": "US",
            "SSD": "OD"}.items() <= table.items()
    no_fips = set(vocab.load().states) - set(table)
    assert no_fips == {"ALA", "BES", "PSE", "UMI"}


# -- filters -------------------------------------------------------------------------------------------------
# On a hand-made workspace, so that the expected selections do not move when the extractor changes.


def _actor(key: str, org: bool = False) -> dict:
    return {"text": key.title(), "country": None if org else key, "org": key if org else None,
            "cameo": ("IGO" + key[:3]) if org else key, "level": "organisation" if org else "state"}


def _event(src, tgt, date):
    return {"date": date, "date_end": None, "source": src, "target": tgt, "cameo": "040", "plover": "CONSULT",
            "quad_class": 1, "goldstein": 1.0, "location": None, "confidence": 0.5}


CHN, RUS, IND, KAZ, USA = (_actor(k) for k in ("CHN", "RUS", "IND", "KAZ", "USA"))
NATO = _actor("NATO", org=True)
# document name -> (published, facts as (name, kind, data)); "old" is superseded by "a" and must not be exported.
SYNTHETIC = {
    "old": ("2024-01-01", [("e_old", "events", _event(CHN, RUS, "2024-03-01"))]),
    "a": ("2024-01-15", [
        ("e1", "events", _event(CHN, RUS, "2024-03-01")),
        ("e2", "events", _event(RUS, NATO, None)),
        ("e3", "events", _event(IND, RUS, "2024-07-08")),
        ("a1", "agreements", {"title": "visa agreement", "kind": "agreement", "parties": [KAZ, CHN],
                              "domains": ["consular"], "signed": "2023-09-02", "place": None}),
        ("a2", "agreements", {"title": "joint statement", "kind": "joint_statement", "parties": [CHN, RUS],
                              "domains": [], "signed": None, "place": None}),
        ("s1", "stances", {"holders": [CHN, RUS], "polarity": "oppose", "target": "missiles", "target_actor": USA}),
        ("s2", "stances", {"holders": [CHN], "polarity": "oppose", "target": "NATO expansion", "target_actor": NATO}),
        ("f1", "figures", {"indicator": "trade", "reporter": "CHN", "partner": "RUS", "period": "2023",
                           "value": 240.1, "unit": "USD bn", "change_pct": 26.3, "basis": None,
                           "approximate": False}),
        ("f2", "figures", {"indicator": "gdp", "reporter": "IND", "partner": None, "period": "2023", "value": None,
                           "unit": None, "change_pct": 8.2, "basis": "yoy", "approximate": True}),
        ("p1", "people", {"name": "Narendra Modi", "role": "prime minister", "country": "IND"}),
        ("p2", "people", {"name": "Vladimir Putin", "role": "president", "country": "RUS"}),
        ("p3", "people", {"name": "Antony Blinken", "role": "secretary of state", "country": "USA"}),
        ("fc1", "forecasts", {"text": "trade will grow", "holder": None, "horizon": None}),
    ]),
    "b": (None, [
        ("e4", "events", _event(CHN, RUS, None)),
        ("fc2", "forecasts", {"text": "talks will resume", "holder": None, "horizon": None}),
    ]),
}


@pytest.fixture(scope="module")
def handmade(tmp_path_factory) -> tuple[str, dict[str, str]]:
    """A workspace written straight into the tables; returns it and the fact id of each named fact."""
    db = str(tmp_path_factory.mktemp("handmade") / "handmade.db")
    ids: dict[str, str] = {}
    with Session(Workspace(db).engine) as session:
        docs = {}
        for n, (name, (published, facts)) in enumerate(SYNTHETIC.items()):
            text = " ".join(fact for fact, _, _ in facts)
            doc = DocumentRow(content_hash=f"{n + 1:x}" * 64, path=f"/tmp/{name}.txt", format="txt", text=text,
                              chars=len(text), encoding="utf-8", published=published,
                              previous_id=docs["old"].id if name == "a" else None, version=2 if name == "a" else 1,
                              ingested_at=dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
            session.add(doc)
            session.flush()
            docs[name] = doc
            for fact, kind, data in facts:
                start = text.index(fact)
                ids[fact] = f"{len(ids) + 1:064x}"
                session.add(FactRow(id=ids[fact], document_id=doc.id, kind=kind, data=data, evidence_start=start,
                                    evidence_end=start + len(fact), evidence_text=fact, extractor="test"))
        session.commit()
    return db, ids


@pytest.mark.parametrize("kind, args, expected", [
    ("events", [], ["e1", "e2", "e3", "e4"]),  # never e_old: its document has a newer version
    ("events", ["--dyad", "CHN-RUS"], ["e1", "e4"]),
    ("events", ["--dyad", "rus-chn"], ["e1", "e4"]),
    ("events", ["--dyad", "RUS-NATO"], ["e2"]),
    ("events", ["--dyad", "IND-CHN"], []),
    # e2 has no date of its own: its document's (2024-01-15) counts; e4 has neither and is left out.
    ("events", ["--since", "2024-01-01", "--until", "2024-06-30"], ["e1", "e2"]),
    ("events", ["--since", "2024-03-01"], ["e1", "e3"]),
    ("events", ["--until", "2024-03-01"], ["e1", "e2"]),
    ("events", ["--dyad", "CHN-RUS", "--since", "2024-01-01"], ["e1"]),
    ("agreements", ["--dyad", "CHN-KAZ"], ["a1"]),
    ("agreements", ["--until", "2023-12-31"], ["a1"]),
    ("agreements", ["--since", "2024-01-15"], ["a2"]),
    ("stances", ["--dyad", "CHN-RUS"], ["s1"]),
    ("stances", ["--dyad", "RUS-USA"], ["s1"]),  # the target actor counts as a side
    ("stances", ["--dyad", "CHN-NATO"], ["s2"]),
    ("figures", ["--dyad", "RUS-CHN"], ["f1"]),
    ("figures", ["--dyad", "IND-CHN"], []),
    ("figures", ["--since", "2024-01-15", "--until", "2024-01-15"], ["f1", "f2"]),
    ("people", ["--dyad", "IND-USA"], ["p1", "p3"]),  # one country each: either side of the dyad
    ("forecasts", ["--until", "2024-12-31"], ["fc1"]),
    ("forecasts", [], ["fc1", "fc2"]),
])
def test_filters_select_exactly(cli, handmade, kind, args, expected):
    db, ids = handmade
    assert _ids(cli, db, kind, *args) == [ids[name] for name in expected]


def test_filters_apply_to_gdelt_and_undated_events_are_counted(cli, handmade):
    db, ids = handmade
    result = cli("export", "-k", "events", "-f", "gdelt", "--db", db)
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == \
        [str(int(ids[name][:15], 16)) for name in ("e1", "e3")]
    assert result.stderr == "bilat: note: 2 events without a date left out (GDELT records need SQLDATE)\n"
    result = cli("export", "-k", "events", "-f", "gdelt", "--dyad", "IND-RUS", "--since", "2024-07-08", "--db", db)
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == ["20240708"]
    assert result.stderr == ""


# -- bad input -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["--kind", "treaties"], "Invalid value for '--kind'"),
    (["--kind", "events", "--format", "xlsx"], "Invalid value for '--format'"),
    (["--format", "csv"], "Missing option '--kind'"),
])
def test_unknown_kind_or_format_is_typers_usage_error(cli, ws, args, message):
    result = cli("export", *args, "--db", ws)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("args, message", [
    (["-k", "events", "-f", "parquet"], "--format parquet writes a binary file: give --out FILE"),
    (["-k", "events", "-f", "parquet", "--out", "-"], "--format parquet writes a binary file: give --out FILE"),
    (["-k", "stances", "-f", "gdelt"], "--format gdelt exports events only, not stances"),
    (["-k", "events", "--dyad", "CHN"], "--dyad 'CHN' is not two different codes joined by '-', such as CHN-RUS"),
    (["-k", "events", "--dyad", "CHN-CHN"],
     "--dyad 'CHN-CHN' is not two different codes joined by '-', such as CHN-RUS"),
    (["-k", "forecasts", "--dyad", "CHN-RUS"], "--dyad does not apply to forecasts: they name no actors"),
    (["-k", "events", "--since", "2024-13-01"], "--since '2024-13-01' is not a date in the form YYYY-MM-DD"),
    (["-k", "events", "--until", "20240101"], "--until '20240101' is not a date in the form YYYY-MM-DD"),
    (["-k", "events", "--since", "2024-02-01", "--until", "2024-01-01"],
     "--since 2024-02-01 is after --until 2024-01-01"),
    (["-k", "events", "--out", "/nonexistent-dir/x.csv"],
     "cannot write /nonexistent-dir/x.csv: folder /nonexistent-dir does not exist"),
])
def test_bad_options_are_one_line_errors(cli, ws, args, message):
    result = cli("export", *args, "--db", ws)
    assert result.exit_code == 1
    assert result.stderr == f"bilat: {message}\n"
    assert result.stdout == ""


# -- streaming -----------------------------------------------------------------------------------------------

N_SYNTHETIC = 3000


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> str:
    """A workspace with a few thousand event rows written straight into the tables."""
    db = str(tmp_path_factory.mktemp("big") / "big.db")
    workspace = Workspace(db)
    with Session(workspace.engine) as session:
        doc = DocumentRow(content_hash="f" * 64, path="/tmp/big.txt", format="txt", text="x" * 10, chars=10,
                          encoding="utf-8", ingested_at=dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
                          published="2025-01-02")
        session.add(doc)
        session.flush()
        actor = {"text": "China", "country": "CHN", "org": None, "cameo": "CHN", "level": "state"}
        session.add_all(
            FactRow(id=f"{i:064x}", document_id=doc.id, kind="events", evidence_start=i, evidence_end=i + 1,
                    evidence_text="x", extractor="test",
                    data={"date": "2025-01-01", "date_end": None, "source": actor,
                          "target": {**actor, "text": "Russia", "country": "RUS", "cameo": "RUS"}, "cameo": "040",
                          "plover": "CONSULT", "quad_class": 1, "goldstein": 1.0, "location": None,
                          "confidence": 0.5})
            for i in range(N_SYNTHETIC))
        session.commit()
    return db


def test_facts_are_fetched_a_page_at_a_time(big):
    loaded = []

    def count(target, context):
        loaded.append(target.id)

    event.listen(FactRow, "load", count)
    try:
        rows = export.iter_facts(Workspace(big), "events")
        first = next(rows)
        assert first.id == f"{0:064x}"
        # Only the first page has been turned into objects, not the table.
        assert 0 < len(loaded) <= export.PAGE_SIZE < N_SYNTHETIC
        for _ in range(export.PAGE_SIZE):
            next(rows)
        assert len(loaded) <= 2 * export.PAGE_SIZE
        rows.close()
    finally:
        event.remove(FactRow, "load", count)


def test_export_never_buffers_the_whole_result(cli, big, tmp_path, monkeypatch):
    from sqlalchemy.engine import Result, ScalarResult

    def refuse(*_a, **_k):
        raise AssertionError("the export buffered a whole result")

    # Opening a workspace runs Alembic, which reads its own small tables whole: open it before patching.
    workspace = Workspace(big)
    monkeypatch.setattr("bilat.cli.Workspace", lambda db: workspace)
    for cls in (Result, ScalarResult):
        monkeypatch.setattr(cls, "all", refuse)
        monkeypatch.setattr(cls, "fetchall", refuse)
    result = cli("export", "-k", "events", "--db", big)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == N_SYNTHETIC + 1
    out = tmp_path / "big.parquet"
    assert cli("export", "-k", "events", "-f", "parquet", "-o", out, "--db", big).exit_code == 0
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == N_SYNTHETIC
    assert meta.num_row_groups == N_SYNTHETIC // export.PAGE_SIZE
    gdelt = cli("export", "-k", "events", "-f", "gdelt", "--dyad", "CHN-RUS", "--db", big)
    assert len(gdelt.stdout.splitlines()) == N_SYNTHETIC
