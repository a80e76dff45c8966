"""The analysis of a small China–India workspace whose facts are stated by hand, so every number is known."""
from __future__ import annotations

import pytest

from bilat.analyze import Scope, analyze
from bilat.model import Actor, Agreement, Document, Evidence, Event, Figure, Forecast, Person, Stance
from bilat.store import Workspace
from tests.conftest import evidence_at as ev, make_event as event  # noqa: F401

DOC_A = """\
Indian Prime Minister Narendra Modi met Chinese President Xi Jinping in Kazan on 23 October 2024, their first formal talks in five years.
Chinese and Indian troops clashed in the Galwan Valley on 15 June 2020.
Two days later New Delhi accused Beijing of trying to change the status quo on the border.
The two sides have reached an agreement on patrolling arrangements along the Line of Actual Control.
India has refused to endorse China's Belt and Road Initiative, while Beijing calls the initiative a public good.
China's exports to India were worth 118.5 billion dollars in 2022 and 117.68 billion dollars in 2023, down 0.7%.
India and China are likely to resume direct flights next year.
"""
DOC_B = """\
Xi Jinping received Narendra Modi on the sidelines of the BRICS summit in Kazan on 23 October 2024.
On 21 October 2024 India and China signed an agreement on patrolling arrangements along the Line of Actual Control.
India and China both support a multipolar world order.
India supports reform of the UN Security Council, and China says it also supports reform of the Security Council.
Customs data put China's exports to India at 117.7 billion dollars in 2023.
In 2013 the water ministries signed a memorandum on sharing hydrological data on the Brahmaputra.
In 2014 the leaders issued a joint statement on building a closer developmental partnership.
"""

IND_GOV = Actor("India", "IND", None, "INDGOV", "government")
CHN_GOV = Actor("China", "CHN", None, "CHNGOV", "government")
IND = Actor("India", "IND", None, "IND", "state")
CHN = Actor("China", "CHN", None, "CHN", "state")





@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    ws = Workspace(str(tmp_path_factory.mktemp("ws") / "india.db"))
    a, b = DOC_A, DOC_B
    meeting_a = a.splitlines()[0]
    facts_a = [
        event(a, meeting_a, IND_GOV, CHN_GOV, "040", 1, 1.0, "2024-10-23"),
        event(a, a.splitlines()[1], CHN, IND, "190", 4, -10.0, "2020-06-15"),
        event(a, a.splitlines()[2], IND, CHN, "112", 3, -2.0, "2020-06-17"),
        Agreement(ev(a, "an agreement on patrolling arrangements along the Line of Actual Control").text, "agreement",
                  [IND_GOV, CHN_GOV], ["security"], None, None, ev(a, a.splitlines()[3])),
        Stance([IND], "oppose", "Belt and Road Initiative", None, ev(a, "India has refused to endorse China's Belt and Road Initiative")),
        Stance([CHN], "support", "Belt and Road Initiative", None, ev(a, "Beijing calls the initiative a public good")),
        Figure("exports", "CHN", "IND", "2022", 118.5, "USD bn", None, None, False, ev(a, a.splitlines()[5])),
        Figure("exports", "CHN", "IND", "2023", 117.68, "USD bn", -0.7, "yoy", False, ev(a, a.splitlines()[5])),
        Person("Narendra Modi", "Prime Minister", "IND", ev(a, "Indian Prime Minister Narendra Modi")),
        Person("Xi Jinping", "President", "CHN", ev(a, "Chinese President Xi Jinping")),
        Forecast("India and China are likely to resume direct flights next year", None, "next year", ev(a, a.splitlines()[6])),
    ]
    facts_b = [
        event(b, b.splitlines()[0], CHN_GOV, IND_GOV, "042", 1, 1.9, "2024-10-23"),
        event(b, b.splitlines()[1], IND, CHN, "057", 1, 8.0, "2024-10-21"),
        Agreement("agreement on patrolling arrangements along the Line of Actual Control", "agreement",
                  [IND_GOV, CHN_GOV], ["security"], "2024-10-21", None, ev(b, b.splitlines()[1])),
        Agreement("memorandum on sharing hydrological data on the Brahmaputra", "memorandum",
                  [Actor("Ministry of Water Resources", "IND", None, "INDGOV", "ministry"),
                   Actor("Ministry of Water Resources", "CHN", None, "CHNGOV", "ministry")],
                  ["water"], "2013-10-23", None, ev(b, b.splitlines()[5])),
        Agreement("joint statement on building a closer developmental partnership", "joint_statement",
                  [IND, CHN], ["diplomacy"], "2014-09-18", None, ev(b, b.splitlines()[6])),
        Stance([IND, CHN], "support", "multipolar world order", None, ev(b, b.splitlines()[2])),
        Stance([IND], "support", "reform of the UN Security Council", None, ev(b, "India supports reform of the UN Security Council")),
        Stance([CHN], "support", "reform of the Security Council", None, ev(b, "China says it also supports reform of the Security Council")),
        Figure("exports", "CHN", "IND", "2023", 117.7, "USD bn", None, None, False, ev(b, b.splitlines()[4])),
        Person("Narendra Modi", "Indian Prime Minister", "IND", ev(b, "Narendra Modi")),
    ]
    ws.add(Document(a, "a.txt", "txt", title="Modi and Xi meet", published="2024-10-25"), facts_a, "test")
    ws.add(Document(b, "b.txt", "txt", title="Kazan readout", published="2024-10-24"), facts_b, "test")
    return ws


def test_events_are_deduplicated_and_counted(workspace):
    a = analyze(workspace, Scope.parse("IND-CHN"), freq="month")
    assert [(c.date, len(c.documents)) for c in a.events] == [
        ("2020-06-15", 1), ("2020-06-17", 1), ("2024-10-21", 1), ("2024-10-23", 2)]
    ind = a.indicators
    assert ind.by_period["2020-06"]["quad_class"] == {1: 0, 2: 0, 3: 1, 4: 1}
    assert ind.by_period["2024-10"]["quad_class"] == {1: 2, 2: 0, 3: 0, 4: 0}
    assert ind.by_period["2020-06"]["goldstein_mean"] == -6.0
    # The meeting counts once, as first reported (the readout: a visit, 1.9), with the signing (8.0).
    assert ind.by_period["2024-10"]["goldstein_mean"] == 4.95
    assert ind.by_direction == {
        "CHN→IND": {"events": 2, "quad_class": {1: 1, 2: 0, 3: 0, 4: 1}, "goldstein_mean": -4.05},
        "IND→CHN": {"events": 2, "quad_class": {1: 1, 2: 0, 3: 1, 4: 0}, "goldstein_mean": 3.0},
    }
    assert len(ind.periods) == 53  # June 2020 to October 2024, quiet months included


def test_agreements_portfolio(workspace):
    p = analyze(workspace, Scope.parse("CHN-IND")).agreements
    assert [(c.data["kind"], c.date, len(c.documents)) for c in p.agreements] == [
        ("memorandum", "2013-10-23", 1), ("joint_statement", "2014-09-18", 1), ("agreement", "2024-10-21", 2)]
    assert p.summary["by_level"] == {"government": {"count": 1, "share": 0.3333},
                                     "ministry": {"count": 1, "share": 0.3333},
                                     "state": {"count": 1, "share": 0.3333}}


def test_stance_alignment(workspace):
    m = analyze(workspace, Scope.parse("IND-CHN")).stances
    al = m.alignment
    assert (al["common"], al["same"], al["share"]) == (3, 2, 0.6667)
    assert {t["label"]: t["same"] for t in al["targets"]} == {
        "Belt and Road Initiative": False, "multipolar world order": True, "reform of the Security Council": True}


def test_figure_series_and_people(workspace):
    a = analyze(workspace, Scope.parse("CHN-IND"))
    [series] = a.series
    assert [(p["period"], p["value"], p["change_pct"]) for p in series.points] == [
        ("2022", 118.5, None), ("2023", 117.68, -0.7)]
    assert sorted((c.data["period"], len(c.documents)) for c in a.figures) == [("2022", 1), ("2023", 2)]
    modi = next(p for p in a.people if p.name == "Narendra Modi")
    assert modi.roles == ["Indian Prime Minister", "Prime Minister"]
    assert [e for e in modi.events] == [c.id for c in a.events if c.date == "2024-10-23"]


def test_period_filter(workspace):
    a = analyze(workspace, Scope.parse("CHN-IND", since="2024-01-01"))
    assert [c.date for c in a.events] == ["2024-10-21", "2024-10-23"]
    assert [c.date for c in a.agreements.agreements] == ["2024-10-21"]
    assert [f.text for f in a.forecasts] == ["India and China are likely to resume direct flights next year"]
