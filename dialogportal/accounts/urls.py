from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path, reverse_lazy

from dialogportal.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

# Under /oidc/, outside the language prefix: the redirect URI registered at the identity
# provider (/oidc/callback/) must not change with the language.
oidc_urlpatterns: list[URLPattern] = [
    path("authenticate/", views.oidc_authenticate, name="authenticate"),
    path("callback/", views.oidc_callback, name="callback"),
]
