// The few behaviours the static pages need, bound by data attributes instead of inline handlers, which the
// Content-Security-Policy forbids. Listening on the document keeps them working after an enhanced navigation
// swaps the page's content.
//   data-autosubmit        a filter that submits its form when it changes
//   data-print             a button that prints the page
//   data-confirm="…"       a form that asks before it submits
//   data-copy="#id"        a button that copies that field's text, then says data-copied="…" for a moment
//   data-select-all        a read-only field whose whole text is selected when focused (to copy it by hand)
//   .js-only               hidden by app.css until this script marks the page as having script
document.documentElement.classList.add("js");
document.addEventListener("change", (e) => {
    const field = e.target.closest?.("[data-autosubmit]");
    if (field?.form) field.form.requestSubmit();
});
document.addEventListener("click", async (e) => {
    if (e.target.closest?.("[data-print]")) window.print();
    const copy = e.target.closest?.("[data-copy]");
    if (copy) {
        const field = document.querySelector(copy.dataset.copy);
        if (!field) return;
        try {
            await navigator.clipboard.writeText(field.value);
        } catch {
            // No clipboard permission (or an insecure page): leave the text selected for a manual copy.
            field.select();
            return;
        }
        const label = copy.textContent;
        copy.textContent = copy.dataset.copied;
        setTimeout(() => { copy.textContent = label; }, 2500);
    }
});
document.addEventListener("focusin", (e) => {
    if (e.target.matches?.("[data-select-all]")) e.target.select();
});
document.addEventListener("submit", (e) => {
    const message = e.target.dataset?.confirm;
    if (message && !window.confirm(message)) e.preventDefault();
}, true);
