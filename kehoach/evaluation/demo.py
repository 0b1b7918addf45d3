"""Demo judgements of the departments on the master-plan targets they answer for (plan 56/KH-UBND,
KH-56-BK): Sở Y tế and Sở Nông nghiệp và Môi trường say whether each can be met, with a reason,
for the year the evaluation pages open on (last year). One of them judges a target on track
"khó đạt" (the disagreement the planning office sees highlighted); one judgement was revised
(history). The same for the year the leaders' dashboard opens on (2024), where the units' words
stand beside the at-risk list. Illustrative, marked "(minh hoạ, demo)". Runs once, through
``judgement_set``."""

from __future__ import annotations

from django.utils import timezone

from kehoach.core.demo import Writer
from kehoach.core.models import User
from kehoach.evaluation.models import TargetJudgement
from kehoach.evaluation.services.judgements import judgement_set
from kehoach.plans.models import Target

PLAN = "KH-56-BK"
NOTE = " (minh hoạ, demo)"
# (user, indicator, outlook, reason): in order, so a later one for the same target revises it
JUDGEMENTS = (
    ("sonnmt", "FOREST_COVER", "difficult",
     "Diện tích rừng trồng mới năm nay thấp hơn kế hoạch do thời tiết bất lợi"),
    ("sonnmt", "FOREST_COVER", "likely",
     "Rà soát lại: diện tích rừng trồng bù được giao đủ vốn, tỷ lệ che phủ giữ trên 63%"),
    ("sonnmt", "NTM_COMMUNES", "likely",
     "Các xã còn lại đã có lộ trình đạt chuẩn nông thôn mới đến năm 2030"),
    ("sonnmt", "URBAN_WASTE_COLLECTED", "likely",
     "Các đô thị đã có hợp đồng thu gom, vận chuyển chất thải rắn"),
    ("soyte", "DOCTORS_PER_10K", "likely",
     "Đã tuyển dụng bác sĩ theo đề án thu hút nhân lực y tế, đạt 12,5 bác sĩ/vạn dân"),
    ("soyte", "BEDS_PER_10K", "difficult",
     "Dự án Bệnh viện Đa khoa tỉnh (cơ sở 2) chậm giải phóng mặt bằng, chưa thể đưa thêm "
     "giường bệnh vào sử dụng trước năm 2028"),
    ("soyte", "HEALTH_INSURANCE", "likely",
     "Tỷ lệ tham gia bảo hiểm y tế duy trì trên 95% nhờ ngân sách hỗ trợ người cận nghèo"),
)


#: The year the leaders' dashboard opens on (Bắc Kạn's last annual plan): the same departments'
#: judgements of that year, one of them (beds) again less hopeful than the computation.
DASHBOARD_YEAR = 2024
JUDGEMENTS_DASHBOARD_YEAR = (
    ("sonnmt", "FOREST_COVER", "likely",
     "Tỷ lệ che phủ rừng năm 2024 ước 73,4%, giữ vững mức của các năm trước"),
    ("sonnmt", "NTM_COMMUNES", "likely",
     "Năm 2024 có thêm 4 xã đạt chuẩn nông thôn mới, đúng lộ trình đến năm 2030"),
    ("sonnmt", "RURAL_CLEAN_WATER", "likely",
     "Các công trình cấp nước sạch tập trung khởi công năm 2023 đã đưa vào sử dụng"),
    ("soyte", "BEDS_PER_10K", "difficult",
     "Bệnh viện Đa khoa tỉnh (cơ sở 2) chưa được bố trí đủ vốn, số giường bệnh tăng chậm"),
    ("soyte", "HEALTH_INSURANCE", "likely",
     "Ngân sách tiếp tục hỗ trợ mua thẻ bảo hiểm y tế cho người cận nghèo"),
)


def load(*, stdout: Writer) -> None:
    if TargetJudgement.objects.filter(target__plan__code=PLAN).exists():
        stdout.write("evaluation demo: the units' judgements are already there")
        return
    users = {u.username: u for u in User.objects.filter(username__in=["soyte", "sonnmt"])}
    year = timezone.localdate().year - 1
    made = 0
    rounds = [(year, j) for j in JUDGEMENTS]
    if year != DASHBOARD_YEAR:
        rounds = [(DASHBOARD_YEAR, j) for j in JUDGEMENTS_DASHBOARD_YEAR] + rounds
    for judged_year, (username, code, outlook, reason) in rounds:
        target = Target.objects.filter(plan__code=PLAN, indicator__code=code,
                                       superseded_from__isnull=True).first()
        user = users.get(username)
        if (target is None or user is None
                or not target.plan.start_year <= judged_year <= target.end_year):
            continue
        judgement_set(target=target, year=judged_year, outlook=outlook, reason=reason + NOTE, actor=user)
        made += 1
    stdout.write(f"evaluation demo: {made} judgements of the units ({DASHBOARD_YEAR}, {year})")
