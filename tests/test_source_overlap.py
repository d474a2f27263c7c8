"""Our own words: no run of 12 or more words in the site's text matches a source document.

The site's text is every content page (front matter and body), the Start Here flow, the glossary, the
numbered references, the resources' fields other than their titles, and the hand-written pages in docs/.
The source documents are the seeds in the project's sibling folder ``shared/seeds`` (``../shared`` from
the project root, where CI puts a copy beside the clone). Titles of cited documents may be quoted exactly,
so every resource title, and every quoted title in a numbered reference, is cut out of the site's text
before comparing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Iterator

import pytest
import yaml

from conftest import IN_CI, PROJECT

N = 12
SHARED = Path(os.environ.get("LTSS_SHARED_DIR") or PROJECT.parent / "shared")
"""The shared folder; LTSS_SHARED_DIR points elsewhere, e.g. from a git worktree whose parent has none."""

GAP = "\x00"
"""Stands where a title or an address was cut out, so that no run of words spans the cut."""

QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{8,})[\"\u201d]")
ADDRESS = re.compile(r"\]\([^)]*\)|<[^>]*>|(?:https?://|mailto:)\S+|\S+@\S+\.\w+")
NOT_WORD = re.compile(r"[^a-z0-9\x00]+")


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and markup dropped; 'fee-for-service' is three words on both sides."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("'", "").lower()
    text = ADDRESS.sub(f" {GAP} ", text)
    return [w for w in NOT_WORD.sub(" ", text).split() if w]




def cut(tokens: list[str], titles: Iterable[list[str]]) -> list[str]:
    """Replace each occurrence of a title's words with a gap."""
    out = list(tokens)
    for title in titles:
        if not title:
            continue
        size = len(title)
        for i in range(len(out) - size + 1):
            if out[i : i + size] == title:
                out[i : i + size] = [GAP] * size
    return out


def strings(data: Any, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every string value in parsed YAML, leaving out the values of keys in ``skip``."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in skip:
                yield from strings(value, skip)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item, skip)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cited_titles(project: Path) -> list[list[str]]:
    """The titles of every cited document: resource titles and quoted titles in numbered references."""
    titles: list[str] = []
    for path in (project / "content").rglob("resources.yml"):
        titles += [item["title"] for item in load(path) or [] if isinstance(item, dict) and item.get("title")]
    for path in (project / "content").rglob("references.yml"):
        for item in load(path) or []:
            titles += QUOTED.findall(str(item.get("text", "")))
    # Longest first, so that a title containing a shorter one is cut whole.
    return sorted((words(t) for t in titles), key=len, reverse=True)


def site_texts(project: Path) -> Iterator[tuple[str, str]]:
    """(file, text) for everything the site says in its own words."""
    content = project / "content"
    for path in sorted(content.rglob("*.md")):
        yield str(path.relative_to(project)), path.read_text(encoding="utf-8")
    for path in sorted(content.rglob("*.yml")):
        skip = frozenset({"title", "url", "id"}) if path.name == "resources.yml" else frozenset({"url", "id"})
        yield str(path.relative_to(project)), "\n".join(strings(load(path), skip))
    for path in sorted((project / "docs").glob("*.md")):
        yield str(path.relative_to(project)), path.read_text(encoding="utf-8")


def source_ngrams(seeds: Path, n: int) -> dict[tuple[str, ...], str]:
    found: dict[tuple[str, ...], str] = {}
    for path in sorted(seeds.glob("*.txt")):
        for gram in ngrams_at(words(path.read_text(encoding="utf-8")), n):
            if gram is not None:
                found.setdefault(gram, path.name)
    return found


def overlaps(project: Path, seeds: Path, n: int = N) -> list[str]:
    """Each stretch of the site's text made of runs of ``n`` words found in a seed, with the seed's name."""
    sources = source_ngrams(seeds, n)
    titles = cited_titles(project)
    problems = []
    for name, text in site_texts(project):
        tokens = cut(words(text), titles)
        hits = [i for i, gram in enumerate(ngrams_at(tokens, n)) if gram in sources]
        for start, end in stretches(hits):
            run = " ".join(tokens[start : end + n])
            problems.append(f"{name}: '{run}' matches {sources[tuple(tokens[start:start + n])]}")
    return problems


def ngrams_at(tokens: list[str], n: int) -> list[tuple[str, ...] | None]:
    """The run of ``n`` words starting at each position (None where it would span a gap)."""
    grams: list[tuple[str, ...] | None] = []
    for i in range(len(tokens) - n + 1):
        gram = tuple(tokens[i : i + n])
        grams.append(None if GAP in gram else gram)
    return grams


def stretches(starts: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive start positions merged into (first, last) pairs."""
    if not starts:
        return
    first = last = starts[0]
    for i in starts[1:]:
        if i == last + 1:
            last = i
            continue
        yield first, last
        first = last = i
    yield first, last


def seeds_folder() -> Path:
    seeds = SHARED / "seeds"
    if seeds.is_dir() and any(seeds.glob("*.txt")):
        return seeds
    if IN_CI:
        pytest.fail(f"the source documents are missing in CI: expected them in {seeds} (a copy of shared/ beside the clone)")
    pytest.skip(f"no source documents at {seeds}: put shared/ beside the project or set LTSS_SHARED_DIR to it")


# The check itself, on small made-up cases.


def test_words_drop_markup_case_and_addresses() -> None:
    assert words("The **PACE** [page](https://x.org/a) says: fee-for-service!") == [
        "the", "pace", "page", GAP, "says", "fee", "for", "service",
    ]


def test_a_copied_run_of_twelve_words_is_found_and_eleven_are_not(tmp_path: Path) -> None:
    seeds = tmp_path / "shared" / "seeds"
    seeds.mkdir(parents=True)
    source = "one two three four five six seven eight nine ten eleven twelve thirteen"
    (seeds / "000.txt").write_text(source, encoding="utf-8")
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "docs").mkdir()
    page = project / "content" / "page.md"
    page.write_text("---\nid: p\n---\nWe say: One two three four five six seven eight nine ten eleven.\n", encoding="utf-8")
    assert overlaps(project, seeds) == []
    page.write_text("---\nid: p\n---\nWe say: One, two three four five six seven eight nine ten eleven twelve.\n")
    found = overlaps(project, seeds)
    assert len(found) == 1 and "content/page.md" in found[0] and "000.txt" in found[0]


def test_titles_of_cited_documents_may_be_quoted(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    title = "Ten Opportunities to Better Serve Individuals Dually Eligible for Medicaid and Medicare"
    (seeds / "000.txt").write_text(f"See the letter {title} for more.", encoding="utf-8")
    project = tmp_path / "project"
    (project / "content" / "part").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / "content" / "part" / "page.md").write_text(f"---\nid: p\n---\nSee the letter *{title}* for more.\n")
    assert len(overlaps(project, seeds)) == 1
    (project / "content" / "part" / "resources.yml").write_text(
        yaml.safe_dump([{"id": "r", "title": title, "publisher": "CMS", "url": None}]), encoding="utf-8"
    )
    assert overlaps(project, seeds) == []


def test_resource_fields_other_than_the_title_are_checked(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    sentence = "states can take steps to improve care for dually eligible residents of nursing facilities"
    (seeds / "000.txt").write_text(sentence, encoding="utf-8")
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / "content" / "resources.yml").write_text(
        yaml.safe_dump([{"id": "r", "title": "A report", "publisher": "X", "note": sentence}]), encoding="utf-8"
    )
    assert len(overlaps(project, seeds)) == 1


# The shipped content against the real sources.


def test_shipped_text_shares_no_run_of_twelve_words_with_a_source() -> None:
    found = overlaps(PROJECT, seeds_folder())
    assert found == [], "put these passages in our own words:\n" + "\n".join(found)
