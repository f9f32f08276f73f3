using System.Text;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Text;

namespace PublicCredit.Import;

/// <summary>
/// Turns a row of an import file into the <see cref="RecordInput"/> every entry path shares, so one validator judges
/// API bodies, batch items and file rows alike (docs/api.md#records). NDJSON lines are read exactly like API bodies.
/// </summary>
public static class ImportRowMapper
{
    public static RecordInput ToInput(ImportRow row, string? impliedCategory, string department)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Json is { } json)
        {
            return RecordJson.Read(json).Input;
        }

        var fields = row.Fields ?? throw new ArgumentException("A row has either CSV fields or JSON.", nameof(row));
        // Most rows have nothing to report and no detail columns: nothing is allocated for either (ADR 0025).
        List<FieldError>? errors = null;
        var fileDepartment = fields.GetValueOrDefault(ImportColumns.Department);
        if (fileDepartment is not null && !string.Equals(fileDepartment, department, StringComparison.OrdinalIgnoreCase))
        {
            // The importing department is the source (docs/api.md); a row claiming another would be recorded under the wrong name.
            (errors ??= []).Add(new FieldError(ImportColumns.Department, RecordProblemCodes.RowDepartmentMismatch,
                $"the row is from department '{fileDepartment}' but the import is for '{department}'"));
        }

        return new RecordInput
        {
            Category = fields.GetValueOrDefault(ImportColumns.Category) ?? impliedCategory,
            SubjectId = fields.GetValueOrDefault(ImportColumns.SubjectId),
            SubjectName = fields.GetValueOrDefault(ImportColumns.SubjectName),
            SubjectKind = KindOf(fields.GetValueOrDefault(ImportColumns.SubjectIdType), ref errors),
            DocumentNumber = fields.GetValueOrDefault(ImportColumns.DocumentNumber),
            DecisionDate = fields.GetValueOrDefault(ImportColumns.DecisionDate),
            Severity = fields.GetValueOrDefault(ImportColumns.Severity),
            LegalBasis = fields.GetValueOrDefault(ImportColumns.LegalBasis),
            Facts = fields.GetValueOrDefault(ImportColumns.Facts),
            Content = WithDetails(fields),
            Amount = fields.GetValueOrDefault(ImportColumns.Amount),
            LegalRepresentative = fields.GetValueOrDefault(ImportColumns.LegalRepresentative),
            PublicUntil = fields.GetValueOrDefault(ImportColumns.PublicUntil),
            ReadErrors = errors ?? [],
        };
    }

    /// <summary>证件类型 says what the subject is: a resident identity card means an individual, a USCC an organisation.</summary>
    private static string? KindOf(string? idType, ref List<FieldError>? errors)
    {
        if (idType is null)
        {
            return null;
        }

        if (idType.Contains("身份证", StringComparison.Ordinal) || idType.Equals("resident-id", StringComparison.OrdinalIgnoreCase))
        {
            return SubjectKind.Individual.Code();
        }

        if (idType.Contains("统一社会信用代码", StringComparison.Ordinal) || idType.Equals("uscc", StringComparison.OrdinalIgnoreCase))
        {
            return SubjectKind.Organisation.Code();
        }

        (errors ??= []).Add(new FieldError(ImportColumns.SubjectIdType, RecordProblemCodes.RowIdTypeUnknown,
            $"证件类型 '{idType}' is neither a resident identity card (居民身份证) nor a USCC (统一社会信用代码)"));
        return null;
    }

    /// <summary>
    /// The national templates' further fields (处罚类别, 处罚机关, 许可证书名称…) are kept, labelled, with the record's
    /// content, so nothing a department published is dropped (ADR 0007).
    /// </summary>
    private static string? WithDetails(IReadOnlyDictionary<string, string?> fields)
    {
        var content = fields.GetValueOrDefault(ImportColumns.Content);
        StringBuilder? details = null;
        foreach (var field in ImportColumns.DetailFields)
        {
            if (fields.GetValueOrDefault(field) is { } value)
            {
                (details ??= new StringBuilder(content)).Append('\n').Append(ImportColumns.LabelOf(field)).Append('：').Append(value);
            }
        }

        return details?.ToString() ?? content;
    }
}
