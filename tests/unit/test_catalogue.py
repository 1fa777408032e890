"""Every stored event has a fixed topic, a class version and a catalogue entry."""

from __future__ import annotations

from pathlib import Path

from events.catalogue import event_classes, markdown
from workflow.domain.facts import CATALOGUE


def test_every_event_class_has_an_explicit_dtks_topic_and_class_version():
    classes = event_classes()
    assert len(classes) == len(CATALOGUE)
    for cls in classes:
        assert cls.TOPIC.startswith("dtks."), cls
        version = cls.__dict__["class_version"]
        assert version >= 1, cls
        for older in range(1, version):  # each older shape has its upcaster
            assert callable(getattr(cls, f"upcast_v{older}_v{older + 1}")), cls


def test_the_catalogue_document_matches_the_code():
    document = Path(__file__).parents[2] / "docs" / "EVENTS.md"
    assert document.read_text() == markdown(), "run: dtks catalogue > docs/EVENTS.md"


def test_stored_topics_do_not_depend_on_python_class_names(ledger, actors):
    from tests.support import add_body, family_of_three

    kk, members = family_of_three()
    ledger.submit_proposal(actors["operator"], add_body(kk, members))
    topics = {n.topic for n in ledger.recorder.select_notifications(None, 1000)}
    assert topics and all(t.startswith("dtks.") for t in topics)
