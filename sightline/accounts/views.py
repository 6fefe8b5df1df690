"""Sign-in, sign-out, passwords, and the administrator's users pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.core.access import require, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import can_manage_users
from sightline.core.roles import DESCRIPTIONS, Role
from sightline.kernel.forms import form_add_service_errors

from . import selectors, services
from .forms import PasswordLinkForm, SignInForm, UserForm
from .models import User


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordLinkForm
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(
        request,
        "accounts/profile.html",
        {"role_description": DESCRIPTIONS.get(user.role, "")},
    )


@require(can_manage_users)
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    admin = user_of(request)
    assert admin.authority is not None  # noqa: S101 - can_manage_users implies an authority
    search = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    users = selectors.user_list(authority=admin.authority, search=search, role=role)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": page,
            "search": search,
            "role": role,
            "roles": Role.choices,
            "locked": selectors.locked_out_usernames(authority=admin.authority),
        },
    )


@require(can_manage_users)
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    admin = user_of(request)
    assert admin.authority is not None  # noqa: S101
    form = UserForm(request.POST or None, authority=admin.authority)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                by=admin,
                authority=admin.authority,
                username=data["username"],
                role=data["role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                job_title=data["job_title"],
                locality=data["locality"],
                team=data["team"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            if user.email:
                reset = PasswordLinkForm({"email": user.email})
                if reset.is_valid():
                    reset.save(
                        request=request,
                        email_template_name="accounts/emails/password_reset.txt",
                        subject_template_name="accounts/emails/password_reset_subject.txt",
                    )
                messages.success(
                    request, f"{user.username} was added and sent a link to set a password."
                )
            else:
                messages.success(
                    request,
                    f"{user.username} was added. Add an email address so they can set a password.",
                )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@require(can_manage_users)
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    admin = user_of(request)
    user = get_object_or_404(User, pk=pk, authority=admin.authority)
    initial = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "role": user.role,
        "locality": user.locality,
        "team": user.team,
        "is_active": user.is_active,
        "version": version_of(user.updated_at),
    }
    assert admin.authority is not None  # noqa: S101
    form = UserForm(request.POST or None, initial=initial, authority=admin.authority, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                by=admin,
                user=user,
                role=data["role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                job_title=data["job_title"],
                locality=data["locality"],
                team=data["team"],
                is_active=data["is_active"],
                seen_version=data["version"] or None,
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Changes to {user.username} were saved.")
            return redirect("accounts:user_list")
    return render(
        request, "accounts/user_form.html", {"form": form, "creating": False, "subject": user}
    )


@require(can_manage_users)
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    admin = user_of(request)
    user = get_object_or_404(User, pk=pk, authority=admin.authority)
    cleared = services.user_unlock(by=admin, user=user)
    messages.success(
        request, f"{user.username} can sign in again ({cleared} failed attempt records cleared)."
    )
    return redirect(reverse("accounts:user_list"))
