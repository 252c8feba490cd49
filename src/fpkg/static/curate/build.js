// The Build button of every curation page: runs `fpkg build`, shows its progress, then its
// one-line result or error (with a link to the offending record).
"use strict";
const CURATE_TOKEN = document.querySelector('meta[name="curate-token"]').content;

async function curatePost(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Curate-Token": CURATE_TOKEN },
    body: JSON.stringify(body || {}),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

(function () {
  const button = document.getElementById("build");
  const status = document.getElementById("build-status");
  function show(state) {
    status.className = "state-" + state.state;
    status.textContent = "";
    if (state.state === "running") {
      status.textContent = `building… ${state.seconds} s`;
    } else if (state.state === "built") {
      status.textContent = `${state.line} (${state.seconds} s)`;
    } else if (state.state === "failed") {
      status.textContent = state.line + " ";
      if (state.link) {
        const link = document.createElement("a");
        link.href = state.link;
        link.textContent = "show the record";
        status.append(link);
      }
    }
    button.disabled = state.state === "running";
    if (state.state === "running") setTimeout(poll, 500);
  }
  async function poll() {
    show(await (await fetch("/curate/build")).json());
  }
  button.addEventListener("click", async () => {
    try {
      show(await curatePost("/curate/build"));
    } catch (error) {
      status.textContent = error.message;
    }
  });
  poll();
})();
