using System.Text;

// FixedPage: Kestrel answering every GET with one fixed HTML page of about 22 KB (the size of a rendered catalog
// page), built once at start-up. It is the machine's ceiling for a page of that size: the page benchmark runs it on
// the same machine, alternating with the app, and reports the app's requests per second as a ratio of it.
//   dotnet FixedPage.dll --urls http://127.0.0.1:5395 [--bytes 22528]
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();   // nothing per request but the response itself
var app = builder.Build();

var size = int.TryParse(app.Configuration["bytes"], out var b) && b > 0 ? b : 22 * 1024;
var body = FixedHtml.Build(size);
app.MapGet("/{**path}", (HttpContext http) =>
{
    http.Response.ContentType = "text/html; charset=utf-8";
    http.Response.ContentLength = body.Length;
    return http.Response.Body.WriteAsync(body).AsTask();
});
Console.WriteLine($"FixedPage: {body.Length} bytes of HTML on {string.Join(", ", app.Urls.DefaultIfEmpty(app.Configuration["urls"] ?? "default"))}");
app.Run();

/// <summary>Product cards, as on a catalog page, repeated until the page reaches the size asked for (UTF-8 bytes).</summary>
internal static class FixedHtml
{
    public static byte[] Build(int size)
    {
        const string head = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sản phẩm OCOP</title>" +
                            "<link rel=\"stylesheet\" href=\"/app.css\"></head><body><main><h1>Sản phẩm OCOP</h1><ul class=\"cards\">";
        const string tail = "</ul></main></body></html>";
        var sb = new StringBuilder(head);
        for (var i = 1; Encoding.UTF8.GetByteCount(sb.ToString()) + tail.Length < size; i++)
            sb.Append($"<li class=\"card\"><a href=\"/san-pham/san-pham-{i}\"><img src=\"/img/{i}.webp\" alt=\"\" width=\"240\" height=\"240\">" +
                      $"<h2>Nước mắm cá cơm truyền thống số {i}</h2></a><p class=\"producer\">Hợp tác xã Phú Quốc</p>" +
                      $"<p class=\"stars\">★★★★☆ 4 sao OCOP</p><p class=\"price\">{i * 1000 + 45000:N0} ₫</p></li>");
        sb.Append(tail);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
