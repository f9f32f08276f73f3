using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using PublicCredit.Errors;
using PublicCredit.Import;
using PublicCredit.Storage;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Uploads;

/// <summary>
/// Where console uploads live (ADR 0019). An upload is kept at <c>&lt;dept&gt;/&lt;sha256&gt;/&lt;its name&gt;</c> while it
/// is imported — one folder per department and file content, the key of <see cref="ImportRunRow"/>'s checkpoint, so
/// the same file uploaded again lands on the same path and `ImportPipeline` finds both its checkpoint and the rejections
/// written before it. When the run ends its rejection file moves to <c>&lt;dept&gt;/runs/&lt;runId&gt;.rejected.csv</c>
/// and the upload itself is deleted: the records are in the database, and the file holds personal data.
/// </summary>
public sealed class UploadFolder(string root)
{
    private const string ManifestName = ".upload.json";
    private const int MaxNameLength = 120;

    public string Root { get; } = root;

    /// <summary>
    /// Writes the request's file to a temporary file, hashing it on the way, and refuses it past
    /// <paramref name="limit"/> bytes (<c>upload-too-large</c>) — then files it under its department and content.
    /// </summary>
    public async Task<StoredUpload> StoreAsync(Stream content, string? fileName, string department, string actor, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var incoming = PrivateFiles.CreateDirectory(Path.Combine(Root, ".incoming")).FullName;
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        string sha;
        long size = 0;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, PrivateFiles.CreateOptions(FileMode.CreateNew, FileShare.None, FileOptions.Asynchronous)))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > limit)
                    {
                        throw TooLarge(limit);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (size == 0)
            {
                throw DomainException.Invalid("file", WebProblemCodes.UploadFileEmpty, "The file is empty: choose a CSV or NDJSON file with a header line and rows.");
            }

            sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        var folder = PrivateFiles.CreateDirectory(Path.Combine(Root, department, sha)).FullName;
        var manifestPath = Path.Combine(folder, ManifestName);
        UploadManifest manifest;
        if (File.Exists(manifestPath) && Read(manifestPath) is { } earlier && File.Exists(Path.Combine(folder, earlier.FileName)))
        {
            // The same content is already here (an unfinished or running import of it): keep its name, so its
            // rejection file and checkpoint are the ones continued (same bytes, so nothing is lost by dropping these).
            File.Delete(temporary);
            manifest = earlier;
        }
        else
        {
            var name = SafeName(fileName);
            manifest = new UploadManifest(name, FormatOf(name), actor);
            File.Move(temporary, Path.Combine(folder, name), overwrite: true);
            await PrivateFiles.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest, UploadManifest.Json), cancellationToken);
        }

        return new StoredUpload(department, sha, Path.Combine(folder, manifest.FileName), manifest.Format, manifest.Actor);
    }

    /// <summary>
    /// Deletes what uploads cut off by a crash left half-written in <c>.incoming</c> (a failed or aborted request deletes
    /// its own). Called at start, before the server listens, so no upload is being received.
    /// </summary>
    internal int ClearIncoming()
    {
        var incoming = Path.Combine(Root, ".incoming");
        if (!Directory.Exists(incoming))
        {
            return 0;
        }

        var files = Directory.GetFiles(incoming);
        foreach (var file in files)
        {
            File.Delete(file);
        }

        return files.Length;
    }

    public static DomainException TooLarge(long limit) =>
        DomainException.Invalid("file", WebProblemCodes.UploadTooLarge, string.Create(CultureInfo.InvariantCulture,
            $"The file is larger than {Megabytes(limit)} MB, the most the console takes; split it, or import it with `pcredit import` on the server."));

    /// <summary>A file size as people read it: <c>512 B</c>, <c>3.2 KB</c>, <c>2.1 MB</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => Megabytes(bytes) + " MB",
    };

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The full rejection report of a finished run (the columns of `pcredit import`'s <c>&lt;file&gt;.rejected.csv</c>), if the run was uploaded here.</summary>
    public string? RejectionsOf(string department, Guid runId)
    {
        var path = Path.Combine(Root, department, "runs", runId.ToString("N") + ".rejected.csv");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The run ended: its rejection report is kept by run id, the upload is deleted.</summary>
    internal void Complete(StoredUpload upload, Guid runId)
    {
        var runs = PrivateFiles.CreateDirectory(Path.Combine(Root, upload.Department, "runs")).FullName;
        var rejections = upload.DataPath + ".rejected.csv";
        if (File.Exists(rejections))
        {
            File.Move(rejections, Path.Combine(runs, runId.ToString("N") + ".rejected.csv"), overwrite: true);
        }

        Discard(upload);
    }

    internal static void Discard(StoredUpload upload)
    {
        var folder = Path.GetDirectoryName(upload.DataPath);
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Uploads a stopped or crashed server left behind, as they were asked for.</summary>
    internal IEnumerable<StoredUpload> LeftOver()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var department in Directory.EnumerateDirectories(Root).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            foreach (var folder in Directory.EnumerateDirectories(department).Where(f => Path.GetFileName(f) != "runs"))
            {
                var manifestPath = Path.Combine(folder, ManifestName);
                if (File.Exists(manifestPath) && Read(manifestPath) is { } manifest && File.Exists(Path.Combine(folder, manifest.FileName)))
                {
                    yield return new StoredUpload(Path.GetFileName(department), Path.GetFileName(folder), Path.Combine(folder, manifest.FileName), manifest.Format, manifest.Actor);
                }
            }
        }
    }

    /// <summary>NDJSON by its extension (<c>.ndjson</c>, <c>.jsonl</c>), else CSV — as `pcredit import` decides.</summary>
    public static ImportFormat FormatOf(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".ndjson" or ".jsonl" ? ImportFormat.Ndjson : ImportFormat.Csv;

    /// <summary>The file's own name without any folder, characters a file system refuses, or a leading dot.</summary>
    internal static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string([.. name.Select(c => char.IsControl(c) || Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)]).Trim().TrimStart('.');
        if (name.Length > MaxNameLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(MaxNameLength - Math.Min(extension.Length, 20))] + extension[..Math.Min(extension.Length, 20)];
        }

        return name.Length == 0 ? "upload.csv" : name;
    }

    private static UploadManifest? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<UploadManifest>(File.ReadAllText(path), UploadManifest.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
