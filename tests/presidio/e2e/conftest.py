"""Shared helpers for the Presidio-compatibility end-to-end tests.

The servers are found like Presidio's own e2e suite finds them: ANALYZER_BASE_URL and
ANONYMIZER_BASE_URL (for sentineld both are http://HOST:PORT/presidio).
"""
import json
import os

import pytest
import requests

ANALYZER = os.environ.get("ANALYZER_BASE_URL", "http://127.0.0.1:8080/presidio")
ANONYMIZER = os.environ.get("ANONYMIZER_BASE_URL", ANALYZER)
HEADERS = {"Content-Type": "application/json"}


def post(base, route, body):
    data = body if isinstance(body, str) else json.dumps(body)
    response = requests.post(f"{base}/{route}", data=data, headers=HEADERS, timeout=30)
    return response.status_code, response.content


def analyze(body):
    return post(ANALYZER, "analyze", body)


def anonymize(body):
    return post(ANONYMIZER, "anonymize", body)


def deanonymize(body):
    return post(ANONYMIZER, "deanonymize", body)


def get(base, route):
    response = requests.get(f"{base}/{route}", headers=HEADERS, timeout=30)
    return response.status_code, response.content


@pytest.fixture(scope="session")
def has_ner():
    """True when the analyzer reports PERSON (a NER recognizer is loaded)."""
    status, content = get(ANALYZER, "supportedentities?language=en")
    assert status == 200
    return "PERSON" in json.loads(content)
