"""In-app notifications to agencies and users (consent withdrawn, referral received, alerts)."""
