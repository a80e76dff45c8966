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
    [a] = agreements(text, "2024-10-24")
    assert (a["kind"], a["title"], a["signed"]) == ("declaration", "the Kazan Declaration", "2024-10-23")
    # 'the leaders' of a grouping's summit: the grouping
    assert [(p["org"], p["level"]) for p in a["parties"]] == [("BRICS", "organisation")]


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


# -- general patterns: other pairs and groups of states, other verbs and phrasings --------------------------

def test_agreed_on_a_roadmap_is_an_action_plan():
    text = ("On 5 June 2023 the defence ministers of the United States and India agreed on a roadmap for defence "
            "industrial cooperation.")
    assert brief(text, "2023-06-06") == [
        ("action_plan", "a roadmap for defence industrial cooperation", "2023-06-05",
         (("USA", "ministry"), ("IND", "state")))]


def test_endorsed_principles_by_the_three_leaders_of_a_summit():
    text = ("Joe Biden received Fumio Kishida and Yoon Suk Yeol at Camp David on 18 August 2023. The three leaders "
            "endorsed the Camp David Principles.")
    assert brief(text, "2023-08-19") == [
        ("other", "the Camp David Principles", "2023-08-18", (("USA", "state"), ("JPN", "state"), ("KOR", "state")))]


def test_lower_case_named_only_noun_is_not_a_document():
    text = "On 18 August 2023 Japan and South Korea signed off on their commitment to regular talks."
    assert agreements(text, "2023-08-19") == []


def test_dateline_is_neither_the_signing_date_nor_a_party():
    text = "BAKU, 9 August 2025 - Azerbaijan and Armenia signed a joint declaration in Washington on Friday, 8 August 2025."
    assert brief(text, "2025-08-09") == [
        ("joint_statement", "a joint declaration", "2025-08-08", (("AZE", "state"), ("ARM", "state")))]


def test_the_pact_points_back_and_same_name_with_other_states_is_another_document():
    text = ("Japan and the Philippines signed a Reciprocal Access Agreement in Manila on 8 July 2024. The pact was "
            "signed by their defence chiefs. Japan and Britain signed the Japan-UK Reciprocal Access Agreement on "
            "11 January 2023.")
    assert brief(text, "2024-07-09") == [
        ("agreement", "a Reciprocal Access Agreement", "2024-07-08", (("JPN", "state"), ("PHL", "state"))),
        ("agreement", "the Japan-UK Reciprocal Access Agreement", "2023-01-11", (("JPN", "state"), ("GBR", "state")))]


def test_when_clause_takes_the_date_it_hangs_on_and_unnamed_leaders_are_the_two_states():
    text = "France and Germany renewed their friendship on 22 January 2019, when the two leaders signed the Treaty of Aachen."
    assert brief(text, "2023-01-23") == [
        ("treaty", "the Treaty of Aachen", "2019-01-22", (("FRA", "state"), ("DEU", "state")))]


def test_older_agreement_with_a_subject_in_its_relative_clause_is_kept():
    text = ("Iran and Saudi Arabia restored ties in March 2023. The two countries will revive the security cooperation "
            "agreement they signed in 2001.")
    assert brief(text, "2023-03-11") == [
        ("agreement", "the security cooperation agreement", "2001-01-01", (("IRN", "state"), ("SAU", "state")))]


def test_undated_signing_in_a_report_of_a_visit_takes_the_visit_day():
    text = ("Vladimir Putin visited Pyongyang on 19 June 2024 for talks with Kim Jong Un.\n\n"
            "The two leaders also inked an agreement on a road bridge across the Tumen River.")
    assert brief(text, "2024-06-20") == [
        ("agreement", "an agreement on a road bridge across the Tumen River", "2024-06-19",
         (("RUS", "state"), ("PRK", "state")))]


def test_title_keeps_what_follows_the_date():
    text = ("The United States and Ukraine signed an agreement on 30 April 2025 establishing a joint reconstruction "
            "investment fund.")
    assert brief(text, "2025-05-01") == [
        ("agreement", "an agreement establishing a joint reconstruction investment fund", "2025-04-30",
         (("USA", "state"), ("UKR", "state")))]


def test_plural_name_and_three_signatories():
    text = "Israel, Bahrain and the United Arab Emirates signed the Abraham Accords in Washington on 15 September 2020."
    assert brief(text, "2020-09-16") == [
        ("agreement", "the Abraham Accords", "2020-09-15", (("ISR", "state"), ("BHR", "state"), ("ARE", "state")))]


def test_no_deal_withdrawal_expectation_and_talks_are_not_agreements():
    text = ("The summit between the United States and North Korea in Hanoi on 28 February 2019 ended without a deal, "
            "and no agreement was reached on sanctions. In 2018 Washington withdrew from the nuclear agreement with "
            "Iran. India and the European Union are expected to sign a trade agreement next year, and talks on an "
            "investment pact continue.")
    assert agreements(text, "2019-03-01") == []


def test_list_under_heading_without_signatories_belongs_to_the_two_states():
    text = ("Narendra Modi and Vladimir Putin met in New Delhi on 6 December 2021.\n\n"
            "The following documents were signed during the visit:\n"
            "1. Contract for the production of assault rifles by a joint venture.\n"
            "2. Memorandum of Understanding on cooperation in geology.\n")
    assert brief(text, "2021-12-07") == [
        ("contract", "Contract for the production of assault rifles by a joint venture", "2021-12-06",
         (("IND", "state"), ("RUS", "state"))),
        ("memorandum", "Memorandum of Understanding on cooperation in geology", "2021-12-06",
         (("IND", "state"), ("RUS", "state")))]


def test_a_statement_named_joint_is_a_joint_statement():
    """'Joint' in a statement's name makes it joint wherever it stands; a statement on joint work is not."""
    text = ("On 7 November 2023 Australia and China issued a Statement on Joint Outcomes. On 18 February 2022 "
            "India and the United Arab Emirates adopted a Joint Vision Statement. On 3 March 2024 the Chinese "
            "foreign ministry issued a statement on joint exercises.")
    assert [(a["kind"], a["title"], a["signed"]) for a in agreements(text, "2024-03-04")] == [
        ("joint_statement", "a Statement on Joint Outcomes", "2023-11-07"),
        ("joint_statement", "a Joint Vision Statement", "2022-02-18")]


def test_a_second_document_coordinated_deep_inside_the_first_is_its_own():
    text = ("On 14 April 2023 Brazil and China adopted a protocol on sanitary requirements for processed animal "
            "protein shipped from Brazil to China and a work plan on the electronic certification of animal products.")
    assert [(a["kind"], a["title"], a["signed"]) for a in agreements(text, "2023-04-15")] == [
        ("protocol", "a protocol on sanitary requirements for processed animal protein shipped from Brazil to China",
         "2023-04-14"),
        ("action_plan", "a work plan on the electronic certification of animal products", "2023-04-14")]


def test_documents_listed_in_running_text_after_a_signing_sentence():
    """'The documents signed include A, B and C'; 'Twelve documents were signed. Among them were A and B':
    the signing sentence plays the heading of a list (date, parties); a plural summary is no document."""
    text = ("Brazilian President Lula held talks with Chinese President Xi Jinping in Beijing on 14 April 2023. "
            "The documents signed include a memorandum on research, an agreement on news exchange and a protocol "
            "on satellites.\n\nRussia and Iran held talks in Moscow on 17 January 2025. Twelve documents were "
            "signed there on 17 January. Among them were a memorandum on gas supplies and a protocol on customs.")
    assert [(a["kind"], a["title"], a["signed"], [p["country"] for p in a["parties"]])
            for a in agreements(text, "2025-01-20")] == [
        ("memorandum", "a memorandum on research", "2023-04-14", ["BRA", "CHN"]),
        ("agreement", "an agreement on news exchange", "2023-04-14", ["BRA", "CHN"]),
        ("protocol", "a protocol on satellites", "2023-04-14", ["BRA", "CHN"]),
        ("memorandum", "a memorandum on gas supplies", "2025-01-17", ["RUS", "IRN"]),
        ("protocol", "a protocol on customs", "2025-01-17", ["RUS", "IRN"])]


def test_declarations_of_intent_outcome_lists_and_initialled_drafts():
    """A 'Joint Declaration of Intent' is a declaration; a list under 'Documents concluded' was signed; an
    initialled draft is not yet a signed document."""
    text = ("India and Germany held consultations in Berlin on 2 May 2022.\n\nDocuments concluded\n\n"
            "- Joint Declaration of Intent on a renewable energy partnership.\n"
            "- Memorandum of understanding on triangular cooperation.\n\n"
            "A draft agreement on migration was initialled in Berlin.")
    assert [(a["kind"], a["title"], a["signed"]) for a in agreements(text, "2022-05-03")] == [
        ("declaration", "Joint Declaration of Intent on a renewable energy partnership", "2022-05-02"),
        ("memorandum", "Memorandum of understanding on triangular cooperation", "2022-05-02")]


def test_signatures_put_to_a_text_and_a_summit_that_adopted_one():
    text = ("On 8 December 2022 King Salman received Xi in Riyadh, and the two heads of state put their signatures "
            "to a Comprehensive Strategic Partnership Agreement between Saudi Arabia and China. On 9 December 2022 "
            "the crown prince hosted Xi and Gulf leaders for the China-GCC summit, which adopted an action plan "
            "for strategic dialogue.")
    assert [(a["kind"], a["title"], a["signed"], [p["country"] for p in a["parties"]])
            for a in agreements(text, "2022-12-12")] == [
        ("agreement", "a Comprehensive Strategic Partnership Agreement between Saudi Arabia and China", "2022-12-08",
         ["SAU", "CHN"]),
        ("action_plan", "an action plan for strategic dialogue", "2022-12-09", ["CHN"])]


def test_a_listed_document_signed_by_ministers_on_the_day_the_story_is_at():
    """'... exchanged further documents. First came A. It was followed by B, signed by X': listed documents
    take the last day of the paragraph before, and 'signed by X' is not part of a title; 'the declaration'
    after 'a joint declaration' is the same document."""
    text = ("On 8 December 2022 King Salman received Chinese President Xi Jinping in Riyadh.\n\n"
            "Xi then held talks with the crown prince. Their ministers exchanged further documents. First came a "
            "plan on energy. It was followed by a memorandum of understanding on hydrogen energy, signed by the "
            "Saudi energy minister.\n\nOn 9 December Saudi Arabia and China signed a joint declaration. The two "
            "leaders put their signatures on the declaration.")
    assert [(a["kind"], a["title"], a["signed"]) for a in agreements(text, "2022-12-12")] == [
        ("action_plan", "a plan on energy", "2022-12-08"),
        ("memorandum", "a memorandum of understanding on hydrogen energy", "2022-12-08"),
        ("joint_statement", "a joint declaration", "2022-12-09")]


def test_list_items_released_statements_and_counted_documents():
    """A list item's kind is the document it says was signed and its title its first sentence; a joint
    statement 'released' is out; '56 MoUs were signed' names no document."""
    text = ("Kenyan President William Ruto visited the United States on 20 May 2024.\n\n"
            "The following instruments were signed during the visit:\n\n"
            "- **HIV roadmap (Atlanta, 20 May).** The two health ministries signed a memorandum of understanding "
            "on a roadmap for the HIV programme.\n"
            "- **Public Health Institute (Atlanta, 20 May).** A joint proclamation on the institute was signed.\n\n"
            "The joint statement was released on 23 May. In all, 56 MoUs were signed during the trip.")
    assert [(a["kind"], a["title"], a["signed"]) for a in agreements(text, "2024-05-24")] == [
        ("memorandum", "a memorandum of understanding on a roadmap for the HIV programme", "2024-05-20"),
        ("declaration", "Public Health Institute (Atlanta, 20 May)", "2024-05-20"),
        ("joint_statement", "The joint statement", "2024-05-23")]


def test_a_headline_and_a_later_definite_mention_are_the_story_s_document():
    """The headline's contract, the lead's contract and 'The contract for ...' later are one document, with
    the parties the fullest mention names."""
    text = ("Czechs ink Dukovany nuclear contract with KHNP\n\n"
            "PRAGUE, 4 June 2025 - The Czech Republic on Wednesday signed the contract for two new reactors at the "
            "Dukovany nuclear power plant. The two governments signed the contract for the completion of Dukovany "
            "between the Czech Republic and South Korea at a ceremony in Prague.")
    assert [(a["kind"], a["title"], a["signed"], [p["country"] for p in a["parties"]])
            for a in agreements(text, "2025-06-04")] == [
        ("contract", "the contract for the completion of Dukovany between the Czech Republic and South Korea",
         "2025-06-04", ["CZE", "KOR"])]  # the longer title of the two mentions
