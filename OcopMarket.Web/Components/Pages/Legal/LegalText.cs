using Markdig;
using Microsoft.AspNetCore.Components;
using OcopMarket.Core.Legal;

namespace OcopMarket.Web.Components.Pages.Legal;

/// <summary>A legal document's Markdown as HTML: tables and links, no raw HTML (the texts are ours, but a slip stays text).</summary>
public static class LegalText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    public static MarkupString Html(LegalDocument document, LegalDocumentVersion version, bool english, LegalSettings settings) =>
        new(Markdown.ToHtml(LegalDocuments.Markdown(document, version, english, settings, LegalLinks.SiteRelative), Pipeline));
}
