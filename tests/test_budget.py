"""Bounded cost per article (issue 21): size, time and memory budgets, sections, punctuation runs."""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique import nlp as nlp_mod
from communique.budget import Budget
from communique.cli import app
from communique.config import MAX_SYMBOL_RUN
from communique.errors import (
    ArticleMemoryError,
    ArticleTimeoutError,
    ArticleTooLargeError,
    BudgetError,
    ConfigError,
)
from communique.ingest import article_from_text
from communique.pipeline import process_article, process_many

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from prose import prose  # noqa: E402

STORY = ('Kenya accused Somalia of interfering in its elections on Monday. "We will not accept this," '
         "Foreign Minister Amina Odhiambo told reporters in Nairobi.\n")


def article(text: str, name: str = "a.txt"):
    return article_from_text(text, date="2024-03-12", source=name)


# -- the budget itself ------------------------------------------------------------------------------


def test_budget_reads_the_environment_and_the_options_win(monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_MAX_CHARS", "1000")
    monkeypatch.setenv("COMMUNIQUE_ARTICLE_TIMEOUT", "0")
    budget = Budget.from_env()
    assert budget.max_chars == 1000 and budget.seconds is None
    assert Budget.from_env(max_chars=50, seconds=2.5) == Budget(max_chars=50, seconds=2.5, memory_mb=budget.memory_mb)
    assert Budget.from_env(max_chars=0).max_chars is None


@pytest.mark.parametrize("value", ["lots", "-3", "nan"])
def test_a_bad_budget_setting_is_a_config_error(monkeypatch, value):
    monkeypatch.setenv("COMMUNIQUE_ARTICLE_TIMEOUT", value)
    with pytest.raises(ConfigError, match="COMMUNIQUE_ARTICLE_TIMEOUT"):
        Budget.from_env()


def test_check_size_names_the_size_and_the_limit():
    with pytest.raises(ArticleTooLargeError, match=r"1,200 characters, over the limit of 1,000"):
        Budget(max_chars=1000).check_size("x" * 1200, "big.txt")
    Budget(max_chars=1000).check_size("x" * 1000, "ok.txt")


# -- punctuation runs -------------------------------------------------------------------------------


def test_guard_runs_cuts_long_runs_and_keeps_every_offset():
    text = "Before. " + "(" * 500 + " middle " + "<>" * 300 + " after: ... (ok)"
    guarded, runs = nlp_mod.guard_runs(text)
    assert len(guarded) == len(text)
    assert [end - start for start, end in runs] == [500, 600]
    start, end = runs[0]
    assert guarded[start:end] == "(" * MAX_SYMBOL_RUN + " " * (500 - MAX_SYMBOL_RUN)
    assert guarded.endswith(" middle " + "<>" * (MAX_SYMBOL_RUN // 2) + " " * (600 - MAX_SYMBOL_RUN) + " after: ... (ok)")
    assert nlp_mod.guard_runs(STORY) == (STORY, [])


@pytest.mark.model
def test_a_long_run_is_recorded_and_the_rest_of_the_article_still_coded(nlp):
    result = process_article(article(STORY + "\n" + "(" * 5000 + "\n\n" + STORY), nlp=nlp)
    assert len(result.repairs) == 1 and "first at offset" in result.repairs[0]
    assert {e.type for e in result.events} >= {"ACCUSE"}
    assert any(q.speaker for q in result.quotes)


# -- sections ---------------------------------------------------------------------------------------


@pytest.mark.model
def test_long_texts_are_parsed_section_by_section_and_the_guard_can_stop_one(nlp, monkeypatch):
    monkeypatch.setattr(nlp_mod, "split_paragraph_aligned",
                        functools.partial(nlp_mod.split_paragraph_aligned, limit=300))
    long_text = (STORY + "\n") * 6
    sections: list[str] = []

    def guard(ctx: str) -> contextlib.AbstractContextManager[None]:
        sections.append(ctx)
        if ctx == "stopped" and sections.count("stopped") == 2:
            raise ArticleTimeoutError("over the time budget", source=ctx)
        return contextlib.nullcontext()

    out = list(nlp_mod.parse_many([(long_text, "long"), (long_text, "stopped"), (STORY, "short")], nlp=nlp,
                                  guard=guard))
    assert [ctx for _, ctx in out] == ["long", "stopped", "short"]
    assert out[0][0].text == long_text and isinstance(out[1][0], BudgetError) and out[2][0].text == STORY
    assert sections.count("long") == len(nlp_mod.split_paragraph_aligned(long_text)) > 2
    assert sections.count("stopped") == 2  # no section parsed after the guard's error


# -- the budget in the pipeline ---------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(("budget", "error"), [
    (Budget(max_chars=100), ArticleTooLargeError),
    (Budget(seconds=1e-9), ArticleTimeoutError),
    (Budget(memory_mb=1), ArticleMemoryError),
])
def test_an_article_over_its_budget_is_its_own_error_and_the_batch_goes_on(nlp, budget, error, monkeypatch):
    growing = iter(range(100, 100_000, 10))  # resident MB, growing at every look
    monkeypatch.setattr("communique.budget.rss_mb", lambda: next(growing))
    big = article(STORY * 3, "big.txt")
    small = article(STORY[:90], "small.txt")
    results = dict((a.source, r) for a, r in process_many([big, small], nlp=nlp, budget=budget))
    assert isinstance(results["big.txt"], error)
    assert results["big.txt"].source == "big.txt"
    if error is ArticleTooLargeError:
        assert not isinstance(results["small.txt"], Exception)
    with pytest.raises(error):
        process_article(big, nlp=nlp, budget=budget)


@pytest.mark.model
def test_a_sectioned_article_is_stopped_by_the_time_budget_between_sections(nlp, monkeypatch):
    monkeypatch.setattr(nlp_mod, "split_paragraph_aligned",
                        functools.partial(nlp_mod.split_paragraph_aligned, limit=2000))
    text = prose(12_000)
    calls: list[int] = []
    original = nlp.__call__

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(type(nlp), "__call__", counting)
    clock = iter([0.0, 0.0, 100.0, 100.0, 100.0])
    monkeypatch.setattr("communique.budget._now", lambda: next(clock))
    with pytest.raises(ArticleTimeoutError, match="limit 50 s"):
        process_article(article(text), nlp=nlp, budget=Budget(seconds=50))
    assert len(calls) == 1  # stopped before the second of six sections


@pytest.mark.model
def test_extract_records_an_article_over_max_chars_and_prints_the_others(nlp, tmp_path):
    (tmp_path / "a-big.txt").write_text(STORY * 4, encoding="utf-8")
    (tmp_path / "b-small.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl", "--max-chars", "400"])
    assert result.exit_code == 1
    assert "a-big.txt: article too long" in result.stderr and "limit of 400" in result.stderr
    assert result.stdout.count("\n") == 1 and "b-small.txt" in result.stdout


def test_extract_refuses_a_bad_budget_option_with_exit_2(monkeypatch, tmp_path):
    monkeypatch.setenv("COMMUNIQUE_MAX_CHARS", "many")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and "COMMUNIQUE_MAX_CHARS" in result.stderr


@pytest.mark.model
@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_workers_apply_the_time_budget_they_are_given(nlp, tmp_path, workers):
    import communique.store as store_mod
    from communique.ingest import read_inputs
    from communique.pipeline import CODER_VERSION
    from communique.store.runner import ingest

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY, encoding="utf-8")
    store = store_mod.open(f"sqlite:///{tmp_path / 't.db'}")
    writer = store.writer(keep_text=True)
    writer.start_run("ingest", [str(tmp_path / "in")], CODER_VERSION)
    counts = ingest(writer, read_inputs([str(tmp_path / "in")]), workers=workers, budget=Budget(seconds=1e-9))
    writer.finish_run()
    assert (counts.added, counts.failed) == (0, 1)
    [error] = store.errors()
    assert error.error == "ArticleTimeoutError" and "over the time budget" in error.reason
    store.close()


@pytest.mark.model
@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_records_an_article_over_its_budget_as_an_error_row(nlp, tmp_path, workers):
    import communique.store as store_mod
    from communique.ingest import read_inputs
    from communique.pipeline import CODER_VERSION
    from communique.store.runner import ingest

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_text(STORY * 4, encoding="utf-8")
    (tmp_path / "in" / "small.txt").write_text(STORY, encoding="utf-8")
    store = store_mod.open(f"sqlite:///{tmp_path / 'b.db'}")
    writer = store.writer(keep_text=True)
    writer.start_run("ingest", [str(tmp_path / "in")], CODER_VERSION)
    counts = ingest(writer, read_inputs([str(tmp_path / "in")]), workers=workers, budget=Budget(max_chars=400))
    writer.finish_run()
    assert (counts.added, counts.failed) == (1, 1)
    [error] = store.errors()
    assert error.source.endswith("big.txt") and error.error == "ArticleTooLargeError" and "limit of 400" in error.reason
    store.close()


@pytest.fixture
def free_alarm():
    """SIGALRM left to the code under test (pytest-timeout uses it), then given back with its timer."""
    import signal

    previous = signal.signal(signal.SIGALRM, signal.SIG_DFL)
    timer = signal.getitimer(signal.ITIMER_REAL)
    signal.setitimer(signal.ITIMER_REAL, 0)
    yield
    signal.signal(signal.SIGALRM, previous)
    if timer[0]:
        signal.setitimer(signal.ITIMER_REAL, *timer)


@pytest.mark.model
def test_the_time_budget_interrupts_a_stage_that_runs_on(nlp, monkeypatch, free_alarm):
    import communique.pipeline as pipeline_mod

    real_find_actors = pipeline_mod.find_actors

    def stalling(doc, *, article):
        if "stall" in doc.text:
            time.sleep(60)  # stands for a stage stuck on a pathological input
        return real_find_actors(doc, article=article)

    monkeypatch.setattr(pipeline_mod, "find_actors", stalling)
    stuck, fine = article(STORY + "stall\n", "stuck.txt"), article(STORY, "fine.txt")
    process_article(fine, nlp=nlp)  # tables loaded before timing
    started = time.monotonic()
    results = dict((a.source, r) for a, r in process_many([stuck, fine], nlp=nlp, budget=Budget(seconds=1.5)))
    assert time.monotonic() - started < 30
    assert isinstance(results["stuck.txt"], ArticleTimeoutError) and "in the stages" in str(results["stuck.txt"])
    assert not isinstance(results["fine.txt"], Exception) and results["fine.txt"].events
    import signal

    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # the timer is gone, its handler restored


def test_the_timer_is_only_armed_in_the_main_thread_when_sigalrm_is_free(free_alarm):
    import signal

    seen: list[object] = []
    clock = Budget(seconds=5).clock("x")

    def run() -> None:
        with clock.interrupting("stages"):
            seen.append(signal.getitimer(signal.ITIMER_REAL)[0])

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [0.0]
    with clock.interrupting("stages"):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    signal.signal(signal.SIGALRM, signal.SIG_IGN)  # someone else's: left alone
    with clock.interrupting("stages"):
        assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_IGN
