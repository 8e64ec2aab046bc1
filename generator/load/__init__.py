"""Load: the project folder, its settings, and each YAML file read with its positions."""
