"""sentinel_bulk: bulk redaction through sentineld, from Python and from Dask.

Standard library only; ``sentinel_bulk.dask`` needs dask (and distributed for a cluster).

    from sentinel_bulk import SentinelClient
    client = SentinelClient("http://127.0.0.1:8080")
    client.redact_texts(["mail jane@acme.com"], operators={"DEFAULT": {"type": "pseudonymize"}})

A text is redacted exactly as ``sentinelctl redact`` redacts it (same requests, same answer), so a Dask job and a
single ``sentinelctl redact`` run over the same records give identical results.
"""
from .client import SentinelClient, SentinelError, SentinelUnavailable

__all__ = ["SentinelClient", "SentinelError", "SentinelUnavailable"]
