"""The service directory: HSDS 3.x compatible, with GESI eligibility and accessibility.

Pure modules: ``vocab`` (vocabularies), ``hsds`` (import/export mapping, see docs/hsds-profile.md)
and the ``hsds_*`` modules behind it. Database models and use cases live in ``models``,
``repository`` and ``service``.
"""
