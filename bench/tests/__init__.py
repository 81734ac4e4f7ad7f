"""Tests of the benchmark harness, kept beside it: they test bench/, which the project's own tests
never import."""
