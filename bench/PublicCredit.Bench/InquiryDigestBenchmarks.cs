using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PublicCredit.Inquiries;

namespace PublicCredit.Bench;

/// <summary>
/// CPU cost the inquiry log's batch digest adds per check (ADR 0032 §4): <see cref="InquiryDigest.Add"/> for one
/// inquiry against the baseline of SHA-256 over a buffer of the same size. Every check pays this once, on the
/// log's writer.
/// </summary>
[MemoryDiagnoser]
public class InquiryDigestBenchmarks
{
    private readonly InquiryRow row = new()
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero)),
        At = new DateTimeOffset(2026, 12, 7, 3, 0, 0, 123, 456, TimeSpan.Zero),
        SubjectId = "91350100M000100Y43",
        Department = "ndrc",
        Role = "checker",
        Actor = "key:abcdefghijkm",
        Purpose = "check:government-procurement",
        Endpoint = "POST /api/v1/checks",
        Returned = "black:court-judgment-defaulters",
    };

    private readonly byte[] sameSize = new byte[190];

    [Benchmark(Baseline = true, Description = "SHA-256 of 190 bytes (baseline)")]
    public byte[] Sha256Only() => SHA256.HashData(sameSize);

    /// <summary>Per inquiry, as the log's writer pays it: 100 inquiries added to one batch's digest.</summary>
    [Benchmark(Description = "InquiryDigest.Add (canonical JSON array + SHA-256), per inquiry of a batch of 100", OperationsPerInvoke = 100)]
    public int AddToBatch()
    {
        var digest = new InquiryDigest();
        for (var i = 0; i < 100; i++)
        {
            digest.Add(row);
        }

        return digest.Count;
    }
}
