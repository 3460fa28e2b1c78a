using Microsoft.Extensions.FileProviders;

namespace Platform.Gateway.Hosting;

/// <summary>
/// The web console (web/, bundled by npm into web/dist and copied by the build into console/ beside the binaries): served at
/// <c>/</c> with its assets beside it. A node built without npm has no console and says so at <c>/</c>.
/// </summary>
public static class ConsoleAssets
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Same origin only: scripts, styles, fetch and the GraphQL WebSocket ('self' covers ws/wss of this host); no frames, no inline script.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// The explorer's page: Monaco (GraphiQL's editor) adds style elements at run time, so styles may be inline; scripts
    /// may not, and workers and fonts come from this origin.
    /// </summary>
    public const string ExplorerSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static string ExplorerPage => Path.Combine(Directory, "explorer.html");

    /// <summary>
    /// A browser opening /graphql (GET, HTML acceptable, no query) gets the explorer; every GraphQL request, GET ones
    /// included, goes to the transport as before.
    /// </summary>
    public static bool WantsExplorer(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Query.ContainsKey("query")
        && context.Request.GetTypedHeaders().Accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        && File.Exists(ExplorerPage);

    public static Task ServeExplorerAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = ExplorerSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.SendFileAsync(ExplorerPage);
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            app.MapGet("/", () => Results.Text(
                "The web console is not built into this node: ./platform up builds it (npm, in web/), see docs/console.md.",
                statusCode: StatusCodes.Status404NotFound));
            return app;
        }

        var files = new PhysicalFileProvider(Directory);
        app.UseWhen(context => context.Request.Path == "/" || files.GetFileInfo(context.Request.Path.Value ?? "").Exists, branch =>
        {
            branch.Use((context, next) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.CacheControl = "no-cache"; // revalidated by ETag: a new build is seen at once
                return next(context);
            });
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        });
        return app;
    }
}
