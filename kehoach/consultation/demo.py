"""Demo: the draft 2026-2030 five-year plan of Thái Nguyên, open for comments for 30 days.

``load(stdout=...)`` is called by the demo loader once units, plans and users exist (plan
``KH-TN-2026-2030``, unit ``19``, planning user ``kehoach``). Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from kehoach.consultation import services
from kehoach.consultation.drafts import parts_from_blocks
from kehoach.consultation.models import AuthorKind, CommentStatus, Consultation, ResponseKind
from kehoach.core.models import User
from kehoach.plans.models import Plan
from kehoach.units.models import Unit

SLUG = "du-thao-ke-hoach-5-nam-2026-2030"
PLAN_CODE = "KH-TN-2026-2030"

DRAFT = """\
DỰ THẢO - để lấy ý kiến nhân dân, tổ chức, cơ quan, đơn vị. Nội dung và các con số dưới đây là \
đề xuất của cơ quan soạn thảo, có thể còn thay đổi sau khi tiếp thu ý kiến.
I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2021-2025
1. Kết quả đạt được
Giai đoạn 2021-2025, kinh tế của tỉnh duy trì tăng trưởng trong điều kiện nhiều khó khăn do \
dịch Covid-19 những năm đầu kỳ và thiên tai. Công nghiệp chế biến, chế tạo tiếp tục là động lực \
tăng trưởng; hạ tầng giao thông kết nối với Hà Nội và các tỉnh trong vùng được đầu tư.
Từ ngày 01/7/2025, tỉnh Thái Nguyên và tỉnh Bắc Kạn hợp nhất thành tỉnh Thái Nguyên; chính \
quyền địa phương hai cấp đi vào hoạt động. Số liệu của giai đoạn 2021-2025 trong dự thảo này \
được tổng hợp trên phạm vi tỉnh mới.
2. Tồn tại, hạn chế và nguyên nhân
Chênh lệch về phát triển giữa vùng phía Nam và các xã vùng cao phía Bắc còn lớn; một số chỉ \
tiêu về giảm nghèo đa chiều, tỷ lệ che phủ rừng gắn với chất lượng rừng và thu hút đầu tư vào \
nông nghiệp chưa đạt yêu cầu. Giải ngân vốn đầu tư công ở một số dự án còn chậm.
3. Bài học kinh nghiệm
Bám sát mục tiêu, chỉ tiêu đã đề ra; theo dõi tiến độ hằng năm bằng số liệu; phân công rõ \
người, rõ việc, rõ thời hạn; công khai để người dân giám sát.
II. MỤC TIÊU, CHỈ TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2026-2030
1. Mục tiêu tổng quát
Phát triển nhanh và bền vững trên cơ sở công nghiệp chế biến, chế tạo, kinh tế số và du lịch \
sinh thái; thu hẹp khoảng cách giữa các vùng trong tỉnh; nâng cao đời sống vật chất và tinh thần \
của nhân dân; bảo đảm quốc phòng, an ninh.
2. Các chỉ tiêu chủ yếu (đề xuất)
a) Về kinh tế
Tốc độ tăng trưởng kinh tế (GRDP) bình quân giai đoạn 2026-2030 đạt trên 10%/năm. Thu ngân sách \
nhà nước trên địa bàn tăng bình quân trên 10%/năm. Tỷ trọng kinh tế số trong GRDP đạt khoảng 30% \
vào năm 2030.
b) Về xã hội
Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm bình quân 1-1,5%/năm. Tỷ lệ lao động qua đào tạo \
đạt 75% trở lên. Đạt 35 giường bệnh/vạn dân trở lên.
c) Về môi trường
Duy trì tỷ lệ che phủ rừng trên 60%. Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý \
đạt 98% trở lên.
III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU
1. Hoàn thiện thể chế, cải thiện môi trường đầu tư kinh doanh
Rút ngắn thời gian giải quyết thủ tục hành chính; thực hiện thủ tục trực tuyến toàn trình; hỗ \
trợ doanh nghiệp nhỏ và vừa, hợp tác xã tiếp cận đất đai, tín dụng.
2. Phát triển kết cấu hạ tầng
Ưu tiên các tuyến giao thông kết nối vùng phía Bắc với trung tâm tỉnh; hạ tầng số, hạ tầng \
thủy lợi và phòng, chống thiên tai.
3. Phát triển văn hóa, xã hội, bảo đảm an sinh
Nâng cao chất lượng giáo dục, y tế cơ sở ở các xã vùng cao; bảo tồn bản sắc văn hóa các dân \
tộc; thực hiện đầy đủ chính sách giảm nghèo.
IV. TỔ CHỨC THỰC HIỆN
Các sở, ban, ngành và Ủy ban nhân dân các xã, phường xây dựng kế hoạch của cơ quan, địa phương \
mình; báo cáo kết quả thực hiện hằng năm về Sở Tài chính để tổng hợp, báo cáo Ủy ban nhân dân \
tỉnh.
"""

COMMENTS: list[dict[str, Any]] = [
    {"author_name": "Nguyễn Thị Hoa", "author_kind": AuthorKind.CITIZEN,
     "section": "2. Các chỉ tiêu chủ yếu (đề xuất)",
     "text": "Đề nghị bổ sung chỉ tiêu về tỷ lệ hộ gia đình ở các xã vùng cao được dùng nước "
             "sạch, vì đây là khó khăn lớn của bà con phía Bắc tỉnh.",
     "status": CommentStatus.PUBLISHED,
     "response": (ResponseKind.TIEP_THU, "Tiếp thu; bổ sung chỉ tiêu tỷ lệ dân cư nông thôn "
                                         "được sử dụng nước sạch theo quy chuẩn vào mục II.")},
    {"author_name": "Trần Văn Minh", "author_kind": AuthorKind.ORGANISATION,
     "organisation": "Hiệp hội Doanh nghiệp tỉnh", "section": "1. Hoàn thiện thể chế, cải "
                                                              "thiện môi trường đầu tư kinh doanh",
     "text": "Đề nghị nêu rõ thời hạn giải quyết thủ tục đất đai cho dự án đầu tư, không chỉ "
             "ghi chung là rút ngắn thời gian.",
     "status": CommentStatus.PUBLISHED, "response": None},
    {"author_name": "Lý Văn Sơn", "author_kind": AuthorKind.CITIZEN, "section": None,
     "text": "Dự thảo nên có bản tóm tắt ngắn để người dân dễ đọc.",
     "status": CommentStatus.PENDING, "response": None},
]


def _sections(consultation: Consultation, actor: User | None) -> None:
    lines = [line for line in DRAFT.splitlines() if line.strip()]
    parts = parts_from_blocks(("para", line) for line in lines)
    services.consultation_replace_sections(consultation=consultation, parts=parts, actor=actor,
                                           source="demo")


def _comments(consultation: Consultation, actor: User | None) -> None:
    by_label = {s.label: s for s in consultation.sections.all()}
    for spec in COMMENTS:
        comment = services.comment_submit(
            consultation=consultation, text=spec["text"], author_name=spec["author_name"],
            author_kind=spec["author_kind"], organisation=spec.get("organisation", ""),
            section=by_label.get(spec["section"]) if spec["section"] else None)
        if spec["status"] != CommentStatus.PENDING:
            services.comment_moderate(comment=comment, status=spec["status"], actor=actor)
        if spec["response"]:
            kind, text = spec["response"]
            services.response_record(comment=comment, kind=kind, text=text, actor=actor)


@transaction.atomic
def load(*, stdout: Any) -> Consultation:
    existing = Consultation.objects.filter(slug=SLUG).first()
    if existing is not None:
        stdout.write(f"consultation {SLUG}: unchanged")
        return existing
    plan = Plan.objects.filter(code=PLAN_CODE).first()
    actor = User.objects.filter(username="kehoach").first()
    now = timezone.now()
    invited = Unit.objects.filter(parent__code="19", type__in=["department", "agency"],
                                  valid_to__isnull=True)[:20]
    consultation = services.consultation_create(
        actor=actor, slug=SLUG, opens_at=now - dt.timedelta(minutes=1),
        closes_at=now + dt.timedelta(days=30), invited_units=list(invited),
        title="Dự thảo Kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030 tỉnh Thái Nguyên",
        plan=plan, issuer_parent="Ủy ban nhân dân tỉnh Thái Nguyên", issuer="Sở Tài chính",
        place="Thái Nguyên", audience="public", is_published=True,
        description="Sở Tài chính đăng tải dự thảo để lấy ý kiến rộng rãi của nhân dân, doanh "
                    "nghiệp, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các cơ quan, đơn vị trong "
                    "30 ngày. Mỗi ý kiến được xem xét, tiếp thu hoặc giải trình công khai.",
    )
    _sections(consultation, actor)
    _comments(consultation, actor)
    stdout.write(f"consultation {SLUG}: created, open until "
                 f"{timezone.localtime(consultation.closes_at):%d/%m/%Y}")
    return consultation
