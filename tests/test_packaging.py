"""The built wheel carries what an installed newsweave reads at run time: the hand
annotations of `newsweave eval`, the salience model, templates, schema, headline prior."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_holds_the_package_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("newsweave-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    annotations = resources.files("newsweave.eval.annotations")
    shipped = sorted(p.name for p in annotations.iterdir() if p.name.endswith(".tsv"))
    assert len(shipped) >= 10
    for name in shipped:
        assert f"newsweave/eval/annotations/{name}" in names
    for data in ("newsweave/analyse/salience.pkl", "newsweave/analyse/same_fact.pkl",
                 "newsweave/schema/report.schema.json",
                 "newsweave/stories/prior_headlines.txt",
                 "newsweave/render/templates/report.html.j2"):
        assert data in names


def test_annotations_are_read_from_the_package_not_the_checkout():
    from newsweave.eval import annotations, quotes

    assert quotes.load()
    assert Path(str(quotes.ANNOTATIONS)).parent == Path(annotations.__file__).parent
