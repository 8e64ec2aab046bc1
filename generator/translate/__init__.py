"""Translations: the English source cut into units, PO catalogs per language, their status
and checks, and a catalog read in another language.

The flow beside the build's: ``units`` (what can be translated, addressed by a stable
``msgctxt``) -> ``catalogs`` (PO files under ``translations/``) -> ``status`` / ``check``.
"""
