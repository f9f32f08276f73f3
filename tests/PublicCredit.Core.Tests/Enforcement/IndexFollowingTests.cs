using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Enforcement;

namespace PublicCredit.Core.Tests.Enforcement;

/// <summary>
/// The two paths that update the index — this node's own commit and the ledger follower (ADR 0012 §3) — may report the
/// same designation in either order and more than once; the index must end in the newest state, never go back.
/// </summary>
public class IndexFollowingTests
{
    private static readonly CreditCatalog Catalog = CatalogLoader.Load(CatalogPath()).GetCatalogOrThrow();
    private static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private const string Company = "91350100M000100Y43";

    private static string CatalogPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublicCredit.slnx")))
            {
                return Path.Combine(dir.FullName, "catalog");
            }
        }

        throw new InvalidOperationException("run inside the checkout");
    }

    private static DesignationRow Row(Guid id, DesignationStatus status, long version)
    {
        var row = new DesignationRow
        {
            Id = id,
            ListType = "judgment-defaulters",
            Department = "spc",
            SubjectId = Company,
            SubjectName = "福州示例食品有限公司",
            Facts = "f",
            LegalBasis = "b",
            NoticeDocument = "n",
            NoticedBy = "a",
            NoticeJson = "{}",
        };
        var decision = new DesignationDecision("d", "r", From, From.AddYears(2), PublicCredit.Time.IsoDuration.Parse("P2Y"));
        row.Apply(new DesignationState(status, new DateOnly(2026, 11, 30), true, false, decision), version);
        return row;
    }

    private static bool Enforced(EnforcementIndexUpdates updates) =>
        updates.Index.EntriesOf(SubjectKey.Of(Company)).Count > 0;

    private static EnforcementIndexUpdates Updates() => new(new EnforcementIndex(new MeasureRules(Catalog)));

    [Fact]
    public void A_stale_read_by_the_follower_does_not_undo_a_revocation_this_node_committed_since()
    {
        var updates = Updates();
        var id = Guid.NewGuid();
        updates.Committed(Row(id, DesignationStatus.Effective, 10), [], 10); // local decide
        updates.Committed(Row(id, DesignationStatus.Revoked, 12), [], 12); // local revoke

        updates.Committed(Row(id, DesignationStatus.Effective, 10), [], 10); // the follower read the row before the revoke

        Assert.False(Enforced(updates));
        Assert.Equal(12, updates.Index.Position);
    }

    [Fact]
    public void A_late_local_hook_does_not_undo_a_newer_state_the_follower_already_applied()
    {
        var updates = Updates();
        var id = Guid.NewGuid();
        updates.Committed(Row(id, DesignationStatus.Revoked, 12), [], 11); // follower at event 11 read the row after 12 committed
        updates.MarkFollowed(11);

        updates.Committed(Row(id, DesignationStatus.Effective, 11), [], 11); // the decide's own hook, late

        Assert.False(Enforced(updates));
    }

    [Fact]
    public void A_local_commit_at_or_below_the_followed_position_is_not_applied_again()
    {
        var updates = Updates();
        var id = Guid.NewGuid();
        updates.Committed(Row(id, DesignationStatus.Revoked, 20), [], 20);
        updates.MarkFollowed(25); // forgets version 20: the follower has applied every event up to 25

        updates.Committed(Row(id, DesignationStatus.Effective, 15), [], 15);

        Assert.False(Enforced(updates));
        Assert.Equal(25, updates.Index.Position);
    }

    [Fact]
    public void A_newer_state_from_either_path_is_applied_and_the_position_never_goes_back()
    {
        var updates = Updates();
        var id = Guid.NewGuid();
        updates.Committed(Row(id, DesignationStatus.Revoked, 5), [], 5);
        updates.Committed(Row(id, DesignationStatus.Effective, 9), [], 9);
        updates.MarkFollowed(7);

        Assert.True(Enforced(updates));
        Assert.Equal(9, updates.Index.Position);
    }

    [Theory]
    [InlineData("designation-objection-filed", """{"designationId":"0192f1a0-0000-7000-8000-000000000001","objectionId":"x"}""", true, 0)]
    [InlineData("record-created", """{"id":"0192f1a0-0000-7000-8000-000000000002","version":1}""", false, 1)]
    [InlineData("records-created", """{"count":2,"records":[{"id":"0192f1a0-0000-7000-8000-000000000002"},{"id":"0192f1a0-0000-7000-8000-000000000003"}]}""", false, 2)]
    [InlineData("credit-restored", """{"recordId":"0192f1a0-0000-7000-8000-000000000002","designationId":"0192f1a0-0000-7000-8000-000000000001"}""", true, 1)]
    [InlineData("api-key-created", """{"id":"0192f1a0-0000-7000-8000-000000000002"}""", false, 0)]
    public void The_follower_keys_on_the_ids_a_payload_names(string type, string payload, bool designation, int records)
    {
        var (named, recordIds) = FollowLedger.Read(type, payload);

        Assert.Equal(designation, named.HasValue);
        Assert.Equal(records, recordIds.Count);
    }
}
