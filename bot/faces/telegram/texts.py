"""Vietnamese texts of the Telegram face, kept together for review. Dynamic parts are filled
in already HTML-escaped by the caller."""

from __future__ import annotations

# Commands shown in Telegram's menu (setMyCommands): name → description.
COMMANDS = {
    "hoi": "Đặt câu hỏi (trong nhóm: /hoi <câu hỏi>)",
    "khoi": "Chọn khối thi đua mặc định của cuộc trò chuyện",
    "nguon": "Xem đầy đủ nguồn của câu trả lời gần nhất",
    "tailieu": "Những tài liệu trợ lý đang biết",
    "lich": "Lịch họp và hạn báo cáo 60 ngày tới (kèm tệp .ics)",
    "nhacnho": "Bật/tắt và chọn tỉnh, khối, ngành, thời điểm nhắc lịch",
    "themtailieu": "(Quản trị) Thêm tài liệu: trả lời tin nhắn có tệp bằng lệnh này",
    "xoatailieu": "(Quản trị) Gỡ bỏ một tài liệu",
    "sua": "(Quản trị) Đính chính một dữ kiện",
    "nhatky": "(Quản trị) Nhật ký thay đổi tài liệu",
    "themlich": "(Quản trị) Thêm sự kiện vào lịch",
    "sualich": "(Quản trị) Dời lịch một sự kiện",
    "huylich": "(Quản trị) Hủy một sự kiện",
    "help": "Hướng dẫn sử dụng",
    "start": "Giới thiệu trợ lý",
}

START = (
    "Xin chào! Tôi là <b>trợ lý thi đua, khen thưởng</b>. Tôi trả lời câu hỏi về quy chế, "
    "kết quả thi đua (khối trưởng, khối phó, cờ thi đua, thành viên khối) và hạn báo cáo, "
    "<b>chỉ từ các văn bản, biên bản được cung cấp</b>, kèm nguồn. Khi tài liệu không nêu, "
    "tôi sẽ nói là không biết.\n\n"
    "Ví dụ:\n"
    "• Khối trưởng Khối thi đua số 5 năm 2023 là đơn vị nào?\n"
    "• Khối có bao nhiêu đơn vị thành viên?\n"
    "• Hạn gửi báo cáo tổng kết là ngày nào?\n\n"
    "Gõ /help để xem hướng dẫn."
)
HELP = (
    "<b>Cách hỏi</b>\n"
    "• Trong tin nhắn riêng: gõ câu hỏi là được (có dấu hay không dấu đều được).\n"
    "• Trong nhóm: /hoi &lt;câu hỏi&gt;, nhắc tên bot (@{username}) hoặc trả lời tin nhắn "
    "của bot.\n"
    "• Hỏi tiếp: “còn năm 2022 thì sao?”, “khối phó thì sao?” — tôi hiểu theo câu trước.\n\n"
    "<b>Lệnh</b>\n{commands}"
)
ASK_USAGE = "Hãy gõ câu hỏi sau lệnh, ví dụ: /hoi Khối trưởng năm 2023 là đơn vị nào?"
TOO_LONG = (
    "Câu hỏi dài quá {limit} ký tự. Vui lòng hỏi ngắn gọn một điều, ví dụ: "
    "“Khối trưởng năm 2023 là đơn vị nào?”"
)
NOT_TEXT = "Tôi chỉ đọc được câu hỏi bằng chữ. Vui lòng gõ câu hỏi."
UNKNOWN_COMMAND = "Tôi không biết lệnh này. Gõ /help để xem các lệnh, hoặc gõ thẳng câu hỏi."
NOT_ALLOWED = (
    "Xin lỗi, trợ lý chỉ phục vụ các đơn vị đã được đăng ký. Vui lòng liên hệ quản trị viên "
    "để được cấp quyền."
)
RATE_LIMITED = "Bạn hỏi hơi nhanh. Vui lòng thử lại sau {seconds} giây."
ERROR = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."
SOURCES = "Nguồn:"
WRITTEN_BY = "Câu trả lời do mô hình ngôn ngữ {model} diễn đạt lại từ các nguồn trên."
NO_LAST_ANSWER = "Chưa có câu trả lời nào trong cuộc trò chuyện này. Hãy đặt câu hỏi trước."
FULL_SOURCES = "Nguồn đầy đủ cho câu hỏi “{question}”:"  # plain text, rendered bold
NO_SOURCES = "Câu trả lời gần nhất không dựa trên tài liệu nào."
CHOOSE_BLOC = "Chọn khối thi đua để xem câu trả lời riêng cho khối đó:"
BLOC_GONE = "Khối này không còn trong dữ liệu. Vui lòng hỏi lại."
ANSWER_GONE = "Câu trả lời này không còn được lưu. Vui lòng hỏi lại."
KHOI_PROMPT = (
    "Chọn khối thi đua mặc định cho cuộc trò chuyện này (các câu hỏi không nêu khối sẽ theo "
    "khối này):"
)
KHOI_CURRENT = "Khối hiện tại: <b>{bloc}</b>."
KHOI_NONE = "Chưa chọn khối mặc định."
KHOI_SET = "Đã chọn khối mặc định: <b>{bloc}</b>."
KHOI_CLEARED = "Đã bỏ khối mặc định."
KHOI_CLEAR_BUTTON = "Bỏ chọn khối"
KHOI_NO_MATCH = "Không tìm thấy khối nào khớp với “{text}”. Gõ /khoi để xem danh sách."
KHOI_TOO_MANY = (
    "Có {count} khối; danh sách dưới đây là {shown} khối đầu. Gõ /khoi &lt;tên khối hoặc "
    "tỉnh&gt; để tìm, ví dụ: /khoi Khối 5 Đắk Nông"
)
KHOI_EMPTY = "Tài liệu hiện có chưa nêu khối thi đua nào."
THANKS = "Cảm ơn bạn đã góp ý!"
ICS_CAPTION = "Tệp lịch (.ics): mở để thêm các sự kiện vào lịch trên điện thoại."
ADMIN_ONLY = "Chỉ quản trị viên của trợ lý (ADMIN_IDS) mới thay đổi được lịch."
TOKEN_MISSING = "Chưa đặt TELEGRAM_BOT_TOKEN (lấy từ @BotFather) trong môi trường hoặc tệp .env."
TOKEN_MALFORMED = (
    "TELEGRAM_BOT_TOKEN không đúng dạng <số>:<chuỗi ký tự> (ví dụ 123456789:AAH...). "
    "Kiểm tra lại token lấy từ @BotFather."
)
TOKEN_REJECTED = (
    "Máy chủ Bot API từ chối token (sai hoặc đã bị thu hồi). Kiểm tra TELEGRAM_BOT_TOKEN."
)
API_UNREACHABLE = "Không kết nối được máy chủ Bot API tại {url}: {error}"
STARTING = "Đang nạp chỉ mục và mô hình…"
SERVING = "Bot @{username} đang chạy. Nhấn Ctrl+C để dừng."

# --- the calendar (plain text: the handlers escape the whole message) ---
ICS_FILE_NAME = "lich-thi-dua.ics"
BUTTON_ON = "Bật nhắc lịch"
BUTTON_OFF = "Tắt nhắc lịch"
STATUS_ON = "Nhắc lịch: đang bật."
STATUS_OFF = "Nhắc lịch: đang tắt."
STATUS_PROVINCE = "Tỉnh: {province}"
ALL_PROVINCES = "tất cả các tỉnh"
STATUS_BLOCS = "Khối theo dõi: {blocs}"
STATUS_SECTORS = "Ngành theo dõi: {sectors}"
ALL_SECTORS = "Tất cả các ngành"
# How the sectors of `lexicon.SECTORS` are shown.
SECTOR_NAMES = {
    "giáo dục": "Giáo dục",
    "y tế": "Y tế",
    "công đoàn": "Công đoàn",
    "mặt trận tổ quốc": "Mặt trận Tổ quốc",
    "hội nông dân": "Hội Nông dân",
}
PREVIEW_ON = "Trong {days} ngày tới sẽ nhắc {count} sự kiện:"
PREVIEW_OFF = "Khi bật, trong {days} ngày tới sẽ nhắc {count} sự kiện:"
PREVIEW_NONE = "Trong {days} ngày tới chưa có sự kiện nào thuộc phạm vi theo dõi."
PREVIEW_MORE = "… và {count} sự kiện khác (xem đủ bằng /lich)."
PREVIEW_HINT = "Đổi tỉnh: /nhacnho tỉnh <tên tỉnh> (hoặc /nhacnho tỉnh mặc định)."
UNKNOWN_PROVINCE = "Không nhận ra tỉnh “{value}”. Ví dụ: /nhacnho tỉnh Tây Ninh"
STATUS_LEADS = "Nhắc trước: {leads}, lúc {hour:02d}:00."
USAGE_ADD = (
    "Cách dùng: /themlich <ngày> [giờ] <tên sự kiện>; khối: …; ngành: …; tại: …; chủ trì: …; "
    "ghi chú: …; loại: họp hoặc hạn; hằng năm\n"
    "Ví dụ: /themlich 15/12/2026 08:00 Hội nghị tổng kết năm 2026; tại: Cục Thuế tỉnh"
)
USAGE_MOVE = (
    "Cách dùng: /sualich <mã> <ngày mới> [giờ mới]\n"
    "Ví dụ: /sualich a1b2c3 18/12/2026 14:00 (mã sự kiện xem trong /lich)"
)
USAGE_CANCEL = (
    "Cách dùng: /huylich <mã> [lý do]\n"
    "Ví dụ: /huylich a1b2c3 hoãn theo chỉ đạo của UBND tỉnh (mã sự kiện xem trong /lich)"
)
UNKNOWN_OPTION = (
    "Không hiểu “{value}”. Các mục được dùng: khối, ngành, tại, chủ trì, ghi chú, loại, hằng năm."
)
BAD_KIND = "Loại sự kiện “{value}” không hợp lệ: dùng “họp” hoặc “hạn”."
MISSING_TITLE = "Thiếu tên sự kiện."
BAD_SECTOR = (
    "Ngành “{value}” không rõ: dùng giáo dục, y tế, công đoàn, mặt trận tổ quốc hoặc hội nông dân."
)
ADDED = "Đã thêm vào lịch (mã {code}):\n{event}"
MOVED = "Đã dời lịch (mã {code}):\n{event}"
CANCELLED = "Đã hủy “{title}” ngày {date}. Các nhóm đã được nhắc sẽ nhận thông báo hủy."
