"""Translations: the English source cut into units, PO catalogs per language, their status
and checks, and a catalog read in another language.

The flow beside the build's: ``languages`` (the partner languages, as data) and ``extract``
(every unit, addressed by a stable ``msgctxt``: ``units``) -> ``catalogs`` (PO files under
``translations/``: ``update``, and ``load_translations`` for a language's build) ->
``status`` / ``check`` (``handbook translations status|check``; ``handbook validate`` runs
the checks too).
"""
