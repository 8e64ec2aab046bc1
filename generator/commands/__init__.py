"""Commands: the ``handbook`` command line on top of the stages."""
