"""Sentence splitting: hard line breaks joined, numbers and abbreviations kept whole."""

from __future__ import annotations

from bot.vi.sentences import split_sentences, unwrap_lines


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
