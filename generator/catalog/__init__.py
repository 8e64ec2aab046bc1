"""Catalog: the valid records after the checks across fields and files, with what is derived
from them once (the generated checklists)."""
