"""Every Vietnamese word list, written with its marks, in one place.

The lists are plain data; the modules that match them build their phrase tables from here, so a
word learned for question analysis is known to extraction and metadata too. Sections follow the
topic, not the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# --- shared ---------------------------------------------------------------------------------

# Determiners before "khối"/"cụm" that make it blocs in general ("các khối"), not one bloc.
GENERIC_DETERMINERS: Final = ("các", "những", "mỗi", "từng")

# --- question analysis ----------------------------------------------------------------------

# Alone, these match only when typed with marks: "co" is có/cơ/cờ, "dau" is đâu/đầu.
NEEDS_MARKS: Final = frozenset({"cờ", "tặng", "đâu", "dự", "số", "sở", "viện"})

# Chat shorthand, on top of normalize.ABBREVIATIONS.
CHAT_SHORTHAND: Final[Mapping[str, str]] = {
    "đv": "đơn vị",
    "qđ": "quyết định",
    "kh": "kế hoạch",
    "cv": "công văn",
    "bk": "bằng khen",
    "gk": "giấy khen",
    "ctđ": "cờ thi đua",
    "bn": "bao nhiêu",
    "ko": "không",
}
# Folded abbreviations that are also ordinary words: expanded only when typed in capitals
# ("TƯ" is Trung ương, "tư pháp" is not).
CAPITALS_ONLY: Final = frozenset({"tu"})

ROLE_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    "khối trưởng": ("leader", "khối"),
    "trưởng khối": ("leader", "khối"),
    "cụm trưởng": ("leader", "cụm"),
    "trưởng cụm": ("leader", "cụm"),
    "khối phó": ("deputy", "khối"),
    "phó khối": ("deputy", "khối"),
    "cụm phó": ("deputy", "cụm"),
    "phó cụm": ("deputy", "cụm"),
    "phó khối trưởng": ("deputy", "khối"),
    "phó trưởng khối": ("deputy", "khối"),
    "phó cụm trưởng": ("deputy", "cụm"),
    "phó trưởng cụm": ("deputy", "cụm"),
}
# "X giữ vai trò gì trong khối": the unit is given, its role is asked.
ROLE_OF_UNIT: Final = ("vai trò", "chức vụ", "vị trí", "chức danh")

# Question words. "nào"/"gì" take their meaning from the noun before them (NOUNS).
WH: Final[Mapping[str, str]] = {
    "ai": "who",
    "những ai": "who",
    "nào": "which",
    "gì": "what",
    "đâu": "where",
    "ở đâu": "where",
    "tại đâu": "where",
    "bao nhiêu": "how_many",
    "mấy": "how_many",
    "bao giờ": "time",
    "thời gian": "time",
    "thời điểm": "time",
    "địa điểm": "where",
    "thế nào": "how",
    "như thế nào": "how",
    "ra sao": "how",
    "tại sao": "how",
    "vì sao": "how",
    "làm sao": "how",
    "làm gì": "how",
    "danh sách": "list",
    "có phải": "yes_no",
    "phải không": "yes_no",
    "hay không": "yes_no",
    "có đúng": "yes_no",
}
# Yes/no particles: a question only when they end it.
FINAL_PARTICLES: Final = ("không", "chưa", "chăng")
TRAILING: Final = ("ạ", "vậy", "nhỉ", "nhé", "à", "hả")
NOUNS: Final[Mapping[str, str]] = {
    **dict.fromkeys(("ngày", "khi", "lúc", "hôm", "tháng", "thời gian", "thời điểm"), "time"),
    **dict.fromkeys(("dịp", "buổi", "giờ"), "time"),
    "năm": "year",
    **dict.fromkeys(("nơi", "chỗ", "địa điểm", "địa chỉ"), "where"),
    **dict.fromkeys(
        ("văn bản", "quyết định", "kế hoạch", "chỉ thị", "công văn", "hướng dẫn", "thông tư"),
        "doc",
    ),
    **dict.fromkeys(
        ("nghị định", "nghị quyết", "quy định", "quy chế", "thông báo", "luật", "tờ trình"), "doc"
    ),
    **dict.fromkeys(("khối", "cụm", "khối thi đua", "cụm thi đua"), "bloc"),
    **dict.fromkeys(
        ("đơn vị", "cơ quan", "tập thể", "cá nhân", "tổ chức", "người", "đồng chí", "ông", "bà"),
        "who",
    ),
    **dict.fromkeys(
        ("bên", "thành viên", "doanh nghiệp", "công ty", "cục", "chi cục", "sở", "phòng"), "who"
    ),
    **dict.fromkeys(("trung tâm", "ngành", "địa phương", "huyện", "lãnh đạo"), "who"),
}
# What "bao nhiêu"/"mấy" may count for a COUNT (or an award count) question.
COUNTED: Final = (
    *("đơn vị", "thành viên", "cơ quan", "tập thể", "cá nhân", "khối", "cụm", "tổ chức"),
    *("doanh nghiệp", "huyện", "xã", "phường", "địa phương", "sở", "cục", "ngành"),
    *("cờ", "cờ thi đua", "bằng khen", "giấy khen", "danh hiệu"),
)
COUNT_LEADS: Final = ("số", "số lượng", "tổng số")

MEMBER_CUES: Final = ("gồm", "bao gồm", "thành viên", "thành phần", "có những", "có các")
# "những đơn vị nào trong khối": a member ask; "đơn vị nào trong khối được tặng cờ" is not.
IN_BLOC: Final = ("thuộc", "trong", "của", "ở")

# Award name as asked → the name reported.
AWARDS: Final[Mapping[str, str]] = {
    "cờ thi đua": "cờ thi đua",
    "cờ": "cờ thi đua",
    "cờ dẫn đầu": "cờ dẫn đầu",
    "bằng khen": "bằng khen",
    "giấy khen": "giấy khen",
    "huân chương": "huân chương",
    "chiến sĩ thi đua": "chiến sĩ thi đua",
    "tập thể lao động xuất sắc": "tập thể lao động xuất sắc",
    "lao động tiên tiến": "lao động tiên tiến",
}
AWARD_CUES: Final = (
    *AWARDS,
    *("danh hiệu", "đề nghị tặng", "được tặng", "tặng", "trao tặng", "tặng thưởng", "xét tặng"),
    *("được khen thưởng", "đề nghị khen thưởng", "hình thức khen thưởng", "khen thưởng cho"),
)
# Before "gì"/"nào", these make it an award ask: "danh hiệu gì", "vì thành tích gì".
AWARD_ASK_NOUNS: Final = (
    *("danh hiệu", "hình thức", "thành tích", "khen thưởng", "phần thưởng", "cờ", "bằng khen"),
    *("giấy khen", "tặng", "nhận", "đạt", "được", "trao"),
)

# Meeting words → the meeting named ("" names no kind: "hội nghị", "họp").
MEETINGS: Final[Mapping[str, str]] = {
    "sơ kết": "sơ kết",
    "tổng kết": "tổng kết",
    "ký kết": "ký kết giao ước",
    "kí kết": "ký kết giao ước",
    "giao ước": "ký kết giao ước",
    "hội thao": "hội thao",
    "hội nghị": "",
    "họp": "",
    "cuộc họp": "",
}
CHAIR_VERBS: Final = (
    *("chủ trì", "chỉ đạo", "kết luận", "phát biểu", "khai mạc", "điều hành", "chủ tọa"),
    *("dự", "tham dự", "tới dự"),
)
HOST_VERBS: Final = ("tổ chức", "đăng cai", "tại")

DEADLINE_CUES: Final = (
    *("thời hạn", "hạn nộp", "hạn gửi", "hạn chót", "hạn cuối", "hết hạn", "đến hạn"),
    *("quá hạn", "chậm nhất", "muộn nhất", "trễ nhất", "deadline", "hạn báo cáo"),
)
SUBMIT_VERBS: Final = ("gửi", "nộp", "trình", "báo cáo về", "đăng ký")
BEFORE: Final = "trước"

DOC_CUES: Final = ("số hiệu", "ký hiệu", "ban hành theo", "ban hành kèm theo")
ISSUED: Final = "ban hành"

# A question about one of these ("nhiệm vụ gì", "hạn chế gì") asks for an explanation.
OPEN_NOUNS: Final = (
    *("nhiệm vụ", "trách nhiệm", "vai trò", "quyền hạn", "quyền lợi", "chức năng"),
    *("tiêu chuẩn", "tiêu chí", "điều kiện", "quy trình", "thủ tục", "cách", "cách thức"),
    *("hạn chế", "tồn tại", "khó khăn", "vướng mắc", "ưu điểm", "nhược điểm", "phương hướng"),
    *("giải pháp", "kinh nghiệm", "bài học", "nội dung", "mục tiêu", "mục đích", "ý nghĩa"),
    *("kết quả", "phong trào", "chủ đề", "nguyên tắc", "phát động", "quy định"),
)

# Units ("Cục Thuế", "Bảo hiểm xã hội tỉnh"): heads that are a unit by themselves, and heads
# that need a name after them ("Cục" + "Thuế").
UNIT_HEADS: Final[Mapping[str, bool]] = {
    **dict.fromkeys(
        (
            *("bảo hiểm xã hội", "kho bạc nhà nước", "ngân hàng nhà nước", "hải quan"),
            *("công an", "thanh tra", "tòa án nhân dân", "viện kiểm sát nhân dân"),
            *("bộ đội biên phòng", "bộ chỉ huy quân sự", "truyền tải điện", "điện lực"),
            *("bưu điện", "viễn thông", "liên đoàn lao động", "tỉnh đoàn", "hội nông dân"),
            *("hội liên hiệp phụ nữ", "hội cựu chiến binh", "thi hành án dân sự"),
            *("quản lý thị trường", "mặt trận tổ quốc"),
        ),
        True,
    ),
    **dict.fromkeys(
        (
            *("cục", "chi cục", "tổng cục", "sở", "ngân hàng", "kho bạc", "trung tâm", "viện"),
            *("viện nghiên cứu", "tòa án", "bộ chỉ huy", "phòng", "ban quản lý", "văn phòng"),
            *("ủy ban", "công ty", "tổng công ty", "tập đoàn", "bệnh viện", "đài"),
        ),
        False,
    ),
    # Typed without marks, "so" is also số and sơ: a department is known by its name.
    **dict.fromkeys(
        (
            *("sở nội vụ", "sở tài chính", "sở tư pháp", "sở y tế", "sở giáo dục"),
            *("sở công thương", "sở xây dựng", "sở giao thông", "sở nông nghiệp"),
            *("sở tài nguyên", "sở lao động", "sở văn hóa", "sở khoa học", "sở thông tin"),
            *("sở kế hoạch", "sở ngoại vụ", "sở du lịch"),
        ),
        True,
    ),
}
# Words that open like a unit but are none: "phong trào" (folded like "phòng").
NOT_UNITS: Final = ("phong trào", "phòng chống")
# A head after these is no unit: "các cục", "ngành Thanh tra", "Tổng Thanh tra", "tích cực".
NOT_UNIT_AFTER: Final = ("các", "những", "mỗi", "từng", "ngành", "tổng", "tích")
# Before a unit, these make it the owner or issuer of what is asked about.
OWNER_BEFORE: Final = ("thuộc", "trực thuộc", "của")
# Authorities that award and direct, not units of a bloc.
AUTHORITIES: Final = frozenset({"uy ban nhan dan", "hoi dong nhan dan"})
LOCALITIES: Final = ("huyện", "quận", "thị xã", "thành phố", "xã", "phường", "thị trấn")

# Word pairs that stay inside a name although one word alone would end it ("nhân dân" is not
# "nhận", "tư pháp" not "từ", "xã hội" not "xã", "quản lý" not "quận").
NAME_PARTS: Final = (
    *("nhân dân", "nhà nước", "tài chính", "tài nguyên", "tư pháp", "thi hành", "thi đua"),
    *("kiểm lâm", "lâm nghiệp", "khí tượng", "thú y", "đất đai", "cơ quan", "xã hội"),
    *("quân sự", "quản lý", "tỉnh ủy", "tỉnh đoàn", "đơn vị", "tổng hợp"),
)
# Words that end a bloc's or a unit's name.
NAME_STOPS: Final = (
    *("là", "có", "ai", "nào", "gì", "đâu", "bao nhiêu", "mấy", "được", "đã", "đang", "sẽ"),
    *("do", "năm", "tháng", "ngày", "hôm", "tỉnh", "thành phố", "huyện", "quận", "thị xã"),
    *("xã", "phường", "thị trấn", "ở", "tại", "trong", "vào", "khi", "lúc", "họp"),
    *("hội nghị", "tổ chức", "tổng kết", "sơ kết", "ký kết", "kí kết", "diễn ra", "phát động"),
    *("còn", "đề nghị", "suy tôn", "bầu", "bàn giao", "nhận", "đạt", "tặng", "trao", "về"),
    *("theo", "cho", "với", "cùng", "gồm", "bao gồm", "thì", "mà", "hay", "hoặc", "không"),
    *("chưa", "khối", "cụm", "giữ", "làm", "thu", "gửi", "nộp", "vì", "từ", "đến", "trước"),
    *("sau", "này", "đó", "ạ", "nhé", "vậy", "nhỉ", "chủ trì", "chỉ đạo", "kết luận", "hãy"),
    *("cho biết", "đóng trên", "trên địa bàn", "địa bàn", "việt nam", "chi nhánh", "số"),
    *("cờ", "bằng khen", "giấy khen", "danh hiệu", "thành viên", "vai trò", "nhiệm vụ"),
    *("hạn chế", "kết quả", "những", "các", "ban hành", "chấm điểm", "xếp loại", "đánh giá"),
    *("bình xét", "xét", "thực hiện", "triển khai", "tham gia", "hoạt động", "đăng ký"),
    *("khác", "so với", "mình", "tôi", "thế", "như", "hạn"),
    *DEADLINE_CUES,
)
# Words that end a unit's name but not a bloc's: "Trung tâm X thuộc Sở Nội vụ" vs "Khối thi
# đua các phòng, ban trực thuộc Sở Nội vụ".
UNIT_ONLY_STOPS: Final = ("thuộc", "trực thuộc", "của")
# Words of a bloc's name that do not tell blocs apart ("Khối thi đua các cơ quan ...").
BLOC_FILLERS: Final = ("các", "những", "cơ quan", "đơn vị", "thi đua", "của", "và")
BLOC_WEAK: Final = frozenset({"thuoc", "truc"})
# After a role word ("khối trưởng"), a bloc's name must open with one of these.
BLOC_OPENERS: Final = ("thi đua", "các", "của", "trung ương", "ngành", "nội chính")
# After a comma, a bloc's name goes on only with a list of unit kinds: "các phòng, ban, đơn vị".
LIST_NOUNS: Final = (
    *("đơn vị", "ban", "ngành", "cơ quan", "phòng", "sở", "đoàn thể", "doanh nghiệp", "hội"),
    *("văn phòng", "chi cục", "cục", "trung tâm", "công ty", "hợp tác xã", "trường"),
)
# "khối lượng", "cụm từ" are no blocs.
NOT_BLOC_AFTER: Final = ("lượng", "từ")
QUESTION_GENERIC_BEFORE: Final = (*GENERIC_DETERMINERS, "giữa")

RELATIVE_YEARS: Final[Mapping[str, int]] = {
    "năm nay": 0,
    "năm ngoái": -1,
    "năm trước": -1,
    "năm rồi": -1,
    "năm kia": -2,
    "năm sau": 1,
    "năm tới": 1,
    "sang năm": 1,
}


# --- bloc names in documents ------------------------------------------------------------------

# Words that start the predicate or a place after a bloc's descriptive name.
BLOC_NAME_STOPS: Final = (
    *("tổ chức", "tổng kết", "sơ kết", "họp", "hội nghị", "hội thao", "ký kết", "ký"),
    *("triển khai", "phát động", "phát huy", "thông qua", "bầu", "suy tôn", "bàn giao"),
    *("bình xét", "đề nghị", "thống nhất", "diễn ra", "hoàn thành", "đạt", "thực hiện"),
    *("tham gia", "tham dự", "nhận", "làm", "gồm", "có", "là", "được", "đã", "đang", "sẽ"),
    *("vừa", "năm", "tháng", "ngày", "sáng", "chiều", "giai đoạn", "nhiệm kỳ"),
    *("phương hướng", "trên địa bàn", "đóng trên", "đóng tại", "tại", "ở", "tỉnh"),
    *("thành phố", "tp", "với", "cho", "trong", "về", "theo", "do", "nhằm", "để", "của"),
    *ROLE_WORDS,
)
# Lower units that end a name only when a proper name follows: "các huyện" is a description.
PLACE_UNITS: Final = ("huyện", "quận", "xã", "phường", "thị xã", "thị trấn")
# Kinds of member unit that may follow a comma inside a name: "các cơ quan, đơn vị Trung ương".
MEMBER_UNIT_NOUNS: Final = (
    *("đơn vị", "cơ quan", "ban", "ngành", "sở", "phòng", "đoàn thể", "mặt trận", "hội"),
    *("doanh nghiệp", "công ty", "trường", "viện", "bệnh viện", "trung tâm", "cục"),
    *("chi cục", "đại học", "cao đẳng", "trung cấp", "văn phòng", "huyện", "quận", "thị xã"),
    "thành phố",
)
# "tỉnh" names an organ here, not the place: "Văn phòng Tỉnh ủy".
PROVINCIAL_ORGANS: Final = ("tỉnh ủy", "tỉnh đoàn", "tỉnh hội")
# Words a bloc's name does not end on: "Khối các cơ quan Đảng và".
WEAK_ENDINGS: Final = ("và", "các", "của", "với", "cùng")
