"""Redacting Dask collections through a sentineld on each worker's node.

Each partition is sent to the sentineld at ``url`` as seen from the worker that runs it: on a cluster, run
sentineld on every node (a Kubernetes DaemonSet with hostNetwork or a hostPort, or a sidecar in each worker pod)
and leave ``url`` at its default http://127.0.0.1:8080 (or set SENTINEL_URL in the workers' environment), so the
text never leaves the node. Redaction is deterministic, so a partition that Dask recomputes after a worker
dies gives the same result, and ``pseudonymize`` gives the same pseudonym on every node sharing the key file.

    import dask.bag as db
    from sentinel_bulk.dask import redact_bag, redact_dataframe
    lines = db.read_text("s3://bucket/export-*.txt")
    redact_bag(lines, operators={"DEFAULT": {"type": "pseudonymize"}}).to_textfiles("s3://bucket/redacted-*.txt")
    docs = db.read_text("s3://bucket/export-*.jsonl").map(json.loads)
    docs.map_partitions(redact_records, skip=["id"], entities={"ssn": "US_SSN"}).map(json.dumps)

    df = dd.read_csv("s3://bucket/users-*.csv", dtype=str, keep_default_na=False)
    redact_dataframe(df, entities={"email": "EMAIL_ADDRESS"}, skip=["id"]).to_parquet(...)
"""
import json
import os

from .client import SentinelClient


def _url(url):
    return url or os.environ.get("SENTINEL_URL") or "http://127.0.0.1:8080"


def _client(url, options):
    return SentinelClient(_url(url), **options)


def redact_lines(lines, url=None, operators=None, batch_size=256, **options):
    """Redacts lines as ``sentinelctl redact --format text`` does: each line without its line ending is one
    text, and the line ending is kept."""
    client = _client(url, options)
    try:
        bodies, endings = [], []
        for line in lines:
            if line.endswith("\r\n"):
                bodies.append(line[:-2]); endings.append("\r\n")
            elif line.endswith("\n"):
                bodies.append(line[:-1]); endings.append("\n")
            else:
                bodies.append(line); endings.append("")
        redacted = client.redact_batches(bodies, operators, batch_size)
        return [r + e for r, e in zip(redacted, endings)]
    finally:
        client.close()


def redact_records(records, url=None, operators=None, skip=(), entities=None, only_mapped=False, batch_size=256,
                   **options):
    """Redacts JSON documents (dicts, lists, strings) as ``sentinelctl redact --format jsonl`` does: every
    string value at any depth; ``skip`` keys (dotted paths or key names) untouched; a key in ``entities`` has its
    whole value (a string, or a number that becomes a string) replaced as that entity. Returns new documents."""
    import copy
    skip, entities = set(skip), dict(entities or {})
    docs = [copy.deepcopy(r) for r in records]
    texts, forced, setters = [], [], []

    def visit(container, key, node, path, name, entity):
        if path and (path in skip or (name and name in skip)):
            return
        if path:
            entity = entities.get(path) or (entities.get(name) if name else None) or entity
        if isinstance(node, dict):
            for k in list(node.keys()):
                visit(node, k, node[k], path + "." + k if path else k, k, entity)
        elif isinstance(node, list):
            for i in range(len(node)):
                visit(node, i, node[i], path, name, entity)
        elif isinstance(node, str):
            if entity is None and only_mapped:
                return
            texts.append(node); forced.append(entity); setters.append((container, key))
        elif isinstance(node, (int, float)) and not isinstance(node, bool) and entity is not None:
            texts.append(json.dumps(node)); forced.append(entity); setters.append((container, key))

    for i in range(len(docs)):
        visit(docs, i, docs[i], "", "", None)
    client = _client(url, options)
    try:
        redacted = client.redact_batches(texts, operators, batch_size, forced)
    finally:
        client.close()
    for (container, key), value in zip(setters, redacted):
        container[key] = value
    return docs


def redact_bag(bag, url=None, operators=None, batch_size=256, **options):
    """A Bag of strings (e.g. ``dask.bag.read_text``) redacted partition by partition; order is kept."""
    return bag.map_partitions(redact_lines, url=url, operators=operators, batch_size=batch_size, **options)


def redact_frame(frame, url=None, operators=None, entities=None, skip=(), only_mapped=False, batch_size=256,
                 **options):
    """A pandas DataFrame redacted cell by cell, like ``sentinelctl redact`` on a CSV: string cells are texts;
    a column in ``entities`` has its whole value replaced as that entity; ``skip`` columns are untouched."""
    entities = entities or {}
    frame = frame.copy()
    client = _client(url, options)
    try:
        for column in frame.columns:
            name = str(column)
            if name in skip or (only_mapped and name not in entities):
                continue
            values = frame[column].tolist()
            where = [i for i, v in enumerate(values) if isinstance(v, str)]
            if not where:
                continue
            texts = [values[i] for i in where]
            forced = [entities.get(name)] * len(texts) if name in entities else None
            redacted = client.redact_batches(texts, operators, batch_size, forced)
            for i, r in zip(where, redacted):
                values[i] = r
            frame[column] = values
        return frame
    finally:
        client.close()


def redact_dataframe(df, url=None, operators=None, entities=None, skip=(), only_mapped=False, batch_size=256,
                     **options):
    """A Dask DataFrame redacted partition by partition (read CSVs with dtype=str, keep_default_na=False so
    values reach sentineld as written)."""
    return df.map_partitions(redact_frame, url=url, operators=operators, entities=entities, skip=tuple(skip),
                             only_mapped=only_mapped, batch_size=batch_size, meta=df._meta, **options)
