from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, 'Power BI board pack'. You can have up to 5 tokens.",
        max_length=80,
        error_messages={"required": "Enter what the token is for"},
    )
