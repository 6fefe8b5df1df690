// Poll a background job's status and update the progress bar; reload when it finishes
// so the page shows the outcome (and the download button). Works without JS too.
const box = document.getElementById("job");
if (box && box.dataset.finished === "false") {
  const bar = document.getElementById("job-progress");
  const text = document.getElementById("job-message");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const job = await response.json();
        bar.value = job.percent;
        bar.textContent = `${job.percent}%`;
        text.textContent = `${job.percent}%${job.message ? ` – ${job.message}` : ""}`;
        if (job.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1000);
}
