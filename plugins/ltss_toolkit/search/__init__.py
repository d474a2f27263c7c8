"""Search in the words this field uses: Material's search (lunr in a worker), configured in ``mkdocs.yml``
(its separator), with its index and its queries shaped here.

- ``terms.py`` finds, from the glossary and a text, the other forms a reader may type: an acronym for its long
  form and the reverse, a hyphenated compound closed up (``DSNP`` for ``D-SNP``);
- ``index.py`` adds them to the index Material's plugin wrote, with each content page's summary and the titles
  and publishers of the resources it cites, as fields of their own that the results never show;
- ``query.js``, put before Material's search worker by ``worker.py``, brings each query to the words the index
  holds (stems, one typo in a long word, ``1915c`` or ``1915 c`` as ``1915(c)``, compounds closed up).
"""
