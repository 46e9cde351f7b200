"""Presidio's REST e2e checks (microsoft/presidio e2e-tests), reproduced against sentineld.

Each test mirrors one of Presidio's test functions (same request, same expectation), with two
differences: responses are compared exactly (Presidio's own comparator treats any two top-level
lists as equal), and expectations that depend on spaCy's PERSON/LOCATION results apply only when
the analyzer reports PERSON; without a NER recognizer the names stay in the text.
"""
import json
from pathlib import Path

from conftest import ANALYZER, ANONYMIZER, analyze, anonymize, deanonymize, get

LICENSE_TEXT = "John Smith drivers license is AC432223"
DL = {"analysis_explanation": None, "end": 38, "entity_type": "US_DRIVER_LICENSE",
      "score": 0.6499999999999999, "start": 30}
PERSON = {"analysis_explanation": None, "end": 10, "entity_type": "PERSON", "score": 0.85, "start": 0}
PATTERN_ENTITIES = {"CREDIT_CARD", "US_BANK_NUMBER", "US_DRIVER_LICENSE", "US_ITIN", "US_PASSPORT", "US_SSN",
                    "UK_NHS", "CRYPTO", "DATE_TIME", "EMAIL_ADDRESS", "IBAN_CODE", "IP_ADDRESS", "MEDICAL_LICENSE",
                    "MAC_ADDRESS", "PHONE_NUMBER", "URL"}


def without_ner(items, has_ner):
    return items if has_ner else [i for i in items if i["entity_type"] not in ("PERSON", "LOCATION", "NRP")]


def results(content):
    return json.loads(content)


# ---- analyzer (test_api_analyzer.py) -------------------------------------------------------------

def test_given_a_correct_analyze_input_then_return_full_response(has_ner):
    status, content = analyze({"text": LICENSE_TEXT, "language": "en"})
    assert status == 200
    assert results(content) == without_ner([PERSON, DL], has_ner)


def test_given_analyze_threshold_input_then_return_result_above_threshold(has_ner):
    status, content = analyze({"text": LICENSE_TEXT, "language": "en", "score_threshold": 0.7})
    assert status == 200
    assert results(content) == without_ner([PERSON], has_ner)


def test_given_no_analyze_text_input_then_return_error():
    status, content = analyze("{}")
    assert status == 500
    assert results(content) == {"error": "No text provided"}


def test_given_no_analyze_language_input_then_return_error():
    status, content = analyze('{"language": "en"}')
    assert status == 500
    assert results(content) == {"error": "No text provided"}


def test_given_analyze_text_no_language_input_then_return_error():
    status, content = analyze({"text": LICENSE_TEXT})
    assert status == 500
    assert results(content) == {"error": "No language provided"}


def test_given_a_incorrect_analyze_language_input_then_return_error():
    status, content = analyze({"text": LICENSE_TEXT, "language": "zz"})
    assert status == 500
    assert results(content) == {"error": "No matching recognizers were found to serve the request."}


def test_given_a_correlationid_analyze_input_then_return_normal_response():
    status, _ = analyze({"text": LICENSE_TEXT, "language": "en", "correlation_id": "123"})
    assert status == 200


def test_given_a_trace_true_analyze_input_then_return_normal_response():
    status, _ = analyze({"text": LICENSE_TEXT, "language": "en", "trace": "1"})
    assert status == 200


def test_given_a_trace_invalid_value_analyze_input_then_return_normal_response():
    status, _ = analyze({"text": LICENSE_TEXT, "language": "en", "trace": "somedata"})
    assert status == 200


def test_given_return_decision_process_false_for_analyze_input_then_return_response_without_analysis(has_ner):
    status, content = analyze({"text": LICENSE_TEXT, "language": "en", "return_decision_process": 0})
    assert status == 200
    assert results(content) == without_ner([PERSON, DL], has_ner)


def test_given_decision_process_enabled_for_analyze_input_then_return_response_with_decision_process():
    status, content = analyze({"text": "John Smith license is AC432223", "language": "en",
                               "return_decision_process": True})
    assert status == 200
    dl = [r for r in results(content) if r["entity_type"] == "US_DRIVER_LICENSE"]
    assert len(dl) == 1
    assert (dl[0]["start"], dl[0]["end"], dl[0]["score"]) == (22, 30, 0.6499999999999999)
    explanation = dl[0]["analysis_explanation"]
    assert explanation["recognizer"] == "UsLicenseRecognizer"
    assert explanation["pattern_name"] == "Driver License - Alphanumeric (weak)"
    assert explanation["original_score"] == 0.3
    assert explanation["score"] == 0.6499999999999999
    assert explanation["score_context_improvement"] == 0.3499999999999999
    assert explanation["supportive_context_word"] == "license"
    assert explanation["validation_result"] is None
    assert explanation["textual_explanation"] == (
        "Detected by `UsLicenseRecognizer` using pattern `Driver License - Alphanumeric (weak)`")
    assert explanation["regex_flags"] == 26


def test_given_decision_process_enabled_for_analyze_input_with_aditional_context_then_return_response_with_decision_process_and_correct_supportive_context_word():
    status, content = analyze({"text": "John Smith D.L. is AC432223", "language": "en",
                               "return_decision_process": True, "context": ["Driver license"]})
    assert status == 200
    dl = [r for r in results(content) if r["entity_type"] == "US_DRIVER_LICENSE"]
    assert len(dl) == 1
    assert (dl[0]["start"], dl[0]["end"], dl[0]["score"]) == (19, 27, 0.6499999999999999)
    assert dl[0]["analysis_explanation"]["supportive_context_word"] == "driver"


def test_given_analyze_entities_input_then_return_results_only_with_those_entities(has_ner):
    status, content = analyze({"text": LICENSE_TEXT, "language": "en", "entities": ["PERSON"]})
    if has_ner:
        assert status == 200
        assert results(content) == [PERSON]
    else:  # no recognizer serves PERSON: Presidio's answer for an unserved entity
        assert status == 500
        assert results(content) == {"error": "No matching recognizers were found to serve the request."}


def test_given_a_correct_input_for_supported_entities_then_expect_a_correct_response():
    status, content = get(ANALYZER, "supportedentities?language=en")
    assert status == 200
    assert PATTERN_ENTITIES <= set(results(content))


def test_given_a_unsupported_language_for_supported_entities_then_expect_an_error():
    status, content = get(ANALYZER, "supportedentities?language=he")
    assert status == 500
    assert results(content) == {"error": "No matching recognizers were found to serve the request."}


def test_given_an_illegal_input_for_supported_entities_then_igonre_and_proceed():
    status, content = get(ANALYZER, "supportedentities?uknown=input")
    assert status == 200
    assert PATTERN_ENTITIES <= set(results(content))


ZIP_RECOGNIZER = {"name": "Zip code Recognizer", "supported_language": "en",
                  "patterns": [{"name": "zip code (weak)", "regex": "(\\b\\d{5}(?:\\-\\d{4})?\\b)", "score": 0.01}],
                  "supported_entity": "ZIP"}


def test_given_ad_hoc_pattern_recognizer_the_right_entities_are_returned(has_ner):
    status, content = analyze({"text": LICENSE_TEXT + ". Zip code: 10023", "language": "en",
                               "ad_hoc_recognizers": [ZIP_RECOGNIZER]})
    assert status == 200
    zip_code = {"analysis_explanation": None, "end": 55, "entity_type": "ZIP", "score": 0.01, "start": 50}
    found = [r for r in results(content) if r["score"] >= 0.01 and r["entity_type"] != "US_BANK_NUMBER"]
    assert [r for r in found if r["entity_type"] in ("PERSON", "US_DRIVER_LICENSE", "ZIP")] == \
        without_ner([PERSON, DL, zip_code], has_ner)


def test_given_wrong_ad_hoc_json_exception_is_given():
    bad = {"name": "Zip code Recognizer", "supported_language": "en",
           "patterns": [{"type": "zip code (weak)", "bebex": "(\\b\\d{5}(?:\\-\\d{4})?\\b)", "confidence": 0.01}],
           "supported_entity": "ZIP"}
    status, content = analyze({"text": LICENSE_TEXT + ". Zip code: 10023", "language": "en",
                               "ad_hoc_recognizers": [bad]})
    assert status == 400
    assert results(content) == {"error": "Failed to parse /analyze request for AnalyzerEngine.analyze(). "
                                         "Pattern.__init__() got an unexpected keyword argument 'type'"}


def test_given_ad_hoc_pattern_recognizer_context_raises_confidence(has_ner):
    recognizer = dict(ZIP_RECOGNIZER, context=["zip", "code"])
    status, content = analyze({"text": LICENSE_TEXT + ". Zip code: 10023", "language": "en",
                               "ad_hoc_recognizers": [recognizer]})
    assert status == 200
    zip_code = {"analysis_explanation": None, "end": 55, "entity_type": "ZIP", "score": 0.4, "start": 50}
    assert [r for r in results(content) if r["entity_type"] in ("PERSON", "US_DRIVER_LICENSE", "ZIP")] == \
        without_ner([PERSON, DL, zip_code], has_ner)


def test_given_ad_hoc_deny_list_recognizer_the_right_entities_are_returned(has_ner):
    status, content = analyze({"text": "Mr. John Smith's drivers license is AC432223", "language": "en",
                               "ad_hoc_recognizers": [
                                   {"name": "Mr. Recognizer", "supported_language": "en",
                                    "deny_list": ["Mr.", "Mister"], "supported_entity": "MR_TITLE"},
                                   {"name": "Ms. Recognizer", "supported_language": "en",
                                    "deny_list": ["Ms.", "Miss", "Mrs."], "supported_entity": "MS_TITLE"}]})
    assert status == 200
    expected = [{"analysis_explanation": None, "end": 3, "entity_type": "MR_TITLE", "score": 1.0, "start": 0},
                {"analysis_explanation": None, "end": 14, "entity_type": "PERSON", "score": 0.85, "start": 4},
                {"analysis_explanation": None, "end": 44, "entity_type": "US_DRIVER_LICENSE",
                 "score": 0.6499999999999999, "start": 36}]
    assert results(content) == without_ner(expected, has_ner)


def test_given_allow_list_then_no_entity_is_returned():
    status, content = analyze({"text": "email: admin@github.com", "language": "en",
                               "allow_list": ["admin@github.com"]})
    assert status == 200
    assert results(content) == []


def test_given_allow_list_with_regex_match_then_no_entity_is_returned():
    status, content = analyze({"text": "email: admin@github.com", "language": "en",
                               "allow_list": [".*@github.com"], "allow_list_match": "regex"})
    assert status == 200
    assert results(content) == []


EMAIL = {"analysis_explanation": None, "end": 23, "entity_type": "EMAIL_ADDRESS", "score": 1.0, "start": 7}


def test_given_allow_list_without_setting_allow_list_match_then_normal_entity_is_returned():
    status, content = analyze({"text": "email: admin@github.com", "language": "en", "allow_list": [".*@github.com"]})
    assert status == 200
    assert results(content) == [EMAIL]


def test_given_regex_flags_and_normal_entities_are_returned():
    status, content = analyze({"text": "email: admin@GitHub.com", "language": "en", "allow_list": [".*@github.com"],
                               "allow_list_match": "regex", "regex_flags": 0})
    assert status == 200
    assert results(content) == [EMAIL]


def test_batch_text_returns_one_list_per_text():
    status, content = analyze({"text": [LICENSE_TEXT, "nothing to see"], "language": "en", "score_threshold": 0.5})
    assert status == 200
    assert [[r["entity_type"] for r in item if r["entity_type"] != "PERSON"] for item in results(content)] == \
        [["US_DRIVER_LICENSE"], []]


def test_health_and_recognizers():
    status, content = get(ANALYZER, "health")
    assert status == 200
    assert content == b"Presidio Analyzer service is up"
    status, content = get(ANALYZER, "recognizers?language=en")
    assert status == 200
    assert "PhoneRecognizer" in results(content)


# ---- anonymizer (test_api_anonymizer.py) ---------------------------------------------------------

NAME_TEXT = "hello world, my name is Jane Doe. My number is: 034453334"


def test_given_anonymize_called_with_valid_request_then_expected_valid_response_returned():
    status, content = anonymize({
        "text": NAME_TEXT,
        "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "ANONYMIZED"},
                        "PHONE_NUMBER": {"type": "mask", "masking_char": "*", "chars_to_mask": 4, "from_end": True}},
        "analyzer_results": [{"start": 24, "end": 32, "score": 0.8, "entity_type": "NAME"},
                             {"start": 24, "end": 28, "score": 0.8, "entity_type": "FIRST_NAME"},
                             {"start": 29, "end": 32, "score": 0.6, "entity_type": "LAST_NAME"},
                             {"start": 48, "end": 57, "score": 0.95, "entity_type": "PHONE_NUMBER"}]})
    assert status == 200
    assert results(content) == {
        "text": "hello world, my name is ANONYMIZED. My number is: 03445****",
        "items": [{"start": 50, "end": 59, "entity_type": "PHONE_NUMBER", "text": "03445****", "operator": "mask"},
                  {"start": 24, "end": 34, "entity_type": "NAME", "text": "ANONYMIZED", "operator": "replace"}]}


def test_given_anonymize_called_with_empty_text_then_invalid_input_message_returned():
    status, content = anonymize({"text": "", "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "X"}},
                                 "analyzer_results": []})
    assert status == 200
    assert results(content) == {"text": "", "items": []}


def test_given_anonymize_called_with_empty_analyzer_results_then_unchanged_text_is_returned():
    status, content = anonymize({"text": "hello world! nice to meet you!",
                                 "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "ANONYMIZED"}},
                                 "analyzer_results": []})
    assert status == 200
    assert results(content) == {"text": "hello world! nice to meet you!", "items": []}


def test_given_anonymize_called_with_deformed_body_then_bad_request_error_returned():
    deformed = """{"text": "hello", "anonymizers": {"DEFAULT": {"type": "replace"},},
                   "analyzer_results": [{"start": 0, "end": 5, "score": 0.8, "entity_type": "NAME"},]}"""
    status, content = anonymize(deformed)
    assert status == 400
    assert results(content) == {"error": "The browser (or proxy) sent a request that this server could not understand."}


def test_given_anonymize_called_with_custom_then_bad_request_error_returned():
    status, content = anonymize({
        "text": "The user has the following two emails: email1@conto.com and email2@conto.com",
        "anonymizers": {"DEFAULT": {"type": "custom", "new_value": "lambda x:  x[::-1]"}},
        "analyzer_results": [{"start": 39, "end": 55, "score": 1.0, "entity_type": "EMAIL_ADDRESS"},
                             {"start": 60, "end": 76, "score": 1.0, "entity_type": "EMAIL_ADDRESS"}]})
    assert status == 400
    assert results(content) == {"error": "Custom type anonymizer is not supported"}


def test_given_anonymizers_called_then_expected_anonymizers_list_returned():
    status, content = get(ANONYMIZER, "anonymizers")
    assert status == 200
    assert {"hash", "mask", "redact", "replace", "encrypt", "keep"} <= set(results(content))


def test_given_deanonymizers_called_then_expected_list_returned():
    status, content = get(ANONYMIZER, "deanonymizers")
    assert status == 200
    assert results(content) == ["decrypt", "deanonymize_keep"]


CIPHERTEXT = "e6HnOMnIxbd4a8Qea44LshQDnjvxwzBIaAz+YqHNnMW2mC5r3AWoay8Spsoajyyy"


def test_given_decrypt_called_with_encrypted_text_then_decrypted_text_returned():
    status, content = deanonymize({"text": CIPHERTEXT,
                                   "deanonymizers": {"NUMBER": {"type": "decrypt", "key": "1111111111111111"}},
                                   "anonymizer_results": [{"start": 0, "end": len(CIPHERTEXT), "entity_type": "NUMBER"}]})
    assert status == 200
    assert results(content) == {"text": "text_for_encryption", "items": [
        {"start": 0, "end": 19, "entity_type": "NUMBER", "text": "text_for_encryption", "operator": "decrypt"}]}


def test_given_decrypt_called_with_invalid_key_then_invalid_input_response_returned():
    text = "e6HnOMnIxbd4a8Qea44LshQDnjvxwzBIaAz + YqHNnMW2mC5r3AWoay8Spsoajyyy"
    status, content = deanonymize({"text": text, "deanonymizers": {"NUMBER": {"type": "decrypt", "key": "invalidkey"}},
                                   "anonymizer_results": [{"start": 0, "end": len(text), "entity_type": "NUMBER"}]})
    assert status == 422
    assert results(content) == {"error": "Invalid input, key must be of length 128, 192 or 256 bits"}


def test_given_decrypt_called_with_missing_key_then_invalid_input_response_returned():
    status, content = deanonymize({"text": CIPHERTEXT})
    assert status == 200
    assert results(content) == {"text": CIPHERTEXT, "items": []}


def test_given_decrypt_called_with_missing_text_then_empty_text_is_returned():
    status, content = deanonymize({"key": "1111111111111111"})
    assert status == 200
    assert results(content) == {"text": "", "items": []}


def test_given_decrypt_called_with_missing_payload_then_bad_request_response_returned():
    status, content = deanonymize("{ }")
    assert status == 400
    assert results(content) == {"error": "Invalid request json"}


def test_given_encrypt_called_then_decrypt_returns_the_original_encrypted_text():
    text = "Lorem Ipsum is a Software Engineer"
    _, content = anonymize({"text": text,
                            "anonymizers": {"DEFAULT": {"type": "encrypt", "key": "1111111111111111"},
                                            "TITLE": {"type": "encrypt", "key": "2222222222222222"}},
                            "analyzer_results": [{"start": 0, "end": 12, "score": 0.8, "entity_type": "NAME"},
                                                 {"start": 18, "end": len(text), "score": 0.8, "entity_type": "TITLE"}]})
    encrypted = results(content)["text"]
    _, content = deanonymize({"text": encrypted,
                              "deanonymizers": {"DEFAULT": {"type": "decrypt", "key": "1111111111111111"},
                                                "TITLE": {"type": "decrypt", "key": "2222222222222222"}},
                              "anonymizer_results": [{"start": 0, "end": 44, "entity_type": "NAME"},
                                                     {"start": 50, "end": 114, "entity_type": "TITLE"}]})
    assert results(content)["text"] == text


def test_keep_name():
    status, content = anonymize({"text": NAME_TEXT,
                                 "anonymizers": {"NAME": {"type": "keep"}, "PHONE_NUMBER": {"type": "replace"}},
                                 "analyzer_results": [{"start": 24, "end": 32, "score": 0.80, "entity_type": "NAME"},
                                                      {"start": 48, "end": 57, "score": 0.95,
                                                       "entity_type": "PHONE_NUMBER"}]})
    assert status == 200
    assert results(content) == {
        "text": "hello world, my name is Jane Doe. My number is: <PHONE_NUMBER>",
        "items": [{"start": 48, "end": 62, "entity_type": "PHONE_NUMBER", "text": "<PHONE_NUMBER>", "operator": "replace"},
                  {"start": 24, "end": 32, "entity_type": "NAME", "text": "Jane Doe", "operator": "keep"}]}


OVERLAP = [{"start": 4, "end": 21, "score": 0.80, "entity_type": "NAME"},
           {"start": 11, "end": 33, "score": 0.80, "entity_type": "LOCATION"}]


def test_overlapping_keep_first():
    status, content = anonymize({"text": "I'm George Washington Square Park",
                                 "anonymizers": {"NAME": {"type": "keep"}, "LOCATION": {"type": "replace"}},
                                 "analyzer_results": OVERLAP})
    assert status == 200
    assert results(content) == {"text": "I'm George Washington<LOCATION>", "items": [
        {"start": 21, "end": 31, "entity_type": "LOCATION", "text": "<LOCATION>", "operator": "replace"},
        {"start": 4, "end": 21, "entity_type": "NAME", "text": "George Washington", "operator": "keep"}]}


def test_overlapping_keep_second():
    status, content = anonymize({"text": "I'm George Washington Square Park",
                                 "anonymizers": {"NAME": {"type": "replace"}, "LOCATION": {"type": "keep"}},
                                 "analyzer_results": OVERLAP})
    assert status == 200
    assert results(content) == {"text": "I'm <NAME>Washington Square Park", "items": [
        {"start": 10, "end": 32, "entity_type": "LOCATION", "text": "Washington Square Park", "operator": "keep"},
        {"start": 4, "end": 10, "entity_type": "NAME", "text": "<NAME>", "operator": "replace"}]}


def test_overlapping_keep_both():
    status, content = anonymize({"text": "I'm George Washington Square Park",
                                 "anonymizers": {"DEFAULT": {"type": "keep"}}, "analyzer_results": OVERLAP})
    assert status == 200
    assert results(content) == {"text": "I'm George WashingtonWashington Square Park", "items": [
        {"start": 21, "end": 43, "entity_type": "LOCATION", "text": "Washington Square Park", "operator": "keep"},
        {"start": 4, "end": 21, "entity_type": "NAME", "text": "George Washington", "operator": "keep"}]}


# ---- analyzer -> anonymizer (test_api_e2e_integration_flows.py) ----------------------------------

def analyze_then_anonymize(analyzer_request, anonymizers):
    status, content = analyze(analyzer_request)
    assert status == 200
    found = results(content)
    request = {"text": analyzer_request["text"], "analyzer_results": found}
    if anonymizers is not None:
        request["anonymizers"] = anonymizers
    status, content = anonymize(request)
    assert status == 200
    return found, results(content)


MASK_DL = {"DEFAULT": {"type": "replace", "new_value": "ANONYMIZED"},
           "US_DRIVER_LICENSE": {"type": "mask", "masking_char": "*", "chars_to_mask": 4, "from_end": True},
           "PERSON": {"type": "replace", "new_value": "<PERSON>"}}
PERSON_ITEM = {"start": 0, "end": 8, "entity_type": "PERSON", "text": "<PERSON>", "operator": "replace"}


def test_given_text_with_pii_then_analyze_and_anonymize_successfully(has_ner):
    found, anonymized = analyze_then_anonymize({"text": LICENSE_TEXT, "language": "en"}, MASK_DL)
    assert found == without_ner([PERSON, DL], has_ner)
    if has_ner:
        assert anonymized == {"text": "<PERSON> drivers license is AC43****", "items": [
            {"start": 28, "end": 36, "entity_type": "US_DRIVER_LICENSE", "text": "AC43****", "operator": "mask"},
            PERSON_ITEM]}
    else:
        assert anonymized == {"text": "John Smith drivers license is AC43****", "items": [
            {"start": 30, "end": 38, "entity_type": "US_DRIVER_LICENSE", "text": "AC43****", "operator": "mask"}]}


def test_given_a_correct_analyze_input_high_threashold_then_anonymize_partially(has_ner):
    found, anonymized = analyze_then_anonymize({"text": LICENSE_TEXT, "language": "en", "score_threshold": 0.7},
                                               MASK_DL)
    assert found == without_ner([PERSON], has_ner)
    if has_ner:
        assert anonymized == {"text": "<PERSON> drivers license is AC432223", "items": [PERSON_ITEM]}
    else:
        assert anonymized == {"text": LICENSE_TEXT, "items": []}


def test_given_a_correct_analyze_input_with_high_threshold_and_unmatched_entities_then_anonymize_partially(has_ner):
    _, content = get(ANALYZER, "supportedentities?language=en")
    found, anonymized = analyze_then_anonymize({"text": LICENSE_TEXT, "language": "en", "score_threshold": 0.7,
                                                "entities": results(content)}, MASK_DL)
    assert found == without_ner([PERSON], has_ner)
    assert anonymized["text"] == ("<PERSON> drivers license is AC432223" if has_ner else LICENSE_TEXT)


def test_given_an_unknown_entity_then_anonymize_uses_defaults(has_ner):
    found, anonymized = analyze_then_anonymize({"text": LICENSE_TEXT, "language": "en"},
                                               {"ABC": {"type": "replace", "new_value": "<PERSON>"}})
    assert found == without_ner([PERSON, DL], has_ner)
    if has_ner:
        assert anonymized == {"text": "<PERSON> drivers license is <US_DRIVER_LICENSE>", "items": [
            {"start": 28, "end": 47, "entity_type": "US_DRIVER_LICENSE", "text": "<US_DRIVER_LICENSE>",
             "operator": "replace"}, PERSON_ITEM]}
    else:
        assert anonymized["text"] == "John Smith drivers license is <US_DRIVER_LICENSE>"


def joined_lines(path):
    return " ".join(line.strip() for line in path.read_text(encoding="utf-8").split("\n"))


def test_demo_website_text_returns_correct_anonymized_version(has_ner):
    # Presidio's check on a demo text of our own with the same entity kinds and context cues.
    here = Path(__file__).resolve().parent / "resources"
    text = joined_lines(here / "demo.txt")
    _, anonymized = analyze_then_anonymize({"text": text, "language": "en", "score_threshold": 0.35}, None)
    expected = joined_lines(here / "demo_anonymized.txt")
    if not has_ner:  # without NER the names and the place stay as written
        expected = expected.replace("<PERSON> and I live in <LOCATION>", "Clara Novak and I live in Ohio")
        expected = expected.replace("<PERSON>'s social", "Kate's social")
    assert anonymized["text"] == expected
