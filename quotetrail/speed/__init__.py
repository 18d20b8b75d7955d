"""The speed layer around the stages: a cache of each stage's results keyed by
its inputs (cache.py), page fingerprints so only changed pages are rendered
(fingerprint.py), worker processes (workers.py), and what a process that stays
up (serve) keeps from one build for the next (memory.py, matching.py).

Nothing in the stages depends on this package: a build without it would give
the same site, only slower.
"""
