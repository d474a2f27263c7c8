"""What every output step is given: the loaded configuration and content, and where to write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..loading.store import ContentStore
from ..structure.model import Toolkit


class BuildFailed(Exception):
    """A step failed; the message (and any messages printed before it) say why."""


@dataclass(frozen=True)
class SiteSettings:
    """The few site-wide settings the outputs print, read from the loaded ``MkDocsConfig``."""

    site_name: str
    site_description: str
    language: str
    directory_urls: bool = True
    """``use_directory_urls``: pages at ``a/b/index.html`` rather than ``a/b.html``."""

    @classmethod
    def of(cls, config: MkDocsConfig) -> SiteSettings:
        language = config.theme["language"] if "language" in config.theme else "en"
        return cls(
            site_name=str(config.site_name or "Site"),
            site_description=" ".join(str(config.site_description or "").split()),
            language=str(language or "en"),
            directory_urls=config.use_directory_urls,
        )


@dataclass
class BuildContext:
    """One build: the site's configuration as MkDocs loaded it, its content loaded once, the scratch folder."""

    config: MkDocsConfig
    store: ContentStore
    site_dir: Path
    """Where this build's site is being written (a scratch folder until every step succeeded)."""
    pdf: bool = True
    generator: str = "mkdocs"
    """Which generator writes the HTML (``outputs.generators``)."""
    despite_problems: bool = False
    """A pull request's preview of content with problems (``build --despite-problems``): MkDocs not strict."""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def project_dir(self) -> Path:
        return self.store.project_dir

    @property
    def config_file(self) -> Path:
        return Path(self.config.config_file_path or self.project_dir / "mkdocs.yml")

    @property
    def toolkit(self) -> Toolkit:
        loaded = self.store.current
        if loaded is None:
            raise BuildFailed("the content was not loaded before the outputs")
        return loaded.toolkit

    @property
    def settings(self) -> SiteSettings:
        return SiteSettings.of(self.config)
