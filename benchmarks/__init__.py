"""Throughput and memory benchmarks for Newslens (run by `make bench`; not part of `make test`)."""
