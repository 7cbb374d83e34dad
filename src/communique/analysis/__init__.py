"""Analyses over stored events: cross-article clusters (``clusters``) and alignment (``alignment``)."""
