namespace PublicCredit.Web;

internal static class Placeholder;
