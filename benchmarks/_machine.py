"""The machine a benchmark ran on, printed beside its figures: CPU model, the instruction
sets that pick onnxruntime's and numpy's kernels, cores, load, library versions. A speed
figure without them cannot be compared with another (issue 29: the encoder lost two thirds
of its speed on CPUs with VNNI, unseen, as figures from different CPUs were compared)."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# /proc/cpuinfo flags that decide which integer and float kernels run.
KERNEL_FLAGS = ("avx", "fma", "avx2", "avx_vnni", "avx512f", "avx512bw", "avx512_vnni",
                "avx512_bf16", "amx_int8", "amx_bf16")


def cpu() -> tuple[str, list[str]]:
    """The CPU's model name and which of KERNEL_FLAGS it has (Linux; else the platform)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or platform.machine(), []
    fields = dict(line.split(":", 1) for line in text.splitlines()[:40] if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    flags = set(fields.get("flags", "").split())
    name = fields.get("model name", platform.machine())
    if fields.get("cpu family") and fields.get("model"):
        name += f" (family {fields['cpu family']} model {fields['model']})"
    return name, [f for f in KERNEL_FLAGS if f in flags]


def describe() -> str:
    """One line: CPU model, kernel-relevant flags, cores, load average, onnxruntime/numpy."""
    model, flags = cpu()
    versions = []
    for dist in ("onnxruntime", "numpy"):
        try:
            versions.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            continue
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"machine: {model}; {' '.join(flags) or 'no AVX'}; {os.cpu_count()} cores, "
            f"load {load} (1/5/15 min); {', '.join(versions)}")


if __name__ == "__main__":
    print(describe())
