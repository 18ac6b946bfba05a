"""newsweave: many news articles in, stories out, with every source laid side by side.

`newsweave.report` is imported lazily so that light uses of the package (the data model,
ingest) do not pay for loading spaCy and the analysis stages.
"""

from typing import Any

from newsweave.model import Article, Report

__all__ = ["Article", "Report", "report"]


def __getattr__(name: str) -> Any:
    if name == "report":
        from newsweave.pipeline import report

        return report
    raise AttributeError(f"module 'newsweave' has no attribute {name!r}")
