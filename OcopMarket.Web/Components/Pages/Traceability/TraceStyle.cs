namespace OcopMarket.Web.Components.Pages.Traceability;

/// <summary>
/// The trace page's whole stylesheet, inline so a phone on a slow network needs one response. It lives here, as one
/// string, so the page's Content-Security-Policy can allow exactly this text by its hash.
/// </summary>
public static class TraceStyle
{
    public const string Css = """
        :root { --green: #1b5e20; --line: #dfe5dc; --muted: #5f6b5c; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1d231c; background: #f7f8f4; }
        header { background: var(--green); color: #fff; padding: 10px 16px; font-weight: 600; }
        header a { color: #fff; text-decoration: none; }
        header a.lang { float: right; font-weight: 400; text-decoration: underline; }
        main { max-width: 640px; margin: 0 auto; padding: 12px 16px 32px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 12px 16px; margin: 12px 0; }
        h1 { font-size: 1.35rem; margin: 8px 0 4px; line-height: 1.3; }
        h2 { font-size: 1.05rem; margin: 0 0 8px; }
        .badge { display: inline-flex; gap: 6px; align-items: center; padding: 6px 12px; border-radius: 999px; font-weight: 600; }
        .verified { background: #e3f4e1; color: var(--green); }
        .warn { background: #fff4e0; border-color: #f0c36d; color: #6b4400; }
        .bad { background: #fdecea; border-color: #f3b3ab; color: #8a1c10; }
        .stars { color: #c77700; font-size: 1.2rem; letter-spacing: 2px; }
        .product { display: flex; gap: 12px; align-items: center; }
        .product img { width: 96px; height: 72px; object-fit: cover; border-radius: 8px; background: #eef1ea; flex: none; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
        dt { color: var(--muted); }
        dd { margin: 0; }
        ol.timeline { list-style: none; margin: 0; padding: 0 0 0 14px; border-left: 3px solid var(--green); }
        ol.timeline li { position: relative; margin: 0 0 14px 8px; }
        ol.timeline li::before { content: ""; position: absolute; left: -18px; top: 6px; width: 11px; height: 11px; border-radius: 50%; background: var(--green); }
        .when { color: var(--muted); font-size: .9rem; }
        .muted { color: var(--muted); }
        a.buy { display: block; text-align: center; background: #f9a825; color: #1d231c; font-weight: 700; padding: 12px; border-radius: 10px; text-decoration: none; }
        ul { margin: 0; padding-left: 20px; }
        details summary { cursor: pointer; font-weight: 600; color: #6b4400; }
        form.report { display: grid; gap: 6px; margin-top: 10px; }
        form.report textarea, form.report input { width: 100%; font: inherit; padding: 8px; border: 1px solid var(--line); border-radius: 8px; }
        form.report button { justify-self: start; font: inherit; font-weight: 600; background: var(--green); color: #fff; border: 0; border-radius: 8px; padding: 10px 16px; cursor: pointer; }
        .ok { margin: 0; color: var(--green); font-weight: 600; }
        """;
}
