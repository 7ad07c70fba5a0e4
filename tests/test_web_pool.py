"""The web app's corpus pool: one corpus per server thread, kept across requests, yet up to date with what
other processes do to the store (new articles, new alias rules) and with a database server that restarts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from storyline.corpus import AliasRules, Corpus
from storyline.store import open_store
from storyline.web.pool import Corpora
from test_corpus import courier, gazette, herald, other

BACKENDS = ["sqlite", "postgres"]


def _fill(url: str) -> None:
    with open_store(url) as store:
        for article in (gazette(), courier(), herald()):
            store.add(article.record)


@pytest.mark.parametrize("store_url", BACKENDS, indirect=True)
def test_pool_keeps_one_corpus_per_thread_and_merges_new_articles(store_url: str) -> None:
    _fill(store_url)
    corpora = Corpora(store_url)
    with corpora.corpus() as first:
        assert first.pending() == 0 and first.actors("Mara Tenby")[0].articles == 3
    with corpora.corpus() as again:
        assert again is first
    seen: list[Corpus] = []

    def elsewhere() -> None:
        with corpora.corpus() as corpus:
            seen.append(corpus)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert seen and seen[0] is not first  # a thread of its own, a connection of its own
    with open_store(store_url) as writer:
        writer.add(other().record)
    with corpora.corpus() as corpus:
        assert corpus.pending() == 0 and corpus.actors("Hana Brenn")


@pytest.mark.parametrize("store_url", BACKENDS, indirect=True)
def test_pool_read_only_never_merges(store_url: str) -> None:
    _fill(store_url)
    with Corpora(store_url, merge=False).corpus() as corpus:
        assert corpus.pending() == 3


@pytest.mark.parametrize("store_url", BACKENDS, indirect=True)
def test_pool_takes_up_alias_rules_another_process_set(store_url: str, tmp_path: Path) -> None:
    _fill(store_url)
    corpora = Corpora(store_url)
    with corpora.corpus() as before:
        assert before.actors("Mara Tenby")[0].articles == 3
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(f"split:\n  - name: Tenby\n    articles: [{courier().id}]\n    as: Maria Tenby\n")
    Corpus(store_url, aliases=aliases).close()  # what `storyline actors --aliases FILE` does
    with corpora.corpus() as after:
        assert after is not before and after.rules.fingerprint() == AliasRules.load(aliases).fingerprint()
        assert after.actors("Maria Tenby")[0].articles == 1


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_pool_reconnects_when_the_database_server_drops_its_connection(store_url: str) -> None:
    _fill(store_url)
    corpora = Corpora(store_url)
    with corpora.corpus() as corpus:
        (pid,) = corpus.store.query("SELECT pg_backend_pid()")[0]
    with open_store(store_url) as admin:
        admin.query("SELECT pg_terminate_backend(?)", (pid,))
    with corpora.corpus() as reopened:  # no error for the request that finds the connection gone
        assert reopened is not corpus and reopened.actors("Mara Tenby")
