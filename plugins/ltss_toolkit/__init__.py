"""The LTSS Toolkit site engine.

Content is loaded (``loading``), validated into a model (``structure``), rendered to Markdown pages
(``render``) and then to outputs (``outputs``). Only ``plugin`` imports MkDocs.
"""
