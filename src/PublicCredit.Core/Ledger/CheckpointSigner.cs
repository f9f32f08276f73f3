using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Ledger;

/// <summary>
/// Signs the ledger's head on a timer (ADR 0033): at start and then every <c>poll</c> of the injected clock it signs
/// when at least <c>everyEvents</c> events were appended since the last checkpoint, or when the head moved at all and
/// the last checkpoint is older than <c>maxAge</c>. A chain rewritten before the last checkpoint cannot be hidden; the
/// window of events a database administrator could still rewrite unseen is what came after it.
/// </summary>
public sealed partial class CheckpointSigner : RoundsOnClock<LedgerCheckpoint?>
{
    private readonly IServiceScopeFactory scopes;
    private readonly LedgerCheckpoints checkpoints;
    private readonly TimeProvider clock;
    private readonly CheckpointSchedule schedule;
    private readonly ILogger<CheckpointSigner> logger;

    public CheckpointSigner(
        IServiceScopeFactory scopes, LedgerCheckpoints checkpoints, TimeProvider clock, CheckpointSchedule schedule, ILogger<CheckpointSigner> logger)
        : base(clock, (schedule ?? throw new ArgumentNullException(nameof(schedule))).Poll)
    {
        this.scopes = scopes;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.schedule = schedule;
        this.logger = logger;
    }

    protected override async Task<LedgerCheckpoint?> RoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
        var head = await db.LedgerHead.AsNoTracking().SingleAsync(cancellationToken);
        var last = checkpoints.Last();
        var now = clock.GetUtcNow();
        var due = last is null
            ? head.Position > 0
            : head.Position - last.Position >= schedule.EveryEvents
              || (head.Position != last.Position && now - last.SignedAt >= schedule.MaxAge);
        return due ? checkpoints.Sign(head.Position, head.Hash, now) : null;
    }

    protected override void Completed(LedgerCheckpoint? result)
    {
        if (result is not null)
        {
            LogSigned(logger, result.Position, result.KeyId);
        }
    }

    protected override void Failed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed ledger checkpoint at position {Position} with key {KeyId}")]
    private static partial void LogSigned(ILogger logger, long position, string keyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing a ledger checkpoint failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>When the node signs checkpoints: every <see cref="EveryEvents"/> events, or after <see cref="MaxAge"/> once the head moved.</summary>
public sealed record CheckpointSchedule(int EveryEvents, TimeSpan MaxAge, TimeSpan Poll)
{
    public static readonly CheckpointSchedule Default = new(1000, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
}
