"""The two search backends behind search.service: Elasticsearch and the database."""
