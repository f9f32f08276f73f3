using System.Security.Cryptography;
using PublicCredit.Reports;

namespace PublicCredit.Web.Reports;

/// <summary>
/// The secret that signs report verification codes, kept in <c>report-signing.key</c> in the host's keys folder
/// (ADR 0015): made once on first start (32 random bytes, base64, readable by the owner only), then read. Every node
/// that verifies reports must see the same file — it belongs with the database backups, as a printed report must
/// verify for as long as it circulates.
/// </summary>
internal static class ReportKeyFile
{
    public const string FileName = "report-signing.key";

    public static ReportSigningKey LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(ReportSigningKey.Bytes);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(Convert.ToBase64String(key));
                return new ReportSigningKey(key);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: use theirs.
            }
        }

        var text = File.ReadAllText(path).Trim();
        try
        {
            return new ReportSigningKey(Convert.FromBase64String(text));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"{path} is not a report signing key (base64 of at least {ReportSigningKey.Bytes} bytes).", ex);
        }
    }
}
