"""Referrals: matching a need to services, gap reporting, and referral tracking.

Pure rules: :mod:`titian.referrals.vocab` (vocabularies and the accommodation map),
:mod:`titian.referrals.languages` (BCP-47 language matching), :mod:`titian.referrals.matching`
(rank, exclude with reasons, record gaps: rights-checklist C10) and
:mod:`titian.referrals.coverage` (coverage scan over the whole directory and the gap report).
"""
