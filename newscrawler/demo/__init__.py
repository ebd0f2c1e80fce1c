"""The bundled demo news site: a generator and a small HTTP server for loopback crawls."""
