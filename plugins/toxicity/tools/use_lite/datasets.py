"""Readers for the shared toxicity corpora (../shared/data/toxicity), as labelled examples.

Each example is (text, source, targets) where targets maps a label name to a probability in [0, 1]; a label a
corpus says nothing about is absent (the trainer masks it). Test splits are never read: TweetEval is read from
its train/validation files only, Toxic Spans' SemEval test posts are dropped from the Civil Comments pool, and
the Wikipedia identity set keeps its train and dev rows only.
"""
import csv
import os
from collections import defaultdict

csv.field_size_limit(1 << 24)

SUBTYPES = ("insult", "obscene", "threat")
LABELS = ("toxicity", "identity_attack") + SUBTYPES


def _clean_negative():
    return {label: 0.0 for label in LABELS}


def tweeteval(root, task, split):
    folder = os.path.join(root, f"tweeteval-{task}")
    with open(os.path.join(folder, f"{split}_text.txt"), encoding="utf-8") as f:
        texts = [line.rstrip("\n") for line in f]
    with open(os.path.join(folder, f"{split}_labels.txt")) as f:
        labels = [int(line) for line in f if line.strip()]
    out = []
    for text, y in zip(texts, labels):
        if task == "offensive":
            targets = {"toxicity": float(y)} if y else _clean_negative()
        else:
            targets = {"identity_attack": float(y), "toxicity": 1.0} if y else {"identity_attack": 0.0}
        out.append((text, f"tweeteval-{task}", targets))
    return out


def davidson(root):
    out = []
    with open(os.path.join(root, "davidson-hate-offensive", "labeled_data.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            count = float(row["count"])
            hate = float(row["hate_speech"]) / count
            offensive = float(row["offensive_language"]) / count
            targets = {"toxicity": min(1.0, hate + offensive)}
            if hate + offensive == 0:
                targets = _clean_negative()
            out.append((row["tweet"], "davidson", targets))
    return out


def surge(root):
    out = []
    with open(os.path.join(root, "surge-toxicity", "toxicity_en.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            toxic = row["is_toxic"].strip().lower() in ("toxic", "1", "true")
            out.append((row["text"], "surge", {"toxicity": 1.0} if toxic else _clean_negative()))
    return out


def toxic_spans(root):
    """Civil Comments posts: per-annotator 'not toxic' flags and typed spans, as annotator fractions."""
    folder = os.path.join(root, "toxic-spans")
    test_texts = set()
    with open(os.path.join(folder, "tsd_test.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            test_texts.add(row["text"].strip())
    comments = {}
    with open(os.path.join(folder, "comments.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            comments[row["comment_id"]] = row["comment_text"]
    annotators = defaultdict(list)  # comment -> [annotation ids]
    not_toxic = {}
    with open(os.path.join(folder, "annotations.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            annotators[row["comment_id"]].append(row["annotation"])
            not_toxic[row["annotation"]] = row["not toxic"] == "True"
    types = defaultdict(set)
    kind = {"Insult": "insult", "Profane/Obscene": "obscene", "Threat": "threat",
            "Identity based Attack": "identity_attack"}
    with open(os.path.join(folder, "spans.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["type"] in kind:
                types[row["annotation"]].add(kind[row["type"]])
    out = []
    for cid, anns in annotators.items():
        text = comments.get(cid)
        if text is None or text.strip() in test_texts:
            continue
        n = float(len(anns))
        targets = {"toxicity": sum(not not_toxic[a] for a in anns) / n}
        for label in ("identity_attack",) + SUBTYPES:
            targets[label] = sum(label in types[a] for a in anns) / n
        out.append((text, "toxic-spans", targets))
    return out


def _hate_or_neutral(path, source, hate, neutral):
    """A TSV with `label` and `text` columns: rows labelled `hate` are hateful identity attacks, rows labelled
    `neutral` are clean negatives, any other label is skipped."""
    out = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["label"] == hate:
                out.append((row["text"], source, {"toxicity": 1.0, "identity_attack": 1.0}))
            elif row["label"] == neutral:
                out.append((row["text"], source, _clean_negative()))
    return out


def stormfront(root):
    return _hate_or_neutral(os.path.join(root, "stormfront", "stormfront.tsv"), "stormfront", "hate", "noHate")


def mlma(root):
    out = []
    with open(os.path.join(root, "mlma", "en_dataset.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            labels = set(row["sentiment"].split("_"))
            if labels == {"normal"}:
                out.append((row["tweet"], "mlma", _clean_negative()))
            elif "normal" not in labels:
                targets = {"toxicity": 1.0}
                if "hateful" in labels:
                    targets["identity_attack"] = 1.0
                out.append((row["tweet"], "mlma", targets))
    return out


def toxigen(root):
    return _hate_or_neutral(os.path.join(root, "toxigen-prompts", "toxigen_prompts.tsv"), "toxigen", "hate", "neutral")


def wiki_identity(root):
    out = []
    with open(os.path.join(root, "wiki-identity-debias", "toxicity_debiasing_data.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row.get("split") in ("train", "dev") and row.get("is_toxic") == "False":
                out.append((row["comment"], "wiki-identity", _clean_negative()))
    return out


def supplement(root):
    """The hand-written supplement (supplement_train.tsv beside this file; SUPPLEMENT.md): threats, harassment
    and everyday benign chat, which the public corpora lack. `root` is unused: the file is part of the repository."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "supplement_train.tsv")
    extra = {"threat": "threat", "insult": "insult", "identity_attack": "identity_attack"}
    out = []
    for text, category, label in everyday(path):
        if label:
            targets = {"toxicity": 1.0}
            if category in extra:
                targets[extra[category]] = 1.0
        else:
            targets = _clean_negative()
        out.append((text, "supplement", targets))
    return out


READERS = {
    "tweeteval-offensive": lambda root: tweeteval(root, "offensive", "train"),
    "tweeteval-hate": lambda root: tweeteval(root, "hate", "train"),
    "davidson": davidson,
    "surge": surge,
    "toxic-spans": toxic_spans,
    "stormfront": stormfront,
    "mlma": mlma,
    "toxigen": toxigen,
    "wiki-identity": wiki_identity,
    "supplement": supplement,
}


def everyday(path):
    """The hand-written everyday dev set: (text, category, label)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.append((row["text"], row["category"], int(row["label"])))
    return out
