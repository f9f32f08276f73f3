using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Uploads;

namespace PublicCredit.Web.Tests.Storage;

/// <summary>
/// The database, the keys and console uploads are readable by the server's user only (docs/design.md#edges-public-limits-and-audit-reads; ADR 0036):
/// folders the server makes are 0700, files 0600, checked with stat on a server started over a fresh folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_server_keeps_its_database_keys_and_uploads_from_other_users()
    {
        var root = Path.Combine(Path.GetTempPath(), "pcredit-modes-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(root, "data");
        var database = DatabaseTarget.Parse(Path.Combine(data, "pcredit.db"));

        await using (var server = await RunningServer.RestartAsync(database, Cancel))
        {
            using var anyone = server.Client();
            await anyone.GetJsonAsync("/api/v1/catalog", Cancel);

            Assert.Equal(Folder, File.GetUnixFileMode(data));
            foreach (var file in Directory.GetFiles(data, "pcredit.db*"))
            {
                Assert.True(File.GetUnixFileMode(file) == File600, $"{file}: {File.GetUnixFileMode(file)}");
            }

            var keys = Path.Combine(data, "keys");
            Assert.Equal(Folder, File.GetUnixFileMode(keys));
            var keyFiles = Directory.GetFiles(keys);
            Assert.Contains(keyFiles, f => f.EndsWith(".xml", StringComparison.Ordinal));
            Assert.All(keyFiles, f => Assert.True(File.GetUnixFileMode(f) == File600, $"{f}: {File.GetUnixFileMode(f)}"));
            var reportKeys = Path.Combine(keys, "report-keys"); // ADR 0039 §3
            Assert.Equal(Folder, File.GetUnixFileMode(reportKeys));
            var reportKeyFiles = Directory.GetFiles(reportKeys);
            Assert.Contains(reportKeyFiles, f => f.EndsWith(".key", StringComparison.Ordinal));
            Assert.Contains(reportKeyFiles, f => f.EndsWith("current", StringComparison.Ordinal));
            Assert.All(reportKeyFiles, f => Assert.True(File.GetUnixFileMode(f) == File600, $"{f}: {File.GetUnixFileMode(f)}"));

            var uploads = (UploadFolder)server.Services.GetService(typeof(UploadFolder))!;
            Assert.Equal(Folder, File.GetUnixFileMode(uploads.Root));
            using var content = new MemoryStream("subjectId,subjectName\n91350100M000100Y43,福州示例食品有限公司\n"u8.ToArray());
            var stored = await uploads.StoreAsync(content, "penalties.csv", Departments.Samr, "test", 1 << 20, Cancel);
            Assert.Equal(File600, File.GetUnixFileMode(stored.DataPath));
            Assert.All(Directory.GetFiles(Path.GetDirectoryName(stored.DataPath)!, "*", new EnumerationOptions { AttributesToSkip = 0 }),
                f => Assert.True(File.GetUnixFileMode(f) == File600, $"{f}: {File.GetUnixFileMode(f)}"));
        }

        Directory.Delete(root, recursive: true);
    }
}
