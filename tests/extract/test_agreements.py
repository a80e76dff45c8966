"""Agreements from running text and from lists of documents signed; texts are written for these tests."""
from __future__ import annotations

from bilat.extract import extract
from bilat.model import Document


def agreements(text: str, published: str) -> list[dict]:
    return extract(Document(text=text, path="t.txt", format="txt"), published).to_json()["agreements"]


def brief(text: str, published: str) -> list[tuple]:
    """(kind, title, signed, ((party country, level), ...)) per agreement, in text order."""
    return [(a["kind"], a["title"], a["signed"], tuple((p["country"], p["level"]) for p in a["parties"]))
            for a in agreements(text, published)]


def test_list_under_dated_heading_takes_kind_from_first_noun_and_parties_from_between():
    text = (
        "Vladimir Putin paid a state visit to China on 16-17 May 2024 and held talks with Xi Jinping in Beijing.\n\n"
        "Documents signed by the two states during the visit, 16 May 2024\n"
        "1. A joint statement of Russia and China on deepening their comprehensive partnership in the new era.\n"
        "2. A protocol between Rosselkhoznadzor and China's General Administration of Customs on phytosanitary "
        "requirements for Russian exports of Jerusalem artichokes.\n"
        "3. A joint action plan to carry out the agreement on sanitary protection of the border signed on "
        "4 February 2022.\n"
        "4. A memorandum between the TASS news agency and Xinhua on the exchange of news.\n"
    )
    assert brief(text, "2024-05-18") == [
        ("joint_statement", "joint statement of Russia and China on deepening their comprehensive partnership "
         "in the new era", "2024-05-16", (("RUS", "state"), ("CHN", "state"))),
        ("protocol", "protocol between Rosselkhoznadzor and China's General Administration of Customs on "
         "phytosanitary requirements for Russian exports of Jerusalem artichokes", "2024-05-16",
         (("RUS", "agency"), ("CHN", "agency"))),
        ("action_plan", "joint action plan to carry out the agreement on sanitary protection of the border signed on "
         "4 February 2022", "2024-05-16", (("RUS", "state"), ("CHN", "state"))),
        ("agreement", "the agreement on sanitary protection of the border", "2022-02-04",
         (("RUS", "state"), ("CHN", "state"))),
        ("memorandum", "memorandum between the TASS news agency and Xinhua on the exchange of news", "2024-05-16",
         (("RUS", "media"), ("CHN", "media"))),
    ]


def test_list_item_evidence_is_the_line_and_domains_come_from_the_title():
    text = ("Documents signed by the two states on 16 May 2024:\n"
            "1. A protocol between Russia and China on beef exports.\n")
    [item] = agreements(text, "2024-05-18")
    assert item["evidence"]["text"] == "1. A protocol between Russia and China on beef exports."
    assert text[item["evidence"]["start"]:item["evidence"]["end"]] == item["evidence"]["text"]
    assert item["domains"] == ["trade", "agriculture"]


def test_running_text_protocol_between_ministries():
    text = ("On 16 May 2024 Russia's Ministry of Economic Development signed a protocol on infrastructure "
            "cooperation with China's Ministry of Commerce in Beijing.")
    [a] = agreements(text, "2024-05-18")
    assert (a["kind"], a["title"], a["signed"]) == (
        "protocol", "a protocol on infrastructure cooperation with China's Ministry of Commerce", "2024-05-16")
    assert [(p["text"], p["country"], p["level"]) for p in a["parties"]] == [
        ("Russia's Ministry of Economic Development", "RUS", "ministry"),
        ("China's Ministry of Commerce", "CHN", "ministry")]
    assert a["domains"] == ["trade", "infrastructure"]
    assert a["place"] == {"text": "Beijing", "country": "CHN"}


def test_passive_memorandum_between_companies():
    text = "A memorandum of understanding on gas supplies was signed between Gazprom and CNPC on 4 February 2022."
    assert brief(text, "2022-02-05") == [
        ("memorandum", "A memorandum of understanding on gas supplies", "2022-02-04",
         (("RUS", "company"), ("CHN", "company")))]


def test_intergovernmental_visa_agreement_signed_after_talks():
    text = ("Kazakh President Kassym-Jomart Tokayev and Chinese President Xi Jinping held talks in Xi'an on "
            "17 May 2023. After the talks, the two governments signed an agreement on mutual exemption from "
            "visa requirements.")
    [a] = agreements(text, "2023-05-18")
    assert (a["kind"], a["title"], a["signed"], a["domains"]) == (
        "agreement", "an agreement on mutual exemption from visa requirements", "2023-05-17", ["consular"])
    assert [(p["country"], p["level"]) for p in a["parties"]] == [("KAZ", "government"), ("CHN", "government")]


def test_negated_future_and_called_for_are_not_agreements():
    text = ("Russian President Vladimir Putin visited China on 16 May 2024. No agreement on the Power of Siberia 2 "
            "pipeline was signed during the visit. Russia's deputy prime minister said the contract would be signed "
            "soon. Russia and China have not signed a gas deal. Moscow called for a treaty on European security. "
            "The two sides are expected to sign a protocol on grain next year. Talks on the wording of an "
            "agreement on the pipeline continue.")
    assert agreements(text, "2024-05-20") == []


def test_generic_mention_merges_into_the_specific_one():
    text = ("Indian Prime Minister Narendra Modi visited Moscow on 8-9 July 2024 for the annual summit with "
            "Russian President Vladimir Putin. The joint statement was signed on 9 July. On 9 July the two leaders "
            "signed a joint statement on the special and privileged strategic partnership of India and Russia.")
    assert brief(text, "2024-07-10") == [
        ("joint_statement", "a joint statement on the special and privileged strategic partnership of India and "
         "Russia", "2024-07-09", (("IND", "state"), ("RUS", "state")))]


def test_unilateral_statement_is_not_an_agreement():
    text = "The Chinese foreign ministry issued a statement on 3 March 2024 condemning the sanctions."
    assert agreements(text, "2024-03-04") == []


def test_declaration_adopted_at_a_summit():
    text = ("The BRICS summit in Kazan ran from 22 to 24 October 2024. On 23 October the leaders adopted "
            "the Kazan Declaration.")
    assert brief(text, "2024-10-24") == [("declaration", "the Kazan Declaration", "2024-10-23", ())]


def test_list_of_company_contracts_under_undated_heading_uses_the_same_day():
    text = ("On 4 February 2022 Xi Jinping and Vladimir Putin held talks in Beijing.\n"
            "Two energy contracts were signed in Beijing on the same day:\n"
            "1. Gazprom and CNPC signed a contract for the supply of gas via the Far Eastern route.\n"
            "2. Rosneft and CNPC signed a contract for the supply of oil through Kazakhstan.\n")
    assert brief(text, "2022-02-05") == [
        ("contract", "a contract for the supply of gas", "2022-02-04",
         (("RUS", "company"), ("CHN", "company"))),
        ("contract", "a contract for the supply of oil through Kazakhstan", "2022-02-04",
         (("RUS", "company"), ("CHN", "company"))),
    ]
