"""Sentence embeddings (all-MiniLM-L6-v2) for finding paraphrases across outlets, offline and lazy.

The weights ship with newsfuse (data/minilm: sentence-transformers/all-MiniLM-L6-v2, Apache-2.0, stored
as float16, 45 MB, read back as float32) with the model's tokenizer.json. The forward pass is BERT in
NumPy, so the default install needs neither PyTorch (750 MB) nor sentence-transformers (~10 s to import):
NumPy plus `tokenizers` and `safetensors` load in well under 1 s and give the same vectors (mean pooling,
unit length; cosine >= 0.99999 to sentence-transformers on the float32 weights, pinned in
tests/test_embed.py). The model loads once per process, on first use. Anything that goes wrong while
loading (files missing or damaged) gives one warning on stderr and `encoder()` returns None: callers fall
back to the lexical method, and the brief is never lost to a missing model.
"""

from __future__ import annotations

import os
import sys
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_DIR = Path(__file__).parent / "data" / "minilm"  # config.json, tokenizer.json, model.safetensors
MAX_TOKENS = 128  # news sentences are far shorter; longer ones are cut (the model allows 256)
BATCH_TOKENS = 2048  # padded tokens per forward batch: bounds memory, keeps the matrix products large
CACHE_SIZE = 50_000  # sentences kept per process (the benchmark runs several systems on one cluster)
LAYER_NORM_EPS = 1e-12
GELU_SCALE = np.float32(np.sqrt(2.0 / np.pi))
GELU_CUBIC = np.float32(0.044715 * np.sqrt(2.0 / np.pi))
DISABLE_ENV = "NEWSFUSE_NO_EMBED"  # set to 1 to force the lexical method (tests, debugging)

_state: dict[str, Any] = {}


class Encoder:
    """A BERT sentence encoder from a folder holding config.json, tokenizer.json and model.safetensors (any float
    dtype: the weights are computed with in float32)."""

    def __init__(self, folder: Path) -> None:
        import json

        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.w = {k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
                  if not k.endswith("position_ids")}
        self.w = {k.removeprefix("bert."): v for k, v in self.w.items()}
        for name in [k for k in self.w if k.endswith(("dense.weight", "query.weight", "key.weight", "value.weight"))]:
            self.w[name] = np.ascontiguousarray(self.w[name].T)  # x @ W with W contiguous: the fast GEMM
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (cached by text)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            for text, vector in zip(missing, self._encode_new(missing)):
                self.cache[text] = vector
            while len(self.cache) > CACHE_SIZE:
                self.cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

    def _encode_new(self, texts: Sequence[str]) -> np.ndarray:
        """Batches of similar length (little padding), each run through the network."""
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(ids), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        start = 0
        while start < len(order):
            end = start + 1  # grow the batch while its padded size (rows x longest) stays in bounds
            while end < len(order) and (end + 1 - start) * len(ids[order[end]]) <= BATCH_TOKENS:
                end += 1
            chunk = order[start:end]
            longest = len(ids[chunk[-1]])
            batch = np.zeros((len(chunk), longest), dtype=np.int64)
            mask = np.zeros((len(chunk), longest), dtype=np.float32)
            for row, i in enumerate(chunk):
                batch[row, :len(ids[i])] = ids[i]
                mask[row, :len(ids[i])] = 1.0
            out[chunk] = self._forward(batch, mask)
            start += len(chunk)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """BERT encoder, then mean pooling over real tokens and L2 normalisation (as sentence-transformers)."""
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:ids.shape[1]]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        b, n, d = x.shape
        x = _layer_norm(x.reshape(b * n, d), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for i in range(self.layers):
            x = self._layer(x, bias, (b, n, d), f"encoder.layer.{i}.")
        x = x.reshape(b, n, d)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _layer(self, x: np.ndarray, bias: np.ndarray, shape: tuple[int, int, int], p: str) -> np.ndarray:
        """One encoder layer on the flattened (batch * tokens, hidden) states."""
        w = self.w
        b, n, d = shape
        h = self.heads

        def proj(name: str) -> np.ndarray:
            y = _linear(x, w[p + f"attention.self.{name}.weight"], w[p + f"attention.self.{name}.bias"])
            return y.reshape(b, n, h, d // h).transpose(0, 2, 1, 3)

        q, k, v = proj("query"), proj("key"), proj("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(d // h)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(b * n, d)
        attn = _linear(context, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"])
        x = _layer_norm(x + attn, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        inner = _gelu(_linear(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"]))
        out = _linear(inner, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
        return _layer_norm(x + out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])


def _linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    out = x @ weight
    out += bias
    return out


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form, in place (SciPy's erf is 3x slower here; embeddings move by ~1e-4)."""
    y = x * x
    y *= GELU_CUBIC
    y += GELU_SCALE
    y *= x
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


def encoder() -> Encoder | None:
    """The process's encoder, loaded on first call; None (after one warning) when it cannot load."""
    if os.environ.get(DISABLE_ENV, "") not in ("", "0"):
        return None
    if "encoder" not in _state:
        try:
            _state["encoder"] = Encoder(MODEL_DIR)
        except Exception as error:  # noqa: BLE001 - a missing model must never break the brief
            print(f"newsfuse: warning: sentence embeddings unavailable ({type(error).__name__}: {error}); "
                  "using lexical support only", file=sys.stderr)
            _state["encoder"] = None
    return _state["encoder"]  # type: ignore[no-any-return]


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """Unit-length embeddings of `texts`, or None when no encoder is available."""
    model = encoder()
    return None if model is None else model.encode(texts)
