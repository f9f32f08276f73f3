using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Inquiries;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Storage;

/// <summary>docs/design.md#inquiry-log-on-the-hot-path: durable group commit, never a dropped inquiry.</summary>
public abstract class InquiryLogTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed class CountingWriter(IInquiryBatchWriter inner) : IInquiryBatchWriter
    {
        public int Batches;

        public async Task WriteAsync(InquiryBatchRow batch, IReadOnlyList<InquiryRow> rows, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Batches);
            await inner.WriteAsync(batch, rows, cancellationToken);
        }
    }

    private sealed class FailingWriter : IInquiryBatchWriter
    {
        public Task WriteAsync(InquiryBatchRow batch, IReadOnlyList<InquiryRow> rows, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("disk full");
    }

    [Fact]
    public async Task Every_inquiry_is_stored_before_its_request_goes_on_and_many_share_one_commit()
    {
        var target = await databases.CreateAsync(Cancel);
        var services = new ServiceCollection().AddPublicCreditStorage(target).BuildServiceProvider();
        var writer = new CountingWriter(services.GetRequiredService<IInquiryBatchWriter>());
        var log = new InquiryLog(writer, TimeProvider.System, NullLogger<InquiryLog>.Instance);
        await log.StartAsync(Cancel);
        var checker = Caller.Staff("key:test", Role.Checker, "mof");
        const int count = 3000;

        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var subject = i % 2 == 0 ? "91350100M000100Y43" : "11010519491231002X";
            await log.RecordAsync(checker, subject, "government-procurement", "POST /api/v1/checks", "clear", Cancel);
            await using var db = StorageServices.CreateContext(target);
            // the request's inquiry is durable by the time RecordAsync returns
            Assert.True(await db.Inquiries.AnyAsync(q => q.SubjectId == subject, Cancel));
        }));

        await log.StopAsync(Cancel);
        await using var check = StorageServices.CreateContext(target);
        Assert.Equal(count, await check.Inquiries.CountAsync(Cancel));
        var one = await check.Inquiries.FirstAsync(q => q.SubjectId == "11010519491231002X", Cancel);
        Assert.Equal(("mof", "checker", "government-procurement"), (one.Department, one.Role, one.Purpose));
        Assert.True(writer.Batches < count / 10, $"{writer.Batches} commits for {count} inquiries: no group commit");
        // Each commit wrote its batch row with the count and digest of exactly its inquiries (ADR 0032 §4).
        var batches = await check.InquiryBatches.ToListAsync(Cancel);
        Assert.Equal((writer.Batches, count), (batches.Count, batches.Sum(b => b.Count)));
        foreach (var batch in batches)
        {
            Assert.Equal(batch.Digest, InquiryDigest.Of(await check.Inquiries.Where(q => q.BatchId == batch.Id).ToListAsync(Cancel)));
        }
    }

    [Fact]
    public async Task When_inquiries_cannot_be_stored_the_request_fails_instead_of_answering_unlogged()
    {
        var log = new InquiryLog(new FailingWriter(), TimeProvider.System, NullLogger<InquiryLog>.Instance);
        await log.StartAsync(Cancel);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            log.RecordAsync(Caller.Staff("k", Role.Checker, "mof"), "91350100M000100Y43", "purpose", "endpoint", null, Cancel));
        await log.StopAsync(Cancel);
    }
}

public sealed class InquiryLogTests_on_SQLite() : InquiryLogTests(new SqliteTestDatabases());

public sealed class InquiryLogTests_on_PostgreSQL(PostgresClusterFixture cluster) : InquiryLogTests(new PostgresTestDatabases(cluster));
