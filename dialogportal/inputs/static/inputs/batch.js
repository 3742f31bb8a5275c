// Batch typing of postcards: Ctrl+Enter (or Cmd+Enter) in any field saves the row.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("batch-form");
  if (!form) { return; }
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
    }
  });
});
