"""A REST client for sentineld's Presidio routes, with the batching of ``sentinelctl redact``.

Per batch: one ``POST /presidio/analyze`` with the texts as a list, then one ``POST /presidio/anonymize`` for all
texts with findings, joined with U+001E (a text containing it goes alone). Presidio's conflict handling never
merges spans across that separator, so the joined answer, cut at the separators, equals one call per text.
Operators (including ``pseudonymize``, whose key stays in the daemon) run in sentineld.

Connections are kept alive (one per client object; create one per thread). Transient failures (connection
refused or reset, 429, 502, 503, 504) are retried with backoff for ``retry_seconds``, then raise
SentinelUnavailable; any other error answer raises SentinelError with sentineld's message.
"""
import http.client
import json
import time
import urllib.parse

SEPARATOR = "\x1e"


class SentinelError(Exception):
    """sentineld refused a request (4xx/5xx other than the transient ones)."""

    def __init__(self, status, message):
        super().__init__("sentineld answered %d: %s" % (status, message))
        self.status = status
        self.message = message


class SentinelUnavailable(Exception):
    """sentineld could not be reached (or stayed overloaded) for the whole retry budget."""


def _error_message(body):
    try:
        j = json.loads(body)
        e = j.get("error") if isinstance(j, dict) else None
        if isinstance(e, str):
            return e
        if isinstance(e, dict) and isinstance(e.get("message"), str):
            return e["message"]
    except ValueError:
        pass
    return body[:200]


class SentinelClient:
    def __init__(self, url="http://127.0.0.1:8080", token=None, timeout=300, retry_seconds=60,
                 language="en", entities=None, score_threshold=None):
        parsed = urllib.parse.urlsplit(url if "://" in url else "http://" + url)
        if parsed.scheme != "http":
            raise ValueError("sentineld serves plain HTTP; %r is not an http:// URL" % url)
        self.host = parsed.hostname or "127.0.0.1"
        self.port = parsed.port or 80
        self.prefix = parsed.path.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retry_seconds = retry_seconds
        self.language = language
        self.entities = entities
        self.score_threshold = score_threshold
        self._conn = None

    # -- transport -------------------------------------------------------------------------------------------
    def _post_once(self, path, body):
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {"Content-Type": "application/json", "User-Agent": "sentinel-bulk-python"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        self._conn.request("POST", self.prefix + path, body=body, headers=headers)
        resp = self._conn.getresponse()
        data = resp.read()
        if resp.getheader("Connection", "").lower() == "close":
            self.close()
        return resp.status, data.decode("utf-8", "replace"), resp.getheader("Retry-After")

    def post(self, path, payload):
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        deadline = time.monotonic() + self.retry_seconds
        delay = 0.1
        while True:
            problem = None
            reused = self._conn is not None
            try:
                status, text, retry_after = self._post_once(path, body)
            except (OSError, http.client.HTTPException) as e:
                self.close()
                if reused:  # a kept-alive connection the server closed meanwhile: one fresh try
                    try:
                        status, text, retry_after = self._post_once(path, body)
                    except (OSError, http.client.HTTPException) as e2:
                        self.close()
                        status, problem = 0, "cannot reach sentineld: %s" % e2
                else:
                    status, problem = 0, "cannot reach sentineld: %s" % e
            if status:
                if 200 <= status < 300:
                    return json.loads(text)
                if status in (429, 502, 503, 504):
                    problem = "sentineld answered %d: %s" % (status, _error_message(text))
                    if retry_after and retry_after.isdigit():
                        delay = max(delay, float(retry_after))
                else:
                    raise SentinelError(status, _error_message(text))
            if time.monotonic() + delay > deadline:
                raise SentinelUnavailable("%s (gave up after %s s)" % (problem, self.retry_seconds))
            time.sleep(delay)
            delay = min(delay * 2, 5.0)

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- Presidio routes ---------------------------------------------------------------------------------------
    def analyze(self, texts):
        """Findings per text: lists of {"entity_type", "start", "end", "score"} (code point offsets)."""
        out = [[] for _ in texts]
        which = [i for i, t in enumerate(texts) if t]
        if not which:
            return out
        payload = {"text": [texts[i] for i in which], "language": self.language}
        if self.entities is not None:
            payload["entities"] = list(self.entities)
        if self.score_threshold is not None:
            payload["score_threshold"] = self.score_threshold
        reply = self.post("/presidio/analyze", payload)
        if not isinstance(reply, list) or len(reply) != len(which):
            raise SentinelError(200, "the /presidio/analyze answer does not list one result per text")
        for k, i in enumerate(which):
            out[i] = [{"entity_type": r["entity_type"], "start": r["start"], "end": r["end"], "score": r["score"]}
                      for r in reply[k]]
        return out

    def _anonymize_joined(self, texts, findings, operators):
        results = []
        base = 0
        for i, (text, found) in enumerate(zip(texts, findings)):
            if i:
                base += 1
            for f in found:
                results.append({"start": base + f["start"], "end": base + f["end"],
                                "entity_type": f["entity_type"], "score": f["score"]})
            base += len(text)
        payload = {"text": SEPARATOR.join(texts), "analyzer_results": results}
        if operators:
            payload["anonymizers"] = operators
        reply = self.post("/presidio/anonymize", payload)
        text = reply.get("text") if isinstance(reply, dict) else None
        if not isinstance(text, str):
            raise SentinelError(200, "the /presidio/anonymize answer has no text")
        if len(texts) == 1:
            return [text]
        parts = text.split(SEPARATOR)
        if len(parts) != len(texts):
            raise SentinelError(200, "the anonymized batch does not split back into its texts")
        return parts

    def redact_texts(self, texts, operators=None, forced_entities=None):
        """Each text redacted; ``forced_entities[i]`` (optional) makes the whole of text i that entity type."""
        texts = list(texts)
        forced = list(forced_entities) if forced_entities is not None else [None] * len(texts)
        out = list(texts)
        free = [i for i in range(len(texts)) if not forced[i]]
        found_free = self.analyze([texts[i] for i in free])
        found = [[] for _ in texts]
        for k, i in enumerate(free):
            found[i] = found_free[k]
        for i, entity in enumerate(forced):
            if entity and texts[i]:
                found[i].append({"entity_type": entity, "start": 0, "end": len(texts[i]), "score": 1.0})
        joined = []
        for i, text in enumerate(texts):
            if not found[i]:
                continue
            if SEPARATOR in text:
                out[i] = self._anonymize_joined([text], [found[i]], operators)[0]
            else:
                joined.append(i)
        if joined:
            parts = self._anonymize_joined([texts[i] for i in joined], [found[i] for i in joined], operators)
            for i, part in zip(joined, parts):
                out[i] = part
        return out

    def redact_batches(self, texts, operators=None, batch_size=256, forced_entities=None):
        """redact_texts over any number of texts, ``batch_size`` per request pair."""
        texts = list(texts)
        forced = list(forced_entities) if forced_entities is not None else None
        out = []
        for start in range(0, len(texts), batch_size):
            chunk_forced = forced[start:start + batch_size] if forced is not None else None
            out.extend(self.redact_texts(texts[start:start + batch_size], operators, chunk_forced))
        return out
