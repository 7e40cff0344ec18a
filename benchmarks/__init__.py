"""Plansite benchmarks: a corpus synthesiser (synth.py) and a stage-by-stage benchmark (run.py)."""
