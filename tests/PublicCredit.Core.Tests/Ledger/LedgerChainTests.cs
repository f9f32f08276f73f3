using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublicCredit.Ledger;

namespace PublicCredit.Core.Tests.Ledger;

public class LedgerChainTests
{
    private static readonly LedgerEventContent Sample = new(
        7, "record-created", new DateTimeOffset(2026, 11, 23, 18, 0, 0, 123, TimeSpan.FromHours(8)).AddTicks(4567),
        "key:abcdefghijkm", "samr", "91350100M000100Y43", "{\"n\":1,\"text\":\"处罚\"}");

    /// <summary>The hash is defined over the canonical JSON of the event's members (ADR 0004); computed independently here.</summary>
    private static string ReferenceHash(string previous, LedgerEventContent c)
    {
        var canonical = CanonicalJson.Serialize(new
        {
            position = c.Position,
            type = c.Type,
            occurredAt = LedgerChain.FormatInstant(c.OccurredAt),
            actor = c.Actor,
            department = c.Department,
            subject = c.Subject,
            payload = c.Payload,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\n" + canonical)));
    }

    [Fact]
    public void The_chain_hash_is_SHA256_of_the_previous_hash_and_the_canonical_event()
    {
        Assert.Equal(ReferenceHash(LedgerChain.GenesisHash, Sample), LedgerChain.ComputeHash(LedgerChain.GenesisHash, Sample));
    }

    [Property(MaxTest = 200)]
    public Property The_direct_writer_and_the_generic_canonical_form_agree_for_any_event(
        NonNull<string> type, NonNull<string> actor, string? department, string? subject, NonNull<string> payload, long position) =>
        Prop.ToProperty(
            LedgerChain.ComputeHash("ab", Sample with
            {
                Type = type.Get, Actor = actor.Get, Department = department, Subject = subject, Payload = payload.Get, Position = position,
            })
            == ReferenceHash("ab", Sample with
            {
                Type = type.Get, Actor = actor.Get, Department = department, Subject = subject, Payload = payload.Get, Position = position,
            }));

    [Fact]
    public void Instants_are_hashed_in_UTC_to_the_microsecond_whatever_their_offset()
    {
        var utc = Sample with { OccurredAt = Sample.OccurredAt.ToUniversalTime() };
        var finerTicks = Sample with { OccurredAt = Sample.OccurredAt.AddTicks(2) }; // .1234567 → .1234569: same microsecond

        Assert.Equal(LedgerChain.ComputeHash("x", Sample), LedgerChain.ComputeHash("x", utc));
        Assert.Equal(LedgerChain.ComputeHash("x", Sample), LedgerChain.ComputeHash("x", finerTicks));
        Assert.Equal("2026-11-23T10:00:00.123456Z", LedgerChain.FormatInstant(Sample.OccurredAt));
    }

    [Fact]
    public void Canonical_JSON_sorts_members_and_keeps_Chinese_readable()
    {
        Assert.Equal("{\"a\":{\"x\":1,\"y\":[2,{\"m\":null,\"n\":\"处罚\"}]},\"b\":true}",
            CanonicalJson.Canonicalize("{ \"b\": true, \"a\": { \"y\": [2, {\"n\": \"处罚\", \"m\": null}], \"x\": 1 } }"));
    }
}
