"""The shared per-Doc token table reads what spaCy's Token properties give, token by token."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START

from communique import nlp as nlp_mod

TEXT = (
    "OSLO -- Norway's foreign minister, Anniken Huitfeldt, said on Tuesday that talks with Russia would resume.\n"
    "\u201cWe are ready,\u201d she told reporters.  The two countries signed an accord in 2010.\n\nIt held."
)


def test_columns_match_the_tokens(nlp):
    doc = nlp_mod.parse(TEXT, nlp=nlp)
    table = nlp_mod.token_table(doc)
    assert table is nlp_mod.token_table(doc)  # read once per Doc
    assert table.words == [t.text for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.deps == [t.dep_ for t in doc]
    assert table.heads == [t.head.i for t in doc]
    assert table.ent_type == [t.ent_type_ for t in doc]
    assert table.starts == [t.idx for t in doc]
    assert table.ends == [t.idx + len(t.text) for t in doc]
    assert table.sentence_starts == [s.start for s in doc.sents]
    assert table.capitalised == [t.i for t in doc if t.is_title or t.is_upper]
    assert all(table.children(t.i) == [c.i for c in t.children] for t in doc)
    assert nlp_mod.doc_text(doc) == doc.text == TEXT
    assert nlp_mod.doc_lemmas(doc) == [t.lemma_.lower() for t in doc]


def test_empty_doc(nlp):
    doc = nlp.make_doc("")
    table = nlp_mod.token_table(doc)
    assert table.words == table.heads == table.sentence_starts == table.capitalised == []
    assert nlp_mod.doc_text(doc) == ""


def _sentence_starts_by_token(doc):
    """The rule ``paragraph_sentences`` implements, token by token (its first form)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and (previous.is_space and "\n" in previous.text or "\n" in previous.whitespace_):
            token.is_sent_start = True
    return doc


@given(st.lists(st.sampled_from(["Talks", "resume", ".", "\n", "\n\n", " ", "  ", "\t", "\u201cYes,\u201d", "he", "said",
                                 "\r\n", "\u00a0", "-- ", "Oslo"]), max_size=40))
@settings(max_examples=150, deadline=None)
def test_paragraph_sentences_start_after_line_breaks(nlp, words):
    text = "".join(w if w.strip() == "" else w + " " for w in words)
    expected = _sentence_starts_by_token(nlp.make_doc(text))
    got = nlp_mod.paragraph_sentences(nlp.make_doc(text))
    assert [t.is_sent_start for t in got] == [t.is_sent_start for t in expected]
    assert got.to_array([SENT_START]).tolist() == expected.to_array([SENT_START]).tolist()
