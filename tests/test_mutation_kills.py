"""Behaviour the mutation run (``./dev mutate``) found unchecked: each test pins down what an
editor or a reader would see change if the code were altered (see bench/MUTATION.md)."""

from __future__ import annotations
