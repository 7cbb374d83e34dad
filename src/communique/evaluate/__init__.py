"""Score extract records against gold annotations, as ``../shared/gold/FORMAT.md`` says.

The scorer is a pure function over typed records, so it runs without spaCy::

    golds = load_gold("seed.gold.jsonl")
    report = score(golds, systems)          # systems: ArticleResult records, matched by id
    print(format_table(report))

``evaluate_file(path)`` runs the pipeline on every gold article first.

The package: ``gold`` (records, loader), ``report`` (report records), ``text``
(folding, sentences, codes, names, matching), ``notes`` (problems), ``actors``
and ``events`` (per-part scoring), ``scoring`` (``score``), ``running``
(``evaluate_file``, splits, JSON) and ``tables`` (``render``).

Decisions FORMAT.md leaves open (kept here so they can be argued with):

- Parts without gold are not scored. A gold article whose ``actors`` and
  ``quotes`` are both empty (event-only gold converted from older data sets)
  scores no persons, states/IGOs or quotes, so system actors and quotes there
  are neither right nor wrong. A gold event date or status of null is not
  scored; nor are sectors or locations where gold does not annotate them.
- Person country and org are scored over matched persons where gold or
  system gives a value (both null: nothing to check); role where gold or
  system lists any role (a role where gold has none is wrong).
- A gold event with no actors (attacker unknown) waives the actor condition,
  as FORMAT.md waives the recipient condition for an empty recipient list.
- The symmetric rule (CONSULT, AGREE, COOPERATE) applies when the type the
  system produced is symmetric, so a system AGREE matching a gold CONCEDE
  whose ``alt_types`` holds AGREE is compared by participants.
- ``IP4`` is scored as its four states, in gold and system alike.
- Generic codes of converted gold (``IGO``, ``NGO``, ``IMG``, ``ISM``) stand
  for "some actor of that kind": in events each matches one system code that
  is not a state's ISO alpha-3 (an IGO code, a group code or a generic code),
  never a state. In the states/IGOs set a generic gold code is met by any one
  system IGO code left unmatched.
- Matching is one-to-one and maximal (augmenting paths), required gold
  events first; an unmatched system event compatible with an optional gold
  event and with no required one is not counted; one compatible with a
  required gold event already taken is a false positive (a duplicate).
- Per-type figures: true positives and false negatives under the gold
  type, false positives under the system type.
- An article the pipeline failed on is scored as an empty record and listed
  in ``Report.failed``.
"""

from __future__ import annotations

from communique.errors import GoldFormatError
from communique.evaluate.actors import match_persons, quote_fits
from communique.evaluate.events import event_fits, match_events
from communique.evaluate.gold import (
    CITY_RADIUS_KM,
    EXTRA_STATE_CODES,
    GENERIC_CODES,
    GROUP_MEMBERS,
    PLOVER_TYPES,
    QUOTE_MAX_FACTOR,
    QUOTE_MIN_SHARE,
    QUOTE_SLACK,
    SCORED_QUOTE_KINDS,
    SYMMETRIC_TYPES,
    GoldActor,
    GoldArticle,
    GoldEvent,
    GoldLocation,
    GoldQuote,
    GoldRecord,
    load_gold,
)
from communique.evaluate.report import (
    ACCURACY_LABELS,
    Accuracies,
    Accuracy,
    ArticleScore,
    Counts,
    Part,
    Problem,
    Report,
    ReportRecord,
)
from communique.evaluate.running import (
    SPLIT_NAMES,
    SPLITS_FILE,
    evaluate_file,
    gold_to_result,
    read_ids,
    report_json,
    split_ids,
)
from communique.evaluate.scoring import score, score_article
from communique.evaluate.tables import format_table, render
from communique.evaluate.text import (
    NameIndex,
    common_codes,
    dates_agree,
    distance_km,
    expand_codes,
    find_sentence,
    fold,
    is_state_code,
    max_matching,
    name_key,
    name_parts,
    quote_words,
    sentence_around,
)

__all__ = [
    "Accuracies",
    "Accuracy",
    "ACCURACY_LABELS",
    "ArticleScore",
    "CITY_RADIUS_KM",
    "common_codes",
    "Counts",
    "dates_agree",
    "distance_km",
    "evaluate_file",
    "event_fits",
    "expand_codes",
    "EXTRA_STATE_CODES",
    "find_sentence",
    "fold",
    "format_table",
    "GENERIC_CODES",
    "gold_to_result",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "GoldFormatError",
    "GoldLocation",
    "GoldQuote",
    "GoldRecord",
    "GROUP_MEMBERS",
    "is_state_code",
    "load_gold",
    "match_events",
    "match_persons",
    "max_matching",
    "name_key",
    "name_parts",
    "NameIndex",
    "Part",
    "PLOVER_TYPES",
    "Problem",
    "quote_fits",
    "QUOTE_MAX_FACTOR",
    "QUOTE_MIN_SHARE",
    "QUOTE_SLACK",
    "quote_words",
    "read_ids",
    "render",
    "Report",
    "report_json",
    "ReportRecord",
    "score",
    "score_article",
    "SCORED_QUOTE_KINDS",
    "sentence_around",
    "split_ids",
    "SPLIT_NAMES",
    "SPLITS_FILE",
    "SYMMETRIC_TYPES",
]
