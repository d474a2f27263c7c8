"""The site's theme for the preview, its file listing kept between rebuilds.

Every MkDocs build lists every file of every theme folder to find the theme's static files; Material's folder
holds about 14,500 files (its icons, under ``.icons/``), and listing and filtering them took longer than
rebuilding the edited page. The installed themes do not change while the preview runs, so their listing is made
once; the project's own overrides (``custom_dir``), which an editor may change, are listed on every build.
"""

from __future__ import annotations

import jinja2
from mkdocs.theme import Theme


class ListingCache(jinja2.FileSystemLoader):
    """A ``FileSystemLoader`` whose ``list_templates`` reuses the listings of the folders in ``fixed``.

    Names under a dot folder or of a dot file are left out: MkDocs never publishes them as theme files (its
    filter refuses ``.*`` and ``*/.*``), and nothing else lists a theme's templates."""

    def __init__(self, searchpath: list[str], fixed: set[str], listings: dict[str, list[str]]) -> None:
        super().__init__(searchpath)
        self.fixed = fixed
        self.listings = listings

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.searchpath:
            listing = self.listings.get(folder) if folder in self.fixed else None
            if listing is None:
                listing = [name for name in jinja2.FileSystemLoader(folder).list_templates() if not _hidden(name)]
                if folder in self.fixed:
                    self.listings[folder] = listing
            names.update(listing)
        return sorted(names)


def _hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/"))


class PreviewTheme(Theme):
    """The same theme (name, overrides, options) whose Jinja environment lists the installed theme folders once."""

    def __init__(self, theme: Theme) -> None:
        options = {key: value for key, value in theme.items() if key not in ("name", "locale")}
        super().__init__(
            theme.name,
            custom_dir=theme.custom_dir,
            static_templates=theme.static_templates,
            locale=str(theme.locale),
            **options,
        )
        self.listings: dict[str, list[str]] = {}

    def get_env(self) -> jinja2.Environment:
        env = super().get_env()
        fixed = {folder for folder in self.dirs if folder != self.custom_dir}
        env.loader = ListingCache(list(self.dirs), fixed, self.listings)
        return env
