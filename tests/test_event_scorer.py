"""The trained event confidence model (issue 19, item 3): features, fitting, the committed weights."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from communique.config import data_path
from communique.errors import ConfigError
from communique.evaluate import scorer
from communique.extract import event_confidence
from communique.extract.event_confidence import ConfidenceEvidence, features

SHARED = Path(__file__).resolve().parents[2] / "shared" / "gold"


def evidence(**changes: object) -> ConfidenceEvidence:
    fields: dict[str, object] = {"trigger_form": "verb", "actor_source": "frame", "complete": True,
                                 "status": "occurred", "derived": False, "sentence_tokens": 12, "mentions": 1,
                                 "event_type": "ACCUSE", "counterpart": False}
    fields.update(changes)
    return ConfidenceEvidence(**fields)  # type: ignore[arg-type]


def test_features_name_every_piece_of_evidence() -> None:
    assert features(evidence(), 35) == {"form:verb": 1.0, "actor:frame": 1.0, "status:occurred": 1.0,
                                        "type:ACCUSE": 1.0, "complete": 1.0}
    rich = features(evidence(complete=False, derived=True, counterpart=True, sentence_tokens=50, mentions=7), 35)
    assert rich["derived"] == rich["counterpart"] == rich["long"] == 1.0 and "complete" not in rich
    assert rich["mentions"] == 2.0  # further mentions count up to two


def test_fit_learns_which_evidence_goes_with_right_events() -> None:
    rows = [scorer.Labelled(evidence(trigger_form="verb"), True) for _ in range(30)]
    rows += [scorer.Labelled(evidence(trigger_form="noun"), i < 6) for i in range(30)]
    intercept, weights = scorer.fit(rows, l2=0.1)
    assert weights["form:verb"] > 0 > weights["form:noun"]
    strong_penalty = scorer.fit(rows, l2=100.0)[1]
    assert abs(strong_penalty["form:noun"]) < abs(weights["form:noun"])  # the penalty shrinks weights


def test_the_trained_model_orders_evidence_as_precision_does() -> None:
    model = event_confidence.model()
    full = event_confidence.confidence(evidence())
    assert 0.0 < full < 1.0 and 0.0 <= model.report_floor <= 0.5
    assert event_confidence.confidence(evidence(complete=False)) < full
    assert event_confidence.confidence(evidence(status="hypothetical")) < full
    assert event_confidence.confidence(evidence(trigger_form="wordnet")) < full


def test_a_malformed_model_file_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_confidence, "load_data_yaml", lambda name: {"intercept": 0.1})
    event_confidence.model.cache_clear()
    try:
        with pytest.raises(ConfigError, match="event_confidence.yaml"):
            event_confidence.model()
    finally:
        monkeypatch.undo()
        event_confidence.model.cache_clear()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/gold is not beside the checkout")
def test_the_committed_weights_are_what_training_gives(nlp) -> None:
    """Retraining on the tune halves, the examples and our passages reproduces the committed file.

    Weights are compared to 1e-3 (another CPU's linear algebra may round the last digit otherwise);
    the training counts and the floor exactly.
    """
    trained = yaml.safe_load(scorer.render(SHARED))
    committed = yaml.safe_load(data_path("event_confidence.yaml").read_text(encoding="utf-8"))
    assert trained["training"] == committed["training"] and trained["report_floor"] == committed["report_floor"]
    assert trained["intercept"] == pytest.approx(committed["intercept"], abs=1e-3)
    assert trained["weights"].keys() == committed["weights"].keys()
    for name, weight in trained["weights"].items():
        assert weight == pytest.approx(committed["weights"][name], abs=1e-3), name


def test_the_floor_weighs_type_recall_against_precision() -> None:
    """A floor that drops an event whose type nothing else gives is not taken for a little precision."""
    right = [scorer.Labelled(evidence(event_type="ACCUSE"), True, f"a{i}") for i in range(8)]
    wrong_alone = scorer.Labelled(evidence(event_type="AID"), False, "b")    # type wanted, event wrong
    wanted = [scorer.Wanted(f"a{i}", frozenset({"ACCUSE"})) for i in range(8)] + [scorer.Wanted("b", frozenset({"AID"}))]
    rows = [*right, wrong_alone]
    assert scorer.best_floor(rows, wanted, [0.9] * 8 + [0.12]) == 0.0   # dropping it costs type recall
    rows.append(scorer.Labelled(evidence(), False, "c"))           # a wrong event in an article wanting nothing
    assert scorer.best_floor(rows, wanted, [0.9] * 8 + [0.5, 0.12]) == 0.15


def test_a_floor_better_by_less_than_the_tie_margin_is_taken_low() -> None:
    """One wrong event among a thousand right ones moves the merit by under MERIT_TIE: the lower floor stays."""
    rows = [scorer.Labelled(evidence(event_type="ACCUSE"), True, f"a{i}") for i in range(1000)]
    wrong = scorer.Labelled(evidence(event_type="ACCUSE"), False, "a0")
    wanted = [scorer.Wanted(f"a{i}", frozenset({"ACCUSE"})) for i in range(1000)]
    assert scorer.best_floor([*rows, wrong], wanted, [0.9] * 1000 + [0.12]) == 0.0
    # among a hundred, the same wrong event is worth the higher floor
    assert scorer.best_floor([*rows[:100], wrong], wanted[:100], [0.9] * 100 + [0.12]) == 0.15


def test_out_of_fold_scores_every_event_without_its_article() -> None:
    rows = [scorer.Labelled(evidence(trigger_form=f), f == "verb", f"a{i}")
            for i in range(20) for f in ("verb", "noun")]
    probs = scorer.out_of_fold(rows)
    assert len(probs) == len(rows) and all(0.0 < p < 1.0 for p in probs)
    assert sum(probs[0::2]) > sum(probs[1::2])  # verbs, right in the other folds, score higher
