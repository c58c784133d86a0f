"""The Django admin stays for the operator, and it is Chinese throughout: every registered
model's names, its app's name, and every label it shows (list columns, filters, form fields,
fieldset titles, actions) hold Chinese characters, the third-party apps' (django-axes, the
task queue) included. The last test renders each page, as the operator sees it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, label_for_field
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

CJK = re.compile(r"[\u3400-\u9fff]")
# Names that are the same in Chinese writing: a checksum's standard name.
KNOWN = {"SHA-256"}
REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _chinese(text: object) -> bool:
    return bool(CJK.search(str(text))) or str(text) in KNOWN


def _filter_title(model: type[models.Model], spec: Any) -> str:
    if isinstance(spec, str):
        return str(get_fields_from_path(model, spec)[-1].verbose_name)
    if isinstance(spec, tuple):  # (field, FilterClass)
        return str(get_fields_from_path(model, spec[0])[-1].verbose_name)
    return str(spec.title)  # a SimpleListFilter


def _labels(model: type[models.Model], model_admin: admin.ModelAdmin, request: Any) -> Iterator[tuple[str, str]]:
    for name in model_admin.get_list_display(request):
        if name not in ("__str__", "action_checkbox"):
            yield f"列 {name}", str(label_for_field(name, model, model_admin))
    for spec in model_admin.get_list_filter(request):
        yield f"筛选 {spec}", _filter_title(model, spec)
    form_fields = model_admin.get_form(request).base_fields
    for name in model_admin.get_fields(request):
        label = form_fields[name].label if name in form_fields else label_for_field(name, model, model_admin)
        yield f"字段 {name}", str(label)
    for title, _ in model_admin.get_fieldsets(request):
        if title:
            yield f"分组 {title}", str(title)
    for name, (_, _, description) in model_admin.get_actions(request).items():
        yield f"操作 {name}", str(description)


@pytest.fixture
def operator_request(django_user_model: Any) -> Any:
    request = RequestFactory().get("/admin/")
    request.user = django_user_model(username="operator", is_staff=True, is_superuser=True)
    return request


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=[m._meta.label for m, _ in REGISTRY])
def test_every_name_and_label_the_admin_shows_is_chinese(
    model: type[models.Model], model_admin: admin.ModelAdmin, operator_request: Any
) -> None:
    with translation.override("zh-hans"):
        meta = model._meta
        names = [meta.verbose_name, meta.verbose_name_plural, meta.app_config.verbose_name]
        assert all(_chinese(name) for name in names), names
        english = [
            (where, label) for where, label in _labels(model, model_admin, operator_request) if not _chinese(label)
        ]
    assert english == []


def test_the_operator_sees_no_english_model_or_app_names_on_the_index(admin_client: Client) -> None:
    page = admin_client.get(reverse("admin:index")).content.decode()
    for model, _ in REGISTRY:
        assert str(model._meta.app_config.verbose_name) in page
    for english in ("Axes", "Tasks Database Backend", "access attempt", "Task Result"):
        assert english not in page


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=[m._meta.label for m, _ in REGISTRY])
def test_every_list_page_opens_for_the_operator(
    model: type[models.Model], model_admin: Any, admin_client: Client
) -> None:
    meta = model._meta
    response = admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert response.status_code == 200
    assert str(meta.verbose_name_plural) in response.content.decode()


def test_password_rules_speak_chinese() -> None:
    """Django 5.2's length rule is missing from its own zh_Hans catalog; ours carries it."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password("abc")
    assert refused.value.messages and all(re.search(r"[\u4e00-\u9fff]", m) for m in refused.value.messages)
