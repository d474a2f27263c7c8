"""The editor's road: checking content (``check``), starting new files (``new``), the pull request
summary (``changes``), external address checks (``addresses``), JSON Schemas, and the links from
every page back to the repository (edit and feedback)."""
