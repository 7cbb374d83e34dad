"""Actor stage: persons, states, IGOs and organisations on small sentences of our own."""

from __future__ import annotations

import pytest

from communique.extract.actors import find_actors
from communique.ids import make_id
from communique.records import Actor, ActorSet, Article


def run(nlp, text: str) -> ActorSet:  # type: ignore[no-untyped-def]
    """Parse ``text`` and return its ActorSet."""
    return find_actors(nlp(text), article=Article(id="t1", text=text))


def actor(result: ActorSet, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name]
    assert found, f"{name} not in {[a.name for a in result.actors]}"
    return found[0]


def mentions_of(result: ActorSet, name: str) -> list[tuple[str, str]]:
    target = actor(result, name).id
    return [(m.text, m.kind) for m in result.mentions if m.actor_id == target]


def codes(result: ActorSet) -> set[str]:
    return {a.code for a in result.actors if a.kind in ("state", "igo") and a.code}


def test_title_before_name_gives_role_and_country(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "U.S. President Joe Biden met Japanese Prime Minister Kishida Fumio in Washington.")
    biden, kishida = actor(result, "Joe Biden"), actor(result, "Kishida Fumio")
    assert (biden.country, biden.roles[0], biden.sector) == ("USA", "President", "GOV")
    assert (kishida.country, kishida.roles[0]) == ("JPN", "Prime Minister")
    assert codes(result) == {"USA", "JPN"}


def test_ids_are_stable(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Russia and Ukraine held talks.")
    assert actor(result, "Russia").id == make_id("act", "t1", "state", "Russia")


def test_honorific_title_and_surname_and_pronoun(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Rep. Jerry Nadler said the hearing would go ahead. Nadler told reporters he was confident.")
    nadler = actor(result, "Jerry Nadler")
    assert nadler.roles == ["Representative"] and nadler.country == "USA" and nadler.sector == "LEG"
    assert mentions_of(result, "Jerry Nadler") == [("Jerry Nadler", "name"), ("Nadler", "alias"), ("he", "pronoun")]
    assert len([a for a in result.actors if a.kind == "person"]) == 1


def test_appositions_before_and_after(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("NATO met in Vilnius. The head of the military alliance, Jens Stoltenberg, spoke first. "
            "Rutte, the Dutch prime minister, and Tanzania's Minister of Industry and Trade, Baraka Mshana, "
            "attended.")
    result = run(nlp, text)
    stoltenberg = actor(result, "Jens Stoltenberg")
    assert stoltenberg.org == "NATO" and stoltenberg.country is None and "head" in stoltenberg.roles
    mshana = actor(result, "Baraka Mshana")
    assert mshana.country == "TZA" and mshana.roles[0] == "Minister of Industry and Trade"
    rutte = actor(result, "Rutte")
    assert rutte.country == "NLD" and rutte.roles[0] == "prime minister"


def test_apposition_after_with_igo_owner(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Jens Stoltenberg, NATO's secretary general, said the alliance would respond.")
    person = actor(result, "Jens Stoltenberg")
    assert person.org == "NATO" and person.roles[0] == "secretary general"
    assert ("the alliance", "descriptor") in mentions_of(result, "NATO")


def test_of_state_after_name_and_igo_chief(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Foreign Minister Yusuf Tuggar of Nigeria met NATO chief Mark Rutte in Brussels on Monday.")
    assert actor(result, "Yusuf Tuggar").country == "NGA"
    rutte = actor(result, "Mark Rutte")
    assert rutte.org == "NATO" and rutte.roles == ["chief"]
    assert "EU" not in codes(result)  # "in Brussels" is a place here


def test_the_country_resolves_to_the_state_in_focus(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Tanzania will lift its ban on Kenyan trucks, the country's trade minister, Baraka Mshana, said."
    result = run(nlp, text)
    person = actor(result, "Baraka Mshana")
    assert person.country == "TZA" and person.roles[0] == "trade minister"
    assert ("the country", "descriptor") in mentions_of(result, "Tanzania")


def test_spokesman_for_an_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We will not back down," said Lin Jian, a spokesman for the Chinese Foreign Ministry. The ministry said it had protested.'
    result = run(nlp, text)
    assert actor(result, "Lin Jian").country == "CHN"
    ministry = actor(result, "Chinese Foreign Ministry")
    assert ministry.kind == "org" and ministry.country == "CHN" and ministry.sector == "GOV"
    assert [k for _, k in mentions_of(result, "Chinese Foreign Ministry")] == ["name", "descriptor", "pronoun"]


def test_seats_of_power_are_orgs_with_their_state(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "The White House said the talks were useful. It added that the Kremlin had not replied.")
    white_house = actor(result, "White House")
    assert white_house.kind == "org" and white_house.country == "USA" and "the White House" in white_house.aliases
    assert ("It", "pronoun") in mentions_of(result, "White House")
    assert actor(result, "Kremlin").country == "RUS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Burma and Zaire signed a treaty with Türkiye.", {"MMR", "COD", "TUR"}),
        ("The DPRK warned the ROK and the PRC.", {"PRK", "KOR", "CHN"}),
        ("Russians and Ukrainians voted. Japanese officials watched.", {"RUS", "UKR", "JPN"}),
        ("Moscow accused Kyiv of shelling the plant.", {"RUS", "UKR"}),
        ("Latin American leaders met in New Jersey.", set()),
        ("The U.N. refugee agency, UNHCR, asked the Security Council for help.", {"UN", "UNSC"}),
    ],
)
def test_states_and_igos(nlp, text: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert codes(run(nlp, text)) == expected


def test_capital_as_place_is_not_an_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Egypt said the talks in Cairo failed, and Cairo would go to the council.")
    mentions = [(m.text, m.kind) for m in result.mentions]
    assert mentions.count(("Cairo", "alias")) == 1
    assert codes(result) == {"EGY"}


def test_two_countries_is_a_mention_of_both(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Japan criticised China on Friday. Officials from the two countries will meet.")
    spans = [m for m in result.mentions if m.text == "the two countries"]
    assert {result.by_id(m.actor_id).code for m in spans} == {"JPN", "CHN"}  # type: ignore[union-attr]


def test_counterpart_takes_role_and_own_state(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Brazilian Foreign Minister Ana Ribeiro held talks with her Paraguayan counterpart, Federico Benitez.")
    result = run(nlp, text)
    benitez = actor(result, "Federico Benitez")
    assert benitez.country == "PRY" and "Foreign Minister" in benitez.roles
    assert actor(result, "Ana Ribeiro").gender == "f"


def test_groups_and_sectors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("PUNO, Peru -- Riot police fired tear gas at protesters on Tuesday. Rwandan troops crossed the "
            "border, and Opposition leader Raila Odinga criticised them.")
    result = run(nlp, text)
    by_sector = {a.sector: a for a in result.actors if a.kind == "org"}
    assert by_sector["COP"].country == "PER" and by_sector["CVL"].country == "PER"
    assert by_sector["MIL"].country == "RWA"
    assert actor(result, "Raila Odinga").sector == "OPP"
    assert result.focus == "PER"


def test_ner_mislabels_fixed_by_earlier_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Jens Stoltenberg spoke on Thursday. Stoltenberg and Biden will hold news conferences. "
            "President Joe Biden left.")
    result = run(nlp, text)
    persons = {a.name for a in result.actors if a.kind == "person"}
    assert persons == {"Jens Stoltenberg", "Joe Biden"}
    assert len(mentions_of(result, "Jens Stoltenberg")) == 2


def test_mention_spans_are_token_aligned(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Sri Lanka's fisheries minister, Nimal Wickramaratne, met India's envoy."
    doc = nlp(text)
    result = find_actors(doc, article=Article(id="t", text=text))
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    for m in result.mentions:
        assert m.start in starts and m.end in ends and text[m.start : m.end] == m.text
    assert actor(result, "Nimal Wickramaratne").country == "LKA"


def test_empty_text(nlp) -> None:  # type: ignore[no-untyped-def]
    assert run(nlp, "") == ActorSet()


def test_plural_role_shared_by_two_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Thura Aung and Khin Myat Noe, reporters for the news site Irrawaddy Voice, were arrested in March. "
            '"This verdict sends a message," said their lawyer, San San Yi.')
    result = run(nlp, text)
    assert actor(result, "Khin Myat Noe").roles[0] == "reporter"
    assert actor(result, "Thura Aung").roles[0] == "reporter" and actor(result, "Thura Aung").sector == "JRN"
    assert actor(result, "San San Yi").roles == ["lawyer"]


@pytest.mark.parametrize(
    "text",
    [
        "Cyclone Mako destroyed hundreds of homes on Efate island.",
        "The guards escorted the ship to the port of Bandar Abbas, state television reported.",
        "Soldiers set up checkpoints around the Bab al-Tabbaneh and Jabal Mohsen districts.",
        "The Biden administration imposed new tariffs.",
    ],
)
def test_places_and_modifiers_are_not_persons(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [a.name for a in run(nlp, text).actors if a.kind == "person"] == []


def test_well_known_office_holder_without_title(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Putin said on Friday that the talks had failed, and Guterres urged calm.")
    putin, guterres = actor(result, "Putin"), actor(result, "Guterres")
    assert (putin.country, putin.roles) == ("RUS", ["President"])
    assert (guterres.org, guterres.country) == ("UN", None)


def test_object_pronoun_skips_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Egyptian President Abdel Fattah el-Sisi spoke with Somali President Hassan Sheikh Mohamud. "
            "Sisi told him Egypt stood by Mogadishu.")
    assert ("him", "pronoun") in mentions_of(run(nlp, text), "Hassan Sheikh Mohamud")


def test_pronoun_after_unnamed_official_is_not_resolved(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Defence Minister Khawaja Asif spoke on Monday. Police detained 40 people, a police spokeswoman said. "
            "She said the protest was illegal.")
    result = run(nlp, text)
    assert all(m.text != "She" for m in result.mentions)


def test_bodies_named_by_their_head(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Foreign Office spokeswoman Ayesha Qureshi said Pakistan would respond. The presidency in Cairo said "
            "Egypt backed talks. Imran Khan spoke through his Pakistan Tehreek-e-Insaf party, and protesters "
            "marched on the Indian High Commission.")
    result = run(nlp, text)
    assert actor(result, "Ayesha Qureshi").country == "PAK"
    assert actor(result, "Egyptian Presidency").country == "EGY"
    party = actor(result, "Pakistan Tehreek-e-Insaf party")
    assert party.sector == "PTY" and party.country == "PAK"
    assert actor(result, "Indian High Commission").country == "IND"


def test_country_reference_prefers_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Mali's military government gave Denmark's ambassador 72 hours to leave the country and said it "
            "was ending a defence agreement.")
    result = run(nlp, text)
    assert ("the country", "descriptor") in mentions_of(result, "Mali")
    assert ("it", "pronoun") in mentions_of(result, "Mali")


def quoted_words(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The words the actor reader takes to be inside a quotation."""
    from communique.extract.actors.reader import quote_mask

    doc = nlp(text)
    return [tok.text for tok, inside in zip(doc, quote_mask(doc), strict=True) if inside]


def test_quote_mask_follows_quote_marks_spans(nlp) -> None:  # type: ignore[no-untyped-def]
    # one definition of "inside a quote" (issue 23): curly, straight and single quote marks alike
    assert quoted_words(nlp, "Ali said “we will stay” on Monday.") == ["we", "will", "stay"]
    assert quoted_words(nlp, 'Ali said "we will stay" on Monday.') == ["we", "will", "stay"]
    assert quoted_words(nlp, "Ali called it a 'hybrid attack' on Monday.") == ["hybrid", "attack"]
    assert quoted_words(nlp, "The workers' union met Ali's team.") == []


def test_quote_mask_stops_at_a_paragraph_left_open(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ali said “we will stay and fight.\n\nThe talks ended on Monday in Doha."
    assert quoted_words(nlp, text) == []
