using PublicCredit.Errors;

namespace PublicCredit.Web.Hosting;

/// <summary>The stable problem codes of the server's start-up settings (answered by the CLI, never over HTTP): the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("settings")]
public static class SettingProblemCodes
{
    [Problem(0, "'…' is not an absolute http(s) address", Field = "publicUrl")]
    public const string PublicUrlInvalid = "setting-public-url-invalid";
    [Problem(0, "… is at least …")]
    public const string LimitInvalid = "setting-limit-invalid";
    [Problem(0, "the catalog folder '…' does not exist", Field = "catalog")]
    public const string CatalogMissing = "setting-catalog-missing";
    [Problem(0, "at least one address to listen on is needed", Field = "urls")]
    public const string UrlsMissing = "setting-urls-missing";
    [Problem(0, "'…' is not an http(s) address", Field = "urls")]
    public const string UrlInvalid = "setting-url-invalid";
    [Problem(0, "the publicity-end interval is more than 0 and at most 1 minute", Field = "withdrawalInterval")]
    public const string IntervalInvalid = "setting-interval-invalid";
    [Problem(0, "a server listening on every interface needs --public-url (the address the public reaches it at)", Field = "publicUrl")]
    public const string PublicUrlMissing = "setting-public-url-missing";
    [Problem(0, "'…' is not an IP address", Field = "knownProxies")]
    public const string ProxyInvalid = "setting-proxy-invalid";
    [Problem(0, "--proxy is only read with --behind-proxy", Field = "knownProxies")]
    public const string ProxyWithoutBehindProxy = "setting-proxy-without-behind-proxy";
    [Problem(0, "a checkpoint's age and the poll interval are more than 0", Field = "checkpointMaxAge")]
    public const string CheckpointAgeInvalid = "setting-checkpoint-age-invalid";
    [Problem(0, "the database pool holds at least 1 connection", Field = "dbPoolSize")]
    public const string DbPoolSizeInvalid = "setting-db-pool-size-invalid";
    [Problem(0, "the upload limit is more than 0 bytes", Field = "uploadLimit")]
    public const string UploadLimitInvalid = "setting-upload-limit-invalid";
    [Problem(0, "an upload's chunk holds 1 to 1000 rows", Field = "uploadChunkSize")]
    public const string UploadChunkInvalid = "setting-upload-chunk-invalid";
    [Problem(0, "inquiry batches are sealed every 1 to 3600 seconds", Field = "inquirySealSeconds")]
    public const string InquirySealInvalid = "setting-inquiry-seal-invalid";
    [Problem(0, "A PostgreSQL node needs --keys (shared signing keys).", Field = "keys")]
    public const string KeysRequired = "setting-keys-required";
    [Problem(0, "the operator's name, address or telephone is empty, too long or not on one line")]
    public const string OperatorInvalid = "setting-operator-invalid";
    [Problem(0, "'…' is not an e-mail address (name@domain.tld)", Field = "operatorEmail")]
    public const string OperatorEmailInvalid = "setting-operator-email-invalid";
}
