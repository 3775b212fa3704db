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
    **{"đv": "đơn vị", "qđ": "quyết định", "kh": "kế hoạch", "cv": "công văn"},
    **{"bk": "bằng khen", "gk": "giấy khen", "ctđ": "cờ thi đua", "bn": "bao nhiêu"},
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
    **dict.fromkeys(("ai", "những ai"), "who"),
    "nào": "which",
    "gì": "what",
    **dict.fromkeys(("đâu", "ở đâu", "tại đâu", "địa điểm"), "where"),
    **dict.fromkeys(("bao nhiêu", "mấy"), "how_many"),
    **dict.fromkeys(("bao giờ", "thời gian", "thời điểm"), "time"),
    **dict.fromkeys(("thế nào", "như thế nào", "ra sao", "tại sao", "vì sao", "làm sao"), "how"),
    "làm gì": "how",
    "danh sách": "list",
    **dict.fromkeys(("có phải", "phải không", "hay không", "có đúng"), "yes_no"),
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
    **{name: name for name in ("cờ thi đua", "cờ dẫn đầu", "bằng khen", "giấy khen")},
    **{name: name for name in ("huân chương", "chiến sĩ thi đua", "lao động tiên tiến")},
    "tập thể lao động xuất sắc": "tập thể lao động xuất sắc",
    "cờ": "cờ thi đua",
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
    **{"sơ kết": "sơ kết", "tổng kết": "tổng kết", "hội thao": "hội thao"},
    **dict.fromkeys(("ký kết", "kí kết", "giao ước"), "ký kết giao ước"),
    **dict.fromkeys(("hội nghị", "họp", "cuộc họp"), ""),
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
    **dict.fromkeys(("năm ngoái", "năm trước", "năm rồi"), -1),
    "năm kia": -2,
    **dict.fromkeys(("năm sau", "năm tới", "sang năm"), 1),
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


# --- facts: roles -----------------------------------------------------------------------------

# Verbs that give a unit a role: "bầu X làm Khối trưởng", "giao X làm Khối phó".
ELECT_VERBS: Final = (
    *("bầu", "bầu chọn", "suy tôn", "tín nhiệm bầu", "thống nhất bầu", "thống nhất chọn"),
    *("lựa chọn", "chọn", "nhất trí bầu", "cử", "thống nhất", "nhất trí", "giao", "phân công"),
    "tín nhiệm",
)
# Words that say an election took place ("giao", "thống nhất" alone do not).
ELECTION_WORDS: Final = (
    *("bầu", "suy tôn", "bỏ phiếu", "tín nhiệm", "lựa chọn", "thống nhất chọn", "bình bầu"),
)
# Between a unit and the role it is given: "X làm Khối trưởng", "X giữ vai trò Khối phó".
ROLE_AS: Final = (
    *("làm", "là", "giữ", "giữ chức", "giữ vai trò", "giữ chức vụ", "đảm nhận", "đảm nhiệm"),
    *("đảm nhận vai trò", "đảm nhiệm vai trò", "làm đơn vị", "là đơn vị", "vào vị trí"),
)
# Between a unit and the role it holds: "X là Khối trưởng", "X sẽ là Khối phó".
ROLE_COPULAS: Final = ("là", "là đơn vị", "sẽ là", "hiện là", "đang là", "hiện đang là")
# "X giữ vai trò Khối trưởng": says which year only when one is written.
ROLE_HOLDS: Final = (
    *("giữ vai trò", "giữ chức", "đảm nhận", "đảm nhiệm", "đảm nhận vai trò", "làm"),
    *("tiếp tục làm", "tiếp tục giữ vai trò", "tiếp tục là"),
)
# Handing a role over to the next year's holder.
HANDOVER_VERBS: Final = ("bàn giao", "chuyển giao", "trao lại", "bàn giao lại")
# Taking a role over from the last year's holder.
TAKEOVER_VERBS: Final = ("nhận bàn giao", "tiếp nhận", "nhận")
# Before a role handed over: "bàn giao nhiệm vụ Khối trưởng", "bàn giao cờ luân lưu".
DUTY_NOUNS: Final = (
    *("chức", "nhiệm vụ", "vai trò", "cương vị", "chức danh", "vị trí", "cờ", "cờ luân lưu"),
)


# --- facts: organisations ---------------------------------------------------------------------

# Nouns before a unit's name: "đơn vị Ngân hàng Nhà nước", "tập thể Thanh tra Sở".
UNIT_NOUNS: Final = ("đơn vị", "cơ quan", "tập thể")
# Words an organisation's name starts with.
ORG_HEADS: Final = (
    *("cục", "tổng cục", "chi cục", "sở", "ban", "ban quản lý", "phòng", "văn phòng", "trung tâm"),
    *("viện", "tòa án", "viện kiểm sát", "công an", "bộ chỉ huy", "bộ tư lệnh"),
    *("bộ đội biên phòng", "thanh tra", "ngân hàng", "kho bạc", "bảo hiểm xã hội", "hải quan"),
    *("chi nhánh", "công ty", "tổng công ty", "tập đoàn", "điện lực", "truyền tải điện"),
    *("viễn thông", "bưu điện", "báo", "đài", "trường", "học viện", "đại học", "bệnh viện"),
    *("liên đoàn", "hội", "hội đồng nhân dân", "tỉnh đoàn", "thành đoàn", "huyện đoàn", "đoàn"),
    *("ủy ban", "mặt trận", "huyện ủy", "thành ủy", "tỉnh ủy", "thị ủy", "quận ủy", "đảng ủy"),
    *("cảng vụ", "kiểm toán", "vườn quốc gia", "xí nghiệp", "nhà máy", "thông tấn xã"),
    *("hạt kiểm lâm", "nhà xuất bản", "bảo tàng", "thư viện", "hợp tác xã", "trại giam"),
    *("công đoàn", "cảnh sát", "ubnd", "hđnd", "tand", "vksnd", "nhnn", "kbnn", "bhxh", "bđbp"),
    *("bch", "mttq", "lđlđ", "agribank", "vietcombank", "vietinbank", "bidv", "viettel", "vnpt"),
    *("mobifone", "evn", "petrolimex", "vnpost"),
)
# Phrases that start like an organisation's name and are none.
NOT_ORGS: Final = (
    *("hội nghị", "hội thao", "hội thi", "hội trường", "hội viên", "hội đồng", "ban hành"),
    *("ban ngành", "ban đầu", "phòng chống", "phòng ngừa", "báo cáo", "báo chí", "bảo đảm"),
    *("bảo vệ", "bao gồm", "báo công", "đài thọ", "đoàn kết", "đoàn viên", "đoàn thể"),
    *("đoàn công tác", "trường hợp", "sở dĩ", "sở hữu", "sở trường", "cục bộ", "viện dẫn"),
    *("phòng họp", "văn phòng phẩm", "ủy ban nhân dân các", "đại diện", "đại hội", "đại biểu"),
    *("báo cáo viên", "công an nhân dân", "hội đồng thi đua"),
)
# Administrative places: members of a cluster ("huyện Châu Thành"), provinces in clusters.
ADMINISTRATIVE_PLACES: Final = (*LOCALITIES, "tỉnh", "tp")
# Heads that are a whole name on their own.
SOLE_ORG_NAMES: Final = (
    *("nhnn", "kbnn", "bhxh", "tand", "vksnd", "agribank", "vietcombank", "vietinbank", "bidv"),
    *("viettel", "vnpt", "mobifone", "evn", "petrolimex", "vnpost"),
)
# Capitalised words, as written, that are no organisation's abbreviation.
NOT_ACRONYMS: Final = (
    *("TĐKT", "KTĐ", "CCHC", "XHCN", "COVID", "ĐBQH", "KT", "XH", "QĐ", "HD", "KH", "CT", "TT"),
    *("NĐ", "CP", "VN", "ATGT", "ANTT", "PCCC", "NTM", "THCS", "THPT", "CNTT", "TP", "CBCCVC"),
    *("CBCC", "VKS", "HĐ", "BTĐKT", "SNV", "UB", "HĐTĐKT", "TW", "TƯ", "KTXH"),
)
# A comma inside a name: "Sở Văn hóa, Thể thao và Du lịch", "Ban Thi đua, khen thưởng".
NAME_COMMAS: Final = (
    *("văn hóa, thể thao", "lao động, thương binh", "thi đua, khen thưởng"),
    "thi đua - khen thưởng",
)
# Who grants an award or issues a document, besides titles and organisations.
GRANTERS: Final = (
    *("bộ", "chính phủ", "thủ tướng", "thủ tướng chính phủ", "tổng liên đoàn", "hội đồng thi đua"),
)
# Names of ministries after "Bộ".
MINISTRIES: Final = (
    *("tài chính", "nội vụ", "công an", "quốc phòng", "tư pháp", "y tế", "công thương"),
    *("giáo dục và đào tạo", "lao động - thương binh và xã hội", "khoa học và công nghệ"),
    *("kế hoạch và đầu tư", "giao thông vận tải", "văn hóa, thể thao và du lịch"),
    *("tài nguyên và môi trường", "nông nghiệp và phát triển nông thôn", "xây dựng"),
    *("thông tin và truyền thông", "ngoại giao", "nông nghiệp và môi trường"),
    "dân tộc và tôn giáo",
)


# --- facts: persons ---------------------------------------------------------------------------

# Titles of a unit's head or staff; "phó …" and "quyền …" of each are titles too.
TITLE_BASES: Final = (
    *("giám đốc", "tổng giám đốc", "cục trưởng", "chi cục trưởng", "tổng cục trưởng"),
    *("viện trưởng", "chánh án", "chánh văn phòng", "chánh thanh tra", "chủ tịch", "bí thư"),
    *("trưởng phòng", "trưởng ban", "trưởng đài", "trưởng công an", "hiệu trưởng"),
    *("tổng biên tập", "chỉ huy trưởng", "thủ trưởng", "chính ủy", "tư lệnh", "trưởng", "chánh"),
    *("thư ký", "ủy viên", "lãnh đạo", "đại diện", "đại diện lãnh đạo", "người đứng đầu"),
)
# Titles of a party committee's members.
PARTY_TITLES: Final = ("tỉnh ủy viên", "thành ủy viên", "huyện ủy viên")
# Words before a person's name: "đồng chí", "ông", ranks and degrees.
HONORIFICS: Final = (
    *("đồng chí", "đ/c", "ông", "bà", "đại tá", "thượng tá", "trung tá", "thiếu tá"),
    *("thiếu tướng", "trung tướng", "tiến sĩ", "thạc sĩ", "bác sĩ", "luật sư", "nhà báo"),
)
# Family names a person's full name starts with.
SURNAMES: Final = (
    *("nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ"),
    *("hồ", "ngô", "dương", "lý", "mai", "đinh", "trương", "lâm", "tạ", "đoàn", "cao", "lương"),
    *("trịnh", "hà", "tô", "châu", "thái", "quách", "lưu", "la", "đào", "kiều", "triệu", "vương"),
    *("từ", "tôn", "hứa", "khúc", "mạc", "phùng", "lại", "kim", "âu", "giang", "nông", "hầu"),
    *("thân", "doãn", "chu", "diệp", "lục", "tăng", "bạch", "ninh", "lò", "sầm", "bế", "đàm"),
    *("đồng", "khổng", "lã", "nghiêm", "thạch", "tống", "vi"),
)


# --- facts: stop words ------------------------------------------------------------------------

# The passive: "X được bầu", "X được tặng".
PASSIVE_WORDS: Final = ("được",)
# Words that end an organisation's name: verbs, prepositions, dates, the next name's markers.
NAME_END_WORDS: Final = (
    *("làm", "là", "được", "đã", "đang", "sẽ", "vừa", "cũng", "bàn giao", "chuyển giao", "nhận"),
    *("tiếp nhận", "đạt", "giữ", "tổ chức", "dự thảo", "chủ trì", "đăng cai", "phát biểu"),
    *("thay mặt", "tham dự", "dự", "cho", "với", "tại", "trong", "năm", "ngày", "tháng", "nhằm"),
    *("để", "thì", "có", "cùng", "gồm", "theo", "về", "do", "khi", "từ", "đến", "trước", "sau"),
    *("tiếp thu", "báo cáo", "trình bày", "chúc mừng", "tặng", "trao", "đề nghị", "thống nhất"),
    *("bầu", "suy tôn", "tiến hành", "kết luận", "khai mạc", "ký kết", "ký", "phát động"),
    *("triển khai", "hoàn thành", "thực hiện", "vinh dự", "xếp", "đứng", "dẫn đầu", "của", "như"),
    *("thuộc", "trên địa bàn", "đóng trên", "ghi nhận", "đánh giá", "biểu dương", "nhấn mạnh"),
    *("yêu cầu", "cho biết", "khẳng định", "tiếp tục", "luôn", "hiện", "nay", "đồng thời", "qua"),
    *("bằng", "mà", "nên", "vì", "nhưng", "hoặc", "ông", "bà", "đồng chí", "sáng", "chiều"),
    *("khối", "cụm", "đơn vị", "tập thể", "cá nhân", "lãnh đạo", "chào mừng", "hưởng ứng"),
    *("phối hợp", "phụ trách", "này", "đó", "tham gia", "bình xét", "xét", "công nhận"),
    *("nhất trí", "giao", "đều", "khen thưởng", "diễn ra", "họp", "đón nhận", "giữa"),
)
# A role asked of the summary meeting that named it ("bầu tại hội nghị tổng kết năm 2019",
# "sau hội nghị tổng kết năm 2019"): the summary of a year names the next year's roles.
NAMED_AT_SUMMARY: Final = ("sau", "bầu", "bầu chọn", "suy tôn", "chọn", "cử", "phân công")
SUMMARY_WORDS: Final = ("tổng kết",)
# Of those, the ones that end a name even when capitalised inside a sentence.
CAPITALISED_NAME_ENDS: Final = ("khối", "cụm", "đồng chí")
# And those that end it, capitalised, only before a person's name ("… Ông Nguyễn Văn A"):
# otherwise they are part of a place's name ("xã Đắk Rơ Ông", "xã Bà Điểm").
CAPITALISED_TITLE_ENDS: Final = ("ông", "bà")
# Adverbs before a verb: "đã", "cũng đã", "chính thức".
ADVERBS: Final = (
    *("đã", "cũng", "đều", "vừa", "mới", "tiếp tục", "chính thức", "vinh dự", "đã được", "sẽ"),
)


# --- facts: blocs -----------------------------------------------------------------------------

# Before "khối"/"cụm" (commas aside), these make it blocs in general: "các Cụm, Khối thi đua".
BLOC_GENERIC_BEFORE: Final = (*GENERIC_DETERMINERS, "cụm", "khối")
# Words of a bloc's name that do not tell one bloc from another.
# Words every bloc name may carry: they do not tell one bloc from another.
GENERIC_BLOC_WORDS: Final = (
    *("khối", "thi", "đua", "cụm", "các", "cơ", "quan", "đơn", "vị", "tỉnh", "số", "đóng"),
    *("trên", "địa", "bàn", "và", "của", "thành", "phố", "trực", "thuộc", "ngành"),
)
BLOC_SIGNATURE_FILLERS: Final = (
    *("khối", "cụm", "thi", "đua", "các", "cơ", "quan", "đơn", "vị", "trên", "địa", "bàn", "đóng"),
    *("tỉnh", "thành", "phố", "trực", "thuộc", "số", "và"),
)
# Words between a bloc's name and its verb: "đóng trên địa bàn tỉnh", "thuộc thành phố", "đã".
BLOC_VERB_FILLERS: Final = ("đóng", "trên", "địa", "bàn", "tỉnh", "đã", "thuộc", "thành", "phố")
# "Khối … gồm 7 đơn vị".
INCLUDE_VERBS: Final = ("gồm", "gồm có", "bao gồm")
# "Khối … hiện có 10 đơn vị".
NOW_WORDS: Final = ("hiện", "hiện nay", "hiện nay đã")
# Nouns counted as a bloc's members: "08 cơ quan, đơn vị thành viên".
MEMBER_COUNT_NOUNS: Final = (
    *("đơn vị", "cơ quan", "thành viên", "tập thể", "sở", "ban", "ngành", "huyện", "thị xã"),
    *("thành phố", "xã", "phường", "phòng", "doanh nghiệp", "chi cục", "cục", "địa phương"),
)


# --- facts: awards ----------------------------------------------------------------------------

# Awards as written in reports → the name facts give them.
AWARD_FORMS: Final[Mapping[str, str]] = {
    "cờ thi đua": "Cờ thi đua",
    "cờ dẫn đầu": "cờ dẫn đầu",
    "bằng khen": "Bằng khen",
    "giấy khen": "Giấy khen",
    "tập thể lao động xuất sắc": "Tập thể lao động xuất sắc",
    "tập thể lao động tiên tiến": "Tập thể lao động tiên tiến",
    "huân chương lao động": "Huân chương Lao động",
}
# Before an award's name: "danh hiệu Cờ thi đua".
AWARD_TITLE_WORDS: Final = ("danh hiệu",)
# Granting an award: "UBND tỉnh tặng Cờ thi đua cho X".
GRANT_VERBS: Final = (
    *("tặng", "tặng thưởng", "xét tặng", "trao tặng", "khen thưởng", "công nhận", "trao"),
)
# Receiving one: "X đạt", "X được suy tôn", "X được đề nghị tặng".
RECEIVE_VERBS: Final = (
    *("đạt", "nhận", "được tặng", "được tặng thưởng", "được trao", "được trao tặng"),
    *("vinh dự nhận", "vinh dự được nhận", "được nhận", "đón nhận", "được khen tặng"),
    *("được công nhận", "được khen thưởng", "được suy tôn", "được bình chọn", "được đề nghị tặng"),
    *("được đề nghị xét tặng", "được đề nghị", "được"),
)
# Proposing one: "Hội nghị đề nghị UBND tỉnh tặng …".
PROPOSE_VERBS: Final = ("đề nghị", "thống nhất đề nghị")
# Before what an award is for: "vì có thành tích …".
REASON_WORDS: Final = ("vì", "do", "có", "đã có", "vì đã có", "do có", "với")


# --- facts: meetings --------------------------------------------------------------------------

# Meetings as written in reports → the kind facts give them.
MEETING_KINDS: Final[Mapping[str, str]] = {
    "hội nghị tổng kết": "tổng kết",
    "tổng kết": "tổng kết",
    "sơ kết": "sơ kết",
    "ký kết giao ước": "ký kết giao ước",
    "ký giao ước": "ký kết giao ước",
    "hội thao": "hội thao",
    "hội nghị triển khai": "triển khai",
    "triển khai công tác": "triển khai",
    "đánh giá công tác": "tổng kết",
    "đánh giá kết quả": "tổng kết",
    "giao ban": "giao ban",
    "đại hội": "đại hội",
    "lễ trao": "lễ trao tặng",
    "lễ trao tặng": "lễ trao tặng",
    "lễ tôn vinh": "lễ tôn vinh",
    "lễ tuyên dương": "lễ tuyên dương",
    "lễ kỷ niệm": "lễ kỷ niệm",
    "lễ phát động": "lễ phát động",
    "lễ đón nhận": "lễ đón nhận",
    "lễ khai mạc": "lễ khai mạc",
    "lễ bế mạc": "lễ bế mạc",
    "hội nghị": "hội nghị",
    "họp": "họp",
}
# How a kind of meeting is named as an event; kinds starting with one of the standalone
# words are their own name ("Lễ trao tặng", "Đại hội"), the others follow "Hội nghị".
MEETING_TITLES: Final[Mapping[str, str]] = {
    "họp": "Cuộc họp",
    "ký kết giao ước": "Hội nghị ký kết giao ước thi đua",
    "triển khai": "Hội nghị triển khai công tác thi đua, khen thưởng",
}
MEETING_STANDALONE: Final = ("lễ", "đại hội", "hội thao", "hội nghị")
# Of those, the phrases that name a meeting only when no other one does: "tổ chức hội nghị
# sơ kết" is a "sơ kết", "đánh giá kết quả 6 tháng" at a "sơ kết" is no "tổng kết".
WEAK_MEETING_PHRASES: Final = ("hội nghị", "họp", "đánh giá công tác", "đánh giá kết quả")
# Nouns that name a meeting as an event ("tại Hội nghị tổng kết … vào ngày 06/8/2019",
# "Ngày 23 và 24/8/2014, Quỹ … tham gia Hội thao"), not a task ("hướng dẫn tổng kết").
MEETING_NOUNS: Final = ("hội nghị", "hội thao", "lễ", "đại hội", "cuộc họp", "buổi lễ")
# Before a meeting noun, these make the date another act's: "gửi giấy mời dự Hội nghị".
NOT_HELD_WORDS: Final = (
    *("giấy mời", "mời", "ban hành", "hướng dẫn", "kế hoạch", "thông báo", "gửi", "chuẩn bị"),
    *("dự kiến", "sẽ", "đăng ký"),
)
# After a meeting's date, these make it yearly: "(14/10) hằng năm".
YEARLY_WORDS: Final = ("hằng năm", "hàng năm", "thường niên")
# Verbs that say a meeting was held: "Khối … tổ chức hội nghị tổng kết".
ORGANISE_VERBS: Final = ("tổ chức", "họp", "diễn ra", "tiến hành", "khai mạc")
# Of those, the ones whose meeting may come first: "Hội nghị … diễn ra sáng nay (17/12)".
SUBJECT_FIRST_VERBS: Final = ("diễn ra",)
# Before that verb, these make a meeting planned, not held.
FUTURE_WORDS: Final = (
    *("sẽ", "dự kiến", "kế hoạch", "thống nhất", "định hướng", "chuẩn bị", "để", "nhằm"),
)
# Before where a meeting was held.
AT_WORDS: Final = ("tại",)
# After "tại", these are no place: "tại hội nghị", "tại đơn vị".
NOT_MEETING_PLACES: Final = (
    *("hội nghị", "buổi", "cuộc họp", "đây", "đó", "lễ", "hội thao", "đơn vị", "địa phương"),
)
# What a person did at a meeting, as written → as facts say it.
CHAIR_LABELS: Final[Mapping[str, str]] = {
    "dự và chỉ đạo": "dự và chỉ đạo",
    "tới dự và chỉ đạo": "dự và chỉ đạo",
    "đến dự và chỉ đạo": "dự và chỉ đạo",
    "đồng chủ trì": "đồng chủ trì",
    "chủ trì": "chủ trì",
    "kết luận": "kết luận",
    "phát biểu kết luận": "kết luận",
    "phát biểu chỉ đạo": "phát biểu chỉ đạo",
}
# Nouns of a meeting: "Kết luận hội nghị, đồng chí …".
MEETING_WORDS: Final = ("hội nghị", "cuộc họp", "buổi lễ", "buổi làm việc")
# Verbs after a chair's name and titles: what they did.
CHAIR_STOPS: Final = (
    *("thay mặt", "đánh giá", "ghi nhận", "tiếp thu", "đề nghị", "phát biểu", "chủ trì"),
    *("biểu dương", "nhấn mạnh", "cho biết", "chúc mừng", "yêu cầu", "khẳng định", "trao", "tặng"),
    *("đã", "cùng", "cùng với", "kết luận", "khai mạc", "chỉ đạo", "thông qua", "dự"),
)


# --- facts: documents -------------------------------------------------------------------------

# Kinds of administrative document; a longer name before a shorter one it starts with.
DOCUMENT_KINDS: Final = (
    *("Quyết định", "Công văn", "Kế hoạch", "Chỉ thị", "Hướng dẫn", "Thông tư liên tịch"),
    *("Thông tư", "Nghị định", "Nghị quyết", "Thông báo", "Báo cáo", "Quy định", "Quy chế"),
    *("Tờ trình", "Văn bản"),
)
# A document number's symbol ("1479/HD-BTĐKT") → its kind.
DOCUMENT_SYMBOLS: Final[Mapping[str, str]] = {
    **{"hd": "Hướng dẫn", "qd": "Quyết định", "kh": "Kế hoạch", "ct": "Chỉ thị"},
    **{"tb": "Thông báo", "bc": "Báo cáo", "nq": "Nghị quyết", "tt": "Thông tư"},
    **{"nd": "Nghị định", "ttr": "Tờ trình", "qc": "Quy chế"},
}


# --- facts: deadlines -------------------------------------------------------------------------

# Before a deadline's date: a cue, then optional words in order ("chậm nhất [là] [vào] [ngày]").
DEADLINE_DATE_CUES: Final[Mapping[str, tuple[str, ...]]] = {
    "trước": ("hoặc vào", "ngày"),
    "chậm nhất": ("là", "vào", "trước", "ngày"),
    "hạn chót": ("là", "ngày"),
    "hạn cuối": ("là", "ngày"),
    "không quá ngày": (),
    "đến hết": ("ngày",),
}
# Before who a deadline concerns: "trước ngày 30/8 hằng năm đối với các cơ sở giáo dục".
CONCERN_WORDS: Final = ("đối với",)
# What a deadline asks for: sending, filing, finishing.
SEND_VERBS: Final = ("gửi", "nộp", "báo cáo", "trình", "đăng ký", "hoàn thành", "tổng hợp")
# Verbs of a clause of their own between ";" (a ";" between listed names has none).
CLAUSE_VERBS: Final = (
    *("tổ chức", "thống nhất", "giao", "chủ trì", "đề nghị", "thực hiện", "triển khai"),
    *("phát động", "tham mưu", "xây dựng", "ban hành", "hướng dẫn"),
)


# --- reading an answer in a sentence ----------------------------------------------------------

# Words before a number that belong to the answer: "không quá 10 cán bộ", "ít nhất 70%".
QUANTITY_QUALIFIERS: Final = (
    *("ít nhất", "tối thiểu", "tối đa", "không quá", "không vượt quá", "không dưới", "dưới"),
    *("trên", "khoảng", "gần", "hơn", "từ"),
)
# Nouns after "nào" that ask for an organisation or a place: "đơn vị nào", "xã nào".
UNIT_ASK_NOUNS: Final = (
    *("đơn vị", "cơ quan", "tập thể", "sở", "ban", "ngành", "tỉnh", "thành phố", "huyện"),
    *("xã", "phường", "thị xã", "trường", "cục", "hội", "công ty", "địa phương", "ldld"),
    *("liên đoàn lao động", "ubmttq", "trung tâm", "tổ chức", "bên", "doanh nghiệp", "cụm"),
)
# Question words asking for several: "những đơn vị nào", "các sở nào".
SEVERAL_ASKS: Final = ("những", "các đơn vị nào", "các tập thể nào", "các sở nào", "các xã nào")
# Of those, the nouns that say nothing of which kind of unit is asked ("đơn vị nào").
GENERIC_UNIT_ASKS: Final = (
    *("đơn vị", "cơ quan", "tập thể", "tổ chức", "bên", "địa phương", "doanh nghiệp", "ban"),
    *("ngành", "hội", "trung tâm", "công ty", "cụm"),
)
# Question words asking for a share or a quota.
PERCENT_ASKS: Final = ("%", "phần trăm", "tỷ lệ", "tỉ lệ", "bao nhiêu %")
# Question words asking when something takes effect.
EFFECT_WORDS: Final = ("hiệu lực", "có hiệu lực", "áp dụng")
# Before the date a document takes effect: "có hiệu lực thi hành kể từ ngày …".
EFFECTIVE_CUES: Final = ("có hiệu lực", "có hiệu lực thi hành", "có hiệu lực áp dụng")
# Function words that say nothing of which sentence answers ("có" is left out: without marks
# it is also "cờ").
FUNCTION_WORDS: Final = (
    *("của", "ở", "tại", "là", "và", "các", "những", "được", "cho", "với", "trong", "về"),
    *("theo", "do", "thì", "mà", "này", "đó", "đã", "sẽ", "đang", "nào", "gì", "ai", "làm"),
)
# Sectors with their own emulation clusters, and the words that name each in a question or a
# document ("Cụm thi đua 6 LĐLĐ", "khối các Sở GD&ĐT").
SECTORS: Final[Mapping[str, tuple[str, ...]]] = {
    "giáo dục": ("giáo dục", "gd&đt", "gd-đt", "gdđt", "gd - đt", "bgdđt"),
    "y tế": ("y tế", "thầy thuốc"),
    "công đoàn": ("công đoàn", "liên đoàn lao động", "lđlđ", "tlđ"),
    "mặt trận tổ quốc": ("mặt trận tổ quốc", "mttq", "ubmttq", "ubmttqvn"),
    "hội nông dân": ("hội nông dân", "hnd", "hndvn", "hội nd"),
}
# --- the calendar asked in chat ("sắp tới có hạn gì?", "tuần sau có lịch gì không?") ---
# What a question about the calendar asks for: a deadline, a meeting, or either ("lịch").
AGENDA_DEADLINE_WORDS: Final = (
    *("hạn", "thời hạn", "hạn chót", "hạn nộp", "hạn gửi", "deadline", "trước ngày nào"),
    *("chậm nhất ngày nào", "chậm nhất là ngày nào", "đến ngày nào", "trước ngày mấy"),
)
# Generic meeting words (the kinds that name one are MEETING_KINDS: "sơ kết", "tổng kết").
AGENDA_MEETING_WORDS: Final = ("họp", "hội nghị", "cuộc họp", "lịch họp", "buổi họp")
AGENDA_ANY_WORDS: Final = ("lịch", "sự kiện", "việc gì", "lịch công tác")
# Words that ask for the next ones, counted from today.
AGENDA_UPCOMING_WORDS: Final = (
    *("sắp tới", "tới đây", "sắp đến", "sắp", "tiếp theo", "kế tiếp", "gần nhất", "tới"),
    *("còn bao lâu", "còn mấy ngày", "sắp hết hạn"),
)
# Words that ask for a date.
AGENDA_WHEN_WORDS: Final = (
    *("khi nào", "bao giờ", "ngày nào", "hôm nào", "lúc nào", "ngày mấy", "vào ngày nào"),
)
# Before the recipient of a deadline's papers ("gửi báo cáo về Bộ GD&ĐT").
AGENDA_RECIPIENT_WORDS: Final = ("về", "lên", "tới", "đến")
# Words of a calendar question that name no event.
AGENDA_FILLER_WORDS: Final = (
    *("có", "không", "gì", "ngày", "những", "còn", "nhé", "vậy", "ạ", "ơi", "chúng ta", "tôi"),
    *("mình", "khối", "cụm", "thi đua", "đơn vị", "chúng tôi", "bên", "em", "anh", "chị"),
)
# Windows named relative to today: the first and last day, in days from today, or a week
# or a month counted from the current one ("tuần sau": the next Monday to Sunday).
AGENDA_DAY_WINDOWS: Final[Mapping[str, tuple[int, int]]] = {
    "hôm nay": (0, 0),
    "ngày mai": (1, 1),
    "mai": (1, 1),
    "ngày kia": (2, 2),
}
AGENDA_WEEK_WINDOWS: Final[Mapping[str, int]] = {
    "tuần này": 0,
    "tuần sau": 1,
    "tuần tới": 1,
    "tuần trước": -1,
}
AGENDA_MONTH_WINDOWS: Final[Mapping[str, int]] = {
    "tháng này": 0,
    "tháng sau": 1,
    "tháng tới": 1,
    "tháng trước": -1,
}
