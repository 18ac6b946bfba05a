"""Sentence encoder: all-MiniLM-L6-v2 as int8 ONNX on onnxruntime, offline, with the
cosine thresholds that hold for its vectors (another encoder brings its own)."""

from newsweave.embed.encoder import DIM, Embedder, default_embedder

__all__ = ["DIM", "Embedder", "default_embedder"]
