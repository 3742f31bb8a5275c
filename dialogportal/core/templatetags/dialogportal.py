from django import forms, template
from django.urls import translate_url
from django.utils.safestring import SafeString

register = template.Library()

_INPUT_CLASSES: dict[type[forms.Widget], str] = {
    forms.CheckboxInput: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.Select: "form-select",
    forms.Textarea: "form-input",
}


@register.filter
def as_dkfds(field: forms.BoundField) -> SafeString:
    """Render a form field's widget with the design system's classes and ARIA wiring."""
    widget = field.field.widget
    css = next(
        (cls for kind, cls in _INPUT_CLASSES.items() if isinstance(widget, kind)), "form-input"
    )
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_hint")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] = {
        "class": " ".join(filter(None, [widget.attrs.get("class"), css]))
    }
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def translated_path(context: template.Context, language: str) -> str:
    """This page's address in `language` (resolved while the page's own language is active;
    Django's set_language cannot resolve an address of another language by itself)."""
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language)
