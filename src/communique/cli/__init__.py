"""The ``communique`` command line: one Typer app, one module per command.

Each module under ``communique.cli`` registers its commands on ``app``;
user-facing errors are translated to messages and exit codes here only
(0 all good, 1 some inputs failed, 2 usage or configuration error).
"""

from __future__ import annotations

import importlib
import pkgutil

from communique.cli.common import app

__all__ = ["app", "main"]


def _register_commands() -> None:
    """Import every command module so that it registers itself on ``app``."""
    for info in pkgutil.iter_modules(__path__):
        if info.name != "common":
            importlib.import_module(f"{__name__}.{info.name}")


def main() -> None:
    """Console entry point."""
    _register_commands()
    app()


_register_commands()
