"""Evaluation: loaders for public benchmark sets and the benchmarks run by `newsweave eval`."""
