"""Investigative explainer generator: sourced YAML facts in, a static explainer site out.

The core (``load``, ``check``, ``render``) knows nothing about MkDocs; the MkDocs plugin and the
command line are thin adapters over it, so another front end can be added without touching it.
"""

__version__ = "0.1.0"
