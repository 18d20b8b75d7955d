"""quotetrail: a static site generator that cross-references quotations across news outlets."""

__version__ = "0.1.0"
