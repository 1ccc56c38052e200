"""Static word vectors for claim matching, read offline from the ``wordllama`` wheel.

WordLlama 0.4 ships 256-d token embeddings (``weights/l2_supercat_256.safetensors``, float16,
one row per Llama-2 BPE token) and the tokenizer (``tokenizers/l2_supercat_tokenizer_config.json``)
inside its wheel. We read both directly: the safetensors header is JSON, the tensor a plain
array, and the tokenizer a byte-fallback BPE we apply word by word. Nothing is downloaded and
the ``wordllama`` module itself (with its pydantic/requests imports) is never imported.

A word's vector is the mean of its BPE token vectors. When the wheel is not installed,
``word_vectors()`` returns None and claim matching runs on terms alone.
"""

from __future__ import annotations

import importlib.util
import json
import struct
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"

FloatArray = npt.NDArray[np.float32]

# A longer "word" (a line of letters, a hash, a URL with no breaks) means nothing as a word and
# its BPE merges cost the square of its length (300,000 letters: many minutes): no vector. The
# longest words in use (German compounds, chemical names) stay well under this.
MAX_WORD_CHARS = 100


def _package_dir() -> Path | None:
    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(next(iter(spec.submodule_search_locations)))
    if (d / _WEIGHTS).is_file() and (d / _TOKENIZER).is_file():
        return d
    return None


def _read_safetensor(path: Path) -> FloatArray:
    with path.open("rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
        info = next(v for k, v in header.items() if k != "__metadata__")
        start, end = info["data_offsets"]
        f.seek(8 + header_len + start)
        raw = f.read(end - start)
    dtype = {"F16": np.float16, "F32": np.float32}[info["dtype"]]
    arr = np.frombuffer(raw, dtype=dtype).reshape(info["shape"])
    return arr.astype(np.float32)


class WordVectors:
    """Word → 256-d vector, by byte-fallback BPE over the WordLlama vocabulary."""

    def __init__(self, directory: Path) -> None:
        self.matrix = _read_safetensor(directory / _WEIGHTS)
        cfg = json.loads((directory / _TOKENIZER).read_text(encoding="utf-8"))
        model = cfg["model"]
        self._vocab: dict[str, int] = model["vocab"]
        ranks: dict[tuple[str, str], int] = {}
        for r, m in enumerate(model["merges"]):
            left, right = m.split(" ", 1) if isinstance(m, str) else m
            ranks[(left, right)] = r
        self._ranks = ranks
        self.dim = int(self.matrix.shape[1])
        self._cache: dict[str, FloatArray | None] = {}

    def _tokens(self, word: str) -> list[int]:
        syms = list("▁" + word)
        ranks = self._ranks
        while len(syms) > 1:
            best, best_rank = -1, len(ranks)
            for k in range(len(syms) - 1):
                r = ranks.get((syms[k], syms[k + 1]))
                if r is not None and r < best_rank:
                    best, best_rank = k, r
            if best < 0:
                break
            syms[best : best + 2] = [syms[best] + syms[best + 1]]
        ids: list[int] = []
        for s in syms:
            i = self._vocab.get(s)
            if i is not None:
                ids.append(i)
                continue
            for byte in s.encode("utf-8"):
                j = self._vocab.get(f"<0x{byte:02X}>")
                if j is not None:
                    ids.append(j)
        return ids

    def vector(self, word: str) -> FloatArray | None:
        """The mean token vector of ``word`` (None when it has no tokens, or is longer than
        ``MAX_WORD_CHARS``)."""
        if word in self._cache:
            return self._cache[word]
        if len(word) > MAX_WORD_CHARS:
            return None
        ids = self._tokens(word)
        vec = self.matrix[ids].mean(axis=0) if ids else None
        self._cache[word] = vec
        return vec


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors | None:
    """The shared word vectors, loaded once; None when ``wordllama`` is not installed."""
    d = _package_dir()
    if d is None:
        return None
    try:
        return WordVectors(d)
    except (OSError, ValueError, KeyError, StopIteration):
        return None
