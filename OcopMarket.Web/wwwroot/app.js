// The few behaviours the static pages need, bound by data attributes instead of inline handlers, which the
// Content-Security-Policy forbids. Listening on the document keeps them working after an enhanced navigation
// swaps the page's content.
//   data-autosubmit        a filter that submits its form when it changes
//   data-print             a button that prints the page
//   data-confirm="…"       a form that asks before it submits
document.addEventListener("change", (e) => {
    const field = e.target.closest?.("[data-autosubmit]");
    if (field?.form) field.form.requestSubmit();
});
document.addEventListener("click", (e) => {
    if (e.target.closest?.("[data-print]")) window.print();
});
document.addEventListener("submit", (e) => {
    const message = e.target.dataset?.confirm;
    if (message && !window.confirm(message)) e.preventDefault();
}, true);
