"""Render: the checked model to Markdown pages and data files, knowing nothing of MkDocs."""
