"""Demo data: clearly fictional, realistic, idempotent. Each domain adds a step."""
