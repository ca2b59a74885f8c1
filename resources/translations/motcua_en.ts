<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>DossierDialog</name>
    <message>
        <location filename="../../ui/dossiers_section.py" line="39"/>
        <source>Hồ sơ %1</source>
        <translation>Dossier %1</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../ui/dossier_panel.py" line="59"/>
        <source>Thông tin hồ sơ</source>
        <translation>Dossier details</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="63"/>
        <source>Trạng thái:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="64"/>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="65"/>
        <source>Số CCCD:</source>
        <translation>CCCD number:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="66"/>
        <source>Điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="67"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="68"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="69"/>
        <source>Ngày nhận:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="70"/>
        <source>Hẹn trả:</source>
        <translation>Due:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="71"/>
        <source>Tiến độ (chỉ số 2.1):</source>
        <translation>Timeliness (indicator 2.1):</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="72"/>
        <source>Giấy tờ:</source>
        <translation>Documents:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="73"/>
        <source>Hình thức nộp:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="74"/>
        <source>Đồng bộ:</source>
        <translation>Sync:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="83"/>
        <source>Quá trình xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="86"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="86"/>
        <source>Bước</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="86"/>
        <source>Cán bộ</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="86"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="133"/>
        <source>Chưa chọn hồ sơ</source>
        <translation>No dossier selected</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="185"/>
        <source>đang giải quyết, %1 đến nay</source>
        <translation>in progress, %1 so far</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="186"/>
        <source>%1 (so với hẹn trên giấy tiếp nhận %2)</source>
        <translation>%1 (against the receipt&apos;s date %2)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="189"/>
        <source>; đã hẹn lại %1</source>
        <translation>; new date given %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="200"/>
        <source>chờ gửi</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="201"/>
        <source>đã gửi</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="202"/>
        <source>lỗi — %1</source>
        <translation>error — %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="223"/>
        <source>Lý do (in trên phiếu):</source>
        <translation>Reason (printed on the form):</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="234"/>
        <source>Đã ghi: %1.</source>
        <translation>Recorded: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_panel.py" line="237"/>
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
        <location filename="../../ui/dossiers_section.py" line="113"/>
        <source>&lt;span style=&apos;background:#f8c9c4&apos;&gt;&amp;nbsp;quá hạn&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbd9a6&apos;&gt;&amp;nbsp;hạn hôm nay&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbf0b2&apos;&gt;&amp;nbsp;hạn trong tuần&amp;nbsp;&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;background:#f8c9c4&apos;&gt;&amp;nbsp;overdue&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbd9a6&apos;&gt;&amp;nbsp;due today&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#fbf0b2&apos;&gt;&amp;nbsp;due this week&amp;nbsp;&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="119"/>
        <source>&amp;Tìm:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="126"/>
        <source>T&amp;rạng thái:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="127"/>
        <source>Th&amp;ủ tục:</source>
        <translation>Pr&amp;ocedure:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="128"/>
        <source>&amp;Hạn:</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="129"/>
        <source>Nhận từ:</source>
        <translation>Received from:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="130"/>
        <source>đến:</source>
        <translation>to:</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="197"/>
        <source>%1 hồ sơ</source>
        <translation>%1 dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossiers_section.py" line="197"/>
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
        <location filename="../../ui/first_run.py" line="44"/>
        <source>Kho dữ liệu mới: nhập thông tin xã, số quầy và tài khoản quản trị đầu tiên.</source>
        <translation>New store: enter the commune, the desk number and the first administrator account.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="48"/>
        <source>&amp;Mã xã (5 chữ số):</source>
        <translation>&amp;Commune code (5 digits):</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="49"/>
        <source>&amp;Tên xã:</source>
        <translation>Commune &amp;name:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="50"/>
        <source>T&amp;ỉnh:</source>
        <translation>P&amp;rovince:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="51"/>
        <source>Mã định danh &amp;cơ quan:</source>
        <translation>&amp;Agency electronic ID:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="52"/>
        <source>Số &amp;quầy:</source>
        <translation>Desk n&amp;umber:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="53"/>
        <source>Tên đăng nhập &amp;quản trị:</source>
        <translation>&amp;Administrator user name:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="54"/>
        <source>Mật &amp;khẩu:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="55"/>
        <source>&amp;Họ tên quản trị:</source>
        <translation>Administrator&apos;s &amp;full name:</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../ui/main_window.py" line="98"/>
        <source>Bộ phận Một cửa — %1</source>
        <translation>One-stop shop — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54"/>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>Đăng nhập để làm việc</source>
        <translation>Sign in to work</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="51"/>
        <source>Bộ phận Một cửa</source>
        <translation>One-stop shop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63"/>
        <source>Đăng &amp;nhập</source>
        <translation>Sign &amp;in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <source>Dữ liệu mẫu: tên đăng nhập «%1», mật khẩu «%2».</source>
        <translation>Demo data: user name &apos;%1&apos;, password &apos;%2&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="106"/>
        <location filename="../../ui/main_window.py" line="92"/>
        <source>Đang mở kho dữ liệu…</source>
        <translation>Opening the store…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>Màn hình đã khoá; đăng nhập để tiếp tục</source>
        <translation>The screen is locked; sign in to continue</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>MotCua Desk — Bộ phận Một cửa</source>
        <translation>MotCua Desk — One-stop shop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235"/>
        <source>&amp;1 Tiếp nhận</source>
        <translation>&amp;1 Receive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="236"/>
        <source>&amp;2 Hồ sơ</source>
        <translation>&amp;2 Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237"/>
        <source>&amp;3 Trả kết quả</source>
        <translation>&amp;3 Return results</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>Quầy %1 — %2</source>
        <translation>Desk %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Đồng bộ: chưa cấu hình</source>
        <translation>Sync: not set up</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="256"/>
        <source>&amp;Khoá màn hình</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259"/>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="262"/>
        <source>Đồng &amp;bộ ngay</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265"/>
        <source>&amp;Lỗi đồng bộ…</source>
        <translation>Sync &amp;problems…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>Màn hình đánh &amp;giá</source>
        <translation>&amp;Rating screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271"/>
        <source>Đ&amp;i tới</source>
        <translation>&amp;Go to</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273"/>
        <source>Tiếp nhận</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="275"/>
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Ngôn ngữ mới được dùng từ lần mở chương trình sau.</source>
        <translation>The new language applies the next time the program starts.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>Cán bộ: %1 (%2)</source>
        <translation>Clerk: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>&amp;4 Phản ánh, kiến nghị</source>
        <translation>&amp;4 Feedback</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>&amp;5 Tiếp công dân</source>
        <translation>&amp;5 Citizen reception</translation>
    </message>
</context>
<context>
    <name>NewDateDialog</name>
    <message>
        <location filename="../../ui/prompts.py" line="63"/>
        <source>Xin lỗi và hẹn lại ngày trả</source>
        <translation>Apology and new return date</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="65"/>
        <source>Hẹn trả hiện tại: %1</source>
        <translation>Current return date: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="75"/>
        <source>&amp;Ngày hẹn mới:</source>
        <translation>&amp;New return date:</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="77"/>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/prompts.py" line="79"/>
        <source>Chỉ được hẹn lại một lần, chậm nhất một ngày trước ngày hẹn trả; ngày mới phải là ngày làm việc.</source>
        <translation>The date may move only once, at least a day before it falls due; the new date must be a working day.</translation>
    </message>
</context>
<context>
    <name>ReceiveForm</name>
    <message>
        <location filename="../../ui/receive_form.py" line="62"/>
        <source>Gõ tên hoặc mã thủ tục, không cần dấu…</source>
        <translation>Type a procedure&apos;s name or code, accents optional…</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="90"/>
        <source>Chưa ghi nhận</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="95"/>
        <source>để trống nếu là xã này; ví dụ 87002 Xã Mỹ Hiệp</source>
        <translation>empty for this commune; e.g. 87002 Xã Mỹ Hiệp</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="106"/>
        <source>Giấy tờ đã nhận</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="106"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="106"/>
        <source>Số lượng</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="116"/>
        <source>&amp;Lưu và in biên nhận (Ctrl+Enter)</source>
        <translation>&amp;Save and print receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="118"/>
        <source>Làm &amp;mới</source>
        <translation>C&amp;lear</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="120"/>
        <source>&amp;In lại biên nhận</source>
        <translation>Re&amp;print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="143"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="145"/>
        <source>&amp;Thủ tục:</source>
        <translation>&amp;Procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="149"/>
        <source>&amp;Xã giải quyết:</source>
        <translation>Deciding &amp;commune:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="151"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="154"/>
        <source>Số &amp;CCCD:</source>
        <translation>&amp;CCCD number:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="155"/>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="156"/>
        <source>Điện thoại (&amp;D):</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="157"/>
        <source>Đị&amp;a chỉ:</source>
        <translation>A&amp;ddress:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="158"/>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="159"/>
        <source>&amp;Kiểm tra danh tính:</source>
        <translation>&amp;Identity checked:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="163"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="166"/>
        <source>Số &amp;bộ:</source>
        <translation>Num&amp;ber of sets:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="167"/>
        <source>Hình thức &amp;nộp:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="168"/>
        <source>&amp;Ghi chú:</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="256"/>
        <source>lệ phí: %1</source>
        <translation>fee: %1</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="266"/>
        <source>Cơ quan giải quyết: %1 (Bộ phận Một cửa tiếp nhận và chuyển hồ sơ)</source>
        <translation>Deciding agency: %1 (the one-stop desk receives and forwards the dossier)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="328"/>
        <source>Đã điền thông tin người nộp từ hồ sơ trước.</source>
        <translation>The applicant was filled in from an earlier dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="334"/>
        <source>Hẹn trả: chọn thủ tục để tính</source>
        <translation>Due: choose a procedure to compute</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="339"/>
        <source>Hẹn trả: %1</source>
        <translation>Due: %1</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="376"/>
        <source>Chưa đánh dấu giấy tờ nào đã nhận.</source>
        <translation>No document is ticked as received.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="390"/>
        <source>Đã tiếp nhận hồ sơ %1, hẹn trả %2.</source>
        <translation>Dossier %1 received, due %2.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="400"/>
        <source>Đã in biên nhận.</source>
        <translation>Receipt printed.</translation>
    </message>
    <message>
        <location filename="../../ui/receive_form.py" line="420"/>
        <source>Đã in lại biên nhận %1.</source>
        <translation>Receipt %1 reprinted.</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../ui/register_model.py" line="58"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="59"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="60"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="61"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="62"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="63"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="64"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="66"/>
        <source>chờ gửi</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="66"/>
        <source>đã gửi</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="66"/>
        <source>lỗi</source>
        <translation>error</translation>
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
        <location filename="../../ui/return_section.py" line="58"/>
        <source>Mã QR không hợp lệ: chữ ký không khớp, biên nhận có thể bị làm giả.</source>
        <translation>Invalid QR code: the signature does not match; the receipt may be forged.</translation>
    </message>
    <message>
        <location filename="../../ui/return_section.py" line="62"/>
        <source>Biên nhận hợp lệ (đã kiểm tra chữ ký).</source>
        <translation>Valid receipt (signature checked).</translation>
    </message>
    <message>
        <location filename="../../ui/return_section.py" line="64"/>
        <source>Không kiểm tra được chữ ký: quầy cấp biên nhận chưa có trong danh sách.</source>
        <translation>The signature could not be checked: the desk that issued the receipt is not known here.</translation>
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
        <location filename="../../ui/sync_problems.py" line="170"/>
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
        <location filename="../../ui/sync_problems.py" line="148"/>
        <source>Không có lỗi đồng bộ: mọi bản ghi đã gửi đều được máy chủ tỉnh nhận.</source>
        <translation>No sync problems: the hub accepted every record sent.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="152"/>
        <source>%1 bản ghi bị từ chối, %2 hồ sơ cần kiểm tra. Hãy báo cho quản trị hệ thống của tỉnh; các bản ghi này không được gửi lại tự động.</source>
        <translation>%1 records refused, %2 dossiers to check. Tell the province&apos;s system administrator; these records are not resent automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="171"/>
        <source>Bước xử lý hồ sơ</source>
        <translation>Dossier step</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="172"/>
        <source>Phản ánh, kiến nghị</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="173"/>
        <source>Xử lý phản ánh</source>
        <translation>Feedback handling</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="174"/>
        <source>Đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="175"/>
        <source>Lần in phiếu</source>
        <translation>Form printed</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="176"/>
        <source>Lần xem thông tin mật</source>
        <translation>Confidential data viewed</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="201"/>
        <source>Mã hồ sơ này được cấp hai lần (ở một quầy khác); hồ sơ của quầy này giữ nguyên.</source>
        <translation>This dossier code was issued twice (at another desk); this desk&apos;s dossier is kept as it is.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.py" line="205"/>
        <source>Hồ sơ có hai kết quả khác nhau ở hai quầy: %1.</source>
        <translation>The dossier has two different outcomes at two desks: %1.</translation>
    </message>
</context>
</TS>
