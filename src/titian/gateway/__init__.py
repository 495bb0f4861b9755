"""HTTP plumbing shared by the API and the web doors: one transaction per request, identity,
security headers. Not a domain; the doors stay independent of each other."""
