"""The scoring rule of the question sets, as stated at the top of dev_questions.yaml."""

from __future__ import annotations

from bot.answers.evaluation import Question, is_correct
from bot.answers.service import Answer, Kind


def _question(
    answer: str, must_contain: tuple[str, ...] = (), must_not_contain: tuple[str, ...] = ()
) -> Question:
    return Question(
        id="q",
        question="?",
        answer=answer,
        category="meeting",
        must_contain=must_contain,
        must_not_contain=must_not_contain,
    )


def _reply(text: str, kind: Kind = Kind.FACT) -> Answer:
    return Answer("?", text, kind)


def test_dates_compare_without_leading_zeros_and_diacritics() -> None:
    assert is_correct(
        _question("Chiều 9/7/2013"), _reply("Hội nghị: chieu 09/07/2013, tại Bộ CHQS.")
    )


def test_whole_words_only() -> None:
    assert not is_correct(_question("Ban Dân vận"), _reply("Ban Dân vậnx."))
    assert is_correct(_question("Ban Dân vận"), _reply("Khối trưởng: Ban Dân vận Tỉnh ủy."))


def test_must_not_contain_and_length() -> None:
    question = _question("Hải Phòng", must_not_contain=("Đà Nẵng",))
    assert not is_correct(question, _reply("Hải Phòng (cụm trưởng), Đà Nẵng (cụm phó)"))
    assert not is_correct(_question("Hải Phòng"), _reply("Hải Phòng " + "x" * 250))
    assert is_correct(
        _question("Hải Phòng", must_contain=("Đà Nẵng",)),
        _reply("Hải Phòng, Đà Nẵng. " + "x" * 300),
    )


def test_unanswerable_needs_an_abstention() -> None:
    assert is_correct(_question("unanswerable"), _reply("Không rõ.", Kind.UNANSWERABLE))
    assert not is_correct(_question("unanswerable"), _reply("Sở Nội vụ."))
    assert not is_correct(_question("Sở Nội vụ"), _reply("Sở Nội vụ.", Kind.UNANSWERABLE))
