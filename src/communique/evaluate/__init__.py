"""Score extract records against gold annotations, as ``../shared/gold/FORMAT.md`` says.

The scorer is a pure function over typed records, so it runs without spaCy::

    golds = load_gold("seed.gold.jsonl")
    report = score(golds, systems)          # systems: ArticleResult records, matched by id
    print(format_table(report))

``evaluate_file(path)`` runs the pipeline on every gold article first.

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
from communique.evaluate.actors import (
    match_persons,
    quote_fits,
)
from communique.evaluate.events import (
    event_fits,
    match_events,
)
from communique.evaluate.gold import (
    CITY_RADIUS_KM as CITY_RADIUS_KM,
)
from communique.evaluate.gold import (
    EXTRA_STATE_CODES as EXTRA_STATE_CODES,
)
from communique.evaluate.gold import (
    GENERIC_CODES as GENERIC_CODES,
)
from communique.evaluate.gold import (
    GROUP_MEMBERS as GROUP_MEMBERS,
)
from communique.evaluate.gold import (
    PLOVER_TYPES as PLOVER_TYPES,
)
from communique.evaluate.gold import (
    QUOTE_MAX_FACTOR as QUOTE_MAX_FACTOR,
)
from communique.evaluate.gold import (
    QUOTE_MIN_SHARE as QUOTE_MIN_SHARE,
)
from communique.evaluate.gold import (
    QUOTE_SLACK as QUOTE_SLACK,
)
from communique.evaluate.gold import (
    SCORED_QUOTE_KINDS as SCORED_QUOTE_KINDS,
)
from communique.evaluate.gold import (
    SYMMETRIC_TYPES as SYMMETRIC_TYPES,
)
from communique.evaluate.gold import (
    GoldActor,
    GoldArticle,
    GoldEvent,
    GoldLocation,
    GoldQuote,
    load_gold,
)
from communique.evaluate.gold import (
    GoldRecord as GoldRecord,
)
from communique.evaluate.report import (
    ACCURACY_LABELS as ACCURACY_LABELS,
)
from communique.evaluate.report import (
    Accuracies,
    Accuracy,
    ArticleScore,
    Counts,
    Problem,
    Report,
)
from communique.evaluate.report import (
    Part as Part,
)
from communique.evaluate.report import (
    ReportRecord as ReportRecord,
)
from communique.evaluate.running import (
    SPLIT_NAMES as SPLIT_NAMES,
)
from communique.evaluate.running import (
    SPLITS_FILE as SPLITS_FILE,
)
from communique.evaluate.running import (
    evaluate_file,
    gold_to_result,
    report_json,
)
from communique.evaluate.running import (
    read_ids as read_ids,
)
from communique.evaluate.running import (
    split_ids as split_ids,
)
from communique.evaluate.scoring import (
    score,
    score_article,
)
from communique.evaluate.tables import (
    format_table,
    render,
)
from communique.evaluate.text import (
    NameIndex,
    common_codes,
    dates_agree,
)
from communique.evaluate.text import (
    distance_km as distance_km,
)
from communique.evaluate.text import (
    expand_codes as expand_codes,
)
from communique.evaluate.text import (
    find_sentence as find_sentence,
)
from communique.evaluate.text import (
    fold as fold,
)
from communique.evaluate.text import (
    is_state_code as is_state_code,
)
from communique.evaluate.text import (
    max_matching as max_matching,
)
from communique.evaluate.text import (
    name_key as name_key,
)
from communique.evaluate.text import (
    name_parts as name_parts,
)
from communique.evaluate.text import (
    quote_words as quote_words,
)
from communique.evaluate.text import (
    sentence_around as sentence_around,
)

__all__ = [
    "Accuracies",
    "Accuracy",
    "ArticleScore",
    "Counts",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "GoldFormatError",
    "GoldLocation",
    "GoldQuote",
    "NameIndex",
    "Problem",
    "Report",
    "common_codes",
    "dates_agree",
    "evaluate_file",
    "event_fits",
    "format_table",
    "gold_to_result",
    "load_gold",
    "match_events",
    "match_persons",
    "quote_fits",
    "render",
    "report_json",
    "score",
    "score_article",
]
