using PublicCredit.Ledger;

namespace PublicCredit.Reports;

/// <summary>A credit report was issued (ADR 0015): its code, the subject's public id, the ledger position it shows and the PDF's digest.</summary>
public sealed record ReportIssued(string Code, string Subject, long DataVersion, string Sha256) : ILedgerEvent
{
    public const string EventType = "report-issued";
}
