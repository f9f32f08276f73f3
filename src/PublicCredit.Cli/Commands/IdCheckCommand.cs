using System.CommandLine;
using PublicCredit.Identifiers;
using PublicCredit.Time;

namespace PublicCredit.Cli.Commands;

/// <summary><c>pcredit id check &lt;value&gt;…</c> (docs/api.md): one line per value, exit 0 only if all are valid.</summary>
internal static class IdCheckCommand
{
    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);

        // OneOrMore: no value at all is a usage error (System.CommandLine prints it with the usage, exit 1).
        var values = new Argument<string[]>("value")
        {
            Description = "USCCs or resident ID numbers, in any case or width",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Command("check", "Validate USCCs (GB 32100) and resident ID numbers (GB 11643)") { values };
        check.SetAction(parseResult =>
        {
            // A birth date may not be after today (GB 11643 rule) — today in China, whatever the server's zone.
            var today = ChinaTime.Today(clock);
            var output = parseResult.InvocationConfiguration.Output;
            var allValid = true;
            foreach (var input in parseResult.GetValue(values) ?? [])
            {
                if (SubjectId.TryParse(input, today, out var subject, out var problem))
                {
                    // An operator checking a number sees it whole: Value, not the masked ToString().
                    var kind = subject.Kind == SubjectKind.Organisation ? "uscc" : "resident-id";
                    output.WriteLine($"{subject.Value}\tvalid\t{kind}");
                }
                else
                {
                    allValid = false;
                    output.WriteLine($"{input}\tinvalid\t{problem}");
                }
            }

            return allValid ? 0 : 1;
        });

        return new Command("id", "Identifiers of credit subjects") { check };
    }
}
