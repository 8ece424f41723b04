"""The catalogue: typed model, loader and validator (see docs/catalogue.md).

The public surface: ``load``/``collect`` read a whole catalogue folder; ``recheck`` reads one
office, service or form file again against a loaded catalogue and ``apply`` puts the result in
(``civicat serve`` after an edit).
"""

from .diagnostics import CatalogueError, Diagnostic
from .loaded import Catalogue, Page, Parsed
from .loader import Recheck, apply, collect, load, recheck
from .text import Localized, localize

__all__ = ["Catalogue", "CatalogueError", "Diagnostic", "Localized", "Page", "Parsed", "Recheck", "apply", "collect",
           "load", "localize", "recheck"]
