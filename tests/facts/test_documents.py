"""Documents: those a report cites, and a document's own header."""

from __future__ import annotations

from bot.facts.model import FactKind
from tests.facts.conftest import dev_facts, facts_of, needs_corpus, of_kind


def test_cited_document() -> None:
    found = facts_of(
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi "
        "hành Luật Thi đua, khen thưởng; Thông tư số 12/2019/TT-BNV của Bộ Nội vụ."
    )
    decree, circular = of_kind(found, FactKind.DOCUMENT)
    assert (decree.number, decree.doc_type, decree.date, decree.unit) == (
        "98/2023/NĐ-CP",
        "Nghị định",
        "2023-12-31",
        "Chính phủ",
    )
    assert decree.subject == "quy định chi tiết thi hành Luật Thi đua, khen thưởng"
    assert (circular.number, circular.unit, circular.year) == ("12/2019/TT-BNV", "Bộ Nội vụ", 2019)


@needs_corpus
def test_dev_corpus_cited_documents() -> None:
    documents = {(f.number, f.date, f.unit) for f in of_kind(dev_facts("002_"), FactKind.DOCUMENT)}
    assert documents == {
        ("157/QĐ-KTĐS6", "2022-03-22", None),
        ("1224/SNV-TĐKT", "2022-05-31", "Sở Nội vụ tỉnh Đồng Tháp"),
    }
    (decision,) = of_kind(dev_facts("004_"), FactKind.DOCUMENT)
    assert (decision.number, decision.date, decision.unit) == (
        "354/QĐ-UBND",
        "2018-03-12",
        "Ủy ban nhân dân tỉnh",
    )


@needs_corpus
def test_dev_corpus_guidance_header() -> None:
    (header,) = [f for f in dev_facts("x026_") if f.rule == "document.header"]
    assert (header.number, header.date, header.doc_type) == (
        "1479/HD-BTĐKT",
        "2016-07-25",
        "Hướng dẫn",
    )


def test_effective_date_of_a_regulation() -> None:
    found = facts_of(
        "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2024 và thay "
        "thế Quyết định số 16/2018/QĐ-UBND ngày 10/4/2018 của UBND tỉnh.",
        title=(title := "Quyết định ban hành Quy chế công tác thi đua, khen thưởng"),
    )
    (effective,) = [f for f in found if f.rule == "document.effective"]
    assert effective.date == "2024-09-01"
    assert effective.subject == f"{title} có hiệu lực"


def test_effective_from_signing_has_no_date() -> None:
    found = facts_of("Quyết định này có hiệu lực kể từ ngày ký.")
    assert [f for f in found if f.rule == "document.effective"] == []
