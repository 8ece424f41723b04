"""The catalogue: typed model, loader and validator (see docs/catalogue.md)."""

from .diagnostics import CatalogueError, Diagnostic
from .loader import Catalogue, Page, collect, load
from .text import Localized, localize

__all__ = ["Catalogue", "CatalogueError", "Diagnostic", "Localized", "Page", "collect", "load", "localize"]
