"""Event locations: datelines, same-named places, non-city places, no place."""

from __future__ import annotations

from collections import Counter

import pytest
import spacy

from communique.extract.locations import build_locator, parse_dateline, resolve_place
from communique.records import ActorSet, Article


def _locate(nlp, text: str, needle: str):
    """Locate the event whose evidence is the first occurrence of ``needle``."""
    doc = nlp(text)
    locator = build_locator(doc, article=Article(id="t", text=text), actors=ActorSet())
    start = text.index(needle)
    return locator.locate(start, start + len(needle))


# ----------------------------------------------------------------- model-free


@pytest.mark.parametrize(
    ("text", "city", "qualifier"),
    [
        ("OSLO -- Norway said on Monday...", "OSLO", None),
        ("ARUSHA, Tanzania -- Tanzania will lift...", "ARUSHA", "Tanzania"),
        ("BAGHDAD, June 3 (Wire) - Iraq said...", "BAGHDAD", None),
        ("TRIPOLI, Lebanon — The army said...", "TRIPOLI", "Lebanon"),
        ("PORT VILA -- Aircraft landed...", "PORT VILA", None),
    ],
)
def test_parse_dateline(text: str, city: str, qualifier: str | None) -> None:
    dateline = parse_dateline(text)
    assert dateline is not None
    assert (dateline.city, dateline.qualifier) == (city, qualifier)


def test_no_dateline() -> None:
    assert parse_dateline("Kenya said on Monday it would -- perhaps -- reply.") is None
    assert parse_dateline("The U.N. said on Friday...") is None


def test_georgia_country_or_us_state() -> None:
    country = resolve_place("Georgia", Counter({"GEO": 2}))
    assert (country.state, country.precision) == ("GEO", "state")
    assert abs(country.lat - 41.7) < 1 and abs(country.lon - 44.8) < 1  # Tbilisi
    us_state = resolve_place("Georgia", Counter({"USA": 3}))
    assert (us_state.state, us_state.precision, us_state.region) == ("USA", "region", "Georgia")
    assert 30 < us_state.lat < 35.5 and -86 < us_state.lon < -80.5
    assert resolve_place("Georgia").state == "GEO"  # no context: the country


def test_tripoli_by_article_states() -> None:
    assert resolve_place("Tripoli", Counter({"LBN": 3, "SYR": 1})).state == "LBN"
    assert resolve_place("Tripoli", Counter({"LBY": 2})).state == "LBY"
    assert resolve_place("Tripoli").state == "LBY"  # no context: the larger city
    assert resolve_place("Tripoli", prefer="LBN").geonames_id is not None


def test_namesakes_outside_the_article_states() -> None:
    """A small town, or a town matched only by an alias, in a state the article never
    names is taken for a namesake; a large city is kept."""
    assert resolve_place("Namanga", Counter({"KEN": 3, "TZA": 2})) is None
    assert resolve_place("Koulikoro", Counter({"DNK": 2})) is None
    assert resolve_place("Koulikoro", Counter({"MLI": 1})).state == "MLI"
    assert resolve_place("Brussels", Counter({"UKR": 4})).state == "BEL"


def test_us_state_or_big_city() -> None:
    assert resolve_place("Washington").precision == "city"
    assert resolve_place("Texas").precision == "region"


def test_main_name_beats_alias() -> None:
    """Islamabad is the Pakistani capital even in an article mostly about India."""
    place = resolve_place("Islamabad", Counter({"IND": 9, "PAK": 2}))
    assert (place.state, place.precision) == ("PAK", "city")


def test_places_table_seas_and_regions() -> None:
    strait = resolve_place("the Strait of Hormuz")
    assert (strait.name, strait.state, strait.precision) == ("Strait of Hormuz", None, "region")
    assert 25 < strait.lat < 28 and 55 < strait.lon < 58
    assert resolve_place("Donbas").state == "UKR"
    assert resolve_place("the Gaza Strip").state == "PSE"
    assert resolve_place("Nowhere-upon-Nothing") is None


def test_country_resolves_to_state_precision() -> None:
    place = resolve_place("Kenya")
    assert (place.state, place.precision, place.name) == ("KEN", "state", "Kenya")
    assert abs(place.lat - -1.28) < 0.5  # Nairobi


def test_region_suffix() -> None:
    place = resolve_place("Kharkiv region")
    assert (place.state, place.precision) == ("UKR", "region")


def test_blank_pipeline_still_locates() -> None:
    text = "Officials said drones hit a power plant in Kharkiv overnight."
    doc = spacy.blank("en")(text)
    locator = build_locator(doc, article=Article(id="b", text=text), actors=ActorSet())
    location = locator.locate(0, len(text))
    assert location is not None and location.state == "UKR" and location.text == "Kharkiv"


# ----------------------------------------------------------------- with the model


def test_dateline_is_the_fallback(nlp) -> None:
    text = "OSLO -- Norway and Sweden agreed on Tuesday to share radar data, officials said."
    location = _locate(nlp, text, "Norway and Sweden agreed")
    assert location is not None
    assert (location.text, location.state, location.precision) == ("OSLO", "NOR", "city")


def test_clause_place_beats_dateline(nlp) -> None:
    text = ("KYIV -- Russian drones struck a power plant in Kharkiv overnight, "
            "the regional governor said on Friday.")
    location = _locate(nlp, text, "Russian drones struck")
    assert (location.name, location.state) == ("Kharkiv", "UKR")
    assert location.geonames_id is not None and location.lat is not None


def test_dateline_qualifier_picks_tripoli(nlp) -> None:
    text = ("TRIPOLI, Lebanon -- The army sent reinforcements into the city on Sunday "
            "after two nights of gunfire, a military source said.")
    location = _locate(nlp, text, "The army sent")
    assert (location.state, location.precision) == ("LBN", "city")


def test_article_states_pick_tripoli(nlp) -> None:
    lebanon = ("Lebanese soldiers were deployed in Tripoli on Sunday after clashes. "
               "Lebanon's army said calm had returned to the northern port.")
    assert _locate(nlp, lebanon, "Lebanese soldiers").state == "LBN"
    libya = ("Armed groups clashed in Tripoli on Sunday. Libya's interior ministry "
             "said 12 people were killed.")
    assert _locate(nlp, libya, "Armed groups clashed").state == "LBY"


def test_georgia_in_context(nlp) -> None:
    us_text = ("The U.S. Justice Department said on Monday it would send election monitors "
               "to Georgia. It cited complaints from voters in several counties.")
    us = _locate(nlp, us_text, "The U.S. Justice Department")
    assert (us.state, us.precision) == ("USA", "region")
    geo_text = ("Police detained dozens of protesters in Georgia on Sunday, "
                "the Georgian Interior Ministry said.")
    geo = _locate(nlp, geo_text, "Police detained")
    assert (geo.state, geo.precision) == ("GEO", "state")


def test_actor_names_are_not_places(nlp) -> None:
    text = "Washington said on Monday it would send aid. Kenya expelled a Somali diplomat."
    assert _locate(nlp, text, "Washington said") is None
    assert _locate(nlp, text, "Kenya expelled") is None


def test_origin_is_not_a_place(nlp) -> None:
    text = "A diplomat from Seoul said the talks would resume next month."
    assert _locate(nlp, text, "A diplomat") is None


def test_no_place_at_all(nlp) -> None:
    text = "The two ministers agreed to meet again and to keep talking, officials said."
    assert _locate(nlp, text, "The two ministers") is None


def test_paragraph_place(nlp) -> None:
    text = ("Gunmen killed at least 30 villagers on Thursday. The attack took place "
            "near Mopti, officials said.\n\nThe government condemned the killings.")
    assert _locate(nlp, text, "Gunmen killed").name == "Mopti"
    # the next paragraph names no place, and there is no dateline
    assert _locate(nlp, text, "The government condemned") is None


def test_sea_from_places_table(nlp) -> None:
    text = ("DUBAI -- Iran's Revolutionary Guards seized a tanker in the Strait of Hormuz "
            "on Friday, state television reported.")
    location = _locate(nlp, text, "seized a tanker")
    assert (location.name, location.state, location.precision) == ("Strait of Hormuz", None, "region")


def test_distant_speaker_does_not_take_the_dateline(nlp) -> None:
    text = ("PUNO, Peru -- Farmers blocked the highway for a fifth day.\n\n"
            "Bolivia's foreign ministry asked Lima to reopen the crossing.")
    doc = nlp(text)
    locator = build_locator(doc, article=Article(id="d", text=text), actors=ActorSet())
    start = text.index("Bolivia's")
    assert locator.locate(start, len(text), actors=["BOL"]) is None
    assert locator.locate(start, len(text), actors=["PER"]).state == "PER"
    assert locator.locate(start, len(text)).text == "PUNO"  # actors unknown: the dateline


def test_demonym_capital(nlp) -> None:
    text = ("Leaders meeting at an emergency summit in the Nigerian capital demanded the release "
            "of the president, who is held at a base outside Bissau.")
    location = _locate(nlp, text, "Leaders meeting")
    assert (location.name, location.state) == ("Abuja", "NGA")


def test_withdrawal_from_a_place(nlp) -> None:
    text = ("Denmark said it would withdraw its trainers from Koulikoro by the end of the month. "
            "Mali's army had asked them to leave.")
    assert _locate(nlp, text, "Denmark said").name == "Koulikoro"


def test_trigger_clause_decides_between_two_places(nlp) -> None:
    text = "In New Delhi, the Indian army said Pakistani troops had opened fire near Kupwara."
    assert _locate(nlp, text, "opened").name != "New Delhi"
    assert _locate(nlp, text, "opened").state == "IND"
    assert _locate(nlp, text, "said").name == "New Delhi"


@pytest.mark.parametrize("text", ["", "\n\n", "OSLO --", "   \n  ", "XXXXXXXX"])
def test_degenerate_texts(nlp, text: str) -> None:
    doc = nlp(text)
    locator = build_locator(doc, article=Article(id="e", text=text), actors=ActorSet())
    assert locator.locate(0, len(text)) is None


# ----------------------------------------------------------------- issue 20: clause first, features
@pytest.mark.parametrize(
    ("text", "needle", "name"),
    [
        # the act's clause beats a place in an earlier subordinate clause of the same sentence
        ("After talks in Geneva ended on Monday, rebels attacked a convoy near Aleppo.", "attacked", "Aleppo"),
        # and a place in a relative clause about someone else
        ("The minister, who was in Paris for talks, said troops shelled Kharkiv overnight.", "shelled", "Kharkiv"),
        # the act's clause beats the reporting clause's place
        ("The army said in Islamabad on Monday that troops killed 12 militants in Peshawar.", "killed", "Peshawar"),
        # and the dateline
        ("NAIROBI -- Gunmen killed 12 villagers in Mandera on Monday, police said.", "killed", "Mandera"),
    ],
)
def test_the_acts_own_clause_comes_first(nlp, text: str, needle: str, name: str) -> None:
    location = _locate(nlp, text, needle)
    assert location is not None and location.name == name


FEATURE = ("For the fishermen of Mombasa, the season has been the worst in memory.\n\n"
           "On Tuesday the coast guard seized two trawlers, officials said.")


def test_feature_without_dateline_takes_the_place_of_its_lead(nlp) -> None:
    location = _locate(nlp, FEATURE, "seized")
    assert location is not None and (location.name, location.state, location.precision) == ("Mombasa", "KEN", "city")


def test_a_dateline_still_wins_over_the_lead(nlp) -> None:
    """Minimal pair: the same article with a dateline is placed at its dateline."""
    location = _locate(nlp, "DAR ES SALAAM -- " + FEATURE, "seized")
    assert location is not None and location.state == "TZA"


def test_a_state_in_the_lead_is_too_wide_to_stand_for_the_story(nlp) -> None:
    """Minimal pair: a lead naming only a state gives no place."""
    text = FEATURE.replace("the fishermen of Mombasa", "the fishermen of Kenya")
    assert _locate(nlp, text, "seized") is None


def test_a_lead_without_an_opening_place_phrase_gives_no_place(nlp) -> None:
    """Minimal pair: the place named in the lead's main clause, not in a fronted scene-setting phrase."""
    text = FEATURE.replace("For the fishermen of Mombasa, the season has been", "The fishermen of Mombasa say the season was")
    assert _locate(nlp, text, "seized") is None


def test_lead_place_is_not_taken_for_a_distant_body(nlp) -> None:
    """As for a dateline: an act whose actors are states other than the lead's is not placed there."""
    doc = nlp(FEATURE)
    locator = build_locator(doc, article=Article(id="t", text=FEATURE), actors=ActorSet())
    start = FEATURE.index("seized")
    assert locator.locate(start, start + 6, actors=["USA"]) is None
    assert locator.locate(start, start + 6, actors=["KEN"]) is not None
