"""The models newsweave ships (salience, same fact) as pickled files of package data, read
only by the scikit-learn version that wrote them and for the features they were fitted on:
a model unpickled by another version, or fed other columns, would answer silently wrong."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sklearn


def write(path: Path, model: Any, features: Sequence[str], trained_on: Any) -> None:
    """Save a fitted model with the scikit-learn version, its features and what it learned
    from."""
    with path.open("wb") as fh:
        pickle.dump({"model": model, "sklearn": sklearn.__version__,
                     "features": list(features), "trained_on": trained_on}, fh)


def read(path: Path, features: Sequence[str], trainer: str) -> dict:
    """The saved dict (model, sklearn, features, trained_on); RuntimeError naming `trainer`
    (the script that writes it) when it is missing or stale."""
    try:
        with path.open("rb") as fh:
            saved = pickle.load(fh)
    except FileNotFoundError as exc:
        raise RuntimeError(f"{path} is missing; run {trainer}") from exc
    if saved["sklearn"] != sklearn.__version__ or tuple(saved["features"]) != tuple(features):
        raise RuntimeError(f"{path} was written by scikit-learn {saved['sklearn']} for "
                           f"other features; run {trainer} again")
    return saved
