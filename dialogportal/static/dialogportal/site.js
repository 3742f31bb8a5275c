// Initialise Det Fælles Designsystem's components once the page has loaded.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // A form sent back with errors: start at the summary of what to fix (includes/form_errors.html).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
