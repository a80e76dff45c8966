"""Two differently worded reports of one meeting and one agreement count once, with both sources."""
from pathlib import Path

from bilat.analyze import Scope, analyze
from bilat.store import Workspace

DEDUP = Path(__file__).parent / "fixtures" / "dedup"  # a news item and a readout of one meeting


def test_two_reports_of_one_meeting_and_one_agreement(cli, db):
    result = cli("ingest", DEDUP, "--db", db)
    assert result.exit_code == 0, result.output
    a = analyze(Workspace(db), Scope.parse("KAZ-CHN"))
    meetings = [c for c in a.events if c.data["cameo"].startswith("04")]
    assert len(meetings) == 1
    [meeting] = meetings
    assert meeting.date == "2023-09-02"
    assert sorted(d.title for d in meeting.documents) == [
        "Kazakhstan and China scrap visas for short trips", "Readout of the Kazakh-Chinese foreign ministers' meeting"]
    assert len(a.agreements.agreements) == 1
    [agreement] = a.agreements.agreements
    assert agreement.date == "2023-09-02"
    assert len(agreement.documents) == 2
    # the two wordings, each quoted from its own document
    assert sorted(r.quote.split(" signed ")[1][:22] for r in agreement.reports) == [
        "an agreement on mutual", "the Agreement on the m"]


def test_cluster_ids_do_not_depend_on_ingestion_order(cli, tmp_path):
    ids = []
    for name, files in (("ab", sorted((DEDUP).iterdir())),
                        ("ba", sorted((DEDUP).iterdir(), reverse=True))):
        db = str(tmp_path / f"{name}.db")
        for path in files:
            cli("ingest", path, "--db", db)
        a = analyze(Workspace(db), Scope.parse("CHN-KAZ"))
        ids.append(sorted(c.id for c in a.events + a.agreements.agreements))
    assert ids[0] == ids[1]
