"""The whistle under load: open-loop reports against a running stack, measured against floors.

Run it with `.venv/bin/python -m benchmarks.load --help`; docs/benchmarks.md says how to start
a target stack with short 报到 clocks and records the figures.
"""
