"""The test suite: a package, so that tests and benchmarks import the shared helpers as
`tests.support` (run from the repository root: `.venv/bin/python -m pytest`)."""
