"""The package's version and the coder version every coded record carries.

A module of its own so that the stages can read it without importing the package's public
front door (``communique/__init__.py``), which imports the pipeline and the store.
"""

from __future__ import annotations

__version__ = "0.1.0"
#: The version every coded record carries (``reprocess --since`` compares it).
CODER_VERSION = __version__

__all__ = ["CODER_VERSION", "__version__"]
