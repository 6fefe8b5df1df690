from django.urls import path

from .views import downloads, lifecycle, pages

app_name = "reports"

urlpatterns = [
    path("", pages.index, name="index"),
    path("new/", pages.report_create, name="report_create"),
    path("categories/", pages.categories, name="categories"),
    path("<int:pk>/", pages.report, name="report"),
    path("<int:pk>/edit/", pages.report_edit, name="report_edit"),
    path("<int:pk>/preview/", pages.preview, name="preview"),
    path("<int:pk>/sections/add/", pages.section_add, name="section_add"),
    *(
        path(f"<int:pk>/{name}/", lifecycle.step, {"name": name}, name=name)
        for name in lifecycle.STEPS
    ),
    path("sections/<int:pk>/", pages.section_edit, name="section_edit"),
    path("sections/<int:pk>/move/", pages.section_move, name="section_move"),
    path("sections/<int:pk>/remove/", pages.section_remove, name="section_remove"),
    path("<int:pk>/report.pdf", downloads.pdf, name="download_pdf"),
    path("<int:pk>/report.docx", downloads.docx, name="download_docx"),
    path("<int:pk>/report.xlsx", downloads.xlsx, name="download_xlsx"),
    path("<int:pk>/report.html", downloads.html, name="download_html"),
]
