"""The demo site: sections, sources, footer, pages and bilingual articles we wrote ourselves."""

from .loader import load_demo

__all__ = ["load_demo"]
