using System.CommandLine;
using PublicCredit.Data;
using PublicCredit.Errors;

namespace PublicCredit.Cli.Commands;

/// <summary>Options shared by several commands, and the one way a command reports a refusal.</summary>
internal static class CommonOptions
{
    public const int Fatal = 2;

    public static Option<string?> Db() => new("--db")
    {
        Description = $"SQLite file path or PostgreSQL connection string (Host=…;Database=…). Default: {DatabaseTarget.DefaultSqlitePath}",
    };

    public static Option<string?> Catalog() => new("--catalog")
    {
        Description = "Catalog folder (YAML). Default: ./catalog if present, else the catalog shipped with pcredit",
    };

    /// <summary>./catalog when run from a checkout; otherwise the copy that travels with the binary.</summary>
    public static string ResolveCatalog(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Path.GetFullPath(given);
        }

        var local = Path.GetFullPath("catalog");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "catalog");
    }

    /// <summary>
    /// A progress bar only on a real terminal, and only when the command writes to the console (tests hand in
    /// their own writer); redirected output gets plain lines.
    /// </summary>
    public static bool IsTerminal(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out)
        && !Console.IsOutputRedirected
        && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Runs a command body; a domain refusal prints `error: code: message` (and its fields) and exits 2, and so does a
    /// failure of the environment (file, database).
    /// </summary>
    public static async Task<int> Guard(ParseResult parseResult, Func<TextWriter, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(body);
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return await body(output);
        }
        catch (DomainException ex)
        {
            await error.WriteLineAsync($"error: {ex.Code}: {ex.Message}");
            foreach (var field in ex.Errors.Skip(ex.Errors.Count == 1 ? 1 : 0))
            {
                await error.WriteLineAsync($"  {field.Field}: {field.Code}: {field.Message}");
            }

            return Fatal;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The environment failed (file, database, network): a fatal error with its reason, not a stack trace.
            var cause = ex.GetBaseException();
            await error.WriteLineAsync(ReferenceEquals(cause, ex) ? $"error: {ex.Message}" : $"error: {ex.Message} ({cause.Message})");
            return Fatal;
        }
    }
}
