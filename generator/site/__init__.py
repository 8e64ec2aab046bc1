"""Site: the pages handed to a site engine (MkDocs by default) and the built site swapped in."""
