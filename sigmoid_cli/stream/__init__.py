"""Standard input as a stream: chunked reading, the fast and careful paths, and worker processes."""
