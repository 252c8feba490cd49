"""The SPARQL endpoint: protocol, safety checks, Oxigraph worker processes, Linked Data pages."""
