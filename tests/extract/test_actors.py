from bilat.extract.actors import ActorIndex, gazetteer
from bilat.nlp import get_nlp


def mentions(text):
    doc = get_nlp()(text)
    return [(m.span.text, m.spec.kind, m.actor.key, m.actor.cameo) for m in gazetteer().mentions(doc)]


def test_states_capitals_metonyms_organisations_and_firms():
    assert mentions("The Kremlin and Beijing welcomed NATO's silence, said Gazprom and Xinhua.") == [
        ("The Kremlin", "capital", "RUS", "RUSGOV"), ("Beijing", "capital", "CHN", "CHNGOV"),
        ("NATO", "org", "NATO", "IGOWSTNAT"), ("Gazprom", "entity", "RUS", "RUSBUS"),
        ("Xinhua", "entity", "CHN", "CHNMED")]


def test_typographic_apostrophes_and_longest_names_win():
    assert [m[:3] for m in mentions("the People’s Republic of China and the Democratic People's Republic of Korea")] == [
        ("the People’s Republic of China", "state", "CHN"),
        ("the Democratic People's Republic of Korea", "state", "PRK")]


def test_capitals_naming_things_are_not_governments():
    assert mentions("Jerusalem artichokes are grown near Kyiv.") == [("Kyiv", "capital", "UKR", "UKRGOV")]


def test_the_documents_main_pair():
    doc = get_nlp()("China and Russia met. Beijing said Moscow agreed. India watched.")
    index = ActorIndex(doc, gazetteer().mentions(doc))
    assert [a.key for a in index.dyad] == ["CHN", "RUS"]


def test_seas_and_peninsulas_named_after_states_are_not_those_states():
    assert mentions("Vietnam and China patrol the South China Sea; Seoul watches the Korean Peninsula and "
                    "the Taiwan Strait.") == [
        ("Vietnam", "state", "VNM", "VNM"), ("China", "state", "CHN", "CHN"), ("Seoul", "capital", "KOR", "KORGOV")]


def test_a_capital_before_a_spokesman_or_officials_is_the_government():
    assert mentions("Kremlin spokesman Dmitry Peskov and Beijing officials ate Jerusalem artichokes.") == [
        ("Kremlin", "capital", "RUS", "RUSGOV"), ("Beijing", "capital", "CHN", "CHNGOV")]
