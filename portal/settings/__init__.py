"""Settings split by environment: base (shared), dev, test, production.

Every value that differs between deployments comes from an environment variable; see the
README's "Settings" table.
"""
