"""The command line, ``titian``: one sub-app per domain."""
