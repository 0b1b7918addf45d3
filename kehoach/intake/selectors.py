"""Reads of the intake app; extractions are seen by the planning office (and administrators) only."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.indicators.models import Indicator
from kehoach.intake.models import ExtractedItem, Extraction


def extraction_list_for_user(*, user: AnyUser) -> QuerySet[Extraction]:
    if not permissions.is_manager(user):
        return Extraction.objects.none()
    return Extraction.objects.select_related("created_by", "plan").annotate(
        item_count=Count("items"), accepted_count=Count("items", filter=Q(items__accepted=True)),
    ).order_by("-created_at", "-id")


def extraction_get_for_user(*, user: AnyUser, pk: Any, write: bool = False) -> Extraction:
    """The extraction ``pk`` if the user is of the planning office (``write``: the same rule)."""
    if not permissions.is_manager(user):
        raise permissions.deny()
    extraction = Extraction.objects.select_related("plan", "unit", "created_by").filter(
        pk=pk).first()
    if extraction is None:
        raise permissions.deny()
    return extraction


def extracted_item_get_for_user(*, user: AnyUser, extraction_pk: Any, pk: Any,
                                write: bool = False) -> ExtractedItem:
    extraction = extraction_get_for_user(user=user, pk=extraction_pk, write=write)
    item = extraction.items.select_related("indicator", "target").filter(pk=pk).first()
    if item is None:
        raise permissions.deny()
    item.extraction = extraction
    return item


def extraction_items(*, extraction: Extraction) -> QuerySet[ExtractedItem]:
    return extraction.items.select_related("indicator", "target").order_by("position")


def indicator_catalogue() -> QuerySet[Indicator]:
    """The indicators a reviewer may match items to."""
    return Indicator.objects.filter(is_active=True).order_by("code")
