"""The token_rules component leaves exactly what the model's attribute ruler and lemmatizer leave, token by token."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    LEMMA,
    MORPH,
    ORTH,
    POS,
    SENT_START,
    TAG,
)

from communique import nlp as nlp_mod
from communique.config import SPACY_MODEL_PACKAGE
from communique.ingest import read_inputs
from communique.nlp import token_rules
from communique.records import Article

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

#: Text for the ruler's multi-token rules ("gon na", "got ta", "let 's", "c'm on", "y' all", "ai n't",
#: expletive "there is"), its pronoun and auxiliary rules, and whitespace tokens.
RULE_CASES = (
    "We're gonna win, y'all. They gotta leave. Let's see. C'mon now! I ain't done and it ain't over.\n"
    "There is hope; there's none. There were two. It said I told you it. Did he do it? He did, and they had it.\n"
    "  \n\nThose who have had it do that.  What did they say?\tThe one which fell.  Gets got get.\n"
)


def _model(*, fast: bool):
    """A fresh copy of the pipeline, with the stock components or with token_rules in their place."""
    nlp = importlib.import_module(SPACY_MODEL_PACKAGE).load()
    nlp.add_pipe("paragraph_sentences", before="parser")
    if fast:
        assert token_rules.install(nlp)
    return nlp


@pytest.fixture(scope="module")
def stock():
    return _model(fast=False)


@pytest.fixture(scope="module")
def fast():
    """A pipeline with token_rules, for the tests that do not need a fresh memo."""
    return _model(fast=True)


@pytest.fixture(scope="module")
def texts(shared_dir: Path) -> list[str]:
    paths = [str(p) for p in sorted((shared_dir / "examples").glob("*.txt"))]
    paths += [str(p) for p in sorted((shared_dir / "gold" / "dev").glob("*.txt"))]
    articles = [a.text for a in read_inputs(paths) if isinstance(a, Article)]
    assert len(articles) >= 15
    return [RULE_CASES, *articles, "", "   \n\n  ", "Yes."]


def _annotations(doc) -> tuple:
    return (doc.to_array(ATTRS).tolist(), [str(t.morph) for t in doc], [t.lemma_ for t in doc],
            [t.pos_ for t in doc])


def test_same_annotations_as_the_stock_components(stock, texts):
    fast = _model(fast=True)
    for rounds in range(2):  # first with new tokens (annotated and remembered), then all from memory
        for text, expected, got in zip(texts, stock.pipe(texts), fast.pipe(texts), strict=True):
            assert _annotations(got) == _annotations(expected), (rounds, text[:60])
    assert fast.get_pipe(token_rules.NAME)._memo  # it did remember


def test_multi_token_rules_apply(stock, fast):
    doc = fast(RULE_CASES)
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"], lemmas["ta"], lemmas["y'"], lemmas["C'm"]) == ("go", "to", "to", "you", "come")
    assert _annotations(doc) == _annotations(stock(RULE_CASES))


def test_a_full_memo_starts_again(stock, texts, monkeypatch):
    monkeypatch.setattr(token_rules, "MAX_MEMO", 50)
    fast = _model(fast=True)
    for text, expected, got in zip(texts[:6], stock.pipe(texts[:6]), fast.pipe(texts[:6]), strict=True):
        assert _annotations(got) == _annotations(expected), text[:60]
    assert len(fast.get_pipe(token_rules.NAME)._memo) < len(texts[1].split()) + 50


def test_the_loaded_pipeline_uses_it(nlp):
    assert nlp is nlp_mod.load()
    assert token_rules.NAME in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index(token_rules.NAME) == nlp.pipe_names.index("ner") - 1


@pytest.mark.parametrize("pattern, attrs", [
    ([{"LOWER": "x", "OP": "+"}], {"POS": "X"}),          # a quantifier: not a fixed-length pattern
    ([{"POS": "NOUN"}], {"LEMMA": "thing"}),               # a key the component does not read
    ([{"LOWER": {"FUZZY": "hello"}}], {"POS": "INTJ"}),   # an operator it does not evaluate
    ([{"LOWER": "hello"}], {"NORM": "hi"}),                # a lexical attribute (shared by the vocabulary)
])
def test_unsupported_rules_keep_the_stock_components(pattern, attrs):
    nlp = _model(fast=False)
    nlp.get_pipe("attribute_ruler").add([pattern], attrs)
    assert not token_rules.install(nlp)
    assert "attribute_ruler" in nlp.pipe_names and token_rules.NAME not in nlp.pipe_names


def test_installs_once(fast):
    assert not token_rules.install(fast)
    assert fast.pipe_names.count(token_rules.NAME) == 1


def test_pickles_with_the_pipeline(stock, fast):
    """spaCy pickles the pipeline for processes it spawns (nlp.pipe with n_process on macOS and Windows)."""
    import pickle

    fast(RULE_CASES)
    copy = pickle.loads(pickle.dumps(fast))
    assert token_rules.NAME in copy.pipe_names and "attribute_ruler" not in copy.pipe_names
    assert _annotations(copy(RULE_CASES)) == _annotations(stock(RULE_CASES))
