"""Privacy: de-identified snapshots, k-anonymous microdata, disclosure-controlled tables, DP counts.

The k-anonymous microdata release engine is :func:`titian.privacy.anonymize.anonymize` (and
``anonymize_csv``); its hierarchies are read by :mod:`titian.privacy.hierarchy`. Nothing is
imported here, so that each sub-module loads only what it needs.
"""
