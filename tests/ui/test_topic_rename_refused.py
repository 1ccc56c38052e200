"""Renaming a topic from its chip's menu to a name no topic can have (a web address, a U+202E,
digits only, 2,000 letters) is refused with one clear message and changes nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from diptych.core.model import Topic, TopicSet
from diptych.ui.topic_editor import TopicEditor

TS = TopicSet("mine", (Topic("coup", "#d64541", ("coup",)),), proposed=True)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("https://example.com/coup", "a topic name cannot be a web or file address"),
        ("coup \u202epuoc", "a topic name cannot hold control, direction or invisible characters"),
        ("2019", "a topic name needs a letter (not only digits or punctuation)"),
        ("Q" + "u" * 1999, "a topic name is at most 60 characters"),
        ("  ", "a topic needs a name"),
    ],
)
def test_an_absurd_name_typed_in_the_rename_dialog_is_refused(qapp, name: str, said: str) -> None:
    analysis = SimpleNamespace(topics=SimpleNamespace(topic_set=TS))
    editor = TopicEditor(lambda: analysis)
    editor.ask_text = lambda *_a: name
    messages: list[str] = []
    editor.message.connect(messages.append)
    editor.ask_rename("coup")
    assert messages == [f"Topics not changed: {said}."]
    assert not editor.is_busy()  # nothing is being applied
    assert analysis.topics.topic_set is TS
