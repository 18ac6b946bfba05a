"""The stories stage: vectors, incremental clustering, copies, non-articles, the store (on
SQLite and on PostgreSQL: the tests taking `fresh_db` run on both)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from corpus import story_articles
from scipy import sparse

from newsweave.eval.cluster_metrics import score
from newsweave.model import Article
from newsweave.store.sqlite import MIGRATIONS, Store, StoreError
from newsweave.stories.clustering import JOIN, StoryClusterer, StoryState
from newsweave.stories.dedup import SHINGLE_HASH, CopyFinder, signatures
from newsweave.stories.features import ArticleVectorizer
from newsweave.stories.stream import StoryStream


def _cluster(articles, batch_size=16, **kw):
    vec, cl = ArticleVectorizer(), StoryClusterer(**kw)
    labels = []
    for lo in range(0, len(articles), batch_size):
        batch = articles[lo:lo + batch_size]
        labels += cl.partial_fit(vec.partial_fit_transform(batch),
                                 [a.published for a in batch]).stories
    return [cl.resolve(x) for x in labels], cl


def test_vectors_are_unit_length_and_idf_is_counted_incrementally():
    arts = story_articles(2, 3)
    vec = ArticleVectorizer()
    v = vec.partial_fit_transform(arts[:4])
    assert vec.n_docs == 4 and vec.df.max() == 4
    np.testing.assert_allclose(np.sqrt(v.multiply(v).sum(axis=1)).A.ravel(), 1.0, rtol=1e-5)
    vec.partial_fit_transform(arts[4:])
    assert vec.n_docs == 6
    restored = ArticleVectorizer()
    restored.load_state(vec.state())
    assert (restored.df == vec.df).all() and restored.n_titles == vec.n_titles == 6
    assert abs(restored.transform(arts[:1]) - vec.transform(arts[:1])).max() < 1e-6


def test_names_count_again_as_one_term_each():
    from newsweave.stories.features import N_FEATURES, _hasher

    art = Article(id="a", title="Strike ends in Kessmark",
                  text="The strike ended when Mayor Marta Quell met the union. Talks were short.")
    vec = ArticleVectorizer().partial_fit_transform([art])

    def weight(term: str) -> float:
        return float(vec[0, _hasher(N_FEATURES).transform([term]).indices[0]])

    assert weight("mayor_marta_quell") > 0 and weight("kessmark") > 0
    assert weight("talks_were") == 0 and weight("the_strike") == 0


def test_headlines_that_share_no_word_are_brought_together_by_their_meaning():
    from newsweave.stories.features import N_FEATURES

    day = date(2026, 3, 2)
    arts = [Article(id=i, title=t, text=t, published=day) for i, t in [
        ("quake", "Strong earthquake shakes coastal towns"),
        ("tremor", "Quake rattles seaside villages, no injuries reported"),
        ("rates", "Central bank holds interest rates steady"),
        ("match", "Striker scores twice as champions win derby")]]
    untitled = Article(id="u", text="Strong earthquake shakes coastal towns", published=day)
    words_only = ArticleVectorizer(title_share=0)
    vec = ArticleVectorizer()
    plain, both = words_only.partial_fit_transform(arts), vec.partial_fit_transform(arts)
    assert (plain @ plain.T)[0, 1] == 0  # no word in common
    sims = (both @ both.T).toarray()
    assert sims[0, 1] > JOIN > max(sims[0, 2], sims[0, 3], sims[1, 2], sims[1, 3])
    np.testing.assert_allclose(np.sqrt(both.multiply(both).sum(axis=1)).A.ravel(), 1.0,
                               rtol=1e-5)
    lone = vec.transform([untitled])
    assert lone.indices.max() < N_FEATURES  # an untitled article keeps its words alone
    assert abs(lone - words_only.transform([untitled])).max() < 1e-6


def test_a_store_built_without_headlines_is_rebuilt_before_use(fresh_db):
    from newsweave.stories.features import N_FEATURES

    arts = story_articles(3, 4)
    with Store(fresh_db()) as store:
        StoryStream(store, vectorizer=ArticleVectorizer(title_share=0)).add(arts[:8])
        before = _stored_partition(store)
        stream = StoryStream(store)
        assert store.state("vectors") == stream.vectorizer.format.encode()
        assert stream.vectorizer.n_titles == 8
        members = store.origin_members()
        for state in stream.clusterer.stories.values():
            expected = np.asarray(stream.vectorizer.transform(members[state.id]).sum(axis=0))
            got = state.centroid.toarray()
            assert state.centroid.indices.max() >= N_FEATURES
            # the int8 encoder's vectors move a little with the headlines batched beside them
            assert (got @ expected.T).item() / np.linalg.norm(got) / np.linalg.norm(expected) > 0.99
        stream.add(arts)
        after = _stored_partition(store)
    assert all(store_id == after[a] for a, store_id in before.items())
    assert score([a.story for a in arts], [after[a.id] for a in arts]).bcubed_f1 >= 0.95


def test_single_pass_recovers_invented_stories_batch_by_batch():
    arts = story_articles(8, 6)
    labels, _ = _cluster(arts)
    s = score([a.story for a in arts], labels)
    assert s.bcubed_f1 >= 0.95, s
    # the headline columns multiplied densely give the same stories as one sparse product
    assert _cluster(arts, dense_from=ArticleVectorizer().dense_from)[0] == labels


def test_time_window_keeps_a_recurring_event_apart():
    arts = story_articles(1, 4)
    later = [replace(a, id=a.id + "-later", published=a.published + timedelta(days=90))
             for a in arts]
    labels, _ = _cluster(sorted(arts + later, key=lambda a: a.published), window_days=14)
    assert len(set(labels[:4])) == 1 and len(set(labels[4:])) == 1
    assert labels[0] != labels[-1]
    wide, _ = _cluster(sorted(arts + later, key=lambda a: a.published), window_days=120)
    assert len(set(wide)) == 1


def test_stories_that_converge_are_merged_into_the_older_id():
    arts = story_articles(2, 2)
    one = [a for a in arts if a.story == "e0"]
    other = [a for a in arts if a.story == "e1"][0]
    # a join threshold no article reaches: each starts a story; centroids then merge
    cl = StoryClusterer(join=0.99, merge=0.3)
    vec = ArticleVectorizer()
    vec.partial_fit_transform(arts)
    first = cl.partial_fit(vec.transform(one[:1]), [None])
    second = cl.partial_fit(vec.transform([one[1], other]), [None, None])
    started, other_story = second.created
    assert second.merged == {started: first.stories[0]}
    assert second.stories == [first.stories[0], other_story]
    assert cl.resolve(started) == first.stories[0]


def _story(story_id: str, members: np.ndarray) -> StoryState:
    return StoryState(story_id, sparse.csr_matrix(members.sum(axis=0), dtype=np.float32),
                      size=len(members))


def test_two_loose_stories_near_the_feeds_mean_are_not_merged():
    rng = np.random.default_rng(0)
    dim, n = 400, 20
    feed = np.zeros(dim)
    feed[0] = 1.0  # what every article of the feed shares a little of

    def members(k: int, spread: float) -> np.ndarray:
        """k unit vectors: a little of the feed, then each its own direction (spread 1) or
        all one direction (spread 0)."""
        own = np.eye(dim)[rng.choice(np.arange(1, dim), k, replace=False)]
        rows = 0.2 * feed + spread * own + (1 - spread) * own[0]
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    for spread, merges in ((0.98, False), (0.0, True)):
        a = members(n, spread)
        b = members(n + 1, spread) if spread else a[np.r_[0:n, 0]]
        cosine = (a.sum(0) @ b[:n].sum(0)) / np.linalg.norm(a.sum(0)) / np.linalg.norm(
            b[:n].sum(0))
        assert cosine > 0.3  # what the plain centroid cosine would have merged
        cl = StoryClusterer(join=0.1)
        cl.load([_story("s000001", a), _story("s000002", b[:n])], next_number=3)
        result = cl.partial_fit(sparse.csr_matrix(b[n:], dtype=np.float32), [None])
        assert bool(result.merged) is merges, (spread, result)


def test_store_schema_is_versioned_and_in_wal_mode(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.version == len(MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(junk)


def _stored_partition(store: Store) -> dict[str, str]:
    rows = store.conn.execute("SELECT article_id, story_id FROM memberships").fetchall()
    assert len(rows) == len({a for a, _ in rows})
    return dict(rows)


def test_stream_resumes_with_stable_ids_copies_and_non_articles(fresh_db):
    arts = story_articles(4, 5)
    copy = replace(arts[0], id="copy-of-first", outlet="Reprinter",
                   published=arts[0].published + timedelta(days=1))
    junk = Article(id="widget", text="Tweet with a location", paragraphs=[],
                   non_article="a social-media widget")
    with Store(fresh_db()) as store:
        first = StoryStream(store).add(arts[:10], batch_size=4)
        before = _stored_partition(store)
        second = StoryStream(store).add(arts + [copy, junk], batch_size=4)
        after = _stored_partition(store)
        assert first.articles == 10 and second.already_stored == 10
        assert second.copies == 1 and second.non_articles == 1
        for article_id, story in before.items():
            assert store.resolve(story) == after[article_id]
        assert after["copy-of-first"] == after[arts[0].id]
        assert "widget" not in after
        assert store.non_articles() == [("widget", "a social-media widget")]
        s = score([a.story for a in arts], [after[a.id] for a in arts])
        assert s.bcubed_f1 >= 0.95
        listed = {s.id: s for s in store.stories()}
        assert listed[after[arts[0].id]].copies == {"copy-of-first": arts[0].id}
        assert sum(len(s.articles) for s in listed.values()) == len(arts) + 1


def test_an_id_stored_with_another_text_is_reported_not_overwritten(fresh_db):
    arts = story_articles(1, 2)
    with Store(fresh_db()) as store:
        StoryStream(store).add(arts)
        result = StoryStream(store).add([replace(arts[0], text="Something else entirely.")])
        assert result.articles == 0 and len(result.problems) == 1
        assert "already stored with another text" in result.problems[0].message
        assert store.texts_by_id([arts[0].id])[arts[0].id] == arts[0].text


def test_undated_articles_come_after_dated_ones(fresh_db):
    arts = story_articles(1, 3)
    undated = replace(arts[0], id="undated", published=None, text=arts[1].text + "\nMore.")
    with Store(fresh_db()) as store:
        StoryStream(store).add([undated] + arts)
        seqs = dict(store.conn.execute("SELECT id, seq FROM articles"))
    assert seqs["undated"] == max(seqs.values())
    dated = sorted(arts, key=lambda a: a.published)
    assert [seqs[a.id] for a in dated] == sorted(seqs[a.id] for a in dated)


def test_undated_articles_are_placed_by_the_date_their_lead_states(fresh_db):
    arts = [replace(a, published=None) for a in story_articles(1, 4)]
    told = [replace(a, text=f"{'4 March 2019' if k < 2 else '4 March 2021'} - {a.text}")
            for k, a in enumerate(arts)]
    with Store(fresh_db()) as store:
        StoryStream(store).add(told)
        stories = {s.id: frozenset(s.articles) for s in store.stories()}
        windows = {stories[s.id]: (s.first, s.last)
                   for s in store.saved_stories(ArticleVectorizer().width)}
    # placed two years apart, so two stories; the listing's dates stay publication dates
    assert windows == {frozenset(a.id for a in told[:2]): (date(2019, 3, 4), date(2019, 3, 4)),
                       frozenset(a.id for a in told[2:]): (date(2021, 3, 4), date(2021, 3, 4))}
    with Store(fresh_db()) as store:  # the same texts, no dateline: one story
        StoryStream(store).add(arts)
        assert [len(s.articles) for s in store.stories()] == [4]


def test_signatures_hashed_another_way_are_recomputed_before_use(fresh_db):
    arts = story_articles(2, 3)
    copy = replace(arts[0], id="late-copy", published=arts[0].published + timedelta(days=1))
    with Store(fresh_db()) as store:
        StoryStream(store).add(arts)
        store.conn.execute("UPDATE articles SET signature = ?", (bytes(512),))
        store.conn.execute("UPDATE state SET value = ? WHERE key = 'shingle_hash'",
                           (b"sha1-bytes",))
        added = StoryStream(store).add([copy])
        assert added.copies == 1
        assert store.state("shingle_hash") == SHINGLE_HASH.encode()


def test_copies_need_the_threshold_similarity_not_just_an_lsh_band():
    words = [f"w{i}" for i in range(300)]
    base = " ".join(words)
    close = " ".join(words[:290] + [f"x{i}" for i in range(10)])
    half = " ".join(words[:100] + [f"y{i}" for i in range(60)] + words[160:])
    finder = CopyFinder()
    sig_base, sig_close, sig_half = signatures([base, close, half])
    finder.add("base", sig_base)
    assert finder.origin_of(sig_close) == ["base"]
    assert finder.origin_of(sig_half) == []
