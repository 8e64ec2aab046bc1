"""Outputs: the site's (functions of the catalog that return pages, listed in ``registry``),
and the exports, cartridges and PDFs that commands write beside it."""
