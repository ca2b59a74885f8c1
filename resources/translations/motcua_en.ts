<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../ui/backup_dialog.py" line="69"/>
        <source>Sao lưu và khôi phục</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="72"/>
        <source>&amp;Chọn…</source>
        <translation>&amp;Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="81"/>
        <source>đã đặt; để trống nếu không đổi</source>
        <translation>set; leave empty to keep it</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="81"/>
        <source>ít nhất 10 ký tự</source>
        <translation>at least 10 characters</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="85"/>
        <source>&amp;Lưu</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="87"/>
        <source>Sao lưu &amp;ngay</source>
        <translation>Back up &amp;now</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="89"/>
        <source>&amp;Khôi phục…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="96"/>
        <source>&amp;Thư mục sao lưu:</source>
        <translation>Backup &amp;folder:</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="97"/>
        <source>&amp;Mật khẩu sao lưu:</source>
        <translation>Backup &amp;passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="98"/>
        <source>Nhập &amp;lại mật khẩu:</source>
        <translation>&amp;Repeat the passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="104"/>
        <source>Thư mục sao lưu</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="110"/>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="121"/>
        <source>Đã lưu cài đặt sao lưu.</source>
        <translation>Backup settings saved.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="127"/>
        <source>Đang sao lưu; vẫn làm việc bình thường được.</source>
        <translation>Backing up; work goes on as usual.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="135"/>
        <source>Đã sao lưu vào %1.</source>
        <translation>Backed up to %1.</translation>
    </message>
</context>
<context>
    <name>BackupIndicator</name>
    <message>
        <location filename="../../ui/backup_status.py" line="86"/>
        <source>&amp;Sao lưu và khôi phục…</source>
        <translation>&amp;Backup and restore…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_status.py" line="104"/>
        <source>Sao lưu: đang sao lưu…</source>
        <translation>Backup: running…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_status.py" line="123"/>
        <source>Sao lưu: chưa chọn thư mục</source>
        <translation>Backup: no folder chosen</translation>
    </message>
    <message>
        <location filename="../../ui/backup_status.py" line="125"/>
        <source>Sao lưu: không thấy thư mục %1</source>
        <translation>Backup: folder %1 is missing</translation>
    </message>
    <message>
        <location filename="../../ui/backup_status.py" line="127"/>
        <source>Sao lưu: lỗi — %1</source>
        <translation>Backup: failed — %1</translation>
    </message>
    <message>
        <location filename="../../ui/backup_status.py" line="129"/>
        <source>Sao lưu: chưa lần nào</source>
        <translation>Backup: never</translation>
    </message>
    <message>
        <location filename="../../ui/backup_status.py" line="131"/>
        <source>Sao lưu: lần cuối %1 — đã cũ</source>
        <translation>Backup: last %1 — out of date</translation>
    </message>
    <message>
        <location filename="../../ui/backup_status.py" line="133"/>
        <source>Sao lưu: lần cuối %1</source>
        <translation>Backup: last %1</translation>
    </message>
</context>
<context>
    <name>BankDialog</name>
    <message>
        <location filename="../../ui/bank_dialog.py" line="28"/>
        <source>Tài khoản ngân hàng của xã</source>
        <translation>The commune&apos;s bank account</translation>
    </message>
    <message>
        <location filename="../../ui/bank_dialog.py" line="32"/>
        <source>Mã BIN ngân hàng (NAPAS, 6 chữ số)</source>
        <translation>Bank BIN (NAPAS, 6 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/bank_dialog.py" line="33"/>
        <source>Số tài khoản</source>
        <translation>Account number</translation>
    </message>
    <message>
        <location filename="../../ui/bank_dialog.py" line="34"/>
        <source>Chủ tài khoản</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <location filename="../../ui/bank_dialog.py" line="44"/>
        <source>Dùng cho mã VietQR trên biên nhận và màn hình thu phí. Để trống để xoá.</source>
        <translation>Used for the VietQR on receipts and the fee screen. Leave empty to clear.</translation>
    </message>
    <message>
        <location filename="../../ui/bank_dialog.py" line="75"/>
        <source>Chỉ quản trị viên được đổi tài khoản ngân hàng.</source>
        <translation>Only an administrator can change the bank account.</translation>
    </message>
    <message>
        <location filename="../../ui/bank_dialog.py" line="89"/>
        <source>Tài khoản &amp;ngân hàng của xã…</source>
        <translation>The commune&apos;s &amp;bank account…</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <location filename="../../ui/report_models.py" line="215"/>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="216"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="217"/>
        <source>Đã giải quyết</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="218"/>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="219"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="220"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="221"/>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="222"/>
        <source>Đang quá hạn</source>
        <translation>Overdue now</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="223"/>
        <source>Lượt đánh giá</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="224"/>
        <source>Tỷ lệ đúng hạn</source>
        <translation>On-time share</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="225"/>
        <source>Tỷ lệ hài lòng</source>
        <translation>Satisfied share</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../ui/camera.py" line="65"/>
        <source>Chụp giấy tờ bằng máy ảnh</source>
        <translation>Photograph papers with the camera</translation>
    </message>
    <message>
        <location filename="../../ui/camera.py" line="74"/>
        <source>Chưa chụp trang nào.</source>
        <translation>No page taken yet.</translation>
    </message>
    <message>
        <location filename="../../ui/camera.py" line="75"/>
        <source>Chụp trang</source>
        <translation>Take page</translation>
    </message>
    <message>
        <location filename="../../ui/camera.py" line="80"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/camera.py" line="93"/>
        <source>Đã chụp %1 trang.</source>
        <translation>%1 page(s) taken.</translation>
    </message>
</context>
<context>
    <name>CitizensDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="172"/>
        <source>Công dân đến trình bày</source>
        <translation>Citizens who came</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="174"/>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="174"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="174"/>
        <source>Số CCCD</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="179"/>
        <source>&amp;Công dân (mỗi người một dòng):</source>
        <translation>&amp;Citizens (one per row):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="180"/>
        <source>&amp;Phân loại:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="181"/>
        <source>&amp;Nội dung vụ việc:</source>
        <translation>&amp;Matter raised:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="182"/>
        <source>Cơ quan đã &amp;giải quyết:</source>
        <translation>&amp;Agency that resolved it before:</translation>
    </message>
</context>
<context>
    <name>ConclusionDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="221"/>
        <source>Thông báo kết luận</source>
        <translation>Conclusion notice</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="225"/>
        <source>Nội dung &amp;kết luận:</source>
        <translation>&amp;Conclusion:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="226"/>
        <source>&amp;Người ký:</source>
        <translation>&amp;Signed by:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="227"/>
        <source>&amp;Việc giao (thời hạn tính theo ngày làm việc):</source>
        <translation>&amp;Follow-ups (deadline in working days):</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../ui/prompts.py" line="40"/>
        <source>Việc này không hoàn tác được.</source>
        <translation>This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="42"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>DialogueDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="242"/>
        <source>Hội nghị đối thoại</source>
        <translation>Dialogue conference</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="256"/>
        <source>Người nêu</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="256"/>
        <source>Vấn đề</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="256"/>
        <source>Trả lời</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="260"/>
        <source>&amp;Loại:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="261"/>
        <source>C&amp;hủ đề:</source>
        <translation>S&amp;ubject:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="262"/>
        <source>&amp;Thời gian:</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="263"/>
        <source>Địa đ&amp;iểm:</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="264"/>
        <source>&amp;Chủ trì:</source>
        <translation>&amp;Chaired by:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="265"/>
        <source>Thư &amp;ký:</source>
        <translation>Secre&amp;tary:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="266"/>
        <source>Thành &amp;phần (mỗi dòng một người):</source>
        <translation>&amp;Attending (one per line):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="267"/>
        <source>Số &amp;người dân dự:</source>
        <translation>&amp;Residents present:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="268"/>
        <source>Các ý kiến và t&amp;rả lời:</source>
        <translation>Issues and ans&amp;wers:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="269"/>
        <source>&amp;Việc giao:</source>
        <translation>&amp;Follow-ups:</translation>
    </message>
</context>
<context>
    <name>DialoguesPage</name>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="36"/>
        <source>Số biên bản</source>
        <translation>Minutes no.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="37"/>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="38"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="39"/>
        <source>Chủ đề</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="40"/>
        <source>Địa điểm</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="41"/>
        <source>Chủ trì</source>
        <translation>Chaired by</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="42"/>
        <source>Người dân dự</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="47"/>
        <source>Chưa có hội nghị đối thoại nào. Bấm «Ghi hội nghị đối thoại…» sau buổi họp.</source>
        <translation>No dialogue conference yet. Press “Record a dialogue…” after the meeting.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="48"/>
        <source>Người nêu</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="48"/>
        <source>Vấn đề</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="48"/>
        <source>Trả lời</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="50"/>
        <source>Chọn một hội nghị để xem các ý kiến và câu trả lời.</source>
        <translation>Choose a conference to see the issues raised and the answers.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="57"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="57"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="65"/>
        <source>&amp;Ghi hội nghị đối thoại…</source>
        <translation>&amp;Record a dialogue…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="66"/>
        <source>In &amp;biên bản</source>
        <translation>Print the &amp;minutes</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="74"/>
        <source>Ý kiến của người dân và trả lời</source>
        <translation>Issues raised and answers</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="79"/>
        <source>Việc giao sau đối thoại</source>
        <translation>Follow-ups of the dialogue</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="128"/>
        <source>(chưa trả lời tại hội nghị)</source>
        <translation>(not answered at the conference)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="132"/>
        <source>Chọn một hội nghị trong danh sách.</source>
        <translation>Choose a conference in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="136"/>
        <source>Thư ký: %1 · Thành phần: %2</source>
        <translation>Secretary: %1 · Attending: %2</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="148"/>
        <source>Đã ghi biên bản số %1.</source>
        <translation>Minutes no. %1 recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogues.py" line="158"/>
        <source>Đã in biên bản số %1 để ký.</source>
        <translation>Minutes no. %1 printed for signature.</translation>
    </message>
</context>
<context>
    <name>DisclosurePage</name>
    <message>
        <location filename="../../ui/disclosure_page.py" line="26"/>
        <source>Tiêu đề, nội dung</source>
        <translation>Title and content</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="27"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="28"/>
        <source>Ngày niêm yết</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="29"/>
        <source>Niêm yết đến</source>
        <translation>Posted until</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="30"/>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="37"/>
        <source>Bảng công khai còn trống. Bấm «Niêm yết các thủ tục» để đưa thủ tục, thời hạn và phí lên.</source>
        <translation>The board is empty. Press “Post the procedures” to post the procedures with their time limits and fees.</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="39"/>
        <source>Hiện cả tin đã gỡ</source>
        <translation>Show items taken down too</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="48"/>
        <source>Quý </source>
        <translation>Quarter </translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="50"/>
        <source>Dòng vàng: đã đủ thời gian niêm yết, có thể gỡ xuống</source>
        <translation>Amber row: posted long enough, may be taken down</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="57"/>
        <source>Niêm &amp;yết tin…</source>
        <translation>Post an &amp;item…</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="58"/>
        <source>Niêm yết các thủ tụ&amp;c</source>
        <translation>Post the pro&amp;cedures</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="59"/>
        <source>&amp;Gỡ xuống</source>
        <translation>&amp;Take down</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="63"/>
        <source>In &amp;bảng niêm yết (A4)</source>
        <translation>Print the &amp;board (A4)</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="64"/>
        <source>Danh mục đã công khai:</source>
        <translation>List of disclosures:</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="67"/>
        <source>In &amp;danh mục quý</source>
        <translation>Print the &amp;quarterly list</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="86"/>
        <source>Đã gỡ ngày %1</source>
        <translation>Taken down on %1</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="88"/>
        <source>Đã đủ thời hạn — có thể gỡ</source>
        <translation>Period ended — may come down</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="90"/>
        <source>Chưa đến ngày niêm yết</source>
        <translation>Not posted yet</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="91"/>
        <source>Đang niêm yết</source>
        <translation>Posted</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="100"/>
        <source>Thường xuyên</source>
        <translation>Permanently</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="108"/>
        <source>Đang niêm yết: %1 · Có thể gỡ: %2</source>
        <translation>Posted: %1 · May come down: %2</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="132"/>
        <source>Đã niêm yết %1 thủ tục mới.</source>
        <translation>%1 new procedures posted.</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="142"/>
        <location filename="../../ui/disclosure_page.py" line="144"/>
        <source>Gỡ xuống</source>
        <translation>Take down</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="143"/>
        <source>Gỡ «%1» khỏi bảng công khai?</source>
        <translation>Take “%1” down from the board?</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="155"/>
        <source>Đã in bảng niêm yết.</source>
        <translation>The board was printed.</translation>
    </message>
    <message>
        <location filename="../../ui/disclosure_page.py" line="163"/>
        <source>Đã in danh mục công khai quý %1/%2.</source>
        <translation>The list of disclosures of Q%1/%2 was printed.</translation>
    </message>
</context>
<context>
    <name>DocumentTable</name>
    <message>
        <location filename="../../ui/files_box.py" line="60"/>
        <source>Trang đầu</source>
        <translation>First page</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="60"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="60"/>
        <source>Tệp / lý do</source>
        <translation>File / reason</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="308"/>
        <source>Nhận tài liệu — %1</source>
        <translation>Documents received — %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="310"/>
        <source>Tên tài liệu</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="310"/>
        <source>Loại bản</source>
        <translation>Kind of copy</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="310"/>
        <source>Số trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="315"/>
        <source>Thêm &amp;dòng</source>
        <translation>Add a ro&amp;w</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="319"/>
        <source>&amp;Tài liệu:</source>
        <translation>&amp;Documents:</translation>
    </message>
</context>
<context>
    <name>DocumentsTable</name>
    <message>
        <location filename="../../ui/documents_table.py" line="19"/>
        <source>Giấy tờ đã nhận</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../ui/documents_table.py" line="19"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/documents_table.py" line="19"/>
        <source>Số lượng</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../ui/documents_table.py" line="24"/>
        <source>Chọn thủ tục ở bên trái: danh sách giấy tờ cần nộp sẽ hiện ở đây.</source>
        <translation>Choose a procedure on the left: the documents it needs appear here.</translation>
    </message>
</context>
<context>
    <name>DossierChart</name>
    <message>
        <location filename="../../ui/report_charts.py" line="78"/>
        <source>Hồ sơ theo tháng</source>
        <translation>Dossiers by month</translation>
    </message>
    <message>
        <location filename="../../ui/report_charts.py" line="80"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/report_charts.py" line="81"/>
        <source>Giải quyết đúng hạn</source>
        <translation>Ended on time</translation>
    </message>
    <message>
        <location filename="../../ui/report_charts.py" line="82"/>
        <source>Giải quyết quá hạn</source>
        <translation>Ended late</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <location filename="../../ui/dossiers_section.py" line="41"/>
        <source>Hồ sơ %1</source>
        <translation>Dossier %1</translation>
    </message>
</context>
<context>
    <name>DossierFilesBox</name>
    <message>
        <location filename="../../ui/files_box.py" line="175"/>
        <source>Hồ sơ điện tử (bản quét)</source>
        <translation>Electronic dossier (scans)</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="192"/>
        <source>Đính kèm tệp…</source>
        <translation>Attach file…</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="193"/>
        <source>Không số hóa…</source>
        <translation>No scan…</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="194"/>
        <source>Dùng lại…</source>
        <translation>Reuse…</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="195"/>
        <source>Chụp ảnh…</source>
        <translation>Camera…</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="196"/>
        <source>Xem</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="197"/>
        <source>Kết quả điện tử…</source>
        <translation>Electronic result…</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="232"/>
        <source>chưa có</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="234"/>
        <source>%1 trang</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="236"/>
        <source>(dùng lại)</source>
        <translation>(reused)</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="248"/>
        <source>Kết quả điện tử: %1 trang</source>
        <translation>Electronic result: %1 pages</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="282"/>
        <source>Đã đính kèm %1 tệp vào giấy tờ số %2.</source>
        <translation>Attached %1 file(s) to document %2.</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="289"/>
        <source>Chọn tệp quét</source>
        <translation>Choose scanned files</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="296"/>
        <source>Không tìm thấy máy ảnh trên máy tính này.</source>
        <translation>No camera was found on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="307"/>
        <source>Đã đính kèm %1 trang chụp vào giấy tờ số %2.</source>
        <translation>Attached %1 photographed page(s) to document %2.</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="317"/>
        <source>Không số hóa</source>
        <translation>No scan</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="317"/>
        <source>Vì sao giấy tờ này không có bản quét?</source>
        <translation>Why does this document have no scan?</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="330"/>
        <source>Công dân này chưa có giấy tờ đã số hóa ở hồ sơ trước.</source>
        <translation>This citizen has no digitised papers in earlier dossiers.</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="334"/>
        <source>Dùng lại giấy tờ đã số hóa</source>
        <translation>Reuse a digitised paper</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="335"/>
        <source>Chọn tệp của hồ sơ trước:</source>
        <translation>Choose a file of an earlier dossier:</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="341"/>
        <source>Đã dùng lại tệp.</source>
        <translation>File reused.</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="346"/>
        <source>Chọn bản điện tử của kết quả</source>
        <translation>Choose the electronic copy of the result</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="352"/>
        <source>Đã đính kèm bản điện tử của kết quả.</source>
        <translation>Electronic copy of the result attached.</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="387"/>
        <source>Đang tải tệp từ máy chủ tỉnh…</source>
        <translation>Fetching the file from the province server…</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../ui/dossier_panel.py" line="69"/>
        <source>Thông tin hồ sơ</source>
        <translation>Dossier details</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="73"/>
        <source>Trạng thái:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="74"/>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="75"/>
        <source>Số CCCD:</source>
        <translation>CCCD number:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="76"/>
        <source>Điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="77"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="78"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="79"/>
        <source>Ngày nhận:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="80"/>
        <source>Hẹn trả:</source>
        <translation>Due:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="81"/>
        <source>Tiến độ (chỉ số 2.1):</source>
        <translation>Timeliness (indicator 2.1):</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="82"/>
        <source>Giấy tờ:</source>
        <translation>Documents:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="83"/>
        <source>Hình thức nộp:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="84"/>
        <source>Đồng bộ:</source>
        <translation>Sync:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="93"/>
        <source>Quá trình xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="96"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="96"/>
        <source>Bước</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="96"/>
        <source>Cán bộ</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="96"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="122"/>
        <source>&amp;In lại…</source>
        <translation>&amp;Reprint…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="160"/>
        <source>Chuyển xử lý</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="161"/>
        <source>Yêu cầu bổ sung</source>
        <translation>Request a supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="162"/>
        <source>Nhận bổ sung</source>
        <translation>Supplement received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="163"/>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="164"/>
        <source>Trả kết quả</source>
        <translation>Return the result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="165"/>
        <source>Xin lỗi, hẹn lại</source>
        <translation>Apologise, new date</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="166"/>
        <source>Từ chối</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="167"/>
        <source>Rút hồ sơ</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="168"/>
        <source>Dừng giải quyết</source>
        <translation>Stop processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="190"/>
        <source>Chưa chọn hồ sơ</source>
        <translation>No dossier selected</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="253"/>
        <source>Giấy tiếp nhận và hẹn trả kết quả</source>
        <translation>Receipt and appointment</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="254"/>
        <source>Phiếu yêu cầu bổ sung hồ sơ</source>
        <translation>Supplement request</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="255"/>
        <source>Phiếu từ chối tiếp nhận</source>
        <translation>Refusal notice</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="256"/>
        <source>Văn bản xin lỗi và hẹn lại</source>
        <translation>Apology and new date</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="257"/>
        <source>Phiếu theo dõi quá trình xử lý</source>
        <translation>Tracking sheet</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="258"/>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice stopping processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="283"/>
        <source>Đã in lại: %1.</source>
        <translation>Reprinted: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="293"/>
        <source>đang giải quyết, %1 đến nay</source>
        <translation>in progress, %1 so far</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="294"/>
        <source>%1 (so với hẹn trên giấy tiếp nhận %2)</source>
        <translation>%1 (against the receipt&apos;s date %2)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="297"/>
        <source>; đã hẹn lại %1</source>
        <translation>; new date given %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="312"/>
        <source>chờ gửi</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="313"/>
        <source>đã gửi</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="314"/>
        <source>lỗi — %1</source>
        <translation>error — %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="315"/>
        <source>chưa kết nối với máy chủ tỉnh</source>
        <translation>not connected to a province hub</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="332"/>
        <source>hồ sơ %1 của %2</source>
        <translation>dossier %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="336"/>
        <source>Trả kết quả %1?</source>
        <translation>Return the result of %1?</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="342"/>
        <source>%1: %2. Việc này không hoàn tác được.</source>
        <translation>%1: %2. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="344"/>
        <location filename="../../ui/dossier_panel.py" line="356"/>
        <source>Lý do (in trên phiếu):</source>
        <translation>Reason (printed on the form):</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="356"/>
        <source>Yêu cầu bổ sung %1.</source>
        <translation>Request a supplement for %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="368"/>
        <source>Đã ghi: %1.</source>
        <translation>Recorded: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="371"/>
        <source>Đã in phiếu.</source>
        <translation>Form printed.</translation>
    </message>
</context>
<context>
    <name>DossiersSection</name>
    <message>
        <location filename="../../ui/dossiers_section.py" line="61"/>
        <source>Tìm theo mã, tên, CCCD, điện thoại — không cần dấu</source>
        <translation>Search by code, name, CCCD, phone — accents optional</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="71"/>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="75"/>
        <source>Mọi thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="80"/>
        <source>Mọi hạn</source>
        <translation>Any deadline</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="114"/>
        <source>Không có hồ sơ nào khớp. Xoá bớt chữ tìm kiếm hoặc bộ lọc; hồ sơ mới nhận ở mục Tiếp nhận (F2).</source>
        <translation>No dossier matches. Shorten the search or clear a filter; new dossiers are received under Receive (F2).</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="120"/>
        <source>&lt;span style=&apos;background:#f8c9c4&apos;&gt;&amp;nbsp;quá hạn&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbd9a6&apos;&gt;&amp;nbsp;hạn hôm nay&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbf0b2&apos;&gt;&amp;nbsp;hạn trong tuần&amp;nbsp;&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;background:#f8c9c4&apos;&gt;&amp;nbsp;overdue&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbd9a6&apos;&gt;&amp;nbsp;due today&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbf0b2&apos;&gt;&amp;nbsp;due this week&amp;nbsp;&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="126"/>
        <source>&amp;Tìm:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="133"/>
        <source>T&amp;rạng thái:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="134"/>
        <source>Th&amp;ủ tục:</source>
        <translation>Pr&amp;ocedure:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="135"/>
        <source>&amp;Hạn:</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="136"/>
        <source>Nhận từ:</source>
        <translation>Received from:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="137"/>
        <source>đến:</source>
        <translation>to:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="208"/>
        <source>%1 hồ sơ</source>
        <translation>%1 dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="208"/>
        <source>hơn %1 hồ sơ</source>
        <translation>over %1 dossiers</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../ui/errors.py" line="87"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="91"/>
        <source>Lỗi ngoài dự kiến</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="94"/>
        <source>Đã xảy ra lỗi ngoài dự kiến; việc đang làm có thể chưa được lưu. Chi tiết đã ghi vào %1.</source>
        <translation>An unexpected error occurred; the work in hand may not have been saved. The details were written to %1.</translation>
    </message>
</context>
<context>
    <name>FeeBox</name>
    <message>
        <location filename="../../ui/fee_widgets.py" line="251"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="258"/>
        <source>Ghi nhận nộp tiền…</source>
        <translation>Record a payment…</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="290"/>
        <location filename="../../ui/fee_widgets.py" line="292"/>
        <source>Lệ phí: %1</source>
        <translation>Fee: %1</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="295"/>
        <source>(sửa từ %1: %2)</source>
        <translation>(changed from %1: %2)</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="307"/>
        <source>Còn phải nộp: %1</source>
        <translation>Still due: %1</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="309"/>
        <source>Đã nộp đủ.</source>
        <translation>Paid in full.</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="316"/>
        <source>Quét VietQR để chuyển khoản %1, nội dung %2.</source>
        <translation>Scan the VietQR to transfer %1, message %2.</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="334"/>
        <source>Đã ghi nhận nộp lệ phí.</source>
        <translation>Payment recorded.</translation>
    </message>
</context>
<context>
    <name>FeeEditor</name>
    <message>
        <location filename="../../ui/fee_widgets.py" line="76"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="94"/>
        <source>Bắt buộc khi sửa số tiền khác quy tắc</source>
        <translation>Required when the amount differs from the rule</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="102"/>
        <source>Số trang mỗi bản:</source>
        <translation>Pages per copy:</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="103"/>
        <source>Số bản:</source>
        <translation>Copies:</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="104"/>
        <source>Ngày sinh / ngày chết:</source>
        <translation>Date of birth / death:</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="109"/>
        <source>Số tiền:</source>
        <translation>Amount:</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="110"/>
        <source>Lý do sửa:</source>
        <translation>Reason for the change:</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="138"/>
        <source>Chọn thủ tục để tính lệ phí.</source>
        <translation>Choose a procedure to compute the fee.</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="140"/>
        <source>Danh mục chưa có quy tắc lệ phí: %1</source>
        <translation>The catalogue has no fee rule: %1</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="186"/>
        <source>Đã sửa: theo quy tắc là %1; cần ghi lý do.</source>
        <translation>Changed: the rule gives %1; a reason is required.</translation>
    </message>
</context>
<context>
    <name>FeedbackFormDialog</name>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="44"/>
        <source>Thêm vào sổ</source>
        <translation>New register entry</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="73"/>
        <source>Họ tên, địa chỉ, liên hệ của người tố cáo được mã hóa và bảo mật.</source>
        <translation>The denouncer&apos;s name, address and contact are encrypted and kept confidential.</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="77"/>
        <source>Loại sổ</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="78"/>
        <source>Hình thức</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="79"/>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="80"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="81"/>
        <source>Liên hệ</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="83"/>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="84"/>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="85"/>
        <source>Hồ sơ liên quan</source>
        <translation>Related dossier</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="86"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="87"/>
        <source>Cán bộ xử lý</source>
        <translation>Officer in charge</translation>
    </message>
</context>
<context>
    <name>FeedbackRegister</name>
    <message>
        <location filename="../../ui/feedback_section.py" line="58"/>
        <source>Tất cả các sổ</source>
        <translation>All registers</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="63"/>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="64"/>
        <source>Đang mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="68"/>
        <source>Tìm theo số hiệu, nội dung, phân loại…</source>
        <translation>Search by number, content, category…</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="69"/>
        <source>Chỉ quá hạn / sắp đến hạn</source>
        <translation>Only overdue / due soon</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="89"/>
        <source>Sổ chưa có mục nào khớp. Bấm «Thêm» để ghi một phản ánh, kiến nghị, khiếu nại hay tố cáo.</source>
        <translation>No entry matches. Press &apos;Add&apos; to record feedback, a recommendation, a complaint or a denunciation.</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="94"/>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="95"/>
        <source>Thụ lý</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="96"/>
        <location filename="../../ui/feedback_section.py" line="217"/>
        <source>Trả lời</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="97"/>
        <source>Chuyển</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="98"/>
        <location filename="../../ui/feedback_section.py" line="246"/>
        <source>Kết thúc</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="99"/>
        <source>Xem người tố cáo</source>
        <translation>Show the denouncer</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="100"/>
        <source>Xuất CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="117"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="117"/>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="118"/>
        <source>Người tố cáo: *** (bảo mật)</source>
        <translation>Denouncer: *** (confidential)</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="154"/>
        <source>%1 mục · %2 quá hạn · %3 sắp đến hạn</source>
        <translation>%1 entries · %2 overdue · %3 due soon</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="187"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="218"/>
        <source>Nội dung trả lời cho mục %1:</source>
        <translation>The answer to entry %1:</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="233"/>
        <source>Chuyển đơn</source>
        <translation>Forward the entry</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="234"/>
        <source>Chuyển mục %1 đến cơ quan (hạn chuyển %2):</source>
        <translation>Forward entry %1 to the agency (forward by %2):</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="246"/>
        <source>Lý do kết thúc mục %1:</source>
        <translation>Why entry %1 is closed:</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_section.py" line="269"/>
        <source>Xuất sổ</source>
        <translation>Export the register</translation>
    </message>
</context>
<context>
    <name>FeedbackTableModel</name>
    <message>
        <location filename="../../ui/feedback_model.py" line="51"/>
        <source>Số hiệu</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="52"/>
        <source>Loại sổ</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="53"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="54"/>
        <source>Người gửi</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="55"/>
        <source>Hình thức</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="56"/>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="57"/>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="58"/>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="59"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="60"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="62"/>
        <source>Thông tin người tố cáo được bảo mật</source>
        <translation>The denouncer&apos;s identity is confidential</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="63"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="63"/>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_model.py" line="64"/>
        <source>(ẩn danh)</source>
        <translation>(anonymous)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="17"/>
        <source>Khởi tạo quầy Một cửa</source>
        <translation>Set up the one-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="25"/>
        <source>ví dụ H15.50.05.13; để trống: dùng mã xã</source>
        <translation>e.g. H15.50.05.13; empty: the commune code</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="47"/>
        <source>Kho dữ liệu mới: nhập thông tin xã, số quầy và tài khoản quản trị đầu tiên.</source>
        <translation>New store: enter the commune, the desk number and the first administrator account.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="51"/>
        <source>&amp;Mã xã (5 chữ số):</source>
        <translation>&amp;Commune code (5 digits):</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="52"/>
        <source>&amp;Tên xã:</source>
        <translation>Commune &amp;name:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="53"/>
        <source>T&amp;ỉnh:</source>
        <translation>P&amp;rovince:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="54"/>
        <source>Mã định danh &amp;cơ quan:</source>
        <translation>&amp;Agency electronic ID:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="55"/>
        <source>Số &amp;quầy:</source>
        <translation>Desk n&amp;umber:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="56"/>
        <source>Tên đăng nhập &amp;quản trị:</source>
        <translation>&amp;Administrator user name:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="57"/>
        <source>Mật &amp;khẩu:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="58"/>
        <source>&amp;Họ tên quản trị:</source>
        <translation>Administrator&apos;s &amp;full name:</translation>
    </message>
</context>
<context>
    <name>FollowEditor</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="210"/>
        <source>Việc cần làm</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="211"/>
        <source>Người thực hiện</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="212"/>
        <source>Số ngày làm việc</source>
        <translation>Working days</translation>
    </message>
</context>
<context>
    <name>FollowUpBox</name>
    <message>
        <location filename="../../ui/reception_common.py" line="209"/>
        <source>Chưa có việc nào phải theo dõi. Việc được giao khi ra kết luận.</source>
        <translation>Nothing to follow up yet. Follow-ups are given with a conclusion.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_common.py" line="210"/>
        <source>Đánh &amp;dấu đã xong…</source>
        <translation>Mark &amp;done…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_common.py" line="212"/>
        <source>Dòng đỏ: quá hạn chưa xong</source>
        <translation>Red row: overdue, not done</translation>
    </message>
    <message>
        <location filename="../../ui/reception_common.py" line="239"/>
        <source>Hoàn thành việc</source>
        <translation>Follow-up done</translation>
    </message>
    <message>
        <location filename="../../ui/reception_common.py" line="239"/>
        <source>Kết quả thực hiện «%1»:</source>
        <translation>What was done for “%1”:</translation>
    </message>
</context>
<context>
    <name>GridEditor</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="77"/>
        <source>Thêm &amp;dòng</source>
        <translation>Add a ro&amp;w</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="195"/>
        <source>Ghi kết quả buổi tiếp</source>
        <translation>Record the session</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="200"/>
        <source>&amp;Người tiếp (mỗi người một dòng):</source>
        <translation>&amp;Received by (one per line):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="201"/>
        <source>Nội &amp;dung công dân nêu:</source>
        <translation>What the citizens &amp;raised:</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="152"/>
        <source>Thông tin người tố cáo (bảo mật)</source>
        <translation>The denouncer&apos;s identity (confidential)</translation>
    </message>
    <message>
        <location filename="../../ui/feedback_dialogs.py" line="153"/>
        <source>Mục %1
Họ tên: %2
Địa chỉ: %3
Liên hệ: %4

Lần xem này đã được ghi lại.</source>
        <translation>Entry %1
Name: %2
Address: %3
Contact: %4

This reading has been recorded.</translation>
    </message>
</context>
<context>
    <name>InboxOffer</name>
    <message>
        <location filename="../../ui/files_box.py" line="147"/>
        <source>Đính kèm vào giấy tờ đang chọn</source>
        <translation>Attach to the selected document</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="148"/>
        <source>Bỏ qua</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <location filename="../../ui/files_box.py" line="159"/>
        <source>Tệp mới từ máy quét: %1</source>
        <translation>New file from the scanner: %1</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <location filename="../../ui/report_models.py" line="111"/>
        <source>Mã</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="112"/>
        <source>Chỉ số</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="113"/>
        <source>Tỷ lệ</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="114"/>
        <source>Điểm</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="115"/>
        <source>Tối đa</source>
        <translation>Most</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="116"/>
        <source>Điểm bị mất</source>
        <translation>Points lost</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="117"/>
        <source>Hồ sơ mất điểm</source>
        <translation>Records lost</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="118"/>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="121"/>
        <source>Đủ điểm</source>
        <translation>Full points</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="122"/>
        <source>Mất điểm</source>
        <translation>Points lost</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="123"/>
        <source>Chưa có dữ liệu</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="124"/>
        <source>Không phát sinh</source>
        <translation>None in the period</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="126"/>
        <source>Điểm tối đa là giả định: điểm của nhóm chia đều cho các chỉ số (chưa có văn bản).</source>
        <translation>The most points are an assumption: the group&apos;s points shared equally among its indicators (no text yet).</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Bộ phận Một cửa — %1</source>
        <translation>One-stop shop — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58"/>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Đăng nhập để làm việc</source>
        <translation>Sign in to work</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Bộ phận Một cửa</source>
        <translation>One-stop shop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67"/>
        <source>Đăng &amp;nhập</source>
        <translation>Sign &amp;in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <source>Dữ liệu mẫu: tên đăng nhập «%1», mật khẩu «%2».</source>
        <translation>Demo data: user name &apos;%1&apos;, password &apos;%2&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="119"/>
        <source>Đang tạo dữ liệu mẫu (%1 hồ sơ)…</source>
        <translation>Building the demo data (%1 dossiers)…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="122"/>
        <source>Dữ liệu mẫu</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="140"/>
        <source>Đang nâng cấp kho dữ liệu…</source>
        <translation>Upgrading the store…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="161"/>
        <location filename="../../ui/main_window.py" line="100"/>
        <source>Đang mở kho dữ liệu…</source>
        <translation>Opening the store…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Màn hình đã khoá; đăng nhập để tiếp tục</source>
        <translation>The screen is locked; sign in to continue</translation>
    </message>
</context>
<context>
    <name>LostModel</name>
    <message>
        <location filename="../../ui/report_models.py" line="174"/>
        <source>(không có trên quầy này)</source>
        <translation>(not on this desk)</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="180"/>
        <source>Số hiệu</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="180"/>
        <source>Người phản ánh</source>
        <translation>Given by</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="180"/>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="182"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="182"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="182"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="183"/>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/report_models.py" line="183"/>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="224"/>
        <source>&amp;1 Tiếp nhận</source>
        <translation>&amp;1 Receive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>&amp;2 Hồ sơ</source>
        <translation>&amp;2 Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226"/>
        <source>&amp;3 Trả kết quả</source>
        <translation>&amp;3 Return results</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>Quầy %1 — %2</source>
        <translation>Desk %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>Bộ phận Một cửa</source>
        <translation>One-stop shop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>Đồng bộ: chưa cấu hình</source>
        <translation>Sync: not set up</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>Bộ phận Một cửa — %1</source>
        <translation>One-stop shop — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="254"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="256"/>
        <source>&amp;Khoá màn hình</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="257"/>
        <source>Đồng &amp;bộ ngay</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>&amp;Lỗi đồng bộ…</source>
        <translation>Sync &amp;problems…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259"/>
        <source>Màn hình đánh &amp;giá</source>
        <translation>&amp;Rating screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263"/>
        <source>Đ&amp;i tới</source>
        <translation>&amp;Go to</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265"/>
        <source>Tiếp nhận</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297"/>
        <source>Ngôn ngữ mới được dùng từ lần mở chương trình sau.</source>
        <translation>The new language applies the next time the program starts.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="335"/>
        <source>Cán bộ: %1 (%2)</source>
        <translation>Clerk: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="359"/>
        <source>&amp;4 Phản ánh, kiến nghị</source>
        <translation>&amp;4 Feedback</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370"/>
        <source>&amp;5 Tiếp công dân</source>
        <translation>&amp;5 Citizen reception</translation>
    </message>
</context>
<context>
    <name>MessageLine</name>
    <message>
        <location filename="../../ui/widgets.py" line="67"/>
        <source>Mở tệp PDF</source>
        <translation>Open the PDF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="68"/>
        <source>Mở thư mục</source>
        <translation>Show the folder</translation>
    </message>
</context>
<context>
    <name>NewDateDialog</name>
    <message>
        <location filename="../../ui/prompts.py" line="117"/>
        <source>Xin lỗi và hẹn lại ngày trả</source>
        <translation>Apology and new return date</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="119"/>
        <source>Hẹn trả hiện tại: %1</source>
        <translation>Current return date: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="129"/>
        <source>&amp;Ngày hẹn mới:</source>
        <translation>&amp;New return date:</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="131"/>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="133"/>
        <source>Chỉ được hẹn lại một lần, chậm nhất một ngày trước ngày hẹn trả; ngày mới phải là ngày làm việc.</source>
        <translation>The date may move only once, at least a day before it falls due; the new date must be a working day.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/fee_widgets.py" line="215"/>
        <source>Ghi nhận nộp lệ phí</source>
        <translation>Record a fee payment</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="224"/>
        <source>Số tiền:</source>
        <translation>Amount:</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="225"/>
        <source>Hình thức:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="226"/>
        <source>Số biên lai (tiền mặt):</source>
        <translation>Receipt number (cash):</translation>
    </message>
    <message>
        <location filename="../../ui/fee_widgets.py" line="227"/>
        <source>Lý do (khi khác mức phải nộp):</source>
        <translation>Reason (when it differs from what is due):</translation>
    </message>
</context>
<context>
    <name>PendingFilesBox</name>
    <message>
        <location filename="../../ui/pending_files.py" line="45"/>
        <source>Bản quét (đính kèm khi lưu)</source>
        <translation>Scans (attached on saving)</translation>
    </message>
    <message>
        <location filename="../../ui/pending_files.py" line="61"/>
        <source>Đính kèm tệp cho giấy tờ đang chọn…</source>
        <translation>Attach files to the selected document…</translation>
    </message>
    <message>
        <location filename="../../ui/pending_files.py" line="63"/>
        <source>Dùng lại…</source>
        <translation>Reuse…</translation>
    </message>
    <message>
        <location filename="../../ui/pending_files.py" line="97"/>
        <source>dùng lại từ %1</source>
        <translation>reused from %1</translation>
    </message>
    <message>
        <location filename="../../ui/pending_files.py" line="103"/>
        <source>Chọn tệp quét</source>
        <translation>Choose scanned files</translation>
    </message>
    <message>
        <location filename="../../ui/pending_files.py" line="112"/>
        <source>Công dân này có %1 giấy tờ đã số hóa ở hồ sơ trước: có thể dùng lại.</source>
        <translation>This citizen has %1 digitised papers in earlier dossiers: they can be reused.</translation>
    </message>
    <message>
        <location filename="../../ui/pending_files.py" line="124"/>
        <source>Dùng lại giấy tờ đã số hóa</source>
        <translation>Reuse a digitised paper</translation>
    </message>
    <message>
        <location filename="../../ui/pending_files.py" line="125"/>
        <source>Chọn tệp của hồ sơ trước:</source>
        <translation>Choose a file of an earlier dossier:</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/report_period.py" line="45"/>
        <source>Toàn xã</source>
        <translation>Whole commune</translation>
    </message>
    <message>
        <location filename="../../ui/report_period.py" line="46"/>
        <source>Riêng quầy này</source>
        <translation>This desk only</translation>
    </message>
    <message>
        <location filename="../../ui/report_period.py" line="50"/>
        <source>&amp;Kỳ báo cáo:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../ui/report_period.py" line="53"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/report_period.py" line="53"/>
        <source>Từ ngà&amp;y</source>
        <translation>Fro&amp;m</translation>
    </message>
    <message>
        <location filename="../../ui/report_period.py" line="57"/>
        <source>Đơn &amp;vị:</source>
        <translation>&amp;Unit:</translation>
    </message>
</context>
<context>
    <name>PostDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="347"/>
        <source>Niêm yết thông tin</source>
        <translation>Post an item</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="352"/>
        <source> ngày</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="353"/>
        <source>&amp;Tiêu đề:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="354"/>
        <source>&amp;Nội dung:</source>
        <translation>&amp;Content:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="355"/>
        <source>Niêm yết tr&amp;ong:</source>
        <translation>Posted f&amp;or:</translation>
    </message>
</context>
<context>
    <name>ReceiveForm</name>
    <message>
        <location filename="../../ui/receive_form.py" line="61"/>
        <source>Gõ tên hoặc mã thủ tục, không cần dấu…</source>
        <translation>Type a procedure&apos;s name or code, accents optional…</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="89"/>
        <source>Chưa ghi nhận</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="94"/>
        <source>để trống nếu là xã này; ví dụ 87002 Xã Mỹ Hiệp</source>
        <translation>empty for this commune; e.g. 87002 Xã Mỹ Hiệp</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="111"/>
        <source>&amp;Lưu và in biên nhận (Ctrl+Enter)</source>
        <translation>&amp;Save and print receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="113"/>
        <source>Làm &amp;mới</source>
        <translation>C&amp;lear</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="115"/>
        <source>&amp;In lại biên nhận</source>
        <translation>Re&amp;print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="140"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="142"/>
        <source>&amp;Thủ tục:</source>
        <translation>&amp;Procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="146"/>
        <source>&amp;Xã giải quyết:</source>
        <translation>Deciding &amp;commune:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="148"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="151"/>
        <source>Số &amp;CCCD:</source>
        <translation>&amp;CCCD number:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="152"/>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="153"/>
        <source>Điện thoại (&amp;D):</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="154"/>
        <source>Đị&amp;a chỉ:</source>
        <translation>A&amp;ddress:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="155"/>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="156"/>
        <source>&amp;Kiểm tra danh tính:</source>
        <translation>&amp;Identity checked:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="160"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="163"/>
        <source>Số &amp;bộ:</source>
        <translation>Num&amp;ber of sets:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="164"/>
        <source>Hình thức &amp;nộp:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="165"/>
        <source>&amp;Ghi chú:</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="263"/>
        <source>lệ phí: %1</source>
        <translation>fee: %1</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="274"/>
        <source>Cơ quan giải quyết: %1 (Bộ phận Một cửa tiếp nhận và chuyển hồ sơ)</source>
        <translation>Deciding agency: %1 (the one-stop desk receives and forwards the dossier)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="310"/>
        <source>Đã điền thông tin người nộp từ hồ sơ trước.</source>
        <translation>The applicant was filled in from an earlier dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="316"/>
        <source>Hẹn trả: chọn thủ tục để tính</source>
        <translation>Due: choose a procedure to compute</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="320"/>
        <source>Hẹn trả: %1</source>
        <translation>Due: %1</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="357"/>
        <source>Chưa đánh dấu giấy tờ nào đã nhận.</source>
        <translation>No document is ticked as received.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="371"/>
        <source>Đã tiếp nhận hồ sơ %1, hẹn trả %2.</source>
        <translation>Dossier %1 received, due %2.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="381"/>
        <source>Đã in biên nhận.</source>
        <translation>Receipt printed.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="400"/>
        <source>Đã in lại biên nhận %1.</source>
        <translation>Receipt %1 reprinted.</translation>
    </message>
</context>
<context>
    <name>ReceptionSection</name>
    <message>
        <location filename="../../ui/reception_section.py" line="47"/>
        <source>Mọi vụ việc</source>
        <translation>Every matter</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="49"/>
        <source>Chỉ: %1</source>
        <translation>Only: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="62"/>
        <source>Không có lượt tiếp nào trong thời gian và bộ lọc đã chọn.</source>
        <translation>No reception in the period and filter chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="68"/>
        <source>Từ &amp;chối tiếp (01/TCD)…</source>
        <translation>Re&amp;fuse (01/TCD)…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="69"/>
        <source>Nhận &amp;tài liệu (02/TCD)…</source>
        <translation>Receive &amp;documents (02/TCD)…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="70"/>
        <source>&amp;Vào sổ thụ lý</source>
        <translation>&amp;Enter in its register</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="71"/>
        <source>&amp;Hướng dẫn…</source>
        <translation>&amp;Guide…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="72"/>
        <source>Chuyển đơ&amp;n…</source>
        <translation>For&amp;ward…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="79"/>
        <source>Gắn &amp;dấu hiệu</source>
        <translation>&amp;Flag</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="80"/>
        <source>&amp;In…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="81"/>
        <source>&amp;Xem người tố cáo…</source>
        <translation>&amp;Reveal the denouncer…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="88"/>
        <source>Sổ tiếp công dân (03/TCD) của thời gian đã chọn</source>
        <translation>Reception register (03/TCD) for the period chosen</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="89"/>
        <source>Thông báo từ chối tiếp (01/TCD)…</source>
        <translation>Notice refusing the reception (01/TCD)…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="90"/>
        <source>Giấy biên nhận tài liệu (02/TCD)</source>
        <translation>Receipt for documents (02/TCD)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="94"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="94"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="113"/>
        <source>Sổ tiếp công dân (03/TCD)</source>
        <translation>Reception register (03/TCD)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="114"/>
        <source>Lịch và buổi tiếp</source>
        <translation>Schedule and sessions</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="115"/>
        <source>Đối thoại</source>
        <translation>Dialogues</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="116"/>
        <source>Việc theo dõi</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="117"/>
        <source>Công khai</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="165"/>
        <source>Lượt tiếp: %1 · Việc quá hạn: %2 · %3</source>
        <translation>Receptions: %1 · Overdue follow-ups: %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="217"/>
        <source>Đã hướng dẫn công dân (%1) những gì, đến cơ quan nào:</source>
        <translation>What the citizen (%1) was told, and which agency to go to:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="218"/>
        <source>Hướng dẫn</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="229"/>
        <source>Chuyển đơn của lượt tiếp %1 đến cơ quan:</source>
        <translation>Forward the petition of %1 to the agency:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="230"/>
        <source>Chuyển đơn</source>
        <translation>Forward the petition</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="240"/>
        <source>Đã in sổ tiếp công dân (03/TCD).</source>
        <translation>The reception register (03/TCD) was printed.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="249"/>
        <source>Thông báo từ chối tiếp</source>
        <translation>Notice refusing a reception</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="249"/>
        <source>Họ tên người ký thông báo:</source>
        <translation>Full name of the signer:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="255"/>
        <source>Đã in thông báo từ chối tiếp %1.</source>
        <translation>Refusal notice for %1 printed.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_section.py" line="265"/>
        <source>Đã in giấy biên nhận tài liệu %1.</source>
        <translation>Receipt for the documents of %1 printed.</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="293"/>
        <source>Từ chối tiếp — %1</source>
        <translation>Refuse the reception — %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="296"/>
        <source>&amp;Căn cứ:</source>
        <translation>&amp;Ground:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="297"/>
        <source>&amp;Sự việc cụ thể:</source>
        <translation>&amp;What happened:</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../ui/register_model.py" line="63"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="64"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="65"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="66"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="67"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="68"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="69"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="72"/>
        <source>chờ gửi</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="73"/>
        <source>đã gửi</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="74"/>
        <source>lỗi</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="75"/>
        <source>chưa kết nối</source>
        <translation>not connected</translation>
    </message>
</context>
<context>
    <name>ReportsSection</name>
    <message>
        <location filename="../../ui/reports_section.py" line="119"/>
        <source>&amp;6 Báo cáo</source>
        <translation>&amp;6 Reports</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="120"/>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="124"/>
        <source>Tính &amp;lại</source>
        <translation>&amp;Recompute</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="156"/>
        <location filename="../../ui/reports_section.py" line="365"/>
        <source>&amp;Mở hồ sơ</source>
        <translation>&amp;Open dossier</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="165"/>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="166"/>
        <source>Cán bộ</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="167"/>
        <source>Xuất &amp;Excel…</source>
        <translation>Export to &amp;Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="169"/>
        <source>Xuất &amp;PDF…</source>
        <translation>Export &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="211"/>
        <source>Bộ chỉ số 766</source>
        <translation>Decision 766 scorecard</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="212"/>
        <source>Biểu đồ theo tháng</source>
        <translation>Charts by month</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="219"/>
        <source>Theo thủ tục</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="220"/>
        <source>Theo cán bộ</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="245"/>
        <source>Đang tính…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="292"/>
        <source>Điểm: %1 / %2</source>
        <translation>Score: %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="297"/>
        <source>Từ %1. Điểm trên số điểm mà dữ liệu của quầy quyết định (bộ chỉ số tổng 100 điểm); các chỉ số chưa có dữ liệu không được tính. Số liệu tính đến %2.</source>
        <translation>%1. The score is out of the points this desk&apos;s records decide (the scorecard totals 100 points); indicators with no data are not counted. Figures as of %2.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="340"/>
        <source>Chỉ số %1: %2 hồ sơ làm mất điểm</source>
        <translation>Indicator %1: %2 records cost points</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="348"/>
        <source> — %1 hồ sơ chưa xong (chữ đỏ, ở đầu danh sách)</source>
        <translation> — %1 still open (in red, at the top)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="353"/>
        <source>Chỉ số này chỉ cho biết số lượng, không lập danh sách hồ sơ.</source>
        <translation>This indicator gives a number only, not a list of dossiers.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="357"/>
        <source> (hiện %1 hồ sơ đầu)</source>
        <translation> (the first %1 shown)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="360"/>
        <source>Không có hồ sơ nào làm mất điểm ở chỉ số này.</source>
        <translation>No record cost points on this indicator.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="365"/>
        <source>&amp;Mở phản ánh</source>
        <translation>&amp;Open feedback</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="375"/>
        <source>Hồ sơ %1 không có trên quầy này.</source>
        <translation>Record %1 is not on this desk.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="390"/>
        <source>Xuất báo cáo Excel</source>
        <translation>Export the report to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="394"/>
        <source>Xuất báo cáo PDF</source>
        <translation>Export the report as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/reports_section.py" line="411"/>
        <source>Đã xuất %1.</source>
        <translation>Exported %1.</translation>
    </message>
</context>
<context>
    <name>RestorePrompts</name>
    <message>
        <location filename="../../ui/backup_dialog.py" line="36"/>
        <source>Chọn bản sao lưu</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="37"/>
        <source>Bản sao lưu (*.mcbak *.sqlite3)</source>
        <translation>Backups (*.mcbak *.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="45"/>
        <source>Mật khẩu sao lưu</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="46"/>
        <source>Mật khẩu sao lưu:</source>
        <translation>Backup passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="53"/>
        <source>Thay toàn bộ dữ liệu của quầy bằng bản sao lưu %1?</source>
        <translation>Replace all of this desk&apos;s data with the backup %1?</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="56"/>
        <source>Những gì nhập sau bản sao lưu sẽ mất; tệp hiện tại được giữ lại. Chương trình sẽ đóng.</source>
        <translation>What was entered after the backup will be gone; the current file is kept. The program will close.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="60"/>
        <source>Khôi phục bản sao lưu</source>
        <translation>Restore a backup</translation>
    </message>
</context>
<context>
    <name>ReturnSection</name>
    <message>
        <location filename="../../ui/return_section.py" line="25"/>
        <source>Nhập mã hồ sơ hoặc quét mã QR trên biên nhận</source>
        <translation>Type the dossier code or scan the receipt&apos;s QR code</translation>
    </message>
    <message>
        <location filename="../../ui/return_section.py" line="27"/>
        <source>&amp;Mã hồ sơ:</source>
        <translation>Dossier &amp;code:</translation>
    </message>
    <message>
        <location filename="../../ui/return_section.py" line="60"/>
        <source>Đây là mã VietQR để nộp lệ phí bằng chuyển khoản, không phải mã của giấy tiếp nhận; hãy quét mã có chữ ký ở góc trên bên phải.</source>
        <translation>This is the VietQR for paying the fee by bank transfer, not the receipt&apos;s code; scan the signed code at the top right.</translation>
    </message>
    <message>
        <location filename="../../ui/return_section.py" line="66"/>
        <source>Mã QR không hợp lệ: chữ ký không khớp, biên nhận có thể bị làm giả.</source>
        <translation>Invalid QR code: the signature does not match; the receipt may be forged.</translation>
    </message>
    <message>
        <location filename="../../ui/return_section.py" line="70"/>
        <source>Biên nhận hợp lệ (đã kiểm tra chữ ký).</source>
        <translation>Valid receipt (signature checked).</translation>
    </message>
    <message>
        <location filename="../../ui/return_section.py" line="72"/>
        <source>Không kiểm tra được chữ ký: quầy cấp biên nhận chưa có trong danh sách.</source>
        <translation>The signature could not be checked: the desk that issued the receipt is not known here.</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../ui/prompts.py" line="89"/>
        <source>Xem danh tính người tố cáo — %1</source>
        <translation>Read the denouncer&apos;s identity — %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="91"/>
        <source>Danh tính người tố cáo ở mục %1 được giữ bí mật. Lần xem này được ghi lại: ai, lúc nào và lý do.
Lý do xem (bắt buộc):</source>
        <translation>The denouncer&apos;s identity in entry %1 is kept secret. This reading is recorded: who, when and why.
Reason (required):</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="96"/>
        <source>Xem danh tính</source>
        <translation>Show the identity</translation>
    </message>
</context>
<context>
    <name>SatisfactionChart</name>
    <message>
        <location filename="../../ui/report_charts.py" line="115"/>
        <source>Tỷ lệ hài lòng theo tháng (%)</source>
        <translation>Satisfied ratings by month (%)</translation>
    </message>
    <message>
        <location filename="../../ui/report_charts.py" line="116"/>
        <source>Hài lòng trên số lượt đánh giá</source>
        <translation>Satisfied of the ratings given</translation>
    </message>
</context>
<context>
    <name>ScannerInbox</name>
    <message>
        <location filename="../../ui/scanner_inbox.py" line="125"/>
        <source>Thư mục máy quét lưu tệp vào</source>
        <translation>The folder the scanner saves into</translation>
    </message>
    <message>
        <location filename="../../ui/scanner_inbox.py" line="131"/>
        <source>Thư mục &amp;máy quét…</source>
        <translation>&amp;Scanner folder…</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="130"/>
        <source>Lên lịch tiếp công dân</source>
        <translation>Schedule a reception day</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="139"/>
        <source>Trụ sở UBND xã</source>
        <translation>Commune office</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="141"/>
        <source>Định kỳ</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="142"/>
        <source>Đột xuất</source>
        <translation>Unscheduled</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="145"/>
        <source>&amp;Người tiếp (chức vụ):</source>
        <translation>&amp;Received by (office):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="146"/>
        <source>&amp;Họ tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="147"/>
        <source>N&amp;gày:</source>
        <translation>&amp;Day:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="148"/>
        <source>Giờ &amp;bắt đầu:</source>
        <translation>&amp;Starts at:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="149"/>
        <source>Địa đ&amp;iểm:</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="150"/>
        <source>&amp;Loại buổi tiếp:</source>
        <translation>&amp;Kind of session:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_dialogs.py" line="151"/>
        <source>Hình &amp;thức:</source>
        <translation>&amp;Mode:</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <location filename="../../ui/reception_sessions.py" line="43"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="44"/>
        <source>Giờ</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="45"/>
        <source>Người tiếp</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="46"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="47"/>
        <source>Hình thức</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="48"/>
        <source>Địa điểm</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="49"/>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="50"/>
        <source>Thông báo kết luận</source>
        <translation>Conclusion notice</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="55"/>
        <source>Chưa có buổi tiếp nào trong thời gian này. Bấm «Lên lịch…» để thêm.</source>
        <translation>No session in this period. Press “Schedule a day…” to add one.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="58"/>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="59"/>
        <source>Họ tên, địa chỉ</source>
        <translation>Name and address</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="60"/>
        <source>Số CCCD</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="61"/>
        <source>Phân loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="62"/>
        <source>Số người</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="63"/>
        <source>Nội dung vụ việc</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="68"/>
        <source>Chọn một buổi tiếp; bấm «Công dân đến…» để ghi người đến trình bày.</source>
        <translation>Choose a session; press “Citizens who came…” to enter them.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="75"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="75"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="82"/>
        <source>&amp;Lên lịch…</source>
        <translation>&amp;Schedule a day…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="83"/>
        <source>In lịc&amp;h</source>
        <translation>&amp;Print the schedule</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="84"/>
        <source>Công kh&amp;ai lịch</source>
        <translation>Post the sc&amp;hedule</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="92"/>
        <source>&amp;Công dân đến…</source>
        <translation>&amp;Citizens who came…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="93"/>
        <source>&amp;Ghi kết quả…</source>
        <translation>Record the &amp;session…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="94"/>
        <source>&amp;Kết luận…</source>
        <translation>Con&amp;clude…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="95"/>
        <source>In thông &amp;báo kết luận</source>
        <translation>Print the conclusion &amp;notice</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="96"/>
        <source>Hủ&amp;y lịch</source>
        <translation>Cancel the da&amp;y</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="99"/>
        <source>&amp;Xem người tố cáo…</source>
        <translation>&amp;Reveal the denouncer…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="103"/>
        <source>Công dân đến trình bày</source>
        <translation>Citizens who came</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="109"/>
        <source>Việc theo dõi sau kết luận</source>
        <translation>Follow-ups of the conclusion</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="139"/>
        <source>Định kỳ</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="139"/>
        <source>Đột xuất</source>
        <translation>Unscheduled</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="141"/>
        <source>Trụ sở UBND xã</source>
        <translation>Commune office</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="180"/>
        <source>Chọn một buổi tiếp trong lịch để xem và ghi kết quả.</source>
        <translation>Choose a session in the schedule to see and record it.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="192"/>
        <source>Người tiếp: %1</source>
        <translation>Received by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="193"/>
        <source>Công dân: %1 người, %2 vụ việc</source>
        <translation>Citizens: %1 people, %2 matters</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="196"/>
        <source>Nội dung nêu: %1</source>
        <translation>Raised: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="199"/>
        <source>Kết luận số %1 (%2 ký): %3</source>
        <translation>Conclusion no. %1 (signed by %2): %3</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="226"/>
        <source>Đã in lịch tiếp công dân.</source>
        <translation>The reception schedule was printed.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="235"/>
        <source>Đã niêm yết lịch tiếp công dân trên bảng công khai.</source>
        <translation>The reception schedule was posted on the board.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="275"/>
        <source>Đã ra thông báo kết luận số %1.</source>
        <translation>Conclusion notice no. %1 issued.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="285"/>
        <source>Đã in thông báo kết luận số %1.</source>
        <translation>Conclusion notice no. %1 printed.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="297"/>
        <location filename="../../ui/reception_sessions.py" line="299"/>
        <source>Hủy lịch</source>
        <translation>Cancel the day</translation>
    </message>
    <message>
        <location filename="../../ui/reception_sessions.py" line="298"/>
        <source>Hủy buổi tiếp ngày %1 của %2?</source>
        <translation>Cancel the session of %1 with %2?</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <location filename="../../ui/sync_problems.py" line="39"/>
        <source>Xử lý hồ sơ mâu thuẫn</source>
        <translation>Settle a clash</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="41"/>
        <source>Hồ sơ %1 có hai kết quả khác nhau. Chọn kết quả đúng:</source>
        <translation>Dossier %1 has two different outcomes. Choose the right one:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="54"/>
        <source>Ghi chú (lý do chọn)</source>
        <translation>Note (why this one)</translation>
    </message>
</context>
<context>
    <name>StoreFailure</name>
    <message>
        <location filename="../../ui/store_failure.py" line="27"/>
        <source>&amp;Chọn tệp khác…</source>
        <translation>&amp;Choose another file…</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="29"/>
        <source>&amp;Khôi phục bản sao lưu…</source>
        <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="31"/>
        <source>T&amp;hoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="43"/>
        <source>Chọn kho dữ liệu</source>
        <translation>Choose a store</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="55"/>
        <source>Bản sao lưu là tệp được tạo bằng lệnh «motcua backup TỆP». Để khôi phục: thoát chương trình, chép tệp sao lưu đè lên %1 rồi mở lại; hoặc bấm «Chọn tệp khác…» và chọn thẳng tệp sao lưu.</source>
        <translation>A backup is a file made with the command «motcua backup FILE». To restore it: quit the program, copy the backup over %1 and open it again; or click «Choose another file…» and choose the backup file itself.</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="60"/>
        <source>Khôi phục bản sao lưu</source>
        <translation>Restore a backup</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync_status.py" line="146"/>
        <source>chưa lần nào</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="148"/>
        <source>Đồng bộ: chưa đăng ký với tỉnh</source>
        <translation>Sync: not enrolled with the province</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="150"/>
        <source>Đồng bộ: chưa lần nào, %1 bản ghi chờ gửi</source>
        <translation>Sync: never synced, %1 records waiting</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="152"/>
        <source>Đồng bộ: đã xong lúc %1</source>
        <translation>Sync: done at %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="154"/>
        <source>Đồng bộ: lần cuối lúc %1, %2 bản ghi chờ gửi</source>
        <translation>Sync: last at %1, %2 records waiting</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="157"/>
        <source>Đồng bộ: mất kết nối với tỉnh, %1 bản ghi chờ gửi (lần cuối: %2)</source>
        <translation>Sync: the province is unreachable, %1 records waiting (last: %2)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="162"/>
        <source>; thử lại sau %1</source>
        <translation>; retrying in %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="167"/>
        <source>Đồng bộ: lần cuối lúc %1, %2 bản ghi chờ gửi, %3 lỗi (Tệp → Lỗi đồng bộ…)</source>
        <translation>Sync: last at %1, %2 records waiting, %3 problems (File → Sync problems…)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="180"/>
        <source>%1 giây</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="181"/>
        <source>%1 phút</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="165"/>
        <source>Đồng bộ: có lỗi — %1</source>
        <translation>Sync: error — %1</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../ui/sync_problems.py" line="76"/>
        <source>Lỗi đồng bộ</source>
        <translation>Sync problems</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="80"/>
        <location filename="../../ui/sync_problems.py" line="82"/>
        <source>Bản ghi</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="80"/>
        <location filename="../../ui/sync_problems.py" line="81"/>
        <location filename="../../ui/sync_problems.py" line="82"/>
        <source>Lúc</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="80"/>
        <source>Lý do máy chủ tỉnh không nhận</source>
        <translation>Why the hub did not accept it</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="81"/>
        <location filename="../../ui/sync_problems.py" line="178"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="81"/>
        <source>Cần kiểm tra</source>
        <translation>To check</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="82"/>
        <source>Lý do quầy không áp dụng</source>
        <translation>Why this desk did not apply it</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="83"/>
        <source>Bản ghi nhận từ máy chủ tỉnh nhưng không áp dụng được (để riêng)</source>
        <translation>Records received from the hub that could not be applied (set aside)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="85"/>
        <source>Bản ghi máy chủ tỉnh không nhận (không tự gửi lại)</source>
        <translation>Records the hub did not accept (not resent by themselves)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="87"/>
        <source>Hồ sơ có dữ liệu mâu thuẫn giữa các quầy</source>
        <translation>Dossiers whose data disagree between desks</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="90"/>
        <source>&amp;Xử lý mâu thuẫn…</source>
        <translation>&amp;Settle clash…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="91"/>
        <source>Lãnh đạo chọn kết quả đúng; quyết định được đồng bộ tới mọi quầy.</source>
        <translation>A leader chooses the right outcome; the decision syncs to every desk.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="151"/>
        <source>Quầy này chưa kết nối với máy chủ tỉnh, nên chưa gửi bản ghi nào; %1 bản ghi đang chờ. Quản trị viên đăng ký quầy bằng lệnh «motcua enroll».</source>
        <translation>This desk is not connected to a province hub, so no record has been sent; %1 records are waiting. An administrator enrols the desk with &apos;motcua enroll&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="156"/>
        <source>Không có lỗi đồng bộ: mọi bản ghi đã gửi đều được máy chủ tỉnh nhận.</source>
        <translation>No sync problems: the hub accepted every record sent.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="160"/>
        <source>%1 bản ghi bị từ chối, %2 hồ sơ cần kiểm tra. Hãy báo cho quản trị hệ thống của tỉnh; các bản ghi này không được gửi lại tự động.</source>
        <translation>%1 records refused, %2 dossiers to check. Tell the province&apos;s system administrator; these records are not resent automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="179"/>
        <source>Bước xử lý hồ sơ</source>
        <translation>Dossier step</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="180"/>
        <source>Phản ánh, kiến nghị</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="181"/>
        <source>Xử lý phản ánh</source>
        <translation>Feedback handling</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="182"/>
        <source>Đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="183"/>
        <source>Lượt không đánh giá</source>
        <translation>Declined rating</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="184"/>
        <source>Lần in phiếu</source>
        <translation>Form printed</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="185"/>
        <source>Lần xem thông tin mật</source>
        <translation>Confidential data viewed</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="210"/>
        <source>Mã hồ sơ này được cấp hai lần (ở một quầy khác); hồ sơ của quầy này giữ nguyên.</source>
        <translation>This dossier code was issued twice (at another desk); this desk&apos;s dossier is kept as it is.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="214"/>
        <source>Hồ sơ có hai kết quả khác nhau ở hai quầy: %1.</source>
        <translation>The dossier has two different outcomes at two desks: %1.</translation>
    </message>
</context>
<context>
    <name>self.scans</name>
    <message>
        <location filename="../../ui/pending_files.py" line="209"/>
        <source>Đã đính kèm %1 bản quét.</source>
        <translation>Attached %1 scan(s).</translation>
    </message>
</context>
</TS>
