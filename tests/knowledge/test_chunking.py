"""Sentence splitting and chunking."""

from __future__ import annotations

from bot.knowledge.chunking import chunk_sentences, split_sentences, unwrap_lines


def test_unwrap_joins_hard_breaks_inside_sentences_only() -> None:
    text = (
        "Hội nghị đã thống nhất đề nghị Ủy ban nhân dân tỉnh tặng Cờ thi đua cho\n"
        "Cục Thuế tỉnh và Bằng khen cho 05 tập\nthể thuộc Khối.\nTIÊU ĐỀ\n\nĐoạn mới."
    )
    assert unwrap_lines(text) == (
        "Hội nghị đã thống nhất đề nghị Ủy ban nhân dân tỉnh tặng Cờ thi đua cho Cục Thuế tỉnh "
        "và Bằng khen cho 05 tập thể thuộc Khối.\nTIÊU ĐỀ\n\nĐoạn mới."
    )


def test_split_sentences_respects_numbers_abbreviations_and_glued_periods() -> None:
    text = (
        "Cục Thuế thu 10.500 tỷ đồng. Đ/c Nguyễn Văn A phát biểu tại TP. Hồ Chí Minh. "
        "Hội nghị bế mạc.Khối thi đua đã suy tôn Sở Y tế làm Khối trưởng năm 2024."
    )
    assert split_sentences(text) == [
        "Cục Thuế thu 10.500 tỷ đồng.",
        "Đ/c Nguyễn Văn A phát biểu tại TP. Hồ Chí Minh.",
        "Hội nghị bế mạc.",
        "Khối thi đua đã suy tôn Sở Y tế làm Khối trưởng năm 2024.",
    ]


def test_chunks_never_split_a_sentence_and_respect_the_size() -> None:
    sentences = [f"Câu số {i} nói về khối thi đua và hội nghị tổng kết." for i in range(20)]
    chunks = chunk_sentences(sentences, max_chars=120)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert all(len(c.text) <= 120 for c in chunks)
    assert "\n".join(c.text for c in chunks) == "\n".join(sentences)
    assert split_sentences(chunks[0].text) == sentences[: len(chunks[0].text.splitlines())]
    long_sentence = "x" * 300
    assert chunk_sentences([long_sentence], 120)[0].text == long_sentence
