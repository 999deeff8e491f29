"""The benchmark of newskg builds: `python -m bench.bench --help`."""
