"""The `newscrawler` command: demo, extract, validate; operator, corpus and frontier commands."""

from newscrawler.cli.main import main

__all__ = ["main"]
