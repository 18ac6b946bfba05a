"""Scale stage: the work of `stories` and `analyse` that depends on one batch alone, run as
Dask tasks on a local cluster or on a scheduler's workers. Dask is imported only when a
`Cluster` is made, so the commands start as fast without it."""

from newsweave.scale.cluster import Cluster, ScaleError, check_address

__all__ = ["Cluster", "ScaleError", "check_address"]
