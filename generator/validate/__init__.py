"""Validate: each record against the model, with every problem placed at its line."""
