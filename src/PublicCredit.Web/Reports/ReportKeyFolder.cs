using System.Globalization;
using System.Security.Cryptography;
using PublicCredit.Reports;
using PublicCredit.Storage;

namespace PublicCredit.Web.Reports;

/// <summary>
/// The report signing keys in the keys folder (ADR 0015, ADR 0039 §3): <c>report-keys/&lt;id&gt;.key</c> (32 random
/// bytes, base64, owner-only) for each key, and <c>report-keys/current</c> naming the key that signs new codes. The
/// first node to start makes the first key; every node that shares the folder signs with the same current key and
/// verifies every key's codes — a key id it has not seen yet (rotated by the operator after it started) is read from the
/// folder when a code names it. The key of codes made before key ids, <c>report-signing.key</c>, is kept and still
/// verifies. The folder belongs with the database backups: a printed report must verify for as long as it circulates.
/// </summary>
public static class ReportKeyFolder
{
    public const string FolderName = "report-keys";
    public const string CurrentFile = "current";
    public const string LegacyFile = "report-signing.key";

    /// <summary>At most one look into the folder for unknown key ids per interval: made-up codes cannot make a node scan it in a loop.</summary>
    private static readonly TimeSpan LookupInterval = TimeSpan.FromSeconds(2);

    public static ReportKeyRing Load(string keysDirectory)
    {
        var folder = PrivateFiles.CreateDirectory(Path.Combine(keysDirectory, FolderName)).FullName;
        var currentId = ReadCurrent(folder) ?? MakeFirst(folder);
        var current = ReadKey(folder, currentId)
            ?? throw new InvalidOperationException($"{Path.Combine(folder, CurrentFile)} names report signing key {Hex(currentId)}, which is not in {folder}.");
        var others = Directory.EnumerateFiles(folder, "*.key")
            .Select(f => ParseId(Path.GetFileNameWithoutExtension(f)))
            .Where(id => id is not null && id != currentId)
            .Select(id => ReadKey(folder, id!.Value))
            .OfType<ReportSigningKey>()
            .ToList();
        var legacy = Path.Combine(keysDirectory, LegacyFile);
        if (File.Exists(legacy))
        {
            others.Add(new ReportSigningKey(ReportSigningKey.LegacyId, ReadBytes(legacy)));
        }

        // A monotonic clock: this is throttling, not a rule about dates (docs/design.md#9-time-is-an-input concerns the latter).
        long? lastLookup = null;
        var gate = new Lock();
        return new ReportKeyRing(current, others, id =>
        {
            lock (gate)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                if (id == ReportSigningKey.LegacyId
                    || (lastLookup is { } last && System.Diagnostics.Stopwatch.GetElapsedTime(last, now) < LookupInterval))
                {
                    return null;
                }

                lastLookup = now;
            }

            return ReadKey(folder, id);
        });
    }

    /// <summary>Makes a new key and makes it current (`pcredit reports rotate-key`); earlier keys keep verifying. Returns its id.</summary>
    public static string Rotate(string keysDirectory)
    {
        var folder = PrivateFiles.CreateDirectory(Path.Combine(keysDirectory, FolderName)).FullName;
        var id = MakeKey(folder);
        var temporary = Path.Combine(folder, CurrentFile + "." + Guid.NewGuid().ToString("N")[..8]);
        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, PrivateFiles.CreateOptions(FileMode.CreateNew)))
        {
            writer.Write(Hex(id));
        }

        File.Move(temporary, Path.Combine(folder, CurrentFile), overwrite: true);
        return Hex(id);
    }

    private static ushort MakeFirst(string folder)
    {
        var id = MakeKey(folder);
        try
        {
            using var writer = new StreamWriter(Path.Combine(folder, CurrentFile), System.Text.Encoding.ASCII, PrivateFiles.CreateOptions(FileMode.CreateNew));
            writer.Write(Hex(id));
            return id;
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, CurrentFile)))
        {
            // Another node made the first key at the same moment: sign with theirs (ours only verifies, and signs nothing).
            return ReadCurrent(folder) ?? throw new InvalidOperationException($"{Path.Combine(folder, CurrentFile)} is empty.");
        }
    }

    private static ushort MakeKey(string folder)
    {
        while (true)
        {
            var id = (ushort)RandomNumberGenerator.GetInt32(1, ushort.MaxValue + 1);
            var path = Path.Combine(folder, Hex(id) + ".key");
            try
            {
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, PrivateFiles.CreateOptions(FileMode.CreateNew));
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(ReportSigningKey.Bytes)));
                return id;
            }
            catch (IOException) when (File.Exists(path))
            {
                // That id is taken: draw another.
            }
        }
    }

    private static ushort? ReadCurrent(string folder)
    {
        var path = Path.Combine(folder, CurrentFile);
        return File.Exists(path)
            ? ParseId(File.ReadAllText(path).Trim()) ?? throw new InvalidOperationException($"{path} does not name a report signing key (four hex digits).")
            : null;
    }

    private static ReportSigningKey? ReadKey(string folder, ushort id)
    {
        var path = Path.Combine(folder, Hex(id) + ".key");
        return File.Exists(path) ? new ReportSigningKey(id, ReadBytes(path)) : null;
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            var bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return bytes.Length >= ReportSigningKey.Bytes
                ? bytes
                : throw new InvalidOperationException($"{path} is not a report signing key (base64 of at least {ReportSigningKey.Bytes} bytes).");
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{path} is not a report signing key (base64 of at least {ReportSigningKey.Bytes} bytes).", ex);
        }
    }

    private static ushort? ParseId(string text) =>
        text.Length == 4 && ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) && id != ReportSigningKey.LegacyId
            ? id
            : null;

    private static string Hex(ushort id) => id.ToString("x4", CultureInfo.InvariantCulture);
}
