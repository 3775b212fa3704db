"""User-facing Vietnamese texts of the core and the command line, kept together for review."""

UNANSWERABLE = "Tài liệu hiện có không nêu thông tin này."
UNANSWERABLE_NEAREST = "Tài liệu hiện có không nêu thông tin này. Đoạn gần nhất tìm được:"
EMPTY_QUESTION = "Vui lòng nhập câu hỏi (ví dụ: “Khối trưởng năm 2023 là đơn vị nào?”)."
NO_KNOWLEDGE = "Chưa có tài liệu nào trong kho kiến thức ({path})."
PROVINCE_NOT_COVERED = "Tài liệu hiện có không nói về {province}."
NOT_IN_SCOPE = "Tài liệu hiện có không có thông tin của {scope}."
SOURCES = "Nguồn:"
INDEX_DONE = (
    "Đã lập chỉ mục: {added} thêm, {updated} cập nhật, {removed} xoá, "
    "{unchanged} không đổi ({seconds:.1f} giây)."
)
INDEX_FILE_ERROR = "Bỏ qua tệp lỗi: {error}"
CHAT_WELCOME = (
    "Trợ lý thi đua, khen thưởng. Gõ câu hỏi rồi nhấn Enter; gõ “thoát” hoặc Ctrl+D để kết thúc."
)
CHAT_PROMPT = "Bạn hỏi: "
CHAT_EXIT_WORDS = frozenset({"thoat", "exit", "quit", "q"})
NO_FEEDBACK = "Chưa có đánh giá nào."
BAD_DATE = "Ngày không hợp lệ: “{value}”. Dùng dạng YYYY-MM-DD, ví dụ 2024-01-31."
QUESTIONS_FILE_ERROR = "Không đọc được tệp câu hỏi {path}: {error}"

# Fact answers
ROLE_NAMES = {"leader": "Khối trưởng", "deputy": "Khối phó"}
CLUSTER_ROLE_NAMES = {"leader": "Cụm trưởng", "deputy": "Cụm phó"}
UNKNOWN = "Tài liệu hiện có không nêu {what}."
KNOWN_NEARBY = "Thông tin gần nhất đã biết:"
CONFLICT = "Các tài liệu ghi khác nhau về {what}: {values}."
NO_BLOC = "Tài liệu hiện có không nói về khối thi đua được hỏi."
UNKNOWN_ROLE_OF_UNIT = "Tài liệu hiện có không nêu vai trò của {unit} trong khối."
CURATED_SOURCE = "Dữ liệu do thư ký Khối ghi nhận"
ADMIN_EVENT = "Lịch do quản trị viên thêm"
CALENDAR_FILE_SOURCE = "Lịch do thư ký Khối ghi"
CURATED_ERROR = "Bỏ qua mục lỗi trong tệp dữ kiện: {error}"
WHICH_BLOC = "Câu hỏi chưa nêu khối thi đua nào. Vui lòng nêu rõ khối (và tỉnh), ví dụ: {blocs}."
AND_MORE = " và {count} khối khác"

# Answers read from a sentence (the sentence is quoted as the evidence)
READ = "Theo tài liệu: {answer}."
READ_ROLE = "{role}{when}: {unit}."
READ_ROLE_OF = "{role}{when} (vai trò của đơn vị được hỏi)."
READ_LIST = "Gồm: {units}."
READ_PLACE = "Tại {place}."
READ_DATE_PLACE = "Ngày {date}, tại {place}."
READ_PERSON = "{person} ({title})"
