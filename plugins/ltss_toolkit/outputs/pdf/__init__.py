"""PDF outputs: one per module, one per State Pathways section, one for the whole site.

``structure.publications`` decides which PDFs exist (from the content model); here ``assemble`` turns built pages into
print HTML, ``render`` calls WeasyPrint, ``cache`` keeps PDFs between builds, ``downloads`` writes the
manifest and the download links, and ``step`` is the build step that ties them together.
"""

from ...structure.publications import download_placeholder
from .downloads import link_downloads, read_manifest

__all__ = ["download_placeholder", "link_downloads", "read_manifest", "pdf_step"]


def __getattr__(name: str):
    # The step imports WeasyPrint; load it only when a build asks for it (the MkDocs plugin does not).
    if name == "pdf_step":
        from .step import pdf_step

        return pdf_step
    raise AttributeError(name)
