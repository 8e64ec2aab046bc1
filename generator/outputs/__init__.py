"""Outputs: each is a function of the catalog that returns pages."""
