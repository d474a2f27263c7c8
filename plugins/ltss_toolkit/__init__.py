"""The LTSS Toolkit site engine.

Content is loaded (``loading``), validated into a model (``structure``), rendered to Markdown pages
(``render``) and then to outputs (``outputs``). Only the adapters import MkDocs: ``plugin``, ``config`` (the
plugin's options, and ``mkdocs.yml`` read for the build and the commands), ``errors``, ``__main__``, ``outputs``
and ``serve`` (tests/test_architecture.py checks it).
"""
