namespace PublicCredit.Web;

internal static class WebAssemblyMarker;
