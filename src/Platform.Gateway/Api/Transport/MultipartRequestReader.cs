using System.Globalization;
using System.Text.Json;
using GraphQL;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Api.Execution;

namespace Platform.Gateway.Api.Transport;

/// <summary>
/// The GraphQL multipart request spec (what Apollo and graphql-upload clients send): an "operations" part
/// with the request, a "map" part naming the variables each file goes to, then the files. Files are spooled
/// to temporary files (deleted with the request), so a large upload never sits in memory.
/// </summary>
public sealed class MultipartRequestReader(GraphQLRequestReader reader)
{
    public async Task<(GraphQLRequestBody? Request, List<UploadedFile> Files, string? Error)> ReadAsync(HttpRequest request, long maxFileBytes, long maxJsonBytes)
    {
        var files = new List<UploadedFile>();
        var byPart = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, files, "The multipart body has no boundary.");
        }

        var multipart = new MultipartReader(boundary, request.Body);
        JsonDocument? operations = null;
        Dictionary<string, string[]>? map = null;
        try
        {
            while (await multipart.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
            {
                var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "operations")
                {
                    operations = await RequestJson.ParseAsync(section.Body, name, maxJsonBytes, request.HttpContext.RequestAborted);
                }
                else if (name == "map")
                {
                    using var mapDocument = await RequestJson.ParseAsync(section.Body, name, maxJsonBytes, request.HttpContext.RequestAborted);
                    map = mapDocument.Deserialize<Dictionary<string, string[]>>();
                }
                else if (operations is null || map is null)
                {
                    return (null, files, "Send the 'operations' and 'map' parts before the files.");
                }
                else if (name is not null && map.ContainsKey(name))
                {
                    var file = await SpoolAsync(section, FileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value, name), maxFileBytes, request.HttpContext.RequestAborted);
                    files.Add(file);
                    byPart[name] = file;
                }
            }
        }
        catch (JsonException exception)
        {
            return (null, files, $"'operations' and 'map' must be JSON: {exception.Message}");
        }
        catch (InvalidDataException exception)
        {
            return (null, files, exception.Message);
        }

        if (operations is null || map is null)
        {
            return (null, files, "A multipart request needs an 'operations' part and a 'map' part.");
        }

        using (operations)
        {
            if (operations.RootElement.ValueKind == JsonValueKind.Array)
            {
                return (null, files, "Batched operations are not supported; send one operation.");
            }

            if (!reader.TryRead(operations.RootElement, out var body, out var error))
            {
                return (null, files, error);
            }

            var variables = body.Variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(body.Variables);
            foreach (var (part, paths) in map)
            {
                if (paths is null || paths.Any(p => p is null))
                {
                    return (null, files, $"The map's entry for '{part}' must be a list of variable paths.");
                }

                if (!byPart.TryGetValue(part, out var file))
                {
                    return (null, files, $"The map names file part '{part}', which was not sent.");
                }

                foreach (var path in paths)
                {
                    if (!Place(variables, path, file))
                    {
                        return (null, files, $"The map path '{path}' does not name a variable.");
                    }
                }
            }

            return (body with { Variables = new Inputs(variables) }, files, null);
        }
    }

    private static async Task<UploadedFile> SpoolAsync(MultipartSection section, string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"platform-upload-{Guid.NewGuid():N}");
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                throw new InvalidDataException($"The file '{fileName}' is larger than {maxBytes} bytes.");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return new UploadedFile(path, fileName, section.ContentType, length);
    }

    /// <summary>
    /// The name the client gave the file, without any folders ("../../etc/passwd" is "passwd"), control or format
    /// characters, at most 255 characters: it is shown back (an import's <c>fileName</c>) and never used as a path; the
    /// file is spooled under a name of its own.
    /// </summary>
    public static string FileName(string? given, string part)
    {
        var name = given?[(given.LastIndexOfAny(['/', '\\']) + 1)..];
        // Control and format characters (NUL, a right-to-left override) would not store or would not read as they are.
        name = name is null ? null : string.Concat(name.Where(c => char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format))).Trim();
        name = name?.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
        return string.IsNullOrEmpty(name) || name is "." or ".." ? part : name;
    }

    public const int MaxFileNameLength = 255;

    // Paths look like "variables.file" or "variables.input.files.0".
    private static bool Place(Dictionary<string, object?> variables, string path, UploadedFile file)
    {
        var parts = path.Split('.');
        if (parts.Length < 2 || parts[0] != "variables")
        {
            return false;
        }

        object? container = variables;
        for (var i = 1; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            switch (container)
            {
                case IDictionary<string, object?> dictionary when last:
                    // The operation's variables hold a placeholder (null) for each file, as the spec's clients send them.
                    if (!dictionary.ContainsKey(parts[i]))
                    {
                        return false;
                    }

                    dictionary[parts[i]] = file;
                    return true;
                case IDictionary<string, object?> dictionary:
                    container = dictionary.TryGetValue(parts[i], out var next) ? next : null;
                    break;
                case IList<object?> list when int.TryParse(parts[i], out var index) && index >= 0 && index < list.Count:
                    if (last)
                    {
                        list[index] = file;
                        return true;
                    }

                    container = list[index];
                    break;
                default:
                    return false;
            }
        }

        return false;
    }
}
