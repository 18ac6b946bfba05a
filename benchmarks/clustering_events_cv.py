"""Cross-validated sub-event BCubed F1 on ECB+ topics 1-22: the stories stage's thresholds
that tell two events of one kind apart (COHERENCE in clustering.py, STORY_KEY_SHARE in
contrast.py) chosen on four fifths of the topics, scored on the fifth they never saw.

    .venv/bin/python benchmarks/clustering_events_cv.py
Each fold's topics are clustered alone (a fresh store), so no event is seen in two folds.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from newsweave.eval.cluster_metrics import score
from newsweave.eval.clustering import newsweave_labels
from newsweave.eval.clustering_sets import ecbplus, ecbplus_topic
from newsweave.stories import clustering, contrast

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FOLDS = 5
GRID = {"COHERENCE": (0.5, 0.6, 0.7), "STORY_KEY_SHARE": (0.3, 0.4, 0.5)}


def _set(values: dict[str, float]) -> None:
    clustering.COHERENCE = values["COHERENCE"]
    contrast.STORY_KEY_SHARE = values["STORY_KEY_SHARE"]


def main() -> None:
    articles = ecbplus(DATA)
    topics = sorted({ecbplus_topic(a.story or "") for a in articles}, key=int)
    random.Random(13).shuffle(topics)
    folds = [set(topics[k::FOLDS]) for k in range(FOLDS)]
    shipped = {"COHERENCE": clustering.COHERENCE, "STORY_KEY_SHARE": contrast.STORY_KEY_SHARE}
    gold, predicted = [], []
    for k, held in enumerate(folds):
        train = [a for a in articles if ecbplus_topic(a.story or "") not in held]
        test = [a for a in articles if ecbplus_topic(a.story or "") in held]
        best, best_f1 = shipped, -1.0
        for combo in itertools.product(*GRID.values()):
            values = dict(zip(GRID, combo, strict=True))
            _set(values)
            f1 = score([a.story or "" for a in train], newsweave_labels(train)).bcubed_f1
            if f1 > best_f1:
                best, best_f1 = values, f1
        _set(best)
        labels = newsweave_labels(test)
        gold += [a.story or "" for a in test]
        predicted += [f"fold{k}:{x}" for x in labels]
        fold = score([a.story or "" for a in test], labels)
        print(f"fold {k}: topics {sorted(held, key=int)}, chosen {best} (train F1 "
              f"{best_f1:.3f}), held-out BCubed F1 {fold.bcubed_f1:.3f}", flush=True)
    _set(shipped)
    cv = score(gold, predicted)
    print(f"cross-validated sub-event BCubed P / R / F1: {cv.bcubed_p:.3f} / "
          f"{cv.bcubed_r:.3f} / {cv.bcubed_f1:.3f}")


if __name__ == "__main__":
    main()
