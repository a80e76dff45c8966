"""The vocabularies are data that analysts rely on: check their shape and a sample of published values."""
import itertools

import pycountry
import pytest

from bilat.vocab import load

OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "economy_minister",
           "finance_minister", "trade_minister", "energy_minister", "central_bank_governor",
           "security_council_secretary"}


def test_cameo_codebook_is_complete():
    cameo = load().cameo
    assert len(cameo) == 316
    roots = [c for c in cameo if len(c) == 2]
    assert roots == [f"{i:02d}" for i in range(1, 21)]
    for code, entry in cameo.items():
        assert code[:2] in cameo and (len(code) < 4 or code[:3] in cameo)
        assert -10 <= entry.goldstein <= 10
        root = int(code[:2])
        assert entry.quad_class == (1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4)


@pytest.mark.parametrize("code, goldstein", [
    ("010", 0.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9),
    ("043", 2.8), ("057", 8.0), ("111", -2.0), ("172", -5.0), ("190", -10.0)])
def test_published_goldstein_weights(code, goldstein):
    assert load().cameo[code].goldstein == goldstein


def test_plover_crosswalk():
    """As the PLOVER project's CAMEO crosswalk gives them (see vocab/cameo.SOURCE.md)."""
    vocab = load()
    assert [vocab.plover_of(c) for c in ("042", "043", "057", "062", "111", "163", "190")] == [
        "CONSULT", "CONSULT", "SUPPORT", "COOPERATE", "ACCUSE", "SANCTION", "ASSAULT"]


def test_every_state_has_its_iso_code_and_a_name():
    states = load().states
    assert {c.alpha_3 for c in pycountry.countries} <= set(states)
    assert all(s.names for s in states.values())
    assert "Kyiv" in states["UKR"].capitals and "Kiev" in states["UKR"].capitals
    assert ("the Kremlin", "GOV") in states["RUS"].metonyms


def test_contract_organisation_codes_are_known():
    orgs = load().organisations
    for code in "NATO EU UN BRICS SCO AUKUS ASEAN G7 G20 EAEU CSTO OPEC IAEA WTO IMF OSCE CIS QUAD AU NORAD".split():
        assert code in orgs, code


def test_officeholders_have_known_offices_and_dates():
    people = load().people
    assert {p.office for p in people} == OFFICES
    for p in people:
        assert p.start <= (p.end or "9999"), p
        assert p.source, p


def test_no_two_people_hold_one_office_at_once():
    """A gazetteer that says two people were foreign minister on the same day is wrong somewhere."""
    people = sorted(load().people, key=lambda p: (p.country, p.office, p.start))
    overlaps = []
    for (country, office), rows in itertools.groupby(people, key=lambda p: (p.country, p.office)):
        rows = list(rows)
        for before, after in zip(rows, rows[1:]):
            # compare at the precision both dates have: '2025-06' (month known) vs '2025-06-04'
            n = min(len(before.end or ""), len(after.start)) or len(after.start)
            if before.end is None or before.end[:n] > after.start[:n]:
                overlaps.append((country, office, before.name, before.end, after.name, after.start))
    assert overlaps == []


def test_the_offices_of_a_few_well_known_people():
    def holder(name, office):
        return [(p.start, p.end) for p in load().people if p.name == name and p.office == office]

    assert holder("Sergei Lavrov", "foreign_minister") == [("2004-03-09", None)]
    assert holder("Andrei Belousov", "defence_minister")[0][0] == "2024-05-14"
    assert holder("Wang Yi", "foreign_minister")[0] == ("2013-03-16", "2022-12-30")
