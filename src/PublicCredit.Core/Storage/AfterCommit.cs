using Microsoft.Extensions.Logging;

namespace PublicCredit.Storage;

/// <summary>
/// Code that runs after a transaction committed — telling the enforcement index, the green channel's clean-record map
/// and any other in-process observer what was written — never turns the committed change into an error answer
/// (docs/design.md#one-bad-input-stops-no-node; ADR 0027 §2): a failure is caught and logged as an error, the caller gets the success the commit
/// earned, and the ledger follower, which re-reads every event after its followed position, brings the derived state
/// up to the database.
/// </summary>
public static partial class AfterCommit
{
    /// <summary>Tells each observer; an observer that throws is logged and the others are still told.</summary>
    public static void Tell<T>(IEnumerable<T>? observers, Action<T> tell, ILogger? logger, long? position = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(tell);
        foreach (var observer in observers ?? [])
        {
            try
            {
                tell(observer);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (logger is not null)
                {
                    LogObserverFailed(logger, observer.GetType().Name, position, ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT after-commit step {Observer} failed (ledger position {Position}); the change is committed and the ledger follower catches up")]
    private static partial void LogObserverFailed(ILogger logger, string observer, long? position, Exception exception);
}
