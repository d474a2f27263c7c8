"""Our own words: no run of 12 or more words in the site's text matches a source document.

The site's text is every content page (front matter and body), the Start Here flow, the glossary, the
numbered references, the resources' fields other than their titles, and the hand-written pages in docs/.
The source documents (the seeds in ``shared/seeds``) are not in the repository and not beside a clone on
GitHub: the comparison uses their fingerprints, a hash of each run of 12 normalized words
(``tests/data/seed-runs.txt``, written by ``scripts/seed-runs``; see ``own_words.py``). Titles of cited
documents may be quoted exactly, so every resource title, and every quoted title in a numbered reference, is
cut out of the site's text before comparing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from conftest import PROJECT
from own_words import FINGERPRINTS, GAP, N, fingerprint, ngrams_at, read_fingerprints, run_hash, words

QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{8,})[\"\u201d]")


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


def overlaps(project: Path, sources: dict[str, str], n: int = N) -> list[str]:
    """Each stretch of the site's text made of runs of ``n`` words whose hash is in ``sources`` (hash -> the
    source's name), with the source's name."""
    titles = cited_titles(project)
    problems = []
    for name, text in site_texts(project):
        tokens = cut(words(text), titles)
        hits = [i for i, gram in enumerate(ngrams_at(tokens, n)) if gram is not None and run_hash(gram) in sources]
        for start, end in stretches(hits):
            run = " ".join(tokens[start : end + n])
            problems.append(f"{name}: '{run}' matches {sources[run_hash(tuple(tokens[start:start + n]))]}")
    return problems


def fingerprints_of(seeds: Path) -> dict[str, str]:
    """The fingerprints of a folder of made-up sources, written as scripts/seed-runs writes them."""
    out = seeds.parent / "seed-runs.txt"
    out.write_text(fingerprint(seeds), encoding="utf-8")
    return read_fingerprints(out)


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
    assert overlaps(project, fingerprints_of(seeds)) == []
    page.write_text("---\nid: p\n---\nWe say: One, two three four five six seven eight nine ten eleven twelve.\n")
    found = overlaps(project, fingerprints_of(seeds))
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
    assert len(overlaps(project, fingerprints_of(seeds))) == 1
    (project / "content" / "part" / "resources.yml").write_text(
        yaml.safe_dump([{"id": "r", "title": title, "publisher": "CMS", "url": None}]), encoding="utf-8"
    )
    assert overlaps(project, fingerprints_of(seeds)) == []


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
    assert len(overlaps(project, fingerprints_of(seeds))) == 1


# The shipped content against the real sources.


def test_the_sources_fingerprints_are_in_the_repository() -> None:
    """Five sources, each with its runs: a pull request on github.com compares against the same data."""
    sources = read_fingerprints(FINGERPRINTS)
    names = sorted(set(sources.values()))
    assert len(names) == 5 and all(name.endswith(".txt") for name in names)
    assert len(sources) > 6000


def test_the_script_writes_the_fingerprints_from_a_sources_folder(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000.txt").write_text("one two three four five six seven eight nine ten eleven twelve", encoding="utf-8")
    script = PROJECT / "scripts" / "seed-runs"
    result = subprocess.run([sys.executable, str(script), str(seeds)], capture_output=True, text=True,
                            env={"LTSS_SEED_RUNS_OUT": str(tmp_path / "out.txt")})
    assert result.returncode == 0, result.stderr
    written = read_fingerprints(tmp_path / "out.txt")
    run = tuple("one two three four five six seven eight nine ten eleven twelve".split())
    assert written == {run_hash(run): "000.txt"}


def test_shipped_text_shares_no_run_of_twelve_words_with_a_source() -> None:
    found = overlaps(PROJECT, read_fingerprints(FINGERPRINTS))
    assert found == [], "put these passages in our own words:\n" + "\n".join(found)
