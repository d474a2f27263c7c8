"""Runs of words, as the own-words check compares them, and the committed fingerprints of the sources.

The source documents (the seeds in ``shared/seeds``) are not in the repository, and a pull request on
github.com has no copy beside its clone. So the repository keeps only what the comparison needs: for each
source, a short hash of every run of ``N`` normalized words (``tests/data/seed-runs.txt``), written by
``scripts/seed-runs SEEDS_FOLDER`` whenever the sources change. Neither the build nor the tests read the
sources themselves.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

N = 12
"""A run of this many words shared with a source is copying."""

GAP = "\x00"
"""Stands where a title or an address was cut out, so that no run of words spans the cut."""

FINGERPRINTS = Path(__file__).resolve().parent / "data" / "seed-runs.txt"

ADDRESS = re.compile(r"\]\([^)]*\)|<[^>]*>|(?:https?://|mailto:)\S+|\S+@\S+\.\w+")
NOT_WORD = re.compile(r"[^a-z0-9\x00]+")


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and markup dropped; 'fee-for-service' is three words on both sides."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("'", "").lower()
    text = ADDRESS.sub(f" {GAP} ", text)
    return [w for w in NOT_WORD.sub(" ", text).split() if w]


def ngrams_at(tokens: list[str], n: int = N) -> list[tuple[str, ...] | None]:
    """The run of ``n`` words starting at each position (None where it would span a gap)."""
    grams: list[tuple[str, ...] | None] = []
    for i in range(len(tokens) - n + 1):
        gram = tuple(tokens[i : i + n])
        grams.append(None if GAP in gram else gram)
    return grams


def run_hash(gram: tuple[str, ...]) -> str:
    """64 bits of BLAKE2b of the run's words: enough that two different runs never meet by chance."""
    return hashlib.blake2b(" ".join(gram).encode("utf-8"), digest_size=8).hexdigest()


def fingerprint(seeds: Path, n: int = N) -> str:
    """The fingerprint file's text for every ``*.txt`` source in ``seeds``: a ``# name`` line per source,
    then the sorted hashes of its runs not already listed under an earlier source."""
    seen: set[str] = set()
    lines = [f"# Hashes of every run of {n} normalized words of each source (tests/own_words.py)."]
    lines.append("# Written by scripts/seed-runs from the sources folder; never edit by hand.")
    for path in sorted(seeds.glob("*.txt")):
        hashes = {run_hash(g) for g in ngrams_at(words(path.read_text(encoding="utf-8")), n) if g is not None}
        lines.append(f"# {path.name}")
        lines += sorted(hashes - seen)
        seen |= hashes
    return "\n".join(lines) + "\n"


def read_fingerprints(path: Path = FINGERPRINTS) -> dict[str, str]:
    """Each run's hash, with the name of the source it comes from."""
    found: dict[str, str] = {}
    source = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            source = line[2:]
        elif line:
            found[line] = source
    return found
