"""The search index, shaped for the words this field uses: Material's search (lunr in a worker) configured in
``mkdocs.yml``, and each content page given what its own text does not say the way readers type it.

``terms.py`` finds, from the glossary and the page, the other spellings a reader may type (an acronym for its
long form and the reverse, ``1915c`` for ``1915(c)``, ``DSNP`` for ``D-SNP``); ``index.py`` adds them, the
summary and the titles and publishers of the resources the page cites to the index Material's plugin wrote, as
fields of their own that the results never show.
"""
