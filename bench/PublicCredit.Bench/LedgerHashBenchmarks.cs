using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using PublicCredit.Ledger;

namespace PublicCredit.Bench;

/// <summary>
/// CPU cost of chaining one ledger event (canonical JSON + SHA-256) against the baseline of hashing the same
/// bytes with SHA-256 alone: the ratio is what canonicalisation adds per event (a bulk import writes one event per chunk).
/// </summary>
[MemoryDiagnoser]
public class LedgerHashBenchmarks
{
    private readonly LedgerEventContent content = new(
        123_456,
        "record-created",
        new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        "key:abcdefghijkm",
        "samr",
        "91350100M000100Y43",
        CanonicalJson.Serialize(new { id = Guid.Empty, documentNumber = "杭市监罚〔2026〕1234号", category = "administrative-penalty", severity = "general" }));

    private byte[] canonicalBytes = [];

    [GlobalSetup]
    public void Setup() =>
        canonicalBytes = Encoding.UTF8.GetBytes(LedgerChain.GenesisHash + "\n" + CanonicalJson.Serialize(new
        {
            position = content.Position,
            type = content.Type,
            occurredAt = LedgerChain.FormatInstant(content.OccurredAt),
            actor = content.Actor,
            department = content.Department,
            subject = content.Subject,
            payload = content.Payload,
        }));

    [Benchmark(Baseline = true, Description = "SHA-256 of the same bytes (baseline)")]
    public byte[] Sha256Only() => SHA256.HashData(canonicalBytes);

    [Benchmark(Description = "LedgerChain.ComputeHash (canonical JSON + SHA-256)")]
    public string ChainOneEvent() => LedgerChain.ComputeHash(LedgerChain.GenesisHash, content);
}
