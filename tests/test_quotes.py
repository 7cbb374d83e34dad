"""Tests of the quote stage: spans from quote marks, then speakers from the parse."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.extract.quotes import find_quotes, load_cues, paragraphs, quote_spans
from communique.records import Actor, ActorSet, Mention, Quote


def spans(text: str) -> list[str]:
    return [s.text(text) for s in quote_spans(text)]


def actor_set(text: str, *actors: tuple[str, str, str | None, list[str]]) -> ActorSet:
    """Build an ActorSet by finding each (name, kind, gender, aliases) in ``text``."""
    records, mentions, taken = [], [], []
    names = []
    for i, (name, kind, gender, aliases) in enumerate(actors):
        records.append(Actor(id=f"a{i}", name=name, kind=kind, gender=gender))
        names += [(n, f"a{i}") for n in [name, *aliases]]
    for name, actor_id in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                mentions.append(Mention(start=m.start(), end=m.end(), actor_id=actor_id, text=m.group(0)))
    return ActorSet(actors=records, mentions=sorted(mentions, key=lambda m: m.start))


def quotes_of(nlp, text: str, *actors: tuple[str, str, str | None, list[str]]) -> list[Quote]:
    doc = nlp(text)
    return [q for q in find_quotes(doc, actor_set(text, *actors)) if q.kind != "indirect"]


def speakers(quotes: list[Quote]) -> list[str | None]:
    return [q.speaker for q in quotes]


# ---------------------------------------------------------------- spans (no model)


def test_cue_table_loads():
    cues = load_cues()
    assert "say" in cues.direct_verbs and "call" in cues.label_verbs
    assert "spokesperson" in cues.spokesperson_nouns


def test_straight_and_curly_double_quotes():
    assert spans('He said "we go" and “they stay”.') == ["we go", "they stay"]


def test_single_quotes_without_apostrophes():
    text = "Russia's envoy called it a 'hybrid attack' on the Workers' Party in the '90s."
    assert spans(text) == ["hybrid attack"]


def test_curly_single_quotes_and_curly_apostrophes():
    text = "China’s embassy warned of ‘bloc confrontation’ in the Pacific’s waters."
    assert spans(text) == ["bloc confrontation"]


def test_plural_possessive_inside_single_quote():
    assert spans("'The workers' demands are fair,' she said.") == ["The workers' demands are fair,"]


def test_nested_quote_stays_inside_outer():
    text = "\"They called it 'a farce', and we agree,\" he said."
    assert spans(text) == ["They called it 'a farce', and we agree,"]


def test_quote_over_several_sentences_is_one():
    assert spans('"We came. We saw. We left," he said.') == ["We came. We saw. We left,"]


def test_quote_broken_by_said_is_two():
    assert spans('"We came," he said. "We left."') == ["We came,", "We left."]


def test_quote_continues_into_reopened_paragraph():
    text = '"First paragraph of the quote.\n\n"Second paragraph," he said.'
    found = quote_spans(text)
    assert [s.text(text) for s in found] == ["First paragraph of the quote. Second paragraph,"]
    assert found[0].start == 1 and text[found[0].end - 1] == ","


def test_stray_mark_recovers_at_next_paragraph():
    text = 'An unclosed "mark runs on\n\nThe next "real quote" is found.\n\nA stray ” close and \' apostrophe.'
    assert spans(text) == ["real quote"]


@pytest.mark.parametrize("text", ['"', "'", "“”", '""', "‘", "a ' b ' c", '"\n\n"', "it's 'x", "“a “b” c"])
def test_odd_marks_never_crash(text):
    for span in quote_spans(text):
        assert 0 <= span.start <= span.end <= len(text)


def test_paragraphs_split_at_blank_lines_else_line_breaks():
    assert paragraphs("a\nb\n\nc") == [(0, 3), (5, 6)]
    assert paragraphs("a\nb") == [(0, 1), (2, 3)]


# ---------------------------------------------------------------- speakers (trained model)


def test_speaker_after_quote(nlp):
    text = '"We will defend every metre of the border," Tomasz Wierzbicki said on Wednesday.'
    [quote] = quotes_of(nlp, text, ("Tomasz Wierzbicki", "person", "m", ["Wierzbicki"]))
    assert (quote.speaker, quote.cue, quote.kind) == ("Tomasz Wierzbicki", "said", "direct")
    assert quote.text == "We will defend every metre of the border,"
    assert text[quote.start : quote.end] == quote.text
    assert quote.sentence.startswith('"We will defend')


def test_speaker_after_quote_inverted(nlp):
    text = '"The lake is our life," said Teodoro Condori, a leader of the protesters.'
    [quote] = quotes_of(nlp, text, ("Teodoro Condori", "person", "m", []))
    assert quote.speaker == "Teodoro Condori"


def test_speaker_before_quote_with_colon(nlp):
    text = 'Chief Cabinet Secretary Takeshi Hamaguchi said: "The verdict is regrettable. We will appeal."'
    [quote] = quotes_of(nlp, text, ("Takeshi Hamaguchi", "person", "m", []))
    assert (quote.speaker, quote.kind) == ("Takeshi Hamaguchi", "direct")


def test_quote_after_said_continues_same_speaker(nlp):
    text = '"We have listened," Baraka Mshana told reporters. "The restriction will be removed."'
    quotes = quotes_of(nlp, text, ("Baraka Mshana", "person", "m", []))
    assert speakers(quotes) == ["Baraka Mshana", "Baraka Mshana"]


def test_paragraph_without_cue_continues_previous_speaker(nlp):
    text = (
        '"Egypt has negotiated in good faith," Hisham Abdel-Ghani said.\n\n'
        '"We offered flexibility on the filling period."\n\nThe talks ended on Wednesday.'
    )
    quotes = quotes_of(nlp, text, ("Hisham Abdel-Ghani", "person", "m", []))
    assert speakers(quotes) == ["Hisham Abdel-Ghani", "Hisham Abdel-Ghani"]


def test_multi_paragraph_quote_has_one_speaker(nlp):
    text = (
        'Hisham Abdel-Ghani spoke on television.\n\n"Egypt has negotiated in good faith.\n\n'
        '"Every option will remain on the table," he said.'
    )
    [quote] = quotes_of(nlp, text, ("Hisham Abdel-Ghani", "person", "m", []))
    assert quote.speaker == "Hisham Abdel-Ghani" and quote.speaker_mention == "he"
    assert quote.text == "Egypt has negotiated in good faith. Every option will remain on the table,"


def test_according_to(nlp):
    text = 'The ceasefire "is holding in most areas," according to the African Union.'
    [quote] = quotes_of(nlp, text, ("African Union", "igo", None, []))
    assert (quote.speaker, quote.cue) == ("African Union", "according to")


def test_said_beats_according_to(nlp):
    text = "\"China will play a constructive role,\" Han Weidong said, according to China's foreign ministry."
    [quote] = quotes_of(
        nlp, text, ("Han Weidong", "person", "m", []), ("Chinese Foreign Ministry", "org", None, ["China's foreign ministry"])
    )
    assert quote.speaker == "Han Weidong"


def test_readout_it_is_the_organisation(nlp):
    text = (
        'Joe Biden met the four leaders to discuss "security in the Pacific," the White House said.\n\n'
        '"The leaders expressed grave concern," it said in a readout of the meeting.'
    )
    quotes = quotes_of(nlp, text, ("Joe Biden", "person", "m", ["Biden"]), ("White House", "org", None, ["the White House"]))
    assert speakers(quotes) == ["White House", "White House"]
    assert quotes[0].kind == "partial" and quotes[1].speaker_mention == "it"


def test_partial_quote_object_of_call(nlp):
    text = "Iraq's Foreign Ministry called the strike \"a flagrant violation of Iraqi sovereignty\" on Thursday."
    [quote] = quotes_of(nlp, text, ("Iraqi Foreign Ministry", "org", None, ["Iraq's Foreign Ministry"]))
    assert (quote.speaker, quote.kind, quote.cue) == ("Iraqi Foreign Ministry", "partial", "called")


def test_partial_quote_under_said(nlp):
    text = 'Jens Stoltenberg said leaders from the alliance "will address our shared security challenges."'
    [quote] = quotes_of(nlp, text, ("Jens Stoltenberg", "person", "m", ["Stoltenberg"]), ("NATO", "igo", None, []))
    assert (quote.speaker, quote.kind) == ("Jens Stoltenberg", "partial")


def test_partial_quote_at_sentence_start_speaker_at_end(nlp):
    text = (
        'NATO and its partners "must work ever more closely together" to face global challenges, '
        "the head of the alliance, Jens Stoltenberg, said on Thursday."
    )
    [quote] = quotes_of(nlp, text, ("Jens Stoltenberg", "person", "m", ["Stoltenberg"]), ("NATO", "igo", None, []))
    assert quote.speaker == "Jens Stoltenberg"


def test_pronoun_follows_gender(nlp):
    text = (
        "Claudine Mukamana met Emmanuel Habimana on Monday. Habimana left early.\n\n"
        '"These allegations are recycled," she wrote on Twitter.'
    )
    [quote] = quotes_of(
        nlp, text, ("Claudine Mukamana", "person", "f", ["Mukamana"]), ("Emmanuel Habimana", "person", "m", ["Habimana"])
    )
    assert (quote.speaker, quote.speaker_mention, quote.cue) == ("Claudine Mukamana", "she", "wrote")


def test_relative_pronoun_speaker(nlp):
    text = 'Brazil will donate boats, according to Itamaraty, which described the pact as "a new chapter."'
    [quote] = quotes_of(nlp, text, ("Brazilian Foreign Ministry", "org", None, ["Itamaraty"]), ("Brazil", "state", None, []))
    assert quote.speaker == "Brazilian Foreign Ministry"


def test_spokesperson_for_an_organisation_is_the_organisation(nlp):
    text = 'A spokesperson for the Defence Ministry said: "Our troops are ready."'
    [quote] = quotes_of(nlp, text, ("Defence Ministry", "org", None, ["the Defence Ministry"]))
    assert quote.speaker == "Defence Ministry"


def test_named_spokesperson_is_the_person(nlp):
    text = '"Our people are paying the price," said Shwan Rasul, a spokesman for the Kurdistan Regional Government.'
    [quote] = quotes_of(
        nlp, text, ("Shwan Rasul", "person", "m", ["Rasul"]), ("Kurdistan Regional Government", "org", None, [])
    )
    assert quote.speaker == "Shwan Rasul"


def test_unnamed_official_keeps_the_state(nlp):
    text = 'A senior Iraqi official who asked not to be named said the talks were "going nowhere."'
    [quote] = quotes_of(nlp, text, ("Iraq", "state", None, ["Iraqi"]))
    assert quote.speaker == "unnamed official (Iraq)" and quote.speaker_id is None


def test_definite_group_refers_back(nlp):
    text = (
        "Foreign ministers of the Quad met in Sydney on Friday.\n\n"
        'In a joint statement, the ministers expressed "serious concern" about the South China Sea.'
    )
    [quote] = quotes_of(nlp, text, ("Quad", "igo", None, ["the Quad"]))
    assert quote.speaker == "Quad"


def test_indirect_speech_is_recorded_as_indirect(nlp):
    text = "Sudan's irrigation minister, Hamza El-Tayeb, said Khartoum would not sign any deal."
    doc = nlp(text)
    found = find_quotes(doc, actor_set(text, ("Hamza El-Tayeb", "person", "m", []), ("Sudan", "state", None, ["Khartoum"])))
    [quote] = found
    assert (quote.kind, quote.speaker) == ("indirect", "Hamza El-Tayeb")
    assert quote.text == "Khartoum would not sign any deal"


def test_unresolved_pronoun_gives_no_speaker(nlp):
    text = 'Mr. Smith spoke first.\n\n"Stop," she said.'
    [quote] = quotes_of(nlp, text)
    assert quote.speaker is None and quote.cue == "said"


def test_without_actors_the_speaker_is_written_out(nlp):
    text = '"We will be back on the road," said Daniel Kiptoo, the association\'s chairman.'
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Daniel Kiptoo" and quote.speaker_id is None


def test_stray_marks_do_not_break_attribution(nlp):
    text = 'A stray " mark sits here\n\n"We are ready," Anna Berg said. Then she left \'early.'
    quotes = quotes_of(nlp, text, ("Anna Berg", "person", "f", []))
    assert [(q.text, q.speaker) for q in quotes] == [("We are ready,", "Anna Berg")]


def test_ids_are_stable(nlp):
    text = '"We will go," Anna Berg said.'
    first = quotes_of(nlp, text, ("Anna Berg", "person", "f", []))
    second = quotes_of(nlp, text, ("Anna Berg", "person", "f", []))
    assert [q.id for q in first] == [q.id for q in second]


_MARKS = st.sampled_from(['"', "'", "“", "”", "‘", "’", "«", "»", "\n\n", "\n", " ", "s", "word", ",", ".", ":"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_MARKS, max_size=40).map("".join))
def test_spans_stay_in_bounds_and_apart(text):
    found = quote_spans(text)
    last_end = -1
    for span in found:
        assert last_end <= span.start and span.start < span.end <= len(text)
        assert all(s < e and "\n\n" not in text[s:e] for s, e in span.pieces)
        last_end = span.end


def test_direct_quote_after_a_verb_in_a_later_paragraph(nlp):
    """The word before the quote is looked up where it is in the article, not at its offset within the paragraph."""
    for opening in ("", "Talks resumed in Oslo on Monday after a week of delay.\n\n"):
        text = opening + 'Jens Stoltenberg warned "Nobody should doubt our resolve."'
        [quote] = quotes_of(nlp, text, ("Jens Stoltenberg", "person", "m", ["Stoltenberg"]))
        assert (quote.speaker, quote.kind) == ("Jens Stoltenberg", "direct"), opening


# ---------------------------------------------------------------- issue 20: cut excerpts, long paragraphs
def test_quote_open_at_the_end_of_the_text_is_kept():
    """An excerpt cut inside a quote: the quote runs to the end of the text."""
    text = 'The minister spoke on Monday.\n\n"We will rebuild every school and every clinic in the'
    assert spans(text) == ["We will rebuild every school and every clinic in the"]


def test_quote_open_at_the_end_of_the_text_over_paragraphs():
    text = '"We will rebuild every school.\n\n"And every clinic in the'
    assert spans(text) == ["We will rebuild every school. And every clinic in the"]


def test_closed_quote_at_the_end_is_unchanged():
    """Minimal pair: the same quote with its closing mark."""
    text = 'The minister spoke on Monday.\n\n"We will rebuild every school and every clinic."'
    assert spans(text) == ["We will rebuild every school and every clinic."]


def test_stray_mark_before_one_word_at_the_end_is_not_a_quote():
    assert spans('He was 6 feet tall and "big') == []


LONG_PARAGRAPH = (
    "Peter Maurer, the Red Cross chairman, spoke in Geneva on Monday after a visit to the camps. "
    "Maurer was blunt. \"We have never seen anything like this.\" He added that children were dying. "
    "\"Every day counts.\" The UN spokesman, Stephane Dujarric, said the agency had asked for access. "
    "\"We are ready to move,\" Dujarric said. \"The trucks are loaded.\" Maurer agreed. \"Access must improve now.\""
)
ACTORS = (("Peter Maurer", "person", "m", ["Maurer"]), ("Stephane Dujarric", "person", "m", ["Dujarric"]))


def test_long_paragraph_keeps_speakers_across_sentences(nlp):
    """One paragraph, two speakers: a quote that ends its sentence takes no cue from the next
    sentence, and a sentence whose subject is another person hands the word on."""
    found = quotes_of(nlp, LONG_PARAGRAPH, *ACTORS)
    assert [q.text for q in found][1] == "Every day counts."
    assert speakers(found) == ["Peter Maurer", "Peter Maurer", "Stephane Dujarric", "Stephane Dujarric", "Peter Maurer"]


def test_quote_continues_its_speaker_when_no_one_else_is_named(nlp):
    """Minimal pair: with no other person between them, the bare quote continues the last speaker."""
    text = "\"We are ready to move,\" Dujarric said. The trucks left at dawn. \"They are loaded.\""
    assert speakers(quotes_of(nlp, text, *ACTORS)) == ["Stephane Dujarric", "Stephane Dujarric"]
