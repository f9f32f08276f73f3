using System.CommandLine;
using System.Globalization;
using PublicCredit.Catalog;

namespace PublicCredit.Cli.Commands;

/// <summary><c>pcredit catalog validate [&lt;dir&gt;]</c> (docs/api.md#command-line): exit 0 valid, 1 invalid.</summary>
internal static class CatalogCommand
{
    public static Command Create()
    {
        var directory = new Argument<string?>("dir")
        {
            Description = "Catalog folder (default: ./catalog if it exists, else the catalog next to pcredit)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var validate = new Command("validate", "Validate a catalog; print each problem as file:line: code: message") { directory };
        validate.SetAction(parse => Validate(
            CommonOptions.ResolveCatalog(parse.GetValue(directory)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));

        return new Command("catalog", "Work with the public credit catalog (YAML)") { validate };
    }

    internal static int Validate(string folder, TextWriter output, TextWriter error)
    {
        var result = CatalogLoader.Load(folder);
        if (result.Catalog is { } catalog)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ok: catalog {catalog.Version} ({catalog.Categories.Count} categories, {catalog.Departments.Count} departments, " +
                $"{catalog.Matters.Count} matters, {catalog.ListTypes.Count} list types, {catalog.Measures.Count} measures, " +
                $"{catalog.Memoranda.Count} memoranda, calendar {catalog.Calendar.Years[0].Year}–{catalog.Calendar.Years[^1].Year})"));
            return 0;
        }

        foreach (var problem in result.Problems)
        {
            output.WriteLine(problem);
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"invalid: {result.Problems.Count} problem(s) in {Path.GetFullPath(folder)}"));
        return 1;
    }
}
