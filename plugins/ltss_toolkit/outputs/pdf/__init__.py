"""PDF outputs: one per module, one per State Pathways section, one for the whole site, and what extensions add.

``structure.publications`` decides which PDFs exist (from the content model); here ``assemble`` turns built pages
into print HTML, ``render`` calls WeasyPrint (imported only there, when a PDF is laid out), ``cache`` keeps PDFs
between builds, ``downloads`` writes the manifest and the download links, and ``step`` ties them together.
"""
