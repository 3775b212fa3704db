"""Generate report-like Vietnamese documents for scale benchmarks (never committed).

python scripts/generate_corpus.py --count 2000 --out bench/corpus
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PROVINCES = [
    "An Giang",
    "Bắc Ninh",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Điện Biên",
    "Đồng Nai",
    "Gia Lai",
    "Hà Tĩnh",
    "Hưng Yên",
    "Khánh Hòa",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Nghệ An",
    "Ninh Bình",
    "Phú Thọ",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sơn La",
    "Tây Ninh",
    "Thái Nguyên",
    "Thanh Hóa",
    "Tuyên Quang",
    "Vĩnh Long",
    "Đồng Tháp",
]
BLOCS = [
    "Khối thi đua số {n}",
    "Khối thi đua các cơ quan Trung ương",
    "Khối các cơ quan nội chính",
    "Khối thi đua các sở, ban, ngành kinh tế",
    "Cụm thi đua số {n}",
    "Khối các doanh nghiệp",
]
UNITS = [
    "Cục Thuế tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Cục Thống kê tỉnh",
    "Ngân hàng Nhà nước chi nhánh tỉnh",
    "Cục Hải quan",
    "Cục Quản lý thị trường",
    "Sở Tư pháp",
    "Thanh tra tỉnh",
    "Công an tỉnh",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài chính",
    "Sở Công Thương",
    "Tòa án nhân dân tỉnh",
    "Viện kiểm sát nhân dân tỉnh",
    "Cục Thi hành án dân sự",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Điện lực tỉnh",
    "Bưu điện tỉnh",
]
FILLER = [
    "Các đơn vị trong Khối đã triển khai nhiều phong trào thi đua gắn với nhiệm vụ chính trị.",
    "Công tác khen thưởng được thực hiện kịp thời, đúng người, đúng thành tích.",
    "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng trong toàn Khối.",
    "Việc chấm điểm, xếp hạng thi đua bảo đảm công khai, minh bạch, đúng quy định.",
    "Phong trào thi đua yêu nước tiếp tục được đổi mới về nội dung và hình thức.",
    "Các đơn vị phối hợp chặt chẽ, hoàn thành và vượt các chỉ tiêu được giao.",
    "Công tác tuyên truyền, phát hiện và nhân rộng điển hình tiên tiến được chú trọng.",
    "Ứng dụng công nghệ thông tin, chuyển đổi số trong quản lý được đẩy mạnh.",
]


def make_document(rng: random.Random, number: int) -> tuple[str, str]:
    """A file name and the text of one generated report."""
    province = rng.choice(PROVINCES)
    bloc = rng.choice(BLOCS).format(n=rng.randint(1, 12))
    year = rng.randint(2016, 2025)
    members = rng.sample(UNITS, rng.randint(5, 9))
    leader, deputy, flag = members[0], members[1], rng.choice(members)
    day, month = rng.randint(1, 28), rng.choice([1, 2, 12])
    meeting_year = year if month == 12 else year + 1
    title = f"{bloc} tỉnh {province} tổng kết công tác thi đua, khen thưởng năm {year}"
    body = [
        title,
        "",
        f"Chiều ngày {day}/{month}/{meeting_year}, tại {leader}, {bloc} tổ chức hội nghị tổng "
        f"kết công tác thi đua, khen thưởng năm {year} và triển khai nhiệm vụ năm {year + 1}.",
        f"{bloc} gồm {len(members):02d} đơn vị: {', '.join(members[:-1])} và {members[-1]}.",
        *rng.sample(FILLER, 4),
        f"Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho {flag} và Bằng khen cho "
        f"{rng.randint(2, 6):02d} tập thể thuộc Khối.",
        f"{leader} bàn giao Khối trưởng cho {deputy}; hội nghị suy tôn "
        f"{rng.choice(members[2:])} làm Khối phó năm {year + 1}.",
        *rng.sample(FILLER, 3),
    ]
    return f"gen_{number:05d}.txt", "\n\n".join(body) + "\n"


def main() -> None:
    """Write the documents."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for number in range(args.count):
        name, text = make_document(rng, number)
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"{args.count} documents in {args.out}")


if __name__ == "__main__":
    main()
