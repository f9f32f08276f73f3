using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NSec.Cryptography;
using PublicCredit.Storage;

namespace PublicCredit.Ledger;

/// <summary>One signed checkpoint: the chain's position and hash there, signed by the key with this id (ADR 0033).</summary>
public sealed record LedgerCheckpoint(long Position, string Hash, string KeyId, DateTimeOffset SignedAt, string Signature)
{
    /// <summary>The bytes the signature covers: a tag, the position, the hash, the key id and the time, one per line.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"pcredit-ledger-checkpoint/1\n{Position}\n{Hash}\n{KeyId}\n{LedgerChain.FormatInstant(SignedAt)}"));

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Position} {Hash} {KeyId} {LedgerChain.FormatInstant(SignedAt)} {Signature}");

    public static LedgerCheckpoint? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 5
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
               && DateTimeOffset.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            ? new LedgerCheckpoint(position, parts[1], parts[2], LedgerChain.Truncate(signedAt), parts[4])
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"position {Position} signed by key {KeyId} at {LedgerChain.FormatInstant(SignedAt)}");
}

/// <summary>
/// The node's ledger signing keys and its journal of signed checkpoints, both in the keys folder — outside the
/// database, so an administrator who can rewrite every table cannot make a chain that matches them (ADR 0033).
/// Ed25519 (NSec): <c>ledger-signing/&lt;key id&gt;.key</c> (private, owner-only) and <c>.pub</c>, <c>current</c> naming
/// the key that signs; the key id is the first 16 hex digits of the SHA-256 of the public key. Rotation adds a key and
/// makes it current; old public keys stay, so old checkpoints keep verifying. The journal
/// <c>ledger-checkpoints.log</c> has one line per checkpoint; several nodes sharing the folder append to it.
/// </summary>
public sealed class LedgerCheckpoints
{
    public const string JournalFile = "ledger-checkpoints.log";

    public const string KeysFolder = "ledger-signing";

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private static readonly Lock Appending = new();

    public LedgerCheckpoints(string keysDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keysDirectory);
        Directory = Path.GetFullPath(keysDirectory);
    }

    public string Directory { get; }

    private string KeyDirectory => Path.Combine(Directory, KeysFolder);

    private string JournalPath => Path.Combine(Directory, JournalFile);

    private string CurrentPath => Path.Combine(KeyDirectory, "current");

    /// <summary>The id of the key that signs now, making the first key if there is none.</summary>
    public string CurrentKeyId()
    {
        if (File.Exists(CurrentPath) && File.ReadAllText(CurrentPath).Trim() is { Length: > 0 } id && File.Exists(PrivatePath(id)))
        {
            return id;
        }

        return Rotate();
    }

    /// <summary>Makes a new signing key and makes it current; earlier keys stay for verification. Returns its id.</summary>
    public string Rotate()
    {
        CreatePrivateDirectory(Directory);
        CreatePrivateDirectory(KeyDirectory);
        using var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var id = KeyIdOf(publicKey);
        WriteOwnerOnly(PrivatePath(id), Convert.ToBase64String(key.Export(KeyBlobFormat.RawPrivateKey)));
        File.WriteAllText(PublicPath(id), Convert.ToBase64String(publicKey));
        var next = CurrentPath + ".next";
        File.WriteAllText(next, id);
        File.Move(next, CurrentPath, overwrite: true);
        return id;
    }

    /// <summary>Signs the ledger's head as it is now and appends the checkpoint to the journal.</summary>
    public async Task<LedgerCheckpoint> SignHeadAsync(PublicCreditDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.LedgerHead.AsNoTracking().SingleAsync(cancellationToken);
        return Sign(head.Position, head.Hash, now);
    }

    public LedgerCheckpoint Sign(long position, string hash, DateTimeOffset now)
    {
        var keyId = CurrentKeyId();
        var unsigned = new LedgerCheckpoint(position, hash, keyId, LedgerChain.Truncate(now), "");
        using var key = Key.Import(Algorithm, Convert.FromBase64String(File.ReadAllText(PrivatePath(keyId)).Trim()), KeyBlobFormat.RawPrivateKey);
        var signed = unsigned with { Signature = Convert.ToBase64String(Algorithm.Sign(key, unsigned.SignedBytes())) };
        lock (Appending)
        {
            File.AppendAllText(JournalPath, signed.ToLine() + "\n");
            PublicCredit.Storage.PrivateFiles.Restrict(JournalPath);
        }

        return signed;
    }

    /// <summary>Every checkpoint in the journal, in the order written; a line that does not parse is returned as null.</summary>
    public IReadOnlyList<LedgerCheckpoint?> Journal() =>
        File.Exists(JournalPath)
            ? [.. File.ReadAllLines(JournalPath).Where(l => l.Trim().Length > 0).Select(LedgerCheckpoint.Parse)]
            : [];

    /// <summary>The last checkpoint written, if any (what the timer compares the head with).</summary>
    public LedgerCheckpoint? Last() => Journal().LastOrDefault(c => c is not null);

    /// <summary>Whether the signature is one of this folder's keys' over exactly this checkpoint.</summary>
    public bool IsValid(LedgerCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = PublicPath(checkpoint.KeyId);
        if (!IsKeyId(checkpoint.KeyId) || !File.Exists(path))
        {
            return false;
        }

        try
        {
            var raw = Convert.FromBase64String(File.ReadAllText(path).Trim());
            var publicKey = PublicKey.Import(Algorithm, raw, KeyBlobFormat.RawPublicKey);
            return KeyIdOf(raw) == checkpoint.KeyId
                   && Algorithm.Verify(publicKey, checkpoint.SignedBytes(), Convert.FromBase64String(checkpoint.Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private string PrivatePath(string id) => Path.Combine(KeyDirectory, id + ".key");

    private string PublicPath(string id) => Path.Combine(KeyDirectory, id + ".pub");

    private static string KeyIdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    private static bool IsKeyId(string id) => id.Length == 16 && id.All(char.IsAsciiHexDigitLower);

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, Encoding.ASCII, options);
        writer.Write(text);
    }
}
