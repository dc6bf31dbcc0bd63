"""The web pages, one module per page (see ``styrkort/web/README.md``)."""
