"""``python -m ltss_toolkit serve``: the live preview for editors, fast and honest about errors.

One ``MkDocsConfig`` and one content store live for the whole session. After a save, the content is read
again (only if a file changed) and MkDocs rebuilds only the pages whose Markdown changed (the edited page, and
pages whose "See also", backlinks or flow text changed with it; everything when the nav, a data file or
mkdocs.yml changed). A content error does not freeze the preview: every page shows what is wrong, as
``path:line`` with how to fix it, and the site comes back by itself once the file is fixed.

Pages the preview did not rebuild are not in its search index until the next full rebuild.

With ``--pdf``, each edit also lays out again, in the background and one at a time, the PDFs that hold a
rebuilt page: its module's or section's first, then the whole site's, each whole, from a copy of the site taken
between builds (``serve/pdfs.py``).
"""

from .preview import Preview
from .server import make_server, serve

__all__ = ["Preview", "make_server", "serve"]
