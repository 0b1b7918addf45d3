"""Forms of the consultation pages (parsing only; the rules are in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.consultation.models import AuthorKind, Consultation, ResponseKind, Section
from kehoach.consultation.spam import HONEYPOT_FIELD
from kehoach.consultation.synthesis_options import date_error
from kehoach.documents.signing import SigningOptions
from kehoach.plans.models import Plan
from kehoach.units.models import Unit

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class ConsultationForm(forms.ModelForm):
    opens_at = forms.DateTimeField(label=_("Bắt đầu nhận góp ý"), widget=DateTimeLocal(),
                                   input_formats=[DATETIME_FORMAT])
    closes_at = forms.DateTimeField(label=_("Hạn cuối nhận góp ý"), widget=DateTimeLocal(),
                                    input_formats=[DATETIME_FORMAT])

    class Meta:
        model = Consultation
        fields = ["title", "plan", "description", "issuer_parent", "issuer", "place",
                  "opens_at", "closes_at", "audience", "invited_units", "is_published"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "invited_units": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "invited_units": _("Ủy ban MTTQ, các sở, ngành, xã, phường được mời góp ý với tư "
                               "cách cơ quan (giữ Ctrl để chọn nhiều)."),
            "is_published": _("Chỉ khi đã công bố, người dân mới xem được dự thảo từ thời "
                              "điểm bắt đầu."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["plan"].queryset = Plan.objects.order_by("-start_year", "code")
        fields["invited_units"].queryset = Unit.objects.filter(
            valid_to__isnull=True).exclude(type="district").order_by("type", "code")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("closes_at", _("Hạn cuối nhận góp ý phải sau thời điểm bắt đầu."))
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp dự thảo (.docx hoặc .txt UTF-8)"),
        help_text=_("Các đề mục “I.”, “1.”, “a)” được tách thành mục và tiểu mục; nội dung "
                    "hiện có của dự thảo sẽ được thay thế."),
        error_messages={
            "empty": _("Tệp tải lên rỗng. Hãy chọn tệp dự thảo (.docx hoặc .txt)."),
            "required": _("Hãy chọn tệp dự thảo (.docx hoặc .txt)."),
        },
    )


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["number", "title", "text", "parent", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = consultation.sections.all()
        fields: Any = self.fields
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
            fields["parent"].disabled = True
        fields["parent"].queryset = qs
        self.fields["position"].required = False


def _section_choices(sections: list[tuple[Section, int]]) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("Góp ý chung cho cả dự thảo"))]
    choices += [(str(s.pk), "\u00a0\u00a0" * depth + s.label[:120]) for s, depth in sections]
    return choices


class CommentForm(forms.Form):
    """The public form; ``website`` is the honeypot (hidden; people leave it empty)."""

    section = forms.ChoiceField(label=_("Góp ý cho mục"), required=False)
    author_kind = forms.ChoiceField(
        label=_("Bạn góp ý với tư cách"), widget=forms.RadioSelect,
        choices=[(AuthorKind.CITIZEN, _("Cá nhân")), (AuthorKind.ORGANISATION,
                                                      _("Tổ chức, doanh nghiệp"))],
        initial=AuthorKind.CITIZEN,
    )
    author_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    organisation = forms.CharField(label=_("Tên tổ chức, doanh nghiệp"), max_length=255,
                                   required=False)
    contact = forms.CharField(
        label=_("Thư điện tử hoặc số điện thoại"), max_length=255, required=False,
        help_text=_("Không công khai; chỉ cơ quan soạn thảo dùng để liên hệ khi cần. Với thư "
                    "điện tử, bạn nhận số tham chiếu và đường dẫn riêng để theo dõi góp ý."),
    )
    text = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=10_000)
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def __init__(self, *args: Any, sections: list[tuple[Section, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["section"].choices = _section_choices(sections)
        self.fields[HONEYPOT_FIELD].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1"})


class UnitCommentForm(forms.Form):
    """An invited body comments on behalf of its unit."""

    section = forms.ChoiceField(label=_("Góp ý cho mục"), required=False)
    author_name = forms.CharField(label=_("Người đại diện"), max_length=200, required=False)
    text = forms.CharField(label=_("Nội dung góp ý của đơn vị"),
                           widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)

    def __init__(self, *args: Any, sections: list[tuple[Section, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["section"].choices = _section_choices(sections)


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ResponseKind.choices)
    text = forms.CharField(label=_("Nội dung tiếp thu, giải trình"),
                           widget=forms.Textarea(attrs={"rows": 3}))


class SynthesisOptionsForm(forms.Form):
    """Số ký hiệu, date, signer and Nơi nhận of the synthesis table (page, API, command); the
    date may not come before the consultation closed."""

    number = forms.CharField(label=_("Số ký hiệu"), required=False, max_length=40,
                             help_text=_("Ví dụ 12 hoặc 12/BC-STC; để trống để điền tay."))
    date = forms.DateField(label=_("Ngày ban hành"), required=False,
                           input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"invalid": _("Ngày không hợp lệ; ghi dạng 05/01/2027.")})
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=120)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=120,
                                   help_text=_("Ví dụ PHÓ GIÁM ĐỐC; để trống: theo mặc định."))
    signer_on_behalf = forms.CharField(
        label=_("Ký thay"), required=False, max_length=120,
        help_text=_("Ví dụ KT. GIÁM ĐỐC; ghi dấu - nếu thủ trưởng ký trực tiếp."))
    recipients = forms.CharField(label=_("Nơi nhận (mỗi dòng một nơi)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def clean_date(self) -> Any:
        day = self.cleaned_data.get("date")
        message = date_error(self.consultation, day)
        if message:
            raise forms.ValidationError(message, code="before_close")
        return day

    def clean_recipients(self) -> list[str]:
        lines = [" ".join(line.split()) for line in (self.cleaned_data.get("recipients") or "")
                 .splitlines() if line.strip()]
        if len(lines) > 30:
            raise forms.ValidationError(_("Tối đa 30 nơi nhận."), code="too_many")
        return lines

    def options(self) -> SigningOptions:
        """The cleaned form as ``SigningOptions``."""
        data = self.cleaned_data
        behalf = data.get("signer_on_behalf") or ""
        return SigningOptions(
            number=data.get("number") or "", date=data.get("date"),
            signer_name=data.get("signer_name") or "", signer_title=data.get("signer_title") or "",
            signer_deputy=None if not behalf else "" if behalf.strip() == "-" else behalf,
            recipients=tuple(data.get("recipients") or ()))
