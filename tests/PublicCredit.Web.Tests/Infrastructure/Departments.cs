namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Department codes of the default catalog (catalog/departments.yaml) that tests act for.</summary>
public static class Departments
{
    public const string Ndrc = "ndrc";
    public const string Samr = "samr";
    public const string Mof = "mof";
    public const string Spc = "spc";
    public const string Sta = "sta";
}
