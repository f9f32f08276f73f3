namespace PublicCredit.Storage;

/// <summary>
/// Files that hold personal data or secrets (the SQLite database, the keys folder, console uploads and rejection
/// reports) are readable by the server's own user only: folders the server creates are 0700, files 0600 (ADR 0036).
/// A folder that already exists keeps the mode its owner gave it (a database in <c>/tmp</c> must not make /tmp private).
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) as 0700; an existing folder is left as it is.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return new DirectoryInfo(full);
        }

        // Each missing parent is created private too, outermost first.
        var parent = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent))
        {
            CreateDirectory(parent);
        }

        return Directory.CreateDirectory(full, FolderMode);
    }

    /// <summary>Options that create a new file as 0600 (and replace an existing one's content).</summary>
    public static FileStreamOptions CreateOptions(System.IO.FileMode mode = System.IO.FileMode.Create, FileShare share = FileShare.None, FileOptions options = FileOptions.None)
    {
        var created = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = share, Options = options, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            created.UnixCreateMode = FileMode;
        }

        return created;
    }

    /// <summary>Makes an existing file the owner's only (0600); a file of another user is left alone.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        try
        {
            if ((File.GetUnixFileMode(path) & ~FileMode) != 0)
            {
                File.SetUnixFileMode(path, FileMode);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to change (owned by another user): its owner decides.
        }
    }

    /// <summary>Writes a whole text file as 0600.</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, CreateOptions());
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
        Restrict(path);
    }
}
