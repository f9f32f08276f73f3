using PublicCredit.Errors;

namespace PublicCredit.Web.Errors;

/// <summary>The stable problem codes of the HTTP edge: bodies, uploads, sign-in, request limits (docs/web.md): the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("web")]
public static class WebProblemCodes
{
    [Problem(401, "Use Authorization: Bearer <token>.")]
    public const string AuthorizationScheme = "authorization-scheme";
    [Problem(400, "The request body is not valid JSON:")]
    public const string BodyInvalidJson = "body-invalid-json";
    [Problem(422, "The file is empty: choose a CSV or NDJSON file with a header line and rows.", Field = "file")]
    public const string UploadFileEmpty = "upload-file-empty";
    [Problem(422, "Upload too large.", Field = "file")]
    public const string UploadTooLarge = "upload-too-large";
    [Problem(409, "The import stopped:")]
    public const string UploadInterrupted = "upload-interrupted";
    [Problem(422, "Enter the key or token you were given.")]
    public const string SignInTokenMissing = "sign-in-token-missing";
    [Problem(422, "This is a self-service token: use it on /me.")]
    public const string SignInNotStaffKey = "sign-in-not-staff-key";
    [Problem(422, "This is a staff API key: use it on /console.")]
    public const string SignInNotSubjectToken = "sign-in-not-subject-token";
    [Problem(422, "The upload could not be read:")]
    public const string UploadUnreadable = "upload-unreadable";
    [Problem(422, "Choose a CSV or NDJSON file to upload.")]
    public const string UploadFileMissing = "upload-file-missing";
    [Problem(429, "Too many public searches from this address; retry after Retry-After.")]
    public const string SearchRateLimited = "search-rate-limited";
    [Problem(429, "Too many report verifications from this address; retry after Retry-After.")]
    public const string VerifyRateLimited = "verify-rate-limited";
    [Problem(400, "The request's Host is not one of the server's public or listening addresses.")]
    public const string HostNotAllowed = "host-not-allowed";
    [Problem(413, "The request body is larger than the route accepts.")]
    public const string BodyTooLarge = "body-too-large";
    [Problem(415, "The body is not JSON (or the form the route takes).")]
    public const string UnsupportedMediaType = "unsupported-media-type";
    [Problem(431, "The request headers are too large.")]
    public const string HeadersTooLarge = "headers-too-large";
    [Problem(414, "The request target is too long.")]
    public const string UriTooLong = "uri-too-long";
    [Problem(400, "The request body could not be read.")]
    public const string BodyInvalid = "body-invalid";
    [Problem(500, "An unexpected error; it has been logged.")]
    public const string InternalError = "internal-error";
    [Problem(404, "No such route.")]
    public const string RouteNotFound = "route-not-found";
    [Problem(404, "The route exists but the thing asked for does not.")]
    public const string NotFound = "not-found";
    [Problem(405, "The route does not take this method.")]
    public const string MethodNotAllowed = "method-not-allowed";
    [Problem(400, "The request is malformed.")]
    public const string BadRequest = "bad-request";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    [Problem(406, "The route cannot answer in the media type asked for.")]
    public const string NotAcceptable = "not-acceptable";
    [Problem(429, "Too many requests; retry after Retry-After.")]
    public const string RateLimited = "rate-limited";
}
