from generator.commands.cli import entrypoint

entrypoint()
