"""Tests of the explainer generator (a package, so test modules can share helpers)."""
