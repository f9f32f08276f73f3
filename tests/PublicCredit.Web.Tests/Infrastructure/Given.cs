using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Objections;
using PublicCredit.Web.Tests.Restorations;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>
/// Test data builders (docs/architecture.md#setting-up-a-state): each call puts the running server in one state of a
/// record, a designation, an objection or a restoration, the way departments and subjects get there — the same HTTP
/// calls, with a fresh key for each department's step, so the ledger and every invariant stay true — and returns a
/// handle with the ids and the subject's token a test needs next. Defaults are a valid case of the default catalog on the
/// default test day (Mon 2026-11-23 09:00 China time); named optional parameters change only what a test is about.
/// Time moves with <see cref="MoveTo"/> on the server's clock.
/// </summary>
public sealed class Given(RunningServer server, CancellationToken cancel)
{
    public const string Organisation = RecordBodies.OrganisationId;
    public const string OrganisationName = "福州示例食品有限公司";
    public const string OtherOrganisationName = "北京示例科技有限公司";

    private const string DefaultGrounds = "决定所依据的事实有误：涉案款项已于2026年10月全部履行。";

    /// <summary>A client with a new key of <paramref name="role"/> for <paramref name="department"/> (`pcredit keys create`).</summary>
    public async Task<HttpClient> StaffAsync(Role role, string department = Departments.Samr) => server.Client(await server.KeyAsync(role, department));

    /// <summary>A client with a self-service token the operator issued to <paramref name="subject"/>.</summary>
    public async Task<HttpClient> SubjectAsync(string subject = Organisation) => server.Client(await server.SubjectTokenAsync(subject));

    /// <summary>Moves the server's clock forward to <paramref name="instant"/>.</summary>
    public void MoveTo(DateTimeOffset instant) => server.Clock.Advance(instant - server.Clock.GetUtcNow());

    /// <summary>
    /// A record the department published (201): by default SAMR's general penalty on the organisation decided Fri
    /// 2026-11-20 (public until 2027-11-19; earliest restoration 2027-02-20). <paramref name="body"/> replaces the whole
    /// body; the other parameters change one field of it. <paramref name="recorder"/> sends it with a client the test
    /// already holds (a recorder of <paramref name="department"/>) instead of a new recorder key.
    /// </summary>
    public async Task<GivenRecord> PublishedRecordAsync(
        string documentNumber = "闽市监罚〔2026〕101号", string subject = Organisation, string? subjectName = null, string? decisionDate = null,
        string? category = null, JsonObject? body = null, string department = Departments.Samr, HttpClient? recorder = null)
    {
        var sent = (JsonObject?)body?.DeepClone() ?? RecordBodies.Penalty(documentNumber);
        if (body is null && subject != Organisation)
        {
            sent["subject"] = new JsonObject { ["id"] = subject, ["name"] = subjectName ?? OtherOrganisationName };
        }
        else if (body is null && subjectName is not null)
        {
            sent["subject"] = new JsonObject { ["id"] = subject, ["name"] = subjectName };
        }

        if (decisionDate is not null)
        {
            sent["decisionDate"] = decisionDate;
        }

        if (category is not null)
        {
            // A category other than a penalty has no severity (docs/api.md#record-shape).
            sent = sent.With("category", category).Without("severity");
        }

        var subjectId = (string)sent["subject"]!["id"]!;
        if (recorder is not null)
        {
            return await PublishAsync(recorder, sent, subjectId, department);
        }

        using var owned = await StaffAsync(Role.Recorder, department);
        return await PublishAsync(owned, sent, subjectId, department);
    }

    /// <summary>
    /// An organisation whose establishment SAMR registered on <paramref name="establishedOn"/> (a <c>registration</c>
    /// record, docs/domain.md#record-fields): the platform knows its history from that day.
    /// </summary>
    public Task<GivenRecord> RegisteredOrganisationAsync(
        string subject = RecordBodies.OtherOrganisationId, string establishedOn = "2019-05-06", string name = OtherOrganisationName,
        string documentNumber = "京市监登〔2019〕17号") =>
        PublishedRecordAsync(subject: subject, body: RecordBodies.Registration(subject, name, establishedOn, documentNumber), department: Departments.Samr);

    private async Task<GivenRecord> PublishAsync(HttpClient recorder, JsonObject body, string subject, string department)
    {
        var created = await recorder.PostExpectAsync("/api/v1/records", body, HttpStatusCode.Created, cancel);
        return new GivenRecord(created.GetProperty("id").GetGuid(), subject, department, created);
    }

    /// <summary>
    /// A designation proposed with its notice (status <c>noticed</c>): by default SAMR's serious-untrustworthy-market
    /// list on the organisation. The subject redeems the notice's activation code for its token unless
    /// <paramref name="activate"/> is false, and states its case when <paramref name="statement"/> is true (so the
    /// department may decide before the notice period ends). <paramref name="list"/> picks the default body and the
    /// designating department (judgment-defaulters: spc); <paramref name="body"/> replaces the body.
    /// </summary>
    public async Task<GivenDesignation> ProposedDesignationAsync(
        string list = DesignationBodies.MarketList, string subject = Organisation, string? name = null, string? notice = null,
        JsonObject? body = null, string? department = null, bool activate = true, bool statement = false)
    {
        var sent = body ?? DesignationBody(list, subject, name, notice);
        using var recorder = await StaffAsync(Role.Recorder, department ?? DepartmentOf(sent));
        var proposed = await recorder.PostExpectAsync("/api/v1/designations", sent, HttpStatusCode.Created, cancel);
        var id = proposed.GetProperty("id").GetGuid();
        var token = activate || statement ? await server.ActivateAsync(proposed) : null;
        if (statement)
        {
            using var asSubject = server.Client(token);
            await asSubject.PostExpectAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, cancel);
        }

        return new GivenDesignation(id, (string)sent["subject"]!["id"]!, token, department ?? DepartmentOf(sent), proposed);
    }

    /// <summary>
    /// A designation in force: proposed, the subject states its case with its notice's token, and the department decides
    /// at once (effective now; the list's default term unless <paramref name="term"/>). Market list: effective Mon
    /// 2026-11-23 09:00, term P3Y, earliest restoration 2027-11-23; judgment-defaulters: term P2Y.
    /// </summary>
    public async Task<GivenDesignation> EffectiveDesignationAsync(
        string list = DesignationBodies.MarketList, string subject = Organisation, string? name = null, string? notice = null,
        JsonObject? body = null, string? department = null, string? term = null, string? decisionDocument = null)
    {
        var designation = await ProposedDesignationAsync(list, subject, name, notice, body, department, statement: true);
        using var reviewer = await StaffAsync(Role.Reviewer, designation.Department);
        var document = decisionDocument ?? designation.Department switch
        {
            Departments.Spc => "（2026）闽01执决123号",
            Departments.Sta => "税总决〔2026〕" + designation.Id.ToString()[..8],
            _ => "国市监信决〔2026〕7号",
        };
        await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision(term, document), HttpStatusCode.OK, cancel);
        return designation;
    }

    /// <summary>A designation revoked by its department after it came into force (status <c>revoked</c>).</summary>
    public async Task<GivenDesignation> RevokedDesignationAsync(
        string list = DesignationBodies.MarketList, string subject = Organisation, string? notice = null, string? term = null, string reasons = "已履行")
    {
        var designation = await EffectiveDesignationAsync(list, subject, notice: notice, term: term);
        using var reviewer = await StaffAsync(Role.Reviewer, designation.Department);
        await reviewer.PostExpectAsync($"{designation.Path}/revoke", new JsonObject { ["reasons"] = reasons }, HttpStatusCode.OK, cancel);
        return designation;
    }

    /// <summary>
    /// An open objection the subject filed with its notice's token against a designation (which it suspends at once,
    /// docs/design.md#4-an-objection-suspends-at-once).
    /// </summary>
    public Task<GivenObjection> ObjectionAsync(GivenDesignation designation, string grounds = DefaultGrounds)
    {
        ArgumentNullException.ThrowIfNull(designation);
        return FileAsync(designation.Token, designation.Id, ObjectionSteps.Objection(designation.Id, grounds: grounds), designation.Department);
    }

    /// <summary>An open objection filed against a record by <paramref name="subjectToken"/>, or by a token the operator issues to its subject.</summary>
    public async Task<GivenObjection> ObjectionAsync(GivenRecord record, string? subjectToken = null, string grounds = DefaultGrounds)
    {
        ArgumentNullException.ThrowIfNull(record);
        var token = subjectToken ?? await server.SubjectTokenAsync(record.Subject);
        return await FileAsync(token, record.Id, ObjectionSteps.Objection(record.Id, record: true, grounds: grounds), record.Department);
    }

    /// <summary>A designation under objection: in force, then suspended by the subject's open objection.</summary>
    public async Task<GivenObjection> ObjectedDesignationAsync(string list = DesignationBodies.MarketList, string subject = Organisation, string? notice = null) =>
        await ObjectionAsync(await EffectiveDesignationAsync(list, subject, notice: notice));

    /// <summary>The owning department's answer to an open objection: upheld (the target ends) or rejected (back in force).</summary>
    public async Task<GivenObjection> ResolvedAsync(GivenObjection objection, bool upheld, string reasons = "经复核，异议理由不成立，维持原决定。")
    {
        ArgumentNullException.ThrowIfNull(objection);
        using var reviewer = await StaffAsync(Role.Reviewer, objection.Department);
        await reviewer.PostExpectAsync($"/api/v1/objections/{objection.Id}/resolve",
            ObjectionSteps.Resolution(upheld ? "upheld" : "rejected", reasons), HttpStatusCode.OK, cancel);
        return objection;
    }

    /// <summary>
    /// A restoration application the subject submitted (with its commitment) against a designation, taken by the
    /// designating department as far as <paramref name="until"/>. The minimum publicity must have passed: move the clock
    /// first (<see cref="MoveTo"/>). The subject applies with <paramref name="subjectToken"/> or a token the operator
    /// issues it then (the notice's token lasts 90 days, less than any minimum publicity).
    /// </summary>
    public async Task<GivenRestoration> RestorationAsync(GivenDesignation designation, RestorationStep until = RestorationStep.Submitted, string? subjectToken = null)
    {
        ArgumentNullException.ThrowIfNull(designation);
        var token = subjectToken ?? await server.SubjectTokenAsync(designation.Subject);
        return await RestoreAsync(token, RestorationScenario.Application(designationId: designation.Id), designation.Department, until);
    }

    /// <summary>A restoration application against a record, by <paramref name="subjectToken"/> or a token issued to the record's subject.</summary>
    public async Task<GivenRestoration> RestorationAsync(GivenRecord record, RestorationStep until = RestorationStep.Submitted, string? subjectToken = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var token = subjectToken ?? await server.SubjectTokenAsync(record.Subject);
        return await RestoreAsync(token, RestorationScenario.Application(recordId: record.Id), record.Department, until);
    }

    private async Task<GivenObjection> FileAsync(string? token, Guid target, JsonObject body, string department)
    {
        using var subject = server.Client(token);
        var filed = await subject.PostExpectAsync("/api/v1/objections", body, HttpStatusCode.Created, cancel);
        return new GivenObjection(filed.GetProperty("id").GetGuid(), target, token, department, filed);
    }

    private async Task<GivenRestoration> RestoreAsync(string? token, JsonObject application, string department, RestorationStep until)
    {
        using var subject = server.Client(token);
        var submitted = await subject.PostExpectAsync("/api/v1/restorations", application, HttpStatusCode.Created, cancel);
        var restoration = new GivenRestoration(submitted.GetProperty("id").GetGuid(), token, department);
        if (until == RestorationStep.Submitted)
        {
            return restoration;
        }

        using var reviewer = await StaffAsync(Role.Reviewer, department);
        await reviewer.PostExpectAsync($"{restoration.Path}/accept", RestorationScenario.Accept(), HttpStatusCode.OK, cancel);
        if (until != RestorationStep.Accepted)
        {
            await reviewer.PostExpectAsync($"{restoration.Path}/decide",
                RestorationScenario.Decide(until == RestorationStep.Granted, until == RestorationStep.Granted ? "已履行义务、完成整改并作出信用承诺，准予修复。" : "尚未整改。"),
                HttpStatusCode.OK, cancel);
        }

        return restoration;
    }

    private static JsonObject DesignationBody(string list, string subject, string? name, string? notice) => list switch
    {
        DesignationBodies.MarketList => DesignationBodies.MarketDesignation(notice ?? "国市监信告〔2026〕7号", subject),
        DesignationBodies.DefaultersList => DesignationBodies.DefaulterDesignation(
            subject, name ?? (subject == DesignationBodies.Person ? "李四" : OrganisationName), notice ?? "（2026）闽01执告123号"),
        DesignationBodies.TaxList => DesignationBodies.TaxViolatorDesignation(subject, notice ?? "税总稽告〔2026〕3号"),
        DesignationBodies.RedList => DesignationBodies.AGradeDesignation(subject, notice ?? "税总信告〔2026〕1号"),
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "no default body for this list: pass one"),
    };

    /// <summary>Who designates each list of the default catalog (catalog/list-types.yaml).</summary>
    private static string DepartmentOf(JsonObject body) => (string?)body["listType"] switch
    {
        DesignationBodies.DefaultersList => Departments.Spc,
        "serious-tax-violators" or "a-grade-taxpayers" => Departments.Sta,
        _ => Departments.Samr,
    };
}

/// <summary>A published record: its id, its subject, the department that owns it and the 201 answer.</summary>
public sealed record GivenRecord(Guid Id, string Subject, string Department, JsonElement Created);

/// <summary>A designation: its id, its subject, the subject's token from the notice (null when not redeemed; valid
/// 90 days), the designating department and the proposal's answer (which carries the activation code).</summary>
public sealed record GivenDesignation(Guid Id, string Subject, string? Token, string Department, JsonElement Proposed)
{
    public string Path => $"/api/v1/designations/{Id}";
}

/// <summary>An objection: its id, the id of the designation or record it targets, the token that filed it, the
/// department that resolves it and the 201 answer.</summary>
public sealed record GivenObjection(Guid Id, Guid Target, string? Token, string Department, JsonElement Filed)
{
    public string Path => $"/api/v1/objections/{Id}";
}

/// <summary>A restoration application: its id, the applicant's token and the department that decides it.</summary>
public sealed record GivenRestoration(Guid Id, string? Token, string Department)
{
    public string Path => $"/api/v1/restorations/{Id}";
}

/// <summary>How far the department has taken a restoration application.</summary>
public enum RestorationStep
{
    Submitted,
    Accepted,
    Granted,
    Refused,
}
