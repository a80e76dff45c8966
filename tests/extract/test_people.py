from tests.conftest import extract_text


def people(result):
    return [(p.name, p.role, p.country, p.role_source) for p in result.facts["people"]]


def test_roles_from_titles_possessives_and_appositions():
    result = extract_text(
        "Foreign Minister Wang Yi met Rosneft's chief executive, Igor Sechin, in Beijing. "
        "India's external affairs minister Subrahmanyam Jaishankar joined them on 12 July 2024.\n"
        "Later the same day Chinese Premier Li Qiang received Sechin.")
    assert people(result) == [
        ("Wang Yi", "Foreign Minister", "CHN", "text"),
        ("Igor Sechin", "Rosneft's chief executive", "RUS", "text"),
        ("Subrahmanyam Jaishankar", "external affairs minister", "IND", "text"),
        ("Li Qiang", "Chinese Premier", "CHN", "text"),
    ]


def test_a_list_of_officials_takes_the_country_of_its_head_noun():
    result = extract_text("The following Kazakh officials attended: foreign minister Murat Nurtleu and "
                          "finance minister Madi Takiyev.")
    assert people(result) == [("Murat Nurtleu", "foreign minister", "KAZ", "text"),
                              ("Madi Takiyev", "finance minister", "KAZ", "text")]


def test_the_gazetteer_fills_a_role_the_text_does_not_state_and_names_stay_as_written():
    result = extract_text("Sergey Lavrov arrived in Pyongyang on 18 June 2024. Lavrov later left.")
    assert people(result) == [("Sergey Lavrov", "Minister of Foreign Affairs", "RUS", "gazetteer")]
    assert result.facts["people"][0].evidence.text == "Sergey Lavrov arrived in Pyongyang on 18 June 2024."


def test_names_without_role_or_gazetteer_entry_are_not_facts():
    result = extract_text("The report was written by Anna Keller and Tom Brandt for a think tank.")
    assert people(result) == []


def test_an_and_inside_a_title_and_an_and_between_two_people():
    """'Minister of Commerce and Industry' is one title; ', and the UAE's minister ...' after a name is the
    next person's (before the fix Goyal became the UAE's minister), and 'President X and NATO Secretary
    General Y' are two titled people."""
    result = extract_text(
        "India's Minister of Commerce and Industry, Piyush Goyal, and the UAE's Minister of State for Foreign "
        "Trade, Thani bin Ahmed Al Zeyoudi, signed the agreement. Finnish President Sauli Niinistö and NATO "
        "Secretary General Jens Stoltenberg attended.", "2022-03-01")
    assert people(result) == [
        ("Piyush Goyal", "Minister of Commerce and Industry", "IND", "gazetteer"),
        ("Sauli Niinistö", "Finnish President", "FIN", "text"),
        ("Jens Stoltenberg", "NATO Secretary General", None, "text")]  # an organisation's official: no state


def test_a_leaders_surname_alone_needs_a_title_or_the_leaders_state_in_the_text():
    """'published in English' is a language, not New Zealand's prime minister; a bare 'Khan' is Pakistan's
    prime minister only in a text that titles him or names Pakistan."""
    assert people(extract_text("The report was published in English in 2017. Khan criticised it.",
                               "2020-03-01")) == []
    assert people(extract_text("Prime Minister Khan criticised the plan.", "2020-03-01")) == [
        ("Khan", "Prime Minister of Pakistan", "PAK", "gazetteer")]
    assert people(extract_text("Pakistan rejected the plan. Khan criticised it.", "2020-03-01")) == [
        ("Khan", "Prime Minister of Pakistan", "PAK", "gazetteer")]


def test_surnames_without_their_article_and_names_used_by_their_first_word():
    """'el-Sisi' is also 'Sisi'; an Ethiopian is named alone by the first word ('Abiy Ahmed' is 'Abiy')."""
    result = extract_text(
        "Egyptian President Abdel Fattah el-Sisi met Ethiopian Prime Minister Abiy Ahmed on 13 July 2023. "
        "Sisi received Abiy in Cairo.", "2023-07-20")
    assert [(e.source.key, e.target.key, e.cameo, e.date, e.evidence.text) for e in result.facts["events"]] == [
        ("EGY", "ETH", "040", "2023-07-13", "Egyptian President Abdel Fattah el-Sisi met Ethiopian Prime Minister "
                                            "Abiy Ahmed on 13 July 2023."),
        ("EGY", "ETH", "043", "2023-07-13", "Sisi received Abiy in Cairo.")]


def test_an_organisations_chief_acts_for_the_organisation():
    result = extract_text("NATO Secretary General Jens Stoltenberg met Turkish President Recep Tayyip Erdogan on "
                          "10 July 2023.", "2023-07-12")
    [event] = result.facts["events"]
    assert (event.source.org, event.source.country, event.source.cameo, event.target.key) == (
        "NATO", None, "IGOWSTNAT", "TUR")
