using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// A page whose model declares handlers runs only through one of them: a request that selects none — a POST to a page
/// that only reads (<c>POST /lists</c>), or a <c>?handler=</c> the page does not have — answers 405 (another method) or
/// 404 (an unknown handler) instead of rendering a page whose model was never loaded (docs/web.md; the fuzz run found
/// such requests answered 500). Pages without any handler method are plain views and render as before.
/// </summary>
internal sealed class HandlerRequiredPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            var method = context.HttpContext.Request.Method;
            var serves = context.ActionDescriptor.HandlerMethods.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)
                || (HttpMethods.IsHead(method) && string.Equals(h.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase)));
            context.Result = new StatusCodeResult(serves ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }

        return next();
    }
}
