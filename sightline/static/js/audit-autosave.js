// Autosave the audit form: every 20 seconds when something changed, and when a field loses
// focus. Progressive enhancement: without JavaScript the Save button does the same.
const form = document.getElementById("audit-form");
const status = document.getElementById("autosave-status");

if (form && form.dataset.autosaveUrl) {
  let dirty = false;
  let saving = false;

  const save = async () => {
    if (!dirty || saving) return;
    saving = true;
    dirty = false;
    const body = new FormData(form);
    body.delete("complete");
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      const result = await response.json();
      if (result.saved) {
        form.querySelector("input[name=version]").value = result.version;
        status.textContent = `Saved automatically at ${result.at}.`;
      } else {
        status.textContent = `Not saved: ${result.error}`;
      }
    } catch {
      dirty = true;
      status.textContent = "Not saved automatically (no connection). Use the Save button.";
    } finally {
      saving = false;
    }
  };

  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("change", () => { dirty = true; });
  form.addEventListener("focusout", (event) => {
    // Moving to a submit button: the button's own post saves, so don't race it.
    if (event.relatedTarget && event.relatedTarget.type === "submit") return;
    save();
  });
  const timer = window.setInterval(save, 20000);
  form.addEventListener("submit", (event) => {
    window.clearInterval(timer);
    dirty = false;
    if (saving) {
      // Wait for the autosave in flight, so the post carries the version it returns.
      event.preventDefault();
      const submitter = event.submitter;
      const retry = () => (saving ? window.setTimeout(retry, 100) : form.requestSubmit(submitter));
      retry();
    }
  });
}
