using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Fields = PublicCredit.Designations.DesignationFields;
using Codes = PublicCredit.Designations.DesignationProblemCodes;

using PublicCredit.Subjects;

namespace PublicCredit.Designations;

/// <summary>
/// The answer to a proposal: the designation, its deadline, the notice as served and the one-time activation code
/// printed in it for the subject (ADR 0029). <see cref="Notice"/> carries the code too; both are shown only in this
/// answer (only a hash is stored). No credential of the subject is ever in it: the code becomes a token only when
/// the subject redeems it.
/// </summary>
public sealed record ProposedDesignation(
    Guid Id, DesignationStatus Status, DateOnly ObjectionDeadline, JsonObject Notice, string ActivationCode, DateTimeOffset ActivationCodeExpiresAt);

/// <summary>
/// A designating department proposes a designation (docs/api.md#designations <c>POST /api/v1/designations</c>): it starts
/// <em>noticed</em> (docs/design.md#3-notice-before-listing). Only a designating department of the list type may propose (docs/domain.md#lists); the
/// subject's kind must be one the list type designates; responsible persons only for organisations and only where the
/// list type reaches them (docs/domain.md#joint-measures). The notice — facts, legal basis, intended measures from the memoranda, the
/// objection deadline in working days of the catalog calendar, the subject's rights — is stored as served, with a
/// one-time activation code for the subject (docs/design.md#the-department-never-holds-the-subjects-credential; ADR 0029). The designation, its persons, the code and both
/// events are written in one transaction.
/// </summary>
public sealed class ProposeDesignation(
    PublicCreditDbContext db, AppendToLedger ledger, SubjectActivation activation, CreditCatalog catalog, RedListEligibility eligibility,
    IWithdrawnRecords withdrawals, TimeProvider clock)
{
    public async Task<ProposedDesignation> RunAsync(Caller caller, ProposalInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Recorder);
        var departmentCode = caller.Department ?? throw DomainException.Forbidden(AccessProblemCodes.DepartmentScope, "A recorder acts for a department.");
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var today = ChinaTime.DateOf(now);
        var errors = new List<FieldError>(input.ReadErrors);
        var text = new DesignationText(errors);

        var listType = ListTypeOf(input.ListType, errors, text);
        if (listType is not null && !listType.DesignatingDepartments.Contains(departmentCode, StringComparer.Ordinal))
        {
            // docs/domain.md#lists: only a department with a legal basis, following the list's published standard, designates.
            throw DomainException.Forbidden(Codes.DepartmentNotDesignating,
                $"List '{listType.Code}' is designated by {string.Join(", ", listType.DesignatingDepartments)} only; the caller acts for '{departmentCode}'.");
        }

        if (listType is not null && !catalog.Provides(departmentCode, listType))
        {
            // docs/catalog.md#providers-and-sharing: a list type names who may propose its entries.
            throw DomainException.Forbidden(Codes.ListNotProvided,
                $"List '{listType.Code}' takes entries from {listType.Scope.Providers} only; the caller acts for '{departmentCode}' (docs/catalog.md#providers-and-sharing).");
        }

        var subject = SubjectOf(input, listType, today, errors, text);
        var subjectName = text.Required(Fields.SubjectName, input.SubjectName, Fields.MaxSubjectName, Codes.SubjectNameMissing,
            "The subject's name (名称/姓名) is required.");
        var facts = text.Required(Fields.Facts, input.Facts, Fields.MaxLongText, Codes.FactsMissing,
            "The notice states the facts the designation rests on (docs/domain.md#lists).");
        var legalBasis = text.Required(Fields.LegalBasis, input.LegalBasis, Fields.MaxLegalBasis, Codes.LegalBasisMissing,
            "The notice states the legal basis of the designation (docs/domain.md#lists).");
        var noticeDocument = text.Required(Fields.NoticeDocument, input.NoticeDocument, Fields.MaxDocumentNumber, Codes.NoticeDocumentMissing,
            "The number of the notice document (告知书文号) is required: the subject is notified before designation (docs/design.md#3-notice-before-listing).");
        var persons = PersonsOf(input.ResponsiblePersons, listType, subject, today, errors, text);
        var measures = listType is null ? [] : MeasuresOf(input.IntendedMeasures, listType, errors, text);
        var entryFields = listType is null ? null : EntryFieldsOf(input.EntryFields, listType, errors, text);
        var basis = await BasisOf(input.BasisRecordIds, subject, errors, text, cancellationToken);
        if (errors.Count > 0 || listType is null || subject is null)
        {
            throw DomainException.Invalid(errors);
        }

        // docs/design.md#9-time-is-an-input: the window is counted in working days of the catalog calendar, from the day after the
        // notice (China date); a year the calendar does not cover is refused (calendar-year-missing), never guessed.
        DateOnly deadline;
        try
        {
            deadline = catalog.Calendar.AddWorkingDays(today, listType.ObjectionWindow);
        }
        catch (DomainException missing) when (missing.Kind == ErrorKind.Invalid)
        {
            throw DomainException.Invalid("objectionDeadline", missing.Code, missing.Message);
        }

        var department = catalog.Departments[departmentCode];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var existing = await db.Designations.AsNoTracking()
            .Where(d => d.Department == departmentCode && d.NoticeDocument == noticeDocument && d.SubjectId == subject.Value)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { } earlier)
        {
            throw DomainException.Conflict(Codes.AlreadyNoticed,
                $"Notice '{noticeDocument}' of your department already designates this subject: designation {earlier}.",
                [new FieldError(Fields.NoticeDocument, Codes.AlreadyNoticed, "This notice document already designates this subject.")],
                new Dictionary<string, object?> { ["designationId"] = earlier });
        }

        // A red list admits only whom its eligibility does (ADR 0042); asked under the lock, so a black entry decided
        // meanwhile on any node is seen.
        await eligibility.RequireAsync(listType, subject.Value, now, cancellationToken);

        var id = Guid.CreateVersion7(now);
        var code = await activation.IssueWithinAsync(caller, subject, id, deadline, cancellationToken);
        var notice = new DesignationNotice(
            id,
            noticeDocument!,
            now,
            new CodeAndNameRef(department.Code, department.Name),
            DesignationDocuments.ListTypeOf(listType),
            new SubjectRef(subject.Value, subjectName!, subject.Kind.Code()),
            facts!,
            DesignationDocuments.LegalBasisOf(legalBasis!, listType),
            measures,
            [.. persons.Select(p => new PersonRef(p.Name, p.Role.Code()))],
            new ObjectionWindowRef(listType.ObjectionWindow.Count, deadline, catalog.Calendar.IsProvisional(deadline)),
            new TermRef(listType.DefaultTerm.ToString(), listType.MaxTerm.ToString()),
            DesignationDocuments.Rights(id, deadline, department),
            new ActivationRef(code.Id, code.ExpiresAt,
                "Redeem the code once at /me (sign-in page) or POST /api/v1/subject-sessions/activate {\"code\": …} for your own self-service token."));
        var noticeJson = CanonicalJson.Serialize(notice);

        var row = new DesignationRow
        {
            Id = id,
            ListType = listType.Code,
            Department = departmentCode,
            SubjectId = subject.Value,
            SubjectKind = subject.Kind,
            SubjectName = subjectName!,
            Facts = facts!,
            LegalBasis = legalBasis!,
            NoticeDocument = noticeDocument!,
            NoticedAt = now,
            NoticedBy = caller.Actor,
            ObjectionWindowWorkingDays = listType.ObjectionWindow.Count,
            Measures = [.. measures.Select(m => m.Measure)],
            NoticeJson = noticeJson,
            BasisRecordIds = basis,
            EntryFieldsJson = entryFields,
        };
        var noticed = new DesignationNoticed(id, listType.Code, From: null, DesignationStatus.Noticed.Code(), noticeDocument!,
            DesignationTransitions.Sha256(noticeJson), deadline, listType.ObjectionWindow.Count, subject.Kind.Code(), row.Measures,
            persons.Count, code.Id, basis.Count == 0 ? null : basis,
            entryFields is null ? null : DesignationTransitions.Sha256(entryFields));
        var recorded = await ledger.AppendAsync(LedgerEntry.Of(noticed, caller.Actor, departmentCode, subject.Value), cancellationToken);
        row.Apply(DesignationLifecycle.Notice(deadline), recorded.Position);
        db.Designations.Add(row);
        db.ResponsiblePersons.AddRange(persons.Select(p => new ResponsiblePersonRow
        {
            Id = Guid.CreateVersion7(now),
            DesignationId = id,
            ResidentId = p.Id.Value,
            Name = p.Name,
            Role = p.Role,
        }));
        // The designated subject and the persons named are subjects of the platform from now on (profiles, checks).
        await SubjectRegister.NoteAsync(db,
            [new(subject.Value, subject.Kind, subjectName!, now), .. persons.Select(p => new SubjectRegister.Noted(p.Id.Value, SubjectKind.Individual, p.Name, now))],
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var served = (JsonObject)JsonNode.Parse(noticeJson)!;
        served["activation"]!["code"] = code.Code.Display;
        return new ProposedDesignation(id, row.Status, deadline, served, code.Code.Display, code.ExpiresAt);
    }

    private sealed record Person(ResidentId Id, string Name, ResponsibleRole Role);

    private ListType? ListTypeOf(string? raw, List<FieldError> errors, DesignationText text)
    {
        var code = text.Optional(Fields.ListType, raw, 64);
        if (text.IsUnreadable(Fields.ListType) || text.HasError(Fields.ListType))
        {
            return null;
        }

        if (code is not null && catalog.ListTypes.TryGet(code, out var listType))
        {
            return listType;
        }

        errors.Add(new FieldError(Fields.ListType, Codes.UnknownListType, code is null
            ? "A designation names its catalog list type (GET /api/v1/catalog lists them)."
            : $"'{JsonMembers.Shorten(code)}' is not a list type of catalog {catalog.Version} (GET /api/v1/catalog lists them)."));
        return null;
    }

    private static SubjectId? SubjectOf(ProposalInput input, ListType? listType, DateOnly today, List<FieldError> errors, DesignationText text)
    {
        SubjectId? id = null;
        if (!text.IsUnreadable(Fields.SubjectId))
        {
            // A 50 MB "id" gets the same clear problem without being copied by the normaliser.
            var raw = input.SubjectId is { Length: > 256 } huge ? huge[..256] : input.SubjectId;
            if (SubjectId.TryParse(raw, today, out var parsed, out var problem))
            {
                id = parsed;
            }
            else
            {
                errors.Add(new FieldError(Fields.SubjectId, Codes.SubjectIdInvalid,
                    $"subject.id is neither a valid USCC (GB 32100) nor a resident ID number (GB 11643): {problem}"));
            }
        }

        SubjectKind? declared = null;
        if (text.Optional(Fields.SubjectKind, input.SubjectKind, 16) is { } kindText)
        {
            if (EnumCodes.TryParse<SubjectKind>(kindText, out var kind, ignoreCase: true))
            {
                declared = kind;
            }
            else
            {
                errors.Add(new FieldError(Fields.SubjectKind, Codes.SubjectKindInvalid,
                    $"subject.kind is 'organisation' or 'individual', not '{JsonMembers.Shorten(kindText)}'."));
            }
        }

        if (id is not null && declared is { } said && said != id.Kind)
        {
            // ADR 0002: about 1 in 350 single-digit slips in a resident ID still passes both USCC checks.
            errors.Add(new FieldError(Fields.SubjectId, Codes.SubjectKindMismatch,
                $"subject.id reads as {id.Kind.Code()} but subject.kind says {said.Code()}; check the number."));
            return null;
        }

        if (listType is not null && (id?.Kind ?? declared) is { } k && !listType.SubjectKinds.Contains(k))
        {
            errors.Add(new FieldError(id is not null ? Fields.SubjectId : Fields.SubjectKind, Codes.SubjectKindNotAllowed,
                $"List '{listType.Code}' designates {string.Join(" and ", listType.SubjectKinds.Select(EnumCodes.Of))}s only; subject.id reads as {k.Code()}."));
        }

        return id;
    }

    private static List<Person> PersonsOf(
        IReadOnlyList<ResponsiblePersonInput> inputs, ListType? listType, SubjectId? subject, DateOnly today, List<FieldError> errors, DesignationText text)
    {
        if (inputs.Count == 0)
        {
            return [];
        }

        // docs/domain.md#joint-measures: designations of an organisation reach its legal representative and responsible persons where the
        // law provides — never those of an individual, and only for list types that reach them.
        if (subject is { Kind: SubjectKind.Individual })
        {
            errors.Add(new FieldError(Fields.ResponsiblePersons, Codes.ResponsiblePersonsNotAllowed,
                "Responsible persons are named for an organisation; this subject is an individual."));
            return [];
        }

        if (listType is { ReachesResponsiblePersons: false })
        {
            errors.Add(new FieldError(Fields.ResponsiblePersons, Codes.ResponsiblePersonsNotReached,
                $"List '{listType.Code}' does not reach responsible persons (catalog reachesResponsiblePersons: false)."));
            return [];
        }

        if (inputs.Count > Fields.MaxResponsiblePersons)
        {
            errors.Add(new FieldError(Fields.ResponsiblePersons, Codes.ResponsiblePersonsTooMany,
                $"A designation names at most {Fields.MaxResponsiblePersons} responsible persons; this one names {inputs.Count}."));
            return [];
        }

        var persons = new List<Person>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var path = $"{Fields.ResponsiblePersons}[{i}]";
            var input = inputs[i];
            ResidentId? id = null;
            if (!text.IsUnreadable(path + ".id"))
            {
                var raw = input.Id is { Length: > 256 } huge ? huge[..256] : input.Id;
                if (ResidentId.TryParse(raw, today, out var parsed, out var problem))
                {
                    id = parsed;
                }
                else
                {
                    errors.Add(new FieldError(path + ".id", Codes.ResponsiblePersonIdInvalid,
                        $"A responsible person is named by a valid resident ID number (GB 11643): {problem}"));
                }
            }

            var name = text.Required(path + ".name", input.Name, Fields.MaxPersonName, Codes.ResponsiblePersonNameMissing,
                "A responsible person's name is required.");
            ResponsibleRole? role = null;
            if (!text.IsUnreadable(path + ".role"))
            {
                if (ResponsibleRoles.TryParse(input.Role, out var parsed))
                {
                    role = parsed;
                }
                else
                {
                    errors.Add(new FieldError(path + ".role", Codes.ResponsiblePersonRoleInvalid,
                        $"role is one of {string.Join(", ", ResponsibleRoles.All.Select(r => r.Code()))}."));
                }
            }

            if (id is null || name is null || role is not { } r)
            {
                continue;
            }

            if (persons.Exists(p => p.Id == id && p.Role == r))
            {
                errors.Add(new FieldError(path, Codes.ResponsiblePersonDuplicate,
                    $"{id.Masked} is already named as {r.Code()} by an earlier entry."));
                continue;
            }

            persons.Add(new Person(id, name, r));
        }

        return persons;
    }

    /// <summary>
    /// The records the designation rests on (docs/designations.md#basis-records; ADR 0043): at most
    /// <see cref="DesignationFields.MaxBasisRecords"/> record ids, each naming a record that exists, is current — not
    /// withdrawn by an upheld objection nor ended by a granted restoration (a correction keeps the record's id, so the
    /// reference follows it to its current version) — and is about the designated subject. Each refusal names its item.
    /// </summary>
    private async Task<List<Guid>> BasisOf(
        IReadOnlyList<string?> raw, SubjectId? subject, List<FieldError> errors, DesignationText text, CancellationToken cancellationToken)
    {
        if (raw.Count == 0 || text.IsUnreadable(Fields.BasisRecordIds))
        {
            return [];
        }

        if (raw.Count > Fields.MaxBasisRecords)
        {
            errors.Add(new FieldError(Fields.BasisRecordIds, Codes.BasisRecordsTooMany,
                $"A designation rests on at most {Fields.MaxBasisRecords} records; this one names {raw.Count}."));
            return [];
        }

        var named = new List<(string Field, Guid Id)>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var field = $"{Fields.BasisRecordIds}[{i}]";
            var value = text.Optional(field, raw[i], 64);
            if (text.IsUnreadable(field) || text.HasError(field))
            {
                continue;
            }

            if (value is null || !Guid.TryParseExact(value, "D", out var id))
            {
                errors.Add(new FieldError(field, Codes.BasisRecordIdInvalid,
                    $"{field} is a record id (a UUID such as 0193a5c8-…); got '{JsonMembers.Shorten(value ?? "")}'."));
            }
            else if (named.Exists(n => n.Id == id))
            {
                errors.Add(new FieldError(field, Codes.BasisRecordDuplicate, $"Record {id} is named twice."));
            }
            else
            {
                named.Add((field, id));
            }
        }

        if (named.Count == 0)
        {
            return [];
        }

        var ids = named.Select(n => n.Id).ToList();
        var current = await db.Records.AsNoTracking().Current()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.SubjectId, r.RestoredAt })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var withdrawn = await withdrawals.AmongAsync(ids, cancellationToken);
        foreach (var (field, id) in named)
        {
            if (!current.TryGetValue(id, out var record))
            {
                errors.Add(new FieldError(field, Codes.BasisRecordUnknown, $"There is no record {id}."));
            }
            else if (withdrawn.Contains(id) || record.RestoredAt is not null)
            {
                errors.Add(new FieldError(field, Codes.BasisRecordWithdrawn,
                    $"Record {id} was withdrawn by an upheld objection or ended by a granted restoration; it is not current."));
            }
            else if (subject is { } s && record.SubjectId != s.Value)
            {
                errors.Add(new FieldError(field, Codes.BasisRecordOtherSubject, $"Record {id} is about another subject than the designation."));
            }
        }

        return ids;
    }

    /// <summary>
    /// The list type's entry fields (docs/catalog.md#entry-fields; ADR 0043): each required one present, none longer
    /// than the catalog allows, none the list does not declare; text normalised as every designation field. The stored
    /// form is a canonical JSON object in catalog order, or null when the list declares none.
    /// </summary>
    private static string? EntryFieldsOf(
        IReadOnlyList<KeyValuePair<string, string?>> given, ListType listType, List<FieldError> errors, DesignationText text)
    {
        foreach (var (code, _) in given)
        {
            if (!listType.EntryFields.Any(f => f.Code == code))
            {
                errors.Add(new FieldError($"{Fields.EntryFields}.{JsonMembers.Shorten(code)}", Codes.EntryFieldUnknown, listType.EntryFields.Count == 0
                    ? $"List '{listType.Code}' declares no entry fields (GET /api/v1/catalog)."
                    : $"'{JsonMembers.Shorten(code)}' is not an entry field of list '{listType.Code}': {string.Join(", ", listType.EntryFields.Select(f => f.Code))}."));
            }
        }

        var values = new JsonObject();
        foreach (var declared in listType.EntryFields)
        {
            var path = $"{Fields.EntryFields}.{declared.Code}";
            var raw = given.FirstOrDefault(g => g.Key == declared.Code).Value;
            var value = text.Read(path, raw, declared.MaxLength, multiLine: true);
            if (value is not null)
            {
                values[declared.Code] = value;
            }
            else if (declared.Required && !text.IsUnreadable(path) && !text.HasError(path))
            {
                errors.Add(new FieldError(path, Codes.EntryFieldMissing,
                    $"List '{listType.Code}' entries state {declared.Name.En} ({declared.Name.Zh})."));
            }
        }

        return listType.EntryFields.Count == 0 ? null : CanonicalJson.Serialize(values);
    }

    private IReadOnlyList<MeasureStatement> MeasuresOf(
        IReadOnlyList<string?>? codes, ListType listType, List<FieldError> errors, DesignationText text)
    {
        var applicable = DesignationDocuments.MeasuresFor(catalog, listType.Code);
        if (codes is null)
        {
            return applicable;
        }

        if (codes.Count == 0)
        {
            errors.Add(new FieldError(Fields.IntendedMeasures, Codes.MeasureNotApplicable,
                "intendedMeasures, when given, names at least one measure; leave it out to announce every measure of the list's memoranda."));
            return [];
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var field = $"{Fields.IntendedMeasures}[{i}]";
            var code = text.Optional(field, codes[i], 64);
            if (text.IsUnreadable(field) || text.HasError(field))
            {
                continue;
            }

            if (code is null || !applicable.Any(m => m.Measure == code))
            {
                // docs/design.md#2-no-measure-without-a-legal-basis and the NDRC 2020 draft opinions: no measure beyond the catalog, only those the memoranda apply to this list.
                errors.Add(new FieldError(field, Codes.MeasureNotApplicable,
                    $"'{JsonMembers.Shorten(code ?? "")}' is not a measure the memoranda apply to list '{listType.Code}' (GET /api/v1/catalog)."));
            }
            else if (!chosen.Add(code))
            {
                errors.Add(new FieldError(field, Codes.MeasureDuplicate, $"'{code}' is named twice."));
            }
        }

        return [.. applicable.Where(m => chosen.Contains(m.Measure))];
    }
}
